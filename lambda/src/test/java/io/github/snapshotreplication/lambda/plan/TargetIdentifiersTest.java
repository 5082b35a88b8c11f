package io.github.snapshotreplication.lambda.plan;

import io.github.snapshotreplication.contract.CopyIdentifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Target identifiers: the installation's prefix first, valid under RDS rules, deterministic, distinct for distinct
 * sources, attempts and installations, and recognised again from the same inputs.
 */
class TargetIdentifiersTest {

    private static final String ARN_START = "arn:aws:rds:eu-west-1:123456789012:";
    private static final String PREFIX = CopyIdentifiers.prefixOf("orders-dr");

    private static SnapshotArn arn(SnapshotKind kind, String id) {
        return SnapshotArn.parse(ARN_START + kind.arnResourceType() + ":" + id).orElseThrow();
    }

    @Test
    void thePrefixIsShortValidAndNamesTheInstallation() {
        assertThat(PREFIX).matches("sr[0-9a-f]{8}").isEqualTo(CopyIdentifiers.prefixOf("orders-dr"));
        assertThat(CopyIdentifiers.prefixOf("orders-dr-2")).isNotEqualTo(PREFIX);
        assertThat(CopyIdentifiers.identifierStart("orders-dr")).isEqualTo(PREFIX + "-");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "orders-db-2024-05-14-03-10, orders-db-2024-05-14-03-10-eu-west-1",
            "Orders-DB, orders-db-eu-west-1-",
            "rds:orders-db-2024-05-14-03-10, rds-orders-db-2024-05-14-03-10-eu-west-1-",
            "1st-snapshot, s-1st-snapshot-eu-west-1-",
            "a--b, a-b-eu-west-1-"})
    void namesReadablyAndHashesWhenLossy(String sourceId, String expectedBody) {
        String id = TargetIdentifiers.forSource(PREFIX, arn(SnapshotKind.DB_SNAPSHOT, sourceId));

        String expected = PREFIX + "-" + expectedBody;
        if (expectedBody.endsWith("-")) {
            assertThat(id).matches(Pattern.quote(expected) + "[0-9a-f]{8}");
        } else {
            assertThat(id).isEqualTo(expected);
        }
    }

    @Test
    void automatedAndManualSnapshotsWithTheSameNameNeverCollide() {
        String automated = TargetIdentifiers.forSource(PREFIX, arn(SnapshotKind.DB_SNAPSHOT, "rds:orders-2024-05-14"));
        String manual = TargetIdentifiers.forSource(PREFIX, arn(SnapshotKind.DB_SNAPSHOT, "orders-2024-05-14"));
        String lookAlike = TargetIdentifiers.forSource(PREFIX, arn(SnapshotKind.DB_SNAPSHOT, "rds-orders-2024-05-14"));

        assertThat(automated).isNotEqualTo(manual).isNotEqualTo(lookAlike);
        assertThat(manual).isNotEqualTo(lookAlike);
    }

    @Test
    void theSameSnapshotIdFromTwoSourceRegionsGetsTwoIdentifiers() {
        SnapshotArn west = arn(SnapshotKind.DB_SNAPSHOT, "orders-1");
        SnapshotArn east = SnapshotArn.parse("arn:aws:rds:us-east-1:123456789012:snapshot:orders-1").orElseThrow();

        assertThat(TargetIdentifiers.forSource(PREFIX, west)).isNotEqualTo(TargetIdentifiers.forSource(PREFIX, east));
    }

    @Test
    void twoInstallationsCopyingTheSameSnapshotGetTwoIdentifiers() {
        SnapshotArn source = arn(SnapshotKind.DB_SNAPSHOT, "rds:orders-2024-05-14-03-10");

        assertThat(TargetIdentifiers.forSource(CopyIdentifiers.prefixOf("a"), source))
                .isNotEqualTo(TargetIdentifiers.forSource(CopyIdentifiers.prefixOf("b"), source));
    }

    @Test
    void attemptsAreRecognisedAndNothingElseIs() {
        SnapshotArn source = arn(SnapshotKind.DB_CLUSTER_SNAPSHOT, "rds:billing-2024-05-14-03-10");
        String first = TargetIdentifiers.forSource(PREFIX, source);

        assertThat(TargetIdentifiers.forSource(PREFIX, source, 2)).isEqualTo(first + "-a2");
        for (int attempt = 1; attempt <= TargetIdentifiers.MAX_ATTEMPTS; attempt++) {
            assertThat(TargetIdentifiers.attemptOf(PREFIX, source, TargetIdentifiers.forSource(PREFIX, source,
                    attempt))).hasValue(attempt);
        }
        assertThat(TargetIdentifiers.attemptOf(PREFIX, source, first.toUpperCase())).hasValue(1);
        assertThat(TargetIdentifiers.attemptOf(PREFIX, source, first + "-a4")).isEqualTo(OptionalInt.empty());
        assertThat(TargetIdentifiers.attemptOf(PREFIX, source, first + "-copy")).isEmpty();
        assertThat(TargetIdentifiers.attemptOf(PREFIX, source, (first + "-a2").toUpperCase())).hasValue(2);
    }

    @Test
    void caseIsIgnoredOnlyForAsciiLettersSoNoLookAlikeCharacterPassesForOne() {
        SnapshotArn source = arn(SnapshotKind.DB_SNAPSHOT, "kiosk-2024-05-14");
        String first = TargetIdentifiers.forSource(PREFIX, source);

        assertThat(first).contains("kiosk");
        assertThat(TargetIdentifiers.attemptOf(PREFIX, source, first.replace('k', '\u212A'))).isEmpty();
        assertThat(TargetIdentifiers.attemptOf(PREFIX, source, first.replace('i', '\u0130'))).isEmpty();
        assertThat(TargetIdentifiers.attemptOf(PREFIX, source, first.replace('k', 'K'))).hasValue(1);
        assertThat(TargetIdentifiers.attemptOf(CopyIdentifiers.prefixOf("other"), source, first)).isEmpty();
        assertThat(TargetIdentifiers.attemptOf(PREFIX, arn(SnapshotKind.DB_CLUSTER_SNAPSHOT, "rds:billing-x"), first))
                .isEmpty();
        assertThatThrownBy(() -> TargetIdentifiers.forSource(PREFIX, source, 0))
                .isInstanceOf(IllegalArgumentException.class);
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
            int attempt = 1 + random.nextInt(TargetIdentifiers.MAX_ATTEMPTS);
            String id = TargetIdentifiers.forSource(PREFIX, source, attempt);

            assertThat(TargetIdentifiers.isValid(id, kind)).as("%s -> %s", name, id).isTrue();
            assertThat(id).startsWith(PREFIX + "-");
            assertThat(TargetIdentifiers.forSource(PREFIX, source, attempt)).isEqualTo(id);
            assertThat(TargetIdentifiers.attemptOf(PREFIX, source, id)).hasValue(attempt);
            String previous = seen.put(id, source.value() + "#" + attempt);
            assertThat(previous == null || previous.equals(source.value() + "#" + attempt))
                    .as("%s and %s both map to %s", previous, source, id).isTrue();
        }
    }

    @Test
    void longNamesAreShortenedToTheLimitOfTheKindWithRoomForRetries() {
        String longName = "rds:" + "very-long-cluster-name-".repeat(10) + "2024-05-14";
        SnapshotArn cluster = arn(SnapshotKind.DB_CLUSTER_SNAPSHOT, longName);

        assertThat(TargetIdentifiers.forSource(PREFIX, cluster)).hasSize(60);
        assertThat(TargetIdentifiers.forSource(PREFIX, cluster, TargetIdentifiers.MAX_ATTEMPTS)).hasSize(63);
        assertThat(TargetIdentifiers.forSource(PREFIX, arn(SnapshotKind.DB_SNAPSHOT, longName)).length())
                .isLessThanOrEqualTo(252);
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
