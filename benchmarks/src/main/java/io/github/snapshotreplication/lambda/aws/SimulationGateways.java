package io.github.snapshotreplication.lambda.aws;

import software.amazon.awssdk.services.rds.RdsClient;

/**
 * Gateways for the time simulation of the benchmarks module, which must hand the engine's gateway an
 * {@link RdsClient} of its own (describes answered in-process from the fake's state) and the project's HTTP client
 * for everything else. The gateway's client constructor is package-private and the Lambda's main code stays as it
 * ships, so this one class shares its package from the benchmarks module (class path only, no module system).
 */
public final class SimulationGateways {

    private SimulationGateways() {
    }

    /** A gateway of {@code region} over {@code client}. */
    public static RdsSnapshotGateway over(RdsClient client, String region) {
        return new RdsSnapshotGateway(client, region);
    }

    /** The client the Lambda itself would build for {@code region}: real SDK, HTTP, the given settings. */
    public static RdsClient httpClient(String region, ClientSettings settings) {
        return RdsClients.build(region, settings);
    }
}
