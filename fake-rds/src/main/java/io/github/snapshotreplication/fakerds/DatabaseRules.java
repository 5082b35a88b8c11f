package io.github.snapshotreplication.fakerds;

/**
 * The checks RDS makes before it restores or creates a database, shared by the restore actions and
 * CreateDBInstance: the groups it names exist, its engine version is still offered, its KMS key is usable, and the
 * region's quotas have room. Callers holding the region lock see consistent counts.
 */
final class DatabaseRules {

    private DatabaseRules() {
    }

    /** RDS API reference, RestoreDBInstanceFromDBSnapshot Errors: DBSubnetGroupNotFoundFault (HTTP 404). */
    static void checkSubnetGroup(FakeRegion region, String name) {
        if (name != null && region.subnetGroup(name).isEmpty()) {
            throw new QueryError(FakeError.DB_SUBNET_GROUP_NOT_FOUND, "DBSubnetGroup " + name + " not found.");
        }
    }

    /** RDS API reference, RestoreDBInstanceFromDBSnapshot Errors: OptionGroupNotFoundFault. */
    static void checkOptionGroup(FakeRegion region, String name) {
        if (name != null && region.optionGroup(name).isEmpty()) {
            throw new QueryError(FakeError.OPTION_GROUP_NOT_FOUND, "Specified OptionGroupName not found: " + name);
        }
    }

    /**
     * A version RDS retired can't be restored or created. The reference documents no code for it; users get
     * InvalidParameterCombination "Cannot find version 5.7.mysql_aurora.2.07.2 for aurora" (aws/aws-sdk-go#3786),
     * and the fake answers the same.
     */
    static void checkEngineVersion(FakeRegion region, String engine, String version) {
        if (region.restoreFaults().isRetired(engine, version)) {
            throw QueryError.invalidCombination("Cannot find version " + version + " for " + engine);
        }
    }

    /**
     * RDS API reference, RestoreDBInstanceFromDBSnapshot and RestoreDBClusterFromSnapshot Errors:
     * KMSKeyNotAccessibleFault, "An error occurred accessing an AWS KMS key", for the key of an encrypted snapshot
     * that is disabled or whose grant was revoked.
     */
    static void checkSnapshotKey(FakeRegion region, String kmsKeyId) {
        if (kmsKeyId != null && region.kmsKeys().isInaccessible(kmsKeyId)) {
            throw new QueryError(FakeError.KMS_KEY_NOT_ACCESSIBLE, "The KMS key " + kmsKeyId + " of the snapshot"
                    + " does not exist, is not enabled or you do not have permissions to access it.");
        }
    }

    /**
     * Caller holds the lock. RDS API reference, RestoreDBInstanceFromDBSnapshot and CreateDBInstance Errors:
     * InstanceQuotaExceeded (the number of DB instances) and StorageQuotaExceeded (total allocated storage); both
     * count databases still being created or deleted.
     */
    static void checkInstanceQuotas(FakeRegion region, int allocatedGib) {
        RegionState state = region.state();
        if (state.instances().size() >= region.dbInstanceQuota()) {
            throw new QueryError(FakeError.INSTANCE_QUOTA_EXCEEDED, "DB instance quota exceeded: the region allows "
                    + region.dbInstanceQuota() + " DB instances");
        }
        long used = state.instances().values().stream().mapToLong(DbInstance::allocatedStorage).sum();
        if (used + allocatedGib > region.storageQuotaGib()) {
            throw new QueryError(FakeError.STORAGE_QUOTA_EXCEEDED, "Storage quota exceeded: " + used + " GiB"
                    + " allocated, " + allocatedGib + " GiB more would pass the quota of " + region.storageQuotaGib()
                    + " GiB");
        }
    }

    /** Caller holds the lock. RDS API reference, RestoreDBClusterFromSnapshot Errors: DBClusterQuotaExceededFault. */
    static void checkClusterQuota(FakeRegion region) {
        if (region.state().clusters().size() >= region.dbClusterQuota()) {
            throw new QueryError(FakeError.DB_CLUSTER_QUOTA_EXCEEDED, "DB cluster quota exceeded: the region allows "
                    + region.dbClusterQuota() + " DB clusters");
        }
    }
}
