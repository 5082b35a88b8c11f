package io.github.snapshotreplication.fakerds;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request the fake received, after it was answered.
 *
 * @param region      region of the SigV4 credential scope, null when the request had none
 * @param accessKeyId access key id of the SigV4 credential scope, null when the request had none
 * @param accountId   the account the request was served in (the access key's, else the default account)
 * @param action      the {@code Action} parameter, null when missing
 * @param params      every form parameter in the order sent (including Action and Version)
 * @param status      HTTP status of the answer
 * @param errorCode   {@code <Code>} of the error answer, null on success
 */
public record RecordedRequest(String region, String accessKeyId, String accountId, String action,
                              Map<String, String> params, int status, String errorCode) {

    /** Freezes the parameters. */
    public RecordedRequest {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** @return the parameter value, or null */
    public String param(String name) {
        return params.get(name);
    }

    /** @return true when the answer was not an error */
    public boolean succeeded() {
        return errorCode == null;
    }
}
