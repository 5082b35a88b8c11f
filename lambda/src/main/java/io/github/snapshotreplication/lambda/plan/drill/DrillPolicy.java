package io.github.snapshotreplication.lambda.plan.drill;

import io.github.snapshotreplication.contract.CopyIdentifiers;
import io.github.snapshotreplication.lambda.plan.DatabaseScope;
import io.github.snapshotreplication.lambda.plan.ReplicationPolicy;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What the restore drill may do, from the drill settings: where drill databases go, how big they are, how many at
 * once, for how long, and which replicated databases are drilled.
 *
 * @param replication     the replication policy: proves copies ours and says which databases are replicated
 * @param subnetGroup     DB subnet group of the target region for the drill databases
 * @param securityGroups  VPC security groups of the drill databases
 * @param instanceClasses instance class per engine or engine family, defaults included
 * @param maxConcurrent   drills alive at once
 * @param maxDuration     a drill older than this is failed ({@code timeout}) and its databases deleted
 * @param perRound        databases asked for per round; {@code null}: every selected database
 * @param selection       which replicated databases are drilled
 * @param successWindow   a selected database without a successful drill for this long is overdue
 */
public record DrillPolicy(ReplicationPolicy replication, String subnetGroup, List<String> securityGroups,
                          Map<String, String> instanceClasses, int maxConcurrent, Duration maxDuration,
                          Integer perRound, DatabaseScope selection, Duration successWindow) {

    /** Copies the lists. */
    public DrillPolicy {
        Objects.requireNonNull(replication, "replication");
        securityGroups = List.copyOf(securityGroups);
        instanceClasses = Map.copyOf(instanceClasses);
    }

    /** The installation's id: the value of the drill tag on its drill databases. */
    public String replicationId() {
        return replication.replicationId();
    }

    /** The start of every drill database's identifier, e.g. {@code sr3f9a2c1b-drill-}. */
    public String identifierStart() {
        return CopyIdentifiers.drillIdentifierStart(replication.replicationId());
    }

    /**
     * The instance class for an engine: the entry of the engine's own name ({@code sqlserver-ex}), else of its
     * family ({@code sqlserver}; {@code aurora-mysql} is a family of its own).
     *
     * @return the class, or {@code null} when no entry names the engine or its family
     */
    public String instanceClassFor(String engine) {
        if (engine == null) {
            return null;
        }
        String name = engine.toLowerCase(Locale.ROOT);
        String exact = instanceClasses.get(name);
        if (exact != null) {
            return exact;
        }
        int hyphen = name.indexOf('-');
        return hyphen < 0 ? null : instanceClasses.get(name.substring(0, hyphen));
    }
}
