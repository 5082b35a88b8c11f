package io.github.snapshotreplication.fakerds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.CopyDbClusterSnapshotRequest;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.InvalidDbClusterSnapshotStateException;
import software.amazon.awssdk.services.rds.model.KmsKeyNotAccessibleException;
import software.amazon.awssdk.services.rds.model.RdsException;
import software.amazon.awssdk.services.rds.model.SnapshotQuotaExceededException;
import software.amazon.awssdk.services.rds.model.Tag;

class CopyDbClusterSnapshotTest {

    private static final String SOURCE_ID = "rds:billing-aurora-2024-05-14-02-45";
    private static final String SOURCE_ARN = Sdk.clusterSnapshotArn(Sdk.SOURCE, SOURCE_ID);
    private static final String TARGET_ID = "billing-aurora-2024-05-14-02-45-eu-west-1";

    private FakeRdsServer rds;
    private RdsClient target;

    @BeforeEach
    void start() {
        rds = FakeRdsServer.start();
        target = Sdk.noRetryClient(rds.endpoint(), Sdk.TARGET);
        rds.region(Sdk.SOURCE).addDbClusterSnapshot(Sdk.automatedCluster(SOURCE_ID, "billing-aurora")
                .tag("team", "billing").build());
    }

    @AfterEach
    void stop() {
        target.close();
        rds.close();
    }

    @Test
    void crossRegionCopyIsCopyingThenAvailable() {
        DBClusterSnapshot copy = target.copyDBClusterSnapshot(crossRegion().copyTags(true).build())
                .dbClusterSnapshot();

        assertThat(copy.dbClusterSnapshotIdentifier()).isEqualTo(TARGET_ID);
        assertThat(copy.dbClusterSnapshotArn()).isEqualTo(Sdk.clusterSnapshotArn(Sdk.TARGET, TARGET_ID));
        assertThat(copy.status()).isEqualTo("copying");
        assertThat(copy.percentProgress()).isZero();
        assertThat(copy.snapshotType()).isEqualTo("manual");
        assertThat(copy.sourceDBClusterSnapshotArn()).isEqualTo(SOURCE_ARN);
        assertThat(copy.snapshotCreateTime()).isEqualTo(Sdk.CREATED);
        assertThat(copy.storageEncrypted()).isTrue();
        assertThat(copy.kmsKeyId()).isEqualTo(Sdk.TARGET_KEY);
        assertThat(copy.tagList()).containsExactly(Tag.builder().key("team").value("billing").build());

        assertThat(rds.region(Sdk.TARGET).completePendingCopies()).isEqualTo(1);
        DBClusterSnapshot done = target.describeDBClusterSnapshots(b -> b.dbClusterSnapshotIdentifier(TARGET_ID))
                .dbClusterSnapshots().get(0);
        assertThat(done.status()).isEqualTo("available");
        assertThat(done.percentProgress()).isEqualTo(100);
    }

    @Test
    void sdkSendsTheDocumentedParameters() {
        target.copyDBClusterSnapshot(crossRegion().copyTags(false)
                .tags(Tag.builder().key("k").value("v").build()).build());

        Map<String, String> params = rds.requests().get(0).params();
        assertThat(params).containsEntry("Action", "CopyDBClusterSnapshot")
                .containsEntry("SourceDBClusterSnapshotIdentifier", SOURCE_ARN)
                .containsEntry("TargetDBClusterSnapshotIdentifier", TARGET_ID)
                .containsEntry("KmsKeyId", Sdk.TARGET_KEY)
                .containsEntry("CopyTags", "false")
                .containsEntry("Tags.Tag.1.Key", "k")
                .doesNotContainKey("SourceRegion");
        Map<String, String> presigned = QueryRequest.decodeForm(URI.create(params.get("PreSignedUrl")).getRawQuery());
        assertThat(presigned).containsEntry("DestinationRegion", Sdk.TARGET)
                .containsEntry("Action", "CopyDBClusterSnapshot");
    }

    @Test
    void kmsKeyIdForAnUnencryptedClusterSnapshotIsAnInvalidCombination() {
        rds.region(Sdk.SOURCE).addDbClusterSnapshot(DbClusterSnapshot.builder().identifier("plain")
                .dbClusterIdentifier("c").build());
        CopyDbClusterSnapshotRequest.Builder request = crossRegion()
                .sourceDBClusterSnapshotIdentifier(Sdk.clusterSnapshotArn(Sdk.SOURCE, "plain"));

        assertThatThrownBy(() -> target.copyDBClusterSnapshot(request.build()))
                .isInstanceOfSatisfying(RdsException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterCombination"));
        DBClusterSnapshot copy = target.copyDBClusterSnapshot(request.kmsKeyId(null).build()).dbClusterSnapshot();
        assertThat(copy.storageEncrypted()).isFalse();
    }

    @Test
    void encryptedCopyNeedsATargetRegionKeyAndAPresignedUrl() {
        assertThatThrownBy(() -> target.copyDBClusterSnapshot(crossRegion().kmsKeyId(null).build()))
                .isInstanceOf(RdsException.class).hasMessageContaining("KmsKeyId is required");
        assertThatThrownBy(() -> target.copyDBClusterSnapshot(crossRegion().kmsKeyId(Sdk.SOURCE_KEY).build()))
                .isInstanceOf(KmsKeyNotAccessibleException.class);
        assertThatThrownBy(() -> target.copyDBClusterSnapshot(crossRegion().sourceRegion(null).build()))
                .isInstanceOf(RdsException.class).hasMessageContaining("PreSignedUrl");
    }

    @Test
    void stateAndExistenceErrorsMapToTheirExceptions() {
        rds.region(Sdk.SOURCE).addDbClusterSnapshot(Sdk.automatedCluster("rds:busy", "c").status("creating").build());

        assertThatThrownBy(() -> target.copyDBClusterSnapshot(crossRegion()
                .sourceDBClusterSnapshotIdentifier(Sdk.clusterSnapshotArn(Sdk.SOURCE, "rds:busy")).build()))
                .isInstanceOf(InvalidDbClusterSnapshotStateException.class);
        assertThatThrownBy(() -> target.copyDBClusterSnapshot(crossRegion()
                .sourceDBClusterSnapshotIdentifier(Sdk.clusterSnapshotArn(Sdk.SOURCE, "rds:none")).build()))
                .isInstanceOf(DbClusterSnapshotNotFoundException.class);
        target.copyDBClusterSnapshot(crossRegion().build());
        assertThatThrownBy(() -> target.copyDBClusterSnapshot(crossRegion().build()))
                .isInstanceOf(DbClusterSnapshotAlreadyExistsException.class);
    }

    @Test
    void clusterIdentifiersAreLimitedTo63Characters() {
        target.copyDBClusterSnapshot(crossRegion().targetDBClusterSnapshotIdentifier("a".repeat(63)).build());

        assertThatThrownBy(() -> target.copyDBClusterSnapshot(crossRegion()
                .targetDBClusterSnapshotIdentifier("b".repeat(64)).build()))
                .isInstanceOfSatisfying(RdsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("TargetDBClusterSnapshotIdentifier");
                });
    }

    @Test
    void clusterCopyQuotaDefaultsToFiveInFlight() {
        for (int i = 1; i <= FakeRegion.DEFAULT_CLUSTER_COPY_QUOTA; i++) {
            int n = i;
            target.copyDBClusterSnapshot(crossRegion().targetDBClusterSnapshotIdentifier("c" + n).build());
        }

        assertThatThrownBy(() -> target.copyDBClusterSnapshot(crossRegion().targetDBClusterSnapshotIdentifier("c6")
                .build())).isInstanceOfSatisfying(SnapshotQuotaExceededException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SnapshotQuotaExceeded");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Cannot copy more than 5 snapshots across regions");
                });
        rds.region(Sdk.TARGET).completePendingCopies(1);
        target.copyDBClusterSnapshot(crossRegion().targetDBClusterSnapshotIdentifier("c6").build());
        assertThat(rds.region(Sdk.TARGET).dbClusterSnapshots()).hasSize(6);
    }

    @Test
    void manualClusterSnapshotQuotaHasItsOwnMessageUnderTheSameCode() {
        rds.region(Sdk.TARGET).setManualClusterSnapshotQuota(1);
        target.copyDBClusterSnapshot(crossRegion().targetDBClusterSnapshotIdentifier("c1").build());

        assertThatThrownBy(() -> target.copyDBClusterSnapshot(crossRegion().targetDBClusterSnapshotIdentifier("c2")
                .build())).isInstanceOfSatisfying(SnapshotQuotaExceededException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SnapshotQuotaExceeded");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Cannot create more than 1 manual snapshots");
                });
    }

    private static CopyDbClusterSnapshotRequest.Builder crossRegion() {
        return CopyDbClusterSnapshotRequest.builder()
                .sourceDBClusterSnapshotIdentifier(SOURCE_ARN)
                .targetDBClusterSnapshotIdentifier(TARGET_ID)
                .kmsKeyId(Sdk.TARGET_KEY)
                .sourceRegion(Sdk.SOURCE);
    }
}
