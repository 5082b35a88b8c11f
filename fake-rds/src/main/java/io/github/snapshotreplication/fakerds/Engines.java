package io.github.snapshotreplication.fakerds;

/**
 * What an engine name tells RDS about a database. RDS API reference, CreateDBInstance Engine: RDS Custom engines
 * are {@code custom-oracle-ee}, {@code custom-oracle-ee-cdb}, {@code custom-oracle-se2}, {@code custom-oracle-se2-cdb},
 * {@code custom-sqlserver-ee}, {@code custom-sqlserver-se}, {@code custom-sqlserver-web} and
 * {@code custom-sqlserver-dev}; Aurora engines are {@code aurora-mysql} and {@code aurora-postgresql} (older
 * {@code aurora}); a DB cluster with any other engine ({@code mysql}, {@code postgres}) is a Multi-AZ DB cluster.
 */
final class Engines {

    private Engines() {
    }

    static boolean isAurora(String engine) {
        return engine != null && engine.startsWith("aurora");
    }

    static boolean isRdsCustom(String engine) {
        return engine != null && engine.startsWith("custom-");
    }

    static boolean isRdsCustomSqlServer(String engine) {
        return engine != null && engine.startsWith("custom-sqlserver-");
    }
}
