package io.github.snapshotreplication.fakerds;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who called and for which region: the SigV4 credential scope {@code AKID/DATE/REGION/SERVICE/aws4_request}, from
 * the {@code Authorization} header ({@code Credential=...}) or, for a presigned request, {@code X-Amz-Credential}.
 * Signatures are not checked: the access key id only tells callers apart.
 *
 * @param accessKeyId the access key id, e.g. {@code AKIDEXAMPLE}
 * @param region      the region, e.g. {@code eu-west-1}
 */
record CredentialScope(String accessKeyId, String region) {

    private static final Pattern HEADER =
            Pattern.compile("Credential=([^/,\\s]+)/\\d{8}/([a-z0-9-]+)/[^/,\\s]+/aws4_request");
    private static final Pattern QUERY = Pattern.compile("([^/]+)/\\d{8}/([a-z0-9-]+)/[^/]+/aws4_request");

    /** @return the scope of the header, else of the {@code X-Amz-Credential} parameter, else null */
    static CredentialScope of(String authorization, Map<String, String> params) {
        if (authorization != null) {
            Matcher matcher = HEADER.matcher(authorization);
            if (matcher.find()) {
                return new CredentialScope(matcher.group(1), matcher.group(2));
            }
        }
        String credential = params.get("X-Amz-Credential");
        if (credential != null) {
            Matcher matcher = QUERY.matcher(credential);
            if (matcher.matches()) {
                return new CredentialScope(matcher.group(1), matcher.group(2));
            }
        }
        return null;
    }
}
