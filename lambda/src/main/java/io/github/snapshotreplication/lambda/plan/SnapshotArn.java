package io.github.snapshotreplication.lambda.plan;

import java.util.Optional;
import java.util.function.IntPredicate;

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

    /** Parses an ARN; empty when it is not an RDS snapshot or cluster snapshot ARN. */
    public static Optional<SnapshotArn> parse(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        // By hand, not with a regex: the planner parses two ARNs of every copy in the target region on every sweep.
        String a = arn.trim();
        int[] colon = new int[6];
        int from = 0;
        for (int i = 0; i < colon.length; i++) {
            colon[i] = a.indexOf(':', from);
            if (colon[i] < 0) {
                return Optional.empty();
            }
            from = colon[i] + 1;
        }
        if (colon[0] != 3 || !a.startsWith("arn") || !isPartition(a, colon[0] + 1, colon[1])
                || colon[2] != colon[1] + 4 || !a.startsWith("rds", colon[1] + 1)
                || colon[3] == colon[2] + 1 || !only(a, colon[2] + 1, colon[3], SnapshotArn::isRegionChar)
                || colon[4] != colon[3] + 13 || !only(a, colon[3] + 1, colon[4], SnapshotArn::isDigit)
                || colon[5] + 1 == a.length() || !only(a, colon[5] + 1, a.length(), c -> !isLineBreak(c))) {
            return Optional.empty();
        }
        SnapshotKind kind = SnapshotKind.fromArnResourceType(a.substring(colon[4] + 1, colon[5]));
        return kind == null ? Optional.empty() : Optional.of(new SnapshotArn(a.substring(colon[0] + 1, colon[1]),
                a.substring(colon[2] + 1, colon[3]), a.substring(colon[3] + 1, colon[4]), kind,
                a.substring(colon[5] + 1)));
    }

    /** {@code aws}, {@code aws-cn}, {@code aws-us-gov}, ...: {@code aws} then lower-case letters and hyphens. */
    private static boolean isPartition(String s, int start, int end) {
        return end >= start + 3 && s.startsWith("aws", start)
                && only(s, start + 3, end, c -> c >= 'a' && c <= 'z' || c == '-');
    }

    private static boolean only(String s, int start, int end, IntPredicate allowed) {
        for (int i = start; i < end; i++) {
            if (!allowed.test(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isRegionChar(int c) {
        return c >= 'a' && c <= 'z' || isDigit(c) || c == '-';
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** What a regex's {@code .} does not match: an identifier may hold a colon ({@code rds:orders-...}), not these. */
    private static boolean isLineBreak(int c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /** Builds the ARN of a snapshot from its parts. */
    public static SnapshotArn of(String partition, String region, String accountId, SnapshotKind kind, String id) {
        return new SnapshotArn(partition, region, accountId, kind, id);
    }

    /** The ARN as a string. */
    public String value() {
        return "arn:" + partition + ":rds:" + region + ":" + accountId + ":" + kind.arnResourceType() + ":" + identifier;
    }

    @Override
    public String toString() {
        return value();
    }
}
