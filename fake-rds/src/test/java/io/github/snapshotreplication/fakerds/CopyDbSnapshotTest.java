package io.github.snapshotreplication.fakerds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.CopyDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbSnapshotAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.InvalidDbSnapshotStateException;
import software.amazon.awssdk.services.rds.model.KmsKeyNotAccessibleException;
import software.amazon.awssdk.services.rds.model.RdsException;
import software.amazon.awssdk.services.rds.model.SnapshotQuotaExceededException;
import software.amazon.awssdk.services.rds.model.Tag;

class CopyDbSnapshotTest {

    private static final String SOURCE_ID = "rds:orders-db-2024-05-14-03-10";
    private static final String SOURCE_ARN = Sdk.snapshotArn(Sdk.SOURCE, SOURCE_ID);
    private static final String TARGET_ID = "orders-db-2024-05-14-03-10-eu-west-1";
    private static final Instant COPIED_AT = Instant.parse("2024-05-14T03:41:07.118Z");

    private FakeRdsServer rds;
    private RdsClient target;

    @BeforeEach
    void start() {
        rds = FakeRdsServer.start();
        rds.setClock(Clock.fixed(COPIED_AT, ZoneOffset.UTC));
        target = Sdk.noRetryClient(rds.endpoint(), Sdk.TARGET);
        rds.region(Sdk.SOURCE).addDbSnapshot(Sdk.automated(SOURCE_ID, "orders-db").engineVersion("16.2")
                .tag("team", "orders").tag("environment", "production").build());
    }

    @AfterEach
    void stop() {
        target.close();
        rds.close();
    }

    @Test
    void crossRegionCopyIsCreatingThenAvailableAndKeepsItsOriginalCreateTime() {
        DBSnapshot copy = target.copyDBSnapshot(crossRegion().build()).dbSnapshot();

        assertThat(copy.dbSnapshotIdentifier()).isEqualTo(TARGET_ID);
        assertThat(copy.dbSnapshotArn()).isEqualTo(Sdk.snapshotArn(Sdk.TARGET, TARGET_ID));
        assertThat(copy.status()).isEqualTo("creating");
        assertThat(copy.percentProgress()).isZero();
        assertThat(copy.snapshotType()).isEqualTo("manual");
        assertThat(copy.sourceRegion()).isEqualTo(Sdk.SOURCE);
        assertThat(copy.sourceDBSnapshotIdentifier()).isEqualTo(SOURCE_ARN);
        assertThat(copy.snapshotCreateTime()).isEqualTo(COPIED_AT);
        assertThat(copy.originalSnapshotCreateTime()).isEqualTo(Sdk.CREATED);
        assertThat(copy.encrypted()).isTrue();
        assertThat(copy.kmsKeyId()).isEqualTo(Sdk.TARGET_KEY);
        assertThat(copy.dbInstanceIdentifier()).isEqualTo("orders-db");
        assertThat(copy.engineVersion()).isEqualTo("16.2");

        assertThat(rds.region(Sdk.TARGET).completePendingCopies()).isEqualTo(1);

        DBSnapshot done = target.describeDBSnapshots(b -> b.dbSnapshotIdentifier(TARGET_ID)).dbSnapshots().get(0);
        assertThat(done.status()).isEqualTo("available");
        assertThat(done.percentProgress()).isEqualTo(100);
        assertThat(rds.region(Sdk.TARGET).pendingCount()).isZero();
        assertThat(rds.region(Sdk.SOURCE).dbSnapshots()).hasSize(1);
    }

    @Test
    void sdkSendsTheDocumentedParametersAndAPresignedUrlInsteadOfSourceRegion() {
        target.copyDBSnapshot(crossRegion().copyTags(true).tags(tag("copied-by", "test")).build());

        Map<String, String> params = rds.requests().get(0).params();
        assertThat(params).containsEntry("Action", "CopyDBSnapshot")
                .containsEntry("Version", "2014-10-31")
                .containsEntry("SourceDBSnapshotIdentifier", SOURCE_ARN)
                .containsEntry("TargetDBSnapshotIdentifier", TARGET_ID)
                .containsEntry("KmsKeyId", Sdk.TARGET_KEY)
                .containsEntry("CopyTags", "true")
                .containsEntry("Tags.Tag.1.Key", "copied-by")
                .containsEntry("Tags.Tag.1.Value", "test")
                .doesNotContainKey("SourceRegion");
        Map<String, String> presigned = QueryRequest.decodeForm(URI.create(params.get("PreSignedUrl")).getRawQuery());
        assertThat(URI.create(params.get("PreSignedUrl")).getHost()).isEqualTo("rds.eu-west-1.amazonaws.com");
        assertThat(presigned).containsEntry("DestinationRegion", Sdk.TARGET)
                .containsEntry("Action", "CopyDBSnapshot")
                .containsKey("X-Amz-Signature");
        assertThat(presigned.get("X-Amz-Credential")).contains("/eu-west-1/rds/aws4_request");
    }

    @Test
    void copyTagsCopiesTheSourceTagsThenTagsWinOnAClash() {
        DBSnapshot copy = target.copyDBSnapshot(crossRegion().copyTags(true)
                .tags(tag("environment", "dr"), tag("copied-from", SOURCE_ARN)).build()).dbSnapshot();

        assertThat(copy.tagList()).containsExactly(tag("team", "orders"), tag("environment", "dr"),
                tag("copied-from", SOURCE_ARN));
        assertThat(rds.region(Sdk.TARGET).dbSnapshot(TARGET_ID).orElseThrow().tags())
                .containsExactly(Map.entry("team", "orders"), Map.entry("environment", "dr"),
                        Map.entry("copied-from", SOURCE_ARN));
    }

    @Test
    void withoutCopyTagsOnlyTheGivenTagsAreSet() {
        DBSnapshot copy = target.copyDBSnapshot(crossRegion().tags(tag("a", "1")).build()).dbSnapshot();

        assertThat(copy.tagList()).containsExactly(tag("a", "1"));
    }

    @Test
    void targetIdTakenIsAlreadyExists() {
        target.copyDBSnapshot(crossRegion().build());

        assertThatThrownBy(() -> target.copyDBSnapshot(crossRegion().build()))
                .isInstanceOfSatisfying(DbSnapshotAlreadyExistsException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DBSnapshotAlreadyExists"));
        assertThat(rds.region(Sdk.TARGET).dbSnapshots()).hasSize(1);
    }

    @Test
    void missingOrUnavailableSourceIsRejected() {
        assertThatThrownBy(() -> target.copyDBSnapshot(crossRegion()
                .sourceDBSnapshotIdentifier(Sdk.snapshotArn(Sdk.SOURCE, "rds:nope")).build()))
                .isInstanceOfSatisfying(DbSnapshotNotFoundException.class, e ->
                        assertThat(e.statusCode()).isEqualTo(404));
        rds.region(Sdk.SOURCE).addDbSnapshot(Sdk.automated("rds:busy", "orders-db").status("creating").build());
        assertThatThrownBy(() -> target.copyDBSnapshot(crossRegion()
                .sourceDBSnapshotIdentifier(Sdk.snapshotArn(Sdk.SOURCE, "rds:busy")).build()))
                .isInstanceOf(InvalidDbSnapshotStateException.class).hasMessageContaining("creating");
        assertThat(rds.region(Sdk.TARGET).dbSnapshots()).isEmpty();
    }

    @Test
    void encryptedCrossRegionCopyNeedsAKmsKeyOfTheTargetRegion() {
        assertThatThrownBy(() -> target.copyDBSnapshot(crossRegion().kmsKeyId(null).build()))
                .isInstanceOfSatisfying(RdsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith("KmsKeyId is required");
                });
        assertThatThrownBy(() -> target.copyDBSnapshot(crossRegion().kmsKeyId(Sdk.SOURCE_KEY).build()))
                .isInstanceOfSatisfying(KmsKeyNotAccessibleException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("KMSKeyNotAccessibleFault"));
        assertThatThrownBy(() -> target.copyDBSnapshot(crossRegion().kmsKeyId("not a key").build()))
                .isInstanceOf(KmsKeyNotAccessibleException.class);
        rds.region(Sdk.TARGET).makeKmsKeyInaccessible(Sdk.TARGET_KEY);
        assertThatThrownBy(() -> target.copyDBSnapshot(crossRegion().build()))
                .isInstanceOf(KmsKeyNotAccessibleException.class);
        assertThat(rds.region(Sdk.TARGET).dbSnapshots()).isEmpty();
    }

    @Test
    void aliasesAndKeyIdsOfTheTargetRegionAreAccepted() {
        target.copyDBSnapshot(crossRegion().kmsKeyId("alias/dr-snapshots").build());
        target.copyDBSnapshot(crossRegion().targetDBSnapshotIdentifier("second")
                .kmsKeyId("9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f").build());

        assertThat(rds.region(Sdk.TARGET).dbSnapshots()).extracting(DbSnapshot::kmsKeyId)
                .containsExactly("alias/dr-snapshots", "9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f");
    }

    @Test
    void encryptedCrossRegionCopyWithoutPresignedUrlIsRejectedUnencryptedIsAccepted() {
        CopyDbSnapshotRequest noPresign = crossRegion().sourceRegion(null).build();
        assertThatThrownBy(() -> target.copyDBSnapshot(noPresign))
                .isInstanceOfSatisfying(RdsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("PreSignedUrl");
                });
        rds.region(Sdk.SOURCE).addDbSnapshot(DbSnapshot.builder().identifier("plain").dbInstanceIdentifier("x")
                .build());

        DBSnapshot copy = target.copyDBSnapshot(b -> b.sourceDBSnapshotIdentifier(Sdk.snapshotArn(Sdk.SOURCE,
                "plain")).targetDBSnapshotIdentifier("plain-copy")).dbSnapshot();

        assertThat(copy.encrypted()).isFalse();
        assertThat(copy.kmsKeyId()).isNull();
    }

    @Test
    void presignedUrlForAnotherDestinationIsRejected() {
        String wrong = "https://rds.eu-west-1.amazonaws.com/?Action=CopyDBSnapshot&DestinationRegion=us-east-1"
                + "&SourceDBSnapshotIdentifier=" + SOURCE_ARN + "&X-Amz-Signature=abc"
                + "&X-Amz-Credential=AKIDEXAMPLE%2F20240514%2Feu-west-1%2Frds%2Faws4_request";

        assertThatThrownBy(() -> target.copyDBSnapshot(crossRegion().sourceRegion(null).preSignedUrl(wrong).build()))
                .isInstanceOf(RdsException.class).hasMessageContaining("DestinationRegion");
    }

    @Test
    void unencryptedSourceWithKmsKeyGivesAnEncryptedCopy() {
        rds.region(Sdk.SOURCE).addDbSnapshot(DbSnapshot.builder().identifier("plain").dbInstanceIdentifier("x")
                .build());

        DBSnapshot copy = target.copyDBSnapshot(crossRegion().sourceDBSnapshotIdentifier(Sdk.snapshotArn(Sdk.SOURCE,
                "plain")).build()).dbSnapshot();

        assertThat(copy.encrypted()).isTrue();
        assertThat(copy.kmsKeyId()).isEqualTo(Sdk.TARGET_KEY);
    }

    @Test
    void sameRegionCopyTakesAPlainIdentifierKeepsTheKeyAndHasNoSourceFields() {
        try (RdsClient source = Sdk.noRetryClient(rds.endpoint(), Sdk.SOURCE)) {
            DBSnapshot copy = source.copyDBSnapshot(b -> b.sourceDBSnapshotIdentifier(SOURCE_ID)
                    .targetDBSnapshotIdentifier("local-copy")).dbSnapshot();

            assertThat(copy.kmsKeyId()).isEqualTo(Sdk.SOURCE_KEY);
            assertThat(copy.sourceRegion()).isNull();
            assertThat(copy.sourceDBSnapshotIdentifier()).isNull();
            assertThat(copy.snapshotCreateTime()).isEqualTo(COPIED_AT);
            assertThat(copy.originalSnapshotCreateTime()).isEqualTo(Sdk.CREATED);
            assertThat(rds.requests().get(0).params()).doesNotContainKey("PreSignedUrl");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1starts-with-digit", "double--hyphen", "trailing-", "under_score", "rds:colon"})
    void invalidTargetIdentifiersAreRejected(String identifier) {
        assertThatThrownBy(() -> target.copyDBSnapshot(crossRegion().targetDBSnapshotIdentifier(identifier).build()))
                .isInstanceOfSatisfying(RdsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("TargetDBSnapshotIdentifier");
                });
    }

    @Test
    void targetIdentifiersUpTo255CharactersAreAccepted() {
        String longest = "a".repeat(255);

        target.copyDBSnapshot(crossRegion().targetDBSnapshotIdentifier(longest).build());

        assertThat(rds.region(Sdk.TARGET).dbSnapshot(longest)).isPresent();
        assertThatThrownBy(() -> target.copyDBSnapshot(crossRegion().targetDBSnapshotIdentifier("b".repeat(256))
                .build())).isInstanceOf(RdsException.class);
    }

    @Test
    void legacyFlagMarksAnUnknownOptionGroupAsHavingPersistentOptions() {
        rds.region(Sdk.SOURCE).addDbSnapshot(Sdk.automated("rds:ora-1", "ora").engine("oracle-ee")
                .optionGroupName("ora-tde").optionGroupRequiresMapping(true).build());
        CopyDbSnapshotRequest.Builder request = crossRegion()
                .sourceDBSnapshotIdentifier(Sdk.snapshotArn(Sdk.SOURCE, "rds:ora-1")).targetDBSnapshotIdentifier("ora");

        assertThatThrownBy(() -> target.copyDBSnapshot(request.build()))
                .isInstanceOfSatisfying(RdsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("requires a target option group")
                            .contains("ora-tde");
                });
        rds.region(Sdk.TARGET).addOptionGroup(OptionGroup.builder().name("ora-tde-dr").engineName("oracle-ee")
                .majorEngineVersion("19").option("TDE", true, true).build());
        DBSnapshot copy = target.copyDBSnapshot(request.optionGroupName("ora-tde-dr").build()).dbSnapshot();
        assertThat(copy.optionGroupName()).isEqualTo("ora-tde-dr");
        assertThat(rds.requests().get(1).params()).containsEntry("OptionGroupName", "ora-tde-dr");
    }

    @Test
    void inFlightCopyQuotaAndManualSnapshotQuotaAreEnforced() {
        FakeRegion dr = rds.region(Sdk.TARGET);
        dr.setCopyQuota(2);
        target.copyDBSnapshot(crossRegion().targetDBSnapshotIdentifier("c1").build());
        target.copyDBSnapshot(crossRegion().targetDBSnapshotIdentifier("c2").build());

        assertThatThrownBy(() -> target.copyDBSnapshot(crossRegion().targetDBSnapshotIdentifier("c3").build()))
                .isInstanceOfSatisfying(SnapshotQuotaExceededException.class, e ->
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("Cannot copy more than 2 snapshots across regions"));
        assertThat(dr.completePendingCopies(1)).isEqualTo(1);
        assertThat(dr.dbSnapshot("c1").orElseThrow().status()).isEqualTo("available");
        assertThat(dr.dbSnapshot("c2").orElseThrow().status()).isEqualTo("creating");
        target.copyDBSnapshot(crossRegion().targetDBSnapshotIdentifier("c3").build());

        dr.setManualSnapshotQuota(3);
        dr.completePendingCopies();
        assertThatThrownBy(() -> target.copyDBSnapshot(crossRegion().targetDBSnapshotIdentifier("c4").build()))
                .isInstanceOfSatisfying(SnapshotQuotaExceededException.class, e ->
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("Cannot create more than 3 manual snapshots"));
        assertThat(dr.dbSnapshots()).extracting(DbSnapshot::identifier).containsExactly("c1", "c2", "c3");
    }

    private static CopyDbSnapshotRequest.Builder crossRegion() {
        return CopyDbSnapshotRequest.builder()
                .sourceDBSnapshotIdentifier(SOURCE_ARN)
                .targetDBSnapshotIdentifier(TARGET_ID)
                .kmsKeyId(Sdk.TARGET_KEY)
                .sourceRegion(Sdk.SOURCE);
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
