package io.github.snapshotreplication.lambda.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written ARN parser accepts exactly the grammar of the regex it replaced, and splits it the same way. */
class SnapshotArnTest {

    private static final Pattern GRAMMAR = Pattern.compile(
            "arn:(aws[a-z-]*):rds:([a-z0-9-]+):(\\d{12}):(snapshot|cluster-snapshot):(.+)");

    @Test
    void splitsAnAutomatedSnapshotArnWhoseIdentifierHoldsAColon() {
        SnapshotArn arn = SnapshotArn.parse("arn:aws:rds:eu-west-1:123456789012:snapshot:rds:orders-2024-05-14-03-10")
                .orElseThrow();

        assertThat(arn).isEqualTo(new SnapshotArn("aws", "eu-west-1", "123456789012", SnapshotKind.DB_SNAPSHOT,
                "rds:orders-2024-05-14-03-10"));
        assertThat(arn.value()).isEqualTo("arn:aws:rds:eu-west-1:123456789012:snapshot:rds:orders-2024-05-14-03-10");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "arn:aws:rds:eu-west-1:123456789012:snapshot:orders",
        "arn:aws-us-gov:rds:us-gov-west-1:123456789012:cluster-snapshot:rds:aurora-1",
        " arn:aws-cn:rds:cn-north-1:123456789012:snapshot:x ",
        "arn:aws:rds:eu-west-1:123456789012:snapshot:",
        "arn:aws:rds:eu-west-1:12345678901:snapshot:orders",
        "arn:aws:rds:eu-west-1:1234567890123:snapshot:orders",
        "arn:aws:rds:EU-west-1:123456789012:snapshot:orders",
        "arn:aws:rds::123456789012:snapshot:orders",
        "arn:aws:ec2:eu-west-1:123456789012:snapshot:orders",
        "arn:aws:rds:eu-west-1:123456789012:db:orders",
        "arn:azure:rds:eu-west-1:123456789012:snapshot:orders",
        "arn:aws:rds:eu-west-1:123456789012:snapshot:line\nbreak",
        "arn:aws:rds:eu-west-1:123456789012",
        "orders",
        ""
    })
    void agreesWithTheGrammarOnEdgeCases(String input) {
        assertThat(SnapshotArn.parse(input)).isEqualTo(byGrammar(input));
    }

    @Test
    void agreesWithTheGrammarOnRandomMutationsOfValidArns() {
        String[] seeds = {"arn:aws:rds:eu-west-1:123456789012:snapshot:rds:orders-1",
            "arn:aws-cn:rds:cn-north-1:210987654321:cluster-snapshot:sr1a2b3c4d-x"};
        String alphabet = "arn:aws-rdsnphotclue0123456789:Z\n ";
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder(seeds[i % 2]);
            for (int edits = 1 + random.nextInt(3); edits > 0 && s.length() > 0; edits--) {
                int at = random.nextInt(s.length());
                switch (random.nextInt(3)) {
                    case 0 -> s.deleteCharAt(at);
                    case 1 -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String input = s.toString();
            assertThat(SnapshotArn.parse(input)).as(input).isEqualTo(byGrammar(input));
        }
    }

    private static Optional<SnapshotArn> byGrammar(String arn) {
        Matcher m = GRAMMAR.matcher(arn.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SnapshotArn(m.group(1), m.group(2), m.group(3),
                SnapshotKind.fromArnResourceType(m.group(4)), m.group(5)));
    }
}
