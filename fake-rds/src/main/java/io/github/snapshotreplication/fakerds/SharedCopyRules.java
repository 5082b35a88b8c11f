package io.github.snapshotreplication.fakerds;

import java.util.List;

/**
 * The checks RDS makes when an account copies a snapshot another account shared with it (docs/aws-references.md V2,
 * V3): the snapshot must be shared with the caller, stay in its region, and, when encrypted, be copied with a key of
 * the caller's and a source key whose policy lets the caller use it.
 */
final class SharedCopyRules {

    private SharedCopyRules() {
    }

    /**
     * RDS User Guide, Sharing a DB snapshot: another account's manual snapshot can be copied once shared with the
     * caller (or public); otherwise the caller can't see it.
     *
     * @throws QueryError {@code notFound} when another account's snapshot is not shared with the caller
     */
    static void checkSharedWithCaller(CopyRules.Source source, String snapshotType, List<String> sharedWith,
                                      FakeRegion target, QueryError notFound) {
        if (source.crossAccount() && !Sharing.isVisibleTo(snapshotType, sharedWith, target.accountId())) {
            throw notFound;
        }
    }

    /**
     * The rules of copying a shared snapshot, for a source in another account.
     *
     * <ul>
     *   <li>RDS User Guide (2023 text), Copying a DB snapshot: "if the shared DB snapshot is encrypted, you can only
     *       copy it in the same Region"; Aurora User Guide (2023 text): "You can only copy a shared DB cluster
     *       snapshot, whether encrypted or not, in the same AWS Region." Today's guides allow a copy "to another AWS
     *       Region or account in a single step": the fake follows the stricter text (README: assumptions). No error
     *       code is documented: InvalidParameterCombination.</li>
     *   <li>RDS API reference, CopyDBSnapshot KmsKeyId: "If you copy an encrypted DB snapshot that is shared from
     *       another AWS account, then you must specify a value for this parameter" (InvalidParameterValue, as for a
     *       cross-Region copy without one).</li>
     *   <li>RDS User Guide, Sharing encrypted snapshots: the source key's policy must give the target account access,
     *       which an AWS managed key's can't (KMSKeyNotAccessibleFault).</li>
     * </ul>
     */
    static void checkSharedCopy(QueryRequest request, CopyRules.Source source, boolean cluster, boolean encrypted,
                                String sourceKmsKeyId, FakeRegion target) {
        if (!source.crossAccount()) {
            return;
        }
        String sourceValue = request.required(cluster ? "SourceDBClusterSnapshotIdentifier"
                : "SourceDBSnapshotIdentifier");
        if (source.crossRegion() && (cluster || encrypted)) {
            throw QueryError.invalidCombination("A shared " + (cluster ? "DB cluster snapshot" : "encrypted DB"
                    + " snapshot") + " can only be copied in its own Region (" + source.region().name() + "), not"
                    + " to " + target.name() + ": " + sourceValue);
        }
        if (!encrypted) {
            return;
        }
        if (request.optional("KmsKeyId") == null) {
            throw QueryError.invalidValue("KmsKeyId is required to copy an encrypted snapshot shared from another"
                    + " AWS account: give a key of account " + target.accountId() + " in " + target.name() + ".");
        }
        if (!source.region().kmsKeys().isUsableByOtherAccount(sourceKmsKeyId, target.accountId())) {
            throw new QueryError(FakeError.KMS_KEY_NOT_ACCESSIBLE, "The source snapshot's KMS key " + sourceKmsKeyId
                    + " does not exist, is not enabled or its key policy does not give account "
                    + target.accountId() + " access to it.");
        }
    }
}
