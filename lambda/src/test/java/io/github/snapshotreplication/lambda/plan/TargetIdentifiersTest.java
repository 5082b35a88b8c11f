package io.github.snapshotreplication.lambda.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Target identifiers: valid under RDS rules, deterministic, and distinct for distinct sources.
 */
class TargetIdentifiersTest {

    private static final String PREFIX = "arn:aws:rds:eu-west-1:123456789012:";

    private static SnapshotArn arn(SnapshotKind kind, String id) {
        return SnapshotArn.parse(PREFIX + kind.arnResourceType() + ":" + id).orElseThrow();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "orders-db-2024-05-14-03-10, orders-db-2024-05-14-03-10-eu-west-1",
            "Orders-DB, orders-db-eu-west-1-",
            "rds:orders-db-2024-05-14-03-10, rds-orders-db-2024-05-14-03-10-eu-west-1-",
            "1st-snapshot, s-1st-snapshot-eu-west-1-",
            "a--b, a-b-eu-west-1-"})
    void namesReadablyAndHashesWhenLossy(String sourceId, String expectedPrefix) {
        String id = TargetIdentifiers.forSource(arn(SnapshotKind.DB_SNAPSHOT, sourceId));

        assertThat(id).startsWith(expectedPrefix);
        if (expectedPrefix.endsWith("-")) {
            assertThat(id).matches(Pattern.quote(expectedPrefix) + "[0-9a-f]{8}");
        } else {
            assertThat(id).isEqualTo(expectedPrefix);
        }
    }

    @Test
    void automatedAndManualSnapshotsWithTheSameNameNeverCollide() {
        String automated = TargetIdentifiers.forSource(arn(SnapshotKind.DB_SNAPSHOT, "rds:orders-db-2024-05-14"));
        String manual = TargetIdentifiers.forSource(arn(SnapshotKind.DB_SNAPSHOT, "orders-db-2024-05-14"));
        String lookAlike = TargetIdentifiers.forSource(arn(SnapshotKind.DB_SNAPSHOT, "rds-orders-db-2024-05-14"));

        assertThat(automated).isNotEqualTo(manual).isNotEqualTo(lookAlike);
        assertThat(manual).isNotEqualTo(lookAlike);
    }

    @Test
    void theSameSnapshotIdFromTwoSourceRegionsGetsTwoIdentifiers() {
        SnapshotArn west = arn(SnapshotKind.DB_SNAPSHOT, "orders-1");
        SnapshotArn east = SnapshotArn.parse("arn:aws:rds:us-east-1:123456789012:snapshot:orders-1").orElseThrow();

        assertThat(TargetIdentifiers.forSource(west)).isNotEqualTo(TargetIdentifiers.forSource(east));
    }

    @ParameterizedTest
    @EnumSource(SnapshotKind.class)
    void generatedNamesAreAlwaysValidDeterministicAndDistinct(SnapshotKind kind) {
        Random random = new Random(20240514L + kind.ordinal());
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-:_.";
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder name = new StringBuilder(random.nextBoolean() ? "rds:" : "");
            int length = 1 + random.nextInt(random.nextInt(10) == 0 ? 300 : 40);
            for (int c = 0; c < length; c++) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            SnapshotArn source = arn(kind, name.toString());
            String id = TargetIdentifiers.forSource(source);

            assertThat(TargetIdentifiers.isValid(id, kind)).as("%s -> %s", name, id).isTrue();
            assertThat(TargetIdentifiers.forSource(source)).isEqualTo(id);
            String previous = seen.put(id, source.value());
            assertThat(previous == null || previous.equals(source.value()))
                    .as("%s and %s both map to %s", previous, source, id).isTrue();
        }
    }

    @Test
    void longNamesAreShortenedToTheLimitOfTheKind() {
        String longName = "rds:" + "very-long-cluster-name-".repeat(10) + "2024-05-14";

        assertThat(TargetIdentifiers.forSource(arn(SnapshotKind.DB_CLUSTER_SNAPSHOT, longName))).hasSize(63);
        assertThat(TargetIdentifiers.forSource(arn(SnapshotKind.DB_SNAPSHOT, longName)).length())
                .isLessThanOrEqualTo(255);
    }

    @Test
    void validityRulesRejectWhatRdsRejects() {
        assertThat(TargetIdentifiers.isValid("a", SnapshotKind.DB_SNAPSHOT)).isTrue();
        assertThat(TargetIdentifiers.isValid("1a", SnapshotKind.DB_SNAPSHOT)).isFalse();
        assertThat(TargetIdentifiers.isValid("a--b", SnapshotKind.DB_SNAPSHOT)).isFalse();
        assertThat(TargetIdentifiers.isValid("a-", SnapshotKind.DB_SNAPSHOT)).isFalse();
        assertThat(TargetIdentifiers.isValid("a:b", SnapshotKind.DB_SNAPSHOT)).isFalse();
        assertThat(TargetIdentifiers.isValid("a".repeat(64), SnapshotKind.DB_CLUSTER_SNAPSHOT)).isFalse();
    }
}
