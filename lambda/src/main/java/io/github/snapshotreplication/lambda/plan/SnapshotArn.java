package io.github.snapshotreplication.lambda.plan;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of an RDS snapshot ARN: {@code arn:<partition>:rds:<region>:<account>:snapshot:<id>}.
 *
 * @param partition  e.g. {@code aws}
 * @param region     region of the snapshot
 * @param accountId  owning account
 * @param kind       DB snapshot or DB cluster snapshot
 * @param identifier snapshot identifier, which may contain a colon ({@code rds:orders-db-2024-05-14-03-10})
 */
public record SnapshotArn(String partition, String region, String accountId, SnapshotKind kind, String identifier) {

    private static final Pattern ARN = Pattern.compile(
            "arn:(aws[a-z-]*):rds:([a-z0-9-]+):(\\d{12}):(snapshot|cluster-snapshot):(.+)");

    /** Parses an ARN; empty when it is not an RDS snapshot or cluster snapshot ARN. */
    public static Optional<SnapshotArn> parse(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        Matcher m = ARN.matcher(arn.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SnapshotArn(m.group(1), m.group(2), m.group(3),
                SnapshotKind.fromArnResourceType(m.group(4)), m.group(5)));
    }

    /** Builds the ARN of a snapshot from its parts. */
    public static SnapshotArn of(String partition, String region, String accountId, SnapshotKind kind, String id) {
        return new SnapshotArn(partition, region, accountId, kind, id);
    }

    /** The ARN as a string. */
    public String value() {
        return String.join(":", "arn", partition, "rds", region, accountId, kind.arnResourceType(), identifier);
    }

    @Override
    public String toString() {
        return value();
    }
}
