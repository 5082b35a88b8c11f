package io.github.snapshotreplication.fakerds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.CopyDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.DescribeOptionGroupsResponse;
import software.amazon.awssdk.services.rds.model.OptionGroupNotFoundException;
import software.amazon.awssdk.services.rds.model.RdsException;

/** DescribeOptionGroups, and the option group rules of CopyDBSnapshot. */
class OptionGroupsTest {

    private FakeRdsServer rds;
    private RdsClient target;

    @BeforeEach
    void start() {
        rds = FakeRdsServer.start();
        target = Sdk.noRetryClient(rds.endpoint(), Sdk.TARGET);
        rds.region(Sdk.SOURCE)
                .addOptionGroup(tde("ora-tde"))
                .addOptionGroup(OptionGroup.builder().name("ora-tz").engineName("oracle-ee").majorEngineVersion("19")
                        .option("Timezone", true, true).option("S3_INTEGRATION", false, false).build())
                .addOptionGroup(OptionGroup.builder().name("ora-s3").engineName("oracle-ee").majorEngineVersion("19")
                        .option("S3_INTEGRATION", false, false).build())
                .addDbSnapshot(oracle("rds:ora-tde-1", "ora-tde"))
                .addDbSnapshot(oracle("rds:ora-s3-1", "ora-s3"))
                .addDbSnapshot(oracle("rds:ora-default-1", "default:oracle-ee-19"));
    }

    @AfterEach
    void stop() {
        target.close();
        rds.close();
    }

    @Test
    void describesAddedGroupsWithOptionsAndArns() {
        try (RdsClient source = Sdk.noRetryClient(rds.endpoint(), Sdk.SOURCE)) {
            DescribeOptionGroupsResponse all = source.describeOptionGroups(b -> { });
            var tz = source.describeOptionGroups(b -> b.optionGroupName("ora-tz")).optionGroupsList().get(0);

            assertThat(all.optionGroupsList()).extracting(g -> g.optionGroupName())
                    .containsExactly("ora-s3", "ora-tde", "ora-tz");
            assertThat(tz.engineName()).isEqualTo("oracle-ee");
            assertThat(tz.majorEngineVersion()).isEqualTo("19");
            assertThat(tz.optionGroupArn()).isEqualTo("arn:aws:rds:eu-west-1:123456789012:og:ora-tz");
            assertThat(tz.options()).extracting(o -> o.optionName() + "/" + o.persistent() + "/" + o.permanent())
                    .containsExactly("Timezone/true/true", "S3_INTEGRATION/false/false");
            assertThat(source.describeOptionGroups(b -> b.engineName("oracle-ee").majorEngineVersion("19"))
                    .optionGroupsList()).hasSize(3);
            assertThat(source.describeOptionGroups(b -> b.engineName("postgres")).optionGroupsList()).isEmpty();
        }
    }

    @Test
    void defaultGroupsExistImplicitlyByName() {
        var group = target.describeOptionGroups(b -> b.optionGroupName("default:mysql-8-0")).optionGroupsList()
                .get(0);

        assertThat(group.engineName()).isEqualTo("mysql");
        assertThat(group.majorEngineVersion()).isEqualTo("8.0");
        assertThat(group.options()).isEmpty();
        assertThat(group.optionGroupArn()).isEqualTo("arn:aws:rds:eu-central-1:123456789012:og:default:mysql-8-0");
        assertThat(target.describeOptionGroups(b -> { }).optionGroupsList()).isEmpty();
        assertThat(OptionGroup.defaultGroup("default:sqlserver-se-15-00").orElseThrow().engineName())
                .isEqualTo("sqlserver-se");
        assertThat(OptionGroup.defaultGroup("default:nope")).isEmpty();
    }

    @Test
    void unknownNameIsNotFoundAndNameWithEngineIsAnInvalidCombination() {
        assertThatThrownBy(() -> target.describeOptionGroups(b -> b.optionGroupName("ora-tde")))
                .isInstanceOfSatisfying(OptionGroupNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("OptionGroupNotFoundFault");
                });
        assertThatThrownBy(() -> target.describeOptionGroups(b -> b.optionGroupName("x").engineName("mysql")))
                .isInstanceOfSatisfying(RdsException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("InvalidParameterCombination"));
        assertThatThrownBy(() -> target.describeOptionGroups(b -> b.majorEngineVersion("8.0")))
                .isInstanceOf(RdsException.class);
    }

    @Test
    void pagesWithMaxRecordsAndMarker() {
        for (int i = 0; i < 25; i++) {
            rds.region(Sdk.TARGET).addOptionGroup(OptionGroup.builder().name(String.format("og-%02d", i))
                    .engineName("postgres").majorEngineVersion("16").build());
        }

        List<String> names = target.describeOptionGroupsPaginator(b -> b.maxRecords(20)).optionGroupsList().stream()
                .map(g -> g.optionGroupName()).toList();

        assertThat(names).hasSize(25).isSorted();
        assertThat(rds.count("DescribeOptionGroups")).isEqualTo(2);
    }

    @Test
    void crossRegionCopyNeedsATargetGroupOnlyForPersistentOrPermanentOptions() {
        target.copyDBSnapshot(copy("rds:ora-s3-1", "s3-copy").build());
        target.copyDBSnapshot(copy("rds:ora-default-1", "default-copy").build());

        assertThatThrownBy(() -> target.copyDBSnapshot(copy("rds:ora-tde-1", "tde-copy").build()))
                .isInstanceOfSatisfying(RdsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith(
                            "The snapshot requires a target option group with the following options: [TDE]");
                });
        assertThat(rds.region(Sdk.TARGET).dbSnapshots()).extracting(DbSnapshot::identifier)
                .containsExactly("default-copy", "s3-copy");
    }

    @Test
    void theNamedTargetGroupMustExistThereAndCarryThoseOptions() {
        assertThatThrownBy(() -> target.copyDBSnapshot(copy("rds:ora-tde-1", "c").optionGroupName("ora-tde-dr")
                .build())).isInstanceOfSatisfying(OptionGroupNotFoundException.class, e ->
                        assertThat(e.statusCode()).isEqualTo(404));
        rds.region(Sdk.TARGET).addOptionGroup(OptionGroup.builder().name("ora-plain-dr").engineName("oracle-ee")
                .majorEngineVersion("19").build());
        assertThatThrownBy(() -> target.copyDBSnapshot(copy("rds:ora-tde-1", "c").optionGroupName("ora-plain-dr")
                .build())).isInstanceOf(RdsException.class).hasMessageContaining("[TDE]");
        rds.region(Sdk.TARGET).addOptionGroup(tde("ora-tde-dr"));

        var copy = target.copyDBSnapshot(copy("rds:ora-tde-1", "c").optionGroupName("ora-tde-dr").build())
                .dbSnapshot();

        assertThat(copy.optionGroupName()).isEqualTo("ora-tde-dr");
    }

    @Test
    void aSameRegionCopyKeepsItsGroupWithoutNamingOne() {
        try (RdsClient source = Sdk.noRetryClient(rds.endpoint(), Sdk.SOURCE)) {
            var copy = source.copyDBSnapshot(b -> b.sourceDBSnapshotIdentifier("rds:ora-tde-1")
                    .targetDBSnapshotIdentifier("local")).dbSnapshot();

            assertThat(copy.optionGroupName()).isEqualTo("ora-tde");
        }
    }

    private static OptionGroup tde(String name) {
        return OptionGroup.builder().name(name).engineName("oracle-ee").majorEngineVersion("19")
                .option("TDE", true, true).build();
    }

    private static DbSnapshot oracle(String id, String optionGroup) {
        return Sdk.automated(id, "ora").engine("oracle-ee").engineVersion("19.0.0.0.ru-2024-04.rur-2024-04.r1")
                .optionGroupName(optionGroup).build();
    }

    private static CopyDbSnapshotRequest.Builder copy(String sourceId, String targetId) {
        return CopyDbSnapshotRequest.builder().sourceDBSnapshotIdentifier(Sdk.snapshotArn(Sdk.SOURCE, sourceId))
                .targetDBSnapshotIdentifier(targetId).kmsKeyId(Sdk.TARGET_KEY).sourceRegion(Sdk.SOURCE);
    }
}
