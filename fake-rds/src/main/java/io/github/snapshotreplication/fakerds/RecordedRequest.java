package io.github.snapshotreplication.fakerds;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** The parameter naming what an action changes, where it differs from {@link #TARGET_PARAMS}' first match. */
    private static final Map<String, String> TARGET_OF = Map.of(
            "RestoreDBInstanceFromDBSnapshot", "DBInstanceIdentifier",
            "RestoreDBClusterFromSnapshot", "DBClusterIdentifier",
            "CreateDBInstance", "DBInstanceIdentifier");
    /** Where other mutating actions name their target, most specific first. */
    private static final List<String> TARGET_PARAMS = List.of("ResourceName", "TargetDBSnapshotIdentifier",
            "TargetDBClusterSnapshotIdentifier", "DBSnapshotIdentifier", "DBClusterSnapshotIdentifier",
            "DBInstanceIdentifier", "DBClusterIdentifier");

    /** Freezes the parameters. */
    public RecordedRequest {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** @return the parameter value, or null */
    public String param(String name) {
        return params.get(name);
    }

    /**
     * @return true for an action that changes state: Copy*, Create*, Delete*, Modify*, Restore*, AddTagsToResource,
     *     RemoveTagsFromResource (what {@link FakeRdsServer#mutatingRequests()} lists)
     */
    public boolean isMutating() {
        return action != null && RequestLog.isMutating(action);
    }

    /**
     * @return the identifier or ARN as sent of the resource the request creates, changes or deletes: the new
     *     database of a restore or CreateDBInstance, the target snapshot of a copy or create, the snapshot of a
     *     Modify*Attribute, the {@code ResourceName} of a tag action, the database or snapshot of a delete; null when
     *     the request named none
     */
    public String target() {
        String param = action == null ? null : TARGET_OF.get(action);
        if (param != null) {
            return params.get(param);
        }
        return TARGET_PARAMS.stream().map(params::get).filter(v -> v != null && !v.isEmpty()).findFirst()
                .orElse(null);
    }

    /** @return the request's {@code Tags.Tag.N.Key/Value} in order (those a create, restore or tag action adds) */
    public Map<String, String> tags() {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 1; params.containsKey("Tags.Tag." + i + ".Key"); i++) {
            tags.put(params.get("Tags.Tag." + i + ".Key"), params.getOrDefault("Tags.Tag." + i + ".Value", ""));
        }
        return Collections.unmodifiableMap(tags);
    }

    /** @return true when the answer was not an error */
    public boolean succeeded() {
        return errorCode == null;
    }
}
