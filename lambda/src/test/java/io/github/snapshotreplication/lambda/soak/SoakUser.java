package io.github.snapshotreplication.lambda.soak;

import io.github.snapshotreplication.fakerds.FakeRdsServer;
import io.github.snapshotreplication.lambda.plan.SnapshotKind;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.RdsException;
import software.amazon.awssdk.services.rds.model.Tag;

import java.util.List;
import java.util.Map;

/**
 * A person with console rights in both regions, acting through the RDS API with the SDK and their own access key
 * id ({@link Installation#USER_KEY}): what they create is theirs in the fake's ground truth.
 */
final class SoakUser implements AutoCloseable {

    private final RdsClient source;
    private final RdsClient target;

    SoakUser(FakeRdsServer rds) {
        source = client(rds, SoakFleet.SOURCE);
        target = client(rds, SoakFleet.TARGET);
    }

    private static RdsClient client(FakeRdsServer rds, String region) {
        return RdsClient.builder().endpointOverride(rds.endpoint()).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        Installation.USER_KEY, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /**
     * Copies a snapshot into {@code region}: within it when {@code fromRegion} is null, else across (the SDK
     * presigns the source-region request).
     *
     * @return false when RDS refused with SnapshotQuotaExceeded (its cross-region copy slots are full)
     */
    boolean copy(String region, SnapshotKind kind, String sourceArnOrId, String targetId, String fromRegion,
                 String kmsKeyId, boolean copyTags, Map<String, String> tags) {
        try {
            if (kind == SnapshotKind.DB_SNAPSHOT) {
                client(region).copyDBSnapshot(r -> r.sourceDBSnapshotIdentifier(sourceArnOrId)
                        .targetDBSnapshotIdentifier(targetId).sourceRegion(fromRegion).kmsKeyId(kmsKeyId)
                        .copyTags(copyTags).tags(sdkTags(tags)));
            } else {
                client(region).copyDBClusterSnapshot(r -> r.sourceDBClusterSnapshotIdentifier(sourceArnOrId)
                        .targetDBClusterSnapshotIdentifier(targetId).sourceRegion(fromRegion).kmsKeyId(kmsKeyId)
                        .copyTags(copyTags).tags(sdkTags(tags)));
            }
            return true;
        } catch (RdsException e) {
            if ("SnapshotQuotaExceeded".equals(e.awsErrorDetails().errorCode())) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Restores a database from a snapshot of {@code region} with these tags, CopyTagsToSnapshot on (the CDK's
     * default) and a week of backups.
     */
    void restore(String region, SnapshotKind kind, String snapshotId, String databaseId, Map<String, String> tags) {
        if (kind == SnapshotKind.DB_SNAPSHOT) {
            client(region).restoreDBInstanceFromDBSnapshot(r -> r.dbSnapshotIdentifier(snapshotId)
                    .dbInstanceIdentifier(databaseId).dbInstanceClass("db.t4g.micro").copyTagsToSnapshot(true)
                    .backupRetentionPeriod(7).tags(sdkTags(tags)));
        } else {
            client(region).restoreDBClusterFromSnapshot(r -> r.snapshotIdentifier(snapshotId)
                    .dbClusterIdentifier(databaseId).engine("aurora-postgresql").copyTagsToSnapshot(true)
                    .backupRetentionPeriod(7).tags(sdkTags(tags)));
        }
    }

    /** A manual snapshot of a database of the target region, without request tags. */
    void createSnapshot(SnapshotKind kind, String databaseId, String snapshotId) {
        if (kind == SnapshotKind.DB_SNAPSHOT) {
            target.createDBSnapshot(r -> r.dbInstanceIdentifier(databaseId).dbSnapshotIdentifier(snapshotId));
        } else {
            target.createDBClusterSnapshot(r -> r.dbClusterIdentifier(databaseId)
                    .dbClusterSnapshotIdentifier(snapshotId));
        }
    }

    /** Deletes a database of the target region, keeping a final snapshot. */
    void deleteDatabase(SnapshotKind kind, String databaseId, String finalSnapshotId) {
        if (kind == SnapshotKind.DB_SNAPSHOT) {
            target.deleteDBInstance(r -> r.dbInstanceIdentifier(databaseId).finalDBSnapshotIdentifier(finalSnapshotId));
        } else {
            target.deleteDBCluster(r -> r.dbClusterIdentifier(databaseId).finalDBSnapshotIdentifier(finalSnapshotId));
        }
    }

    /** Deletes a snapshot of the target region. */
    void deleteSnapshot(SnapshotKind kind, String id) {
        if (kind == SnapshotKind.DB_SNAPSHOT) {
            target.deleteDBSnapshot(r -> r.dbSnapshotIdentifier(id));
        } else {
            target.deleteDBClusterSnapshot(r -> r.dbClusterSnapshotIdentifier(id));
        }
    }

    /** Tags a resource of the target region by hand. */
    void addTags(String arn, Map<String, String> tags) {
        target.addTagsToResource(r -> r.resourceName(arn).tags(sdkTags(tags)));
    }

    @Override
    public void close() {
        source.close();
        target.close();
    }

    private RdsClient client(String region) {
        return SoakFleet.SOURCE.equals(region) ? source : target;
    }

    /** Null for no tags: an empty list would still be sent, as an empty {@code Tags} parameter. */
    private static List<Tag> sdkTags(Map<String, String> tags) {
        if (tags.isEmpty()) {
            return null;
        }
        return tags.entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList();
    }
}
