package io.github.snapshotreplication.lambda.plan.drill;

import io.github.snapshotreplication.lambda.plan.SnapshotKind;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * One drill of this installation, as RDS shows it now: the databases it created, proven its own by
 * {@link DrillResources}. An instance drill has one DB instance; an Aurora drill a cluster and its instances.
 *
 * @param kind         which kind of source database it drills: DB instance or DB cluster
 * @param dbIdentifier the source database, from the drill's tag; {@code null} if the tag is gone
 * @param cluster      the drill's DB cluster, or {@code null}
 * @param instances    the drill's DB instances (of an Aurora drill: the cluster's members that are the drill's)
 * @param startedAt    when the drill asked for the restore (its tag), else when RDS created it, else {@code null}
 * @param copyArn      the copy it restores, from its tag; {@code null} if the tag is gone
 */
public record Drill(SnapshotKind kind, String dbIdentifier, TargetDatabase cluster, List<TargetDatabase> instances,
             Instant startedAt, String copyArn) {

    /** Copies the list. */
    public Drill {
        instances = List.copyOf(instances);
    }

    /** Its databases, cluster first. */
    public List<TargetDatabase> databases() {
        return cluster == null ? instances : Stream.concat(Stream.of(cluster), instances.stream()).toList();
    }

    /** True when RDS is deleting every one of its databases: only counts against the concurrency cap now. */
    public boolean isBeingDeleted() {
        return databases().stream().allMatch(TargetDatabase::isDeleting);
    }

    /** The identifier of its main database: the cluster's, else the instance's. */
    public String identifier() {
        return cluster != null ? cluster.identifier() : instances.get(0).identifier();
    }

    /** What RDS says of each of its databases, e.g. {@code db-cluster x available, db-instance x creating}. */
    public String status() {
        return String.join(", ", databases().stream().map(db -> db.label() + " " + db.status()).toList());
    }

    /** The label of its main database, for logs. */
    public String label() {
        return cluster != null ? cluster.label() : instances.get(0).label();
    }
}
