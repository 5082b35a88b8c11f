package io.github.snapshotreplication.cdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.snapshotreplication.contract.CopyIdentifiers;
import io.github.snapshotreplication.contract.TagKeys;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * The IAM statements that the replication's and the vault's roles are built from alike: what an installation may do
 * to its own copies, which live in one region of the stack's account, under its identifier prefix
 * ({@link CopyIdentifiers}) and with its managed-by tag ({@link TagKeys#MANAGED_BY}); and the use of KMS keys through
 * RDS. Each statement has a {@code Sid}; conditions are sorted, so every synth writes the same template.
 *
 * <p>Facts from the Service Authorization Reference for Amazon RDS (docs/aws-references.md#i1, #i2, #i4): the copy
 * actions need the {@code snapshot} / {@code cluster-snapshot} resource and have {@code rds:AddTagsToResource} as a
 * dependent action when tags are passed; both resource types support {@code aws:ResourceTag/${TagKey}} and the
 * {@code rds:snapshot-tag} / {@code rds:cluster-snapshot-tag} keys; the attribute and delete actions have no
 * action-level condition keys. KMS: RDS needs {@code kms:CreateGrant} and {@code kms:DescribeKey} on customer managed
 * keys ("AWS KMS key management" in the RDS guide), narrowed with {@code kms:ViaService}.
 */
final class SnapshotStatements {

    static final String MANAGED_BY_REQUEST_TAG = "aws:RequestTag/" + TagKeys.MANAGED_BY;
    static final String OWN_RESOURCE_TAG = "aws:ResourceTag/" + TagKeys.MANAGED_BY;

    private final Stack stack;
    private final String region;
    private final String installationId;
    private final boolean aurora;

    /**
     * @param stack          the stack, whose account owns the copies
     * @param region         the region the copies live in
     * @param installationId the replication or vault id: the managed-by tag value, hashed into the prefix
     * @param aurora         whether cluster snapshots are in scope
     */
    SnapshotStatements(Stack stack, String region, String installationId, boolean aurora) {
        this.stack = stack;
        this.region = region;
        this.installationId = installationId;
        this.aurora = aurora;
    }

    /** @return the copy actions of the kinds in scope */
    List<String> copyActions() {
        return aurora ? List.of("rds:CopyDBSnapshot", "rds:CopyDBClusterSnapshot") : List.of("rds:CopyDBSnapshot");
    }

    /** @return the snapshot resource types in scope */
    List<String> snapshotTypes() {
        return aurora ? List.of("snapshot", "cluster-snapshot") : List.of("snapshot");
    }

    /** @return the installation's own copies, of every kind in scope: its region, its account, its prefix */
    List<String> ownCopyArns() {
        return snapshotTypes().stream().map(this::ownCopyArn).toList();
    }

    /**
     * Copies are created only under the installation's identifier prefix, and only with its managed-by tag.
     *
     * @param sid the statement's id
     * @return the copy actions and {@code rds:AddTagsToResource} on the own copies, with the request tag
     */
    PolicyStatement copyIntoOwnPrefix(String sid) {
        List<String> copyAndTag = new ArrayList<>(copyActions());
        copyAndTag.add("rds:AddTagsToResource");
        return statement(sid, copyAndTag, ownCopyArns(),
                Map.of("StringEquals", Map.of(MANAGED_BY_REQUEST_TAG, installationId)));
    }

    /**
     * Two facts, either of which a look-alike lacks: tags travel to copies of copies and to restored databases, and
     * the name prefix can be chosen by anyone; together they keep every other snapshot out of reach.
     *
     * @return the delete statements of the kinds in scope
     */
    List<PolicyStatement> deleteOwnCopies() {
        List<PolicyStatement> statements = new ArrayList<>();
        statements.add(statement("DeleteOwnDBSnapshotCopies", List.of("rds:DeleteDBSnapshot"),
                List.of(ownCopyArn("snapshot")),
                Map.of("StringEquals", Map.of("rds:snapshot-tag/" + TagKeys.MANAGED_BY, installationId))));
        if (aurora) {
            statements.add(statement("DeleteOwnDBClusterSnapshotCopies", List.of("rds:DeleteDBClusterSnapshot"),
                    List.of(ownCopyArn("cluster-snapshot")), Map.of("StringEquals",
                            Map.of("rds:cluster-snapshot-tag/" + TagKeys.MANAGED_BY, installationId))));
        }
        return statements;
    }

    /**
     * Sharing is an attribute of the installation's own copy: the statement names no other account. IAM has no
     * condition key for the accounts added (docs/aws-references.md#i2).
     *
     * @param sid the statement's id
     * @return the {@code restore} attribute actions on the own copies that carry the managed-by tag
     */
    PolicyStatement shareOwnCopies(String sid) {
        List<String> share = aurora ? List.of("rds:ModifyDBClusterSnapshotAttribute", "rds:ModifyDBSnapshotAttribute")
                : List.of("rds:ModifyDBSnapshotAttribute");
        return statement(sid, share, ownCopyArns(), Map.of("StringEquals", Map.of(OWN_RESOURCE_TAG, installationId)));
    }

    /**
     * @param sid    the statement's id
     * @param tagKeys the only tag keys the statement lets the installation write on its own copies
     * @return {@code rds:AddTagsToResource} on the own copies that carry the managed-by tag, for {@code tagKeys} only
     */
    PolicyStatement tagOwnCopies(String sid, List<String> tagKeys) {
        return statement(sid, List.of("rds:AddTagsToResource"), ownCopyArns(), Map.of(
                "StringEquals", Map.of(OWN_RESOURCE_TAG, installationId),
                "ForAllValues:StringEquals", Map.of("aws:TagKeys", List.copyOf(tagKeys))));
    }

    /**
     * Describe calls without an identifier are authorized against {@code *} only; the region condition keeps them to
     * the given regions.
     *
     * @param sid     the statement's id
     * @param actions the describe actions
     * @param regions the regions they may be called in
     * @return the statement
     */
    static PolicyStatement describe(String sid, List<String> actions, List<String> regions) {
        return statement(sid, actions, List.of("*"),
                Map.of("StringEquals", Map.of("aws:RequestedRegion", regions.size() == 1 ? regions.get(0) : regions)));
    }

    /**
     * RDS creates grants on the key for the copy it makes, and describes the key; the caller may do so only through
     * RDS of {@code keyRegion}, and only for grants to AWS resources.
     *
     * @param name      the keys' name in the {@code Sid}s, e.g. {@code TargetKey}
     * @param keyArns   the keys
     * @param keyRegion the region of the keys
     * @return the {@code CreateGrantOn<name>ForRds} and {@code DescribeKeyOn<name>ForRds} statements
     */
    static List<PolicyStatement> keyUse(String name, List<String> keyArns, String keyRegion) {
        String viaRds = viaRds(keyRegion);
        PolicyStatement grant = statement("CreateGrantOn" + name + "ForRds", List.of("kms:CreateGrant"), keyArns,
                Map.of("StringEquals", Map.of("kms:ViaService", viaRds),
                        "Bool", Map.of("kms:GrantIsForAWSResource", "true")));
        PolicyStatement describe = statement("DescribeKeyOn" + name + "ForRds", List.of("kms:DescribeKey"), keyArns,
                Map.of("StringEquals", Map.of("kms:ViaService", viaRds)));
        return List.of(grant, describe);
    }

    /** @return the {@code kms:ViaService} value of RDS in {@code region} */
    static String viaRds(String region) {
        return "rds." + region + ".amazonaws.com";
    }

    /**
     * @param region       the resource's region
     * @param account      the resource's account, or {@code null} for the stack's
     * @param service      {@code rds} or {@code kms}
     * @param resourceType e.g. {@code snapshot}, {@code key}
     * @param resourceName e.g. {@code sr*}
     * @return the ARN, with the partition as a token
     */
    String arn(String region, String account, String service, String resourceType, String resourceName) {
        return stack.formatArn(ArnComponents.builder()
                .service(service)
                .region(region)
                .account(account)
                .resource(resourceType)
                .resourceName(resourceName)
                .arnFormat("kms".equals(service) ? ArnFormat.SLASH_RESOURCE_NAME : ArnFormat.COLON_RESOURCE_NAME)
                .build());
    }

    static PolicyStatement statement(String sid, List<String> actions, List<String> resources,
                                     Map<String, ?> conditions) {
        PolicyStatement.Builder b = PolicyStatement.Builder.create()
                .sid(sid)
                .effect(Effect.ALLOW)
                .actions(actions)
                .resources(resources);
        if (conditions != null) {
            // Sorted, so that the template is the same on every synth (Map.of iterates in random order).
            b.conditions(new TreeMap<>(conditions));
        }
        return b.build();
    }

    private String ownCopyArn(String resourceType) {
        return arn(region, null, "rds", resourceType, CopyIdentifiers.identifierStart(installationId) + "*");
    }
}
