package io.github.snapshotreplication.fakerds;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;

/** The real SDK client the tests drive, and shared test data. */
final class Sdk {

    static final String SOURCE = "eu-west-1";
    static final String TARGET = "eu-central-1";
    static final String SOURCE_KEY = "arn:aws:kms:eu-west-1:123456789012:key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    static final String TARGET_KEY = "arn:aws:kms:eu-central-1:123456789012:key/9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f";
    static final Instant CREATED = Instant.parse("2024-05-14T03:10:42.512Z");
    /** The second account of the sharing tests: it receives shared snapshots and copies them. */
    static final String VAULT = "210987654321";
    /** A customer managed key of the default account in the source region, the kind that can be shared. */
    static final String SHARE_KEY = "arn:aws:kms:eu-west-1:123456789012:key/5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b";
    /** A key of the vault account in the source region. */
    static final String VAULT_KEY = "arn:aws:kms:eu-west-1:210987654321:key/0a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d";

    private Sdk() {
    }

    /** A client as the Lambda builds it: endpoint override, static fake credentials, URL connection client. */
    static RdsClient client(URI endpoint, String region) {
        return RdsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** A client that never retries, for error mapping tests that must see exactly one request. */
    static RdsClient noRetryClient(URI endpoint, String region) {
        return RdsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** A client that never retries, signing with another caller's access key id (ground-truth tests). */
    static RdsClient clientAs(URI endpoint, String region, String accessKeyId) {
        return RdsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(accessKeyId, "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** An encrypted automated snapshot of {@code instance} in the source region's key. */
    static DbSnapshot.Builder automated(String identifier, String instance) {
        return DbSnapshot.builder().identifier(identifier).dbInstanceIdentifier(instance)
                .snapshotType("automated").createdAt(CREATED).encrypted(true).kmsKeyId(SOURCE_KEY);
    }

    /** An encrypted automated cluster snapshot of {@code cluster} in the source region's key. */
    static DbClusterSnapshot.Builder automatedCluster(String identifier, String cluster) {
        return DbClusterSnapshot.builder().identifier(identifier).dbClusterIdentifier(cluster)
                .snapshotType("automated").createdAt(CREATED).storageEncrypted(true).kmsKeyId(SOURCE_KEY);
    }

    /**
     * The target region of a restore drill: these restore and delete times, a subnet group {@code drill-subnets},
     * the copies {@code orders-copy} (postgres 16.2, 100 GiB, the source instance's tag team=orders) and
     * {@code billing-copy} (aurora-postgresql 15.4), both encrypted with the target key.
     */
    static FakeRegion drillRegion(FakeRdsServer rds, Duration restore, Duration delete) {
        FakeRegion region = rds.region(TARGET).restoreTiming(restore, delete)
                .addSubnetGroup("drill-subnets", "vpc-0a1b2c3d");
        region.addDbSnapshot(DbSnapshot.builder().identifier("orders-copy").dbInstanceIdentifier("orders-db")
                .snapshotType("manual").engine("postgres").engineVersion("16.2").allocatedStorage(100)
                .encrypted(true).kmsKeyId(TARGET_KEY).createdAt(CREATED).instanceTags(Map.of("team", "orders"))
                .tag("snapshot-tag", "x").build());
        region.addDbClusterSnapshot(DbClusterSnapshot.builder().identifier("billing-copy")
                .dbClusterIdentifier("billing").snapshotType("manual").engine("aurora-postgresql")
                .engineVersion("15.4").storageEncrypted(true).kmsKeyId(TARGET_KEY).createdAt(CREATED).build());
        return region;
    }

    static String snapshotArn(String region, String identifier) {
        return "arn:aws:rds:" + region + ":123456789012:snapshot:" + identifier;
    }

    static String clusterSnapshotArn(String region, String identifier) {
        return "arn:aws:rds:" + region + ":123456789012:cluster-snapshot:" + identifier;
    }

    static String vaultSnapshotArn(String region, String identifier) {
        return "arn:aws:rds:" + region + ":" + VAULT + ":snapshot:" + identifier;
    }
}
