package io.github.snapshotreplication.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContractTest {

    @Test
    void metricNamesAreUniqueAndCloudWatchSafe() {
        assertThat(MetricNames.ALL).doesNotHaveDuplicates();
        assertThat(MetricNames.ALL).allMatch(name -> name.matches("[A-Za-z][A-Za-z0-9]{0,254}"));
    }

    @Test
    void tagKeysAreValidRdsTagKeysAndShareThePrefix() {
        // RDS tag keys: at most 128 characters of letters, digits, space and _.:/=+-@; never starting with aws:
        for (String key : new String[] {TagKeys.MANAGED_BY, TagKeys.SOURCE_SNAPSHOT_ARN, TagKeys.SOURCE_DB_IDENTIFIER,
                TagKeys.SOURCE_REGION, TagKeys.SOURCE_CREATED_AT}) {
            assertThat(key).startsWith(TagKeys.PREFIX).hasSizeLessThanOrEqualTo(128)
                    .matches("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+").doesNotStartWith("aws:");
        }
    }

    @Test
    void handlerLivesInTheJarResourcePackage() {
        assertThat(LambdaArtifact.HANDLER).endsWith("::handleRequest");
        assertThat(LambdaArtifact.JAR_RESOURCE).startsWith("/").endsWith(".jar");
    }

    @Test
    void anIdentifierNamesThePrefixOfTheInstallationThatMadeIt() {
        String start = CopyIdentifiers.identifierStart("orders-dr");

        assertThat(CopyIdentifiers.prefixIn(start + "orders-db-eu-west-1")).contains(CopyIdentifiers.prefixOf(
                "orders-dr"));
        assertThat(CopyIdentifiers.prefixIn("orders-db-eu-west-1")).isEmpty();
        assertThat(CopyIdentifiers.prefixIn("sr3f9a2c1b")).as("a prefix alone names no copy").isEmpty();
        assertThat(CopyIdentifiers.prefixIn("sr3f9a2c1g-x")).as("not hex").isEmpty();
        assertThat(CopyIdentifiers.prefixIn("rds:sr3f9a2c1b-x")).isEmpty();
    }
}
