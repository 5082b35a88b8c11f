package io.github.snapshotreplication.fakerds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.RdsException;
import software.amazon.awssdk.services.rds.model.Tag;

/** 50 user tags per resource, key and value lengths, reserved prefixes and characters. */
class TagLimitsTest {

    private FakeRdsServer rds;
    private RdsClient client;
    private String arn;

    @BeforeEach
    void start() {
        rds = FakeRdsServer.start();
        client = Sdk.noRetryClient(rds.endpoint(), Sdk.TARGET);
        rds.region(Sdk.TARGET).addDbSnapshot(DbSnapshot.builder().identifier("snap").tag("aws:backup:source", "x")
                .tag("aws:cloudformation:stack-name", "y").build());
        arn = rds.region(Sdk.TARGET).dbSnapshot("snap").orElseThrow().arn();
        rds.region(Sdk.SOURCE).addDbSnapshot(Sdk.automated("rds:many-tags", "db").tags(tags("t", 48)).build());
    }

    @AfterEach
    void stop() {
        client.close();
        rds.close();
    }

    @Test
    void fiftyUserTagsFitAndAwsTagsDoNotCount() {
        client.addTagsToResource(b -> b.resourceName(arn).tags(sdkTags("k", 50)));

        assertThat(rds.region(Sdk.TARGET).dbSnapshot("snap").orElseThrow().tags()).hasSize(52);
        assertThatThrownBy(() -> client.addTagsToResource(b -> b.resourceName(arn).tags(sdkTags("more", 1))))
                .isInstanceOfSatisfying(RdsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("at most 50 tags").contains("51");
                });
        assertThat(rds.region(Sdk.TARGET).dbSnapshot("snap").orElseThrow().tags()).hasSize(52);
    }

    @Test
    void replacingAValueDoesNotCountTwice() {
        client.addTagsToResource(b -> b.resourceName(arn).tags(sdkTags("k", 50)));

        client.addTagsToResource(b -> b.resourceName(arn).tags(Tag.builder().key("k0").value("changed").build()));

        assertThat(rds.region(Sdk.TARGET).dbSnapshot("snap").orElseThrow().tags()).containsEntry("k0", "changed");
    }

    @ParameterizedTest
    @CsvSource({"aws:owner, me", "rds:owner, me", "owner, rds:me", "owner, aws:me", "own#er, me", "owner, m*e"})
    void reservedPrefixesAndOtherCharactersAreRefused(String key, String value) {
        assertThatThrownBy(() -> client.addTagsToResource(b -> b.resourceName(arn)
                .tags(Tag.builder().key(key).value(value).build())))
                .isInstanceOfSatisfying(RdsException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("InvalidParameterValue"));
    }

    @Test
    void keysUpTo128AndValuesUpTo256Characters() {
        client.addTagsToResource(b -> b.resourceName(arn).tags(Tag.builder().key("k".repeat(128))
                .value("v".repeat(256)).build(), Tag.builder().key("with space_.:/=+-@ü").value("arn:aws:x").build()));

        assertThatThrownBy(() -> client.addTagsToResource(b -> b.resourceName(arn).tags(Tag.builder()
                .key("k".repeat(129)).value("v").build()))).isInstanceOf(RdsException.class)
                .hasMessageContaining("128");
        assertThatThrownBy(() -> client.addTagsToResource(b -> b.resourceName(arn).tags(Tag.builder()
                .key("k").value("v".repeat(257)).build()))).isInstanceOf(RdsException.class)
                .hasMessageContaining("256");
    }

    @Test
    void aCopyCountsCopiedAndRequestTagsTogether() {
        assertThatThrownBy(() -> client.copyDBSnapshot(b -> b.sourceDBSnapshotIdentifier(Sdk.snapshotArn(Sdk.SOURCE,
                "rds:many-tags")).targetDBSnapshotIdentifier("copy").kmsKeyId(Sdk.TARGET_KEY)
                .sourceRegion(Sdk.SOURCE).copyTags(true).tags(sdkTags("ours", 3))))
                .isInstanceOf(RdsException.class).hasMessageContaining("at most 50 tags");

        client.copyDBSnapshot(b -> b.sourceDBSnapshotIdentifier(Sdk.snapshotArn(Sdk.SOURCE, "rds:many-tags"))
                .targetDBSnapshotIdentifier("copy").kmsKeyId(Sdk.TARGET_KEY).sourceRegion(Sdk.SOURCE).copyTags(true)
                .tags(sdkTags("ours", 2)));

        assertThat(rds.region(Sdk.TARGET).dbSnapshot("copy").orElseThrow().tags()).hasSize(50);
    }

    @Test
    void aClusterCopyIsLimitedTheSameWay() {
        rds.region(Sdk.SOURCE).addDbClusterSnapshot(Sdk.automatedCluster("rds:c", "c").build());

        assertThatThrownBy(() -> client.copyDBClusterSnapshot(b -> b.sourceDBClusterSnapshotIdentifier(
                Sdk.clusterSnapshotArn(Sdk.SOURCE, "rds:c")).targetDBClusterSnapshotIdentifier("copy")
                .kmsKeyId(Sdk.TARGET_KEY).sourceRegion(Sdk.SOURCE).tags(sdkTags("k", 51))))
                .isInstanceOf(RdsException.class).hasMessageContaining("at most 50 tags");
        assertThat(rds.region(Sdk.TARGET).dbClusterSnapshots()).isEmpty();
    }

    static Map<String, String> tags(String prefix, int n) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            tags.put(prefix + i, "v" + i);
        }
        return tags;
    }

    static List<Tag> sdkTags(String prefix, int n) {
        List<Tag> tags = new ArrayList<>();
        tags(prefix, n).forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        return tags;
    }
}
