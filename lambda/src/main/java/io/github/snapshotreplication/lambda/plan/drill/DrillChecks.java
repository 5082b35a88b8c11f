package io.github.snapshotreplication.lambda.plan.drill;

import io.github.snapshotreplication.lambda.plan.Snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a drill can check of a restored database without its credentials, against the copy it was restored from:
 * it is not public, runs the copy's engine and version, has at least the copy's storage, is encrypted with the copy's
 * key exactly when the copy is, and its option and parameter groups are applied. Every failed check is reported,
 * the first one's cause names the failure.
 */
final class DrillChecks {

    /** Apply statuses of a parameter group that leave the database usable. */
    private static final Set<String> PARAMETERS_APPLIED = Set.of("in-sync", "pending-reboot", "applying");

    /**
     * The checks' findings.
     *
     * @param cause    the cause of the first failed check, or {@code null} when every check passed
     * @param problems every failed check, in words
     */
    record Findings(DrillFailure cause, List<String> problems) {

        boolean passed() {
            return problems.isEmpty();
        }
    }

    private DrillChecks() {
    }

    /**
     * Checks a drill whose databases are all up.
     *
     * @param drill the drill
     * @param copy  the copy it restored, or {@code null} when it is gone: only the checks that need no copy run
     */
    static Findings check(Drill drill, Snapshot copy) {
        Collector found = new Collector();
        for (TargetDatabase db : drill.databases()) {
            if (db.publiclyAccessible()) {
                found.add(DrillFailure.CHECK, db.label() + " is publicly accessible");
            }
            db.optionGroups().forEach((name, status) -> {
                if (!"in-sync".equals(status)) {
                    found.add(DrillFailure.OPTION_GROUP, db.label() + " option group " + name + " is "
                            + status + ", not in-sync");
                }
            });
            db.parameterGroups().forEach((name, status) -> {
                if (!PARAMETERS_APPLIED.contains(status)) {
                    found.add(DrillFailure.PARAMETER_GROUP, db.label() + " parameter group " + name
                            + " is " + status);
                }
            });
            if (copy != null) {
                checkAgainstCopy(db, copy, drill.cluster() != null && !db.cluster(), found);
            }
        }
        return new Findings(found.cause, List.copyOf(found.problems));
    }

    private static void checkAgainstCopy(TargetDatabase db, Snapshot copy, boolean clusterMember, Collector found) {
        if (copy.engine() != null && !copy.engine().equalsIgnoreCase(db.engine())) {
            found.add(DrillFailure.CHECK, db.label() + " runs " + db.engine() + ", the copy is of "
                    + copy.engine());
        }
        if (copy.engineVersion() != null && db.engineVersion() != null
                && !copy.engineVersion().equals(db.engineVersion())) {
            found.add(DrillFailure.ENGINE_VERSION, db.label() + " runs version " + db.engineVersion()
                    + ", the copy is of version " + copy.engineVersion());
        }
        if (clusterMember) {
            return;  // storage and encryption belong to the cluster, checked on it
        }
        if (!db.cluster() && copy.allocatedStorage() != null && db.allocatedStorage() != null
                && db.allocatedStorage() < copy.allocatedStorage()) {
            found.add(DrillFailure.CHECK, db.label() + " has " + db.allocatedStorage() + " GiB of storage,"
                    + " the copy " + copy.allocatedStorage() + " GiB");
        }
        if (db.storageEncrypted() != copy.encrypted()) {
            found.add(DrillFailure.KMS_KEY, db.label() + (db.storageEncrypted() ? " is" : " is not")
                    + " encrypted, the copy " + (copy.encrypted() ? "is" : "is not"));
        } else if (copy.encrypted() && copy.kmsKeyId() != null && !copy.kmsKeyId().equals(db.kmsKeyId())) {
            found.add(DrillFailure.KMS_KEY, db.label() + " is encrypted with " + db.kmsKeyId()
                    + ", not with the copy's key " + copy.kmsKeyId());
        }
    }

    /** The failed checks so far, and the cause of the first. */
    private static final class Collector {
        private final List<String> problems = new ArrayList<>();
        private DrillFailure cause;

        void add(DrillFailure failure, String problem) {
            problems.add(problem);
            if (cause == null) {
                cause = failure;
            }
        }
    }
}
