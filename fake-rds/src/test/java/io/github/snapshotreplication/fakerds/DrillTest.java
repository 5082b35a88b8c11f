package io.github.snapshotreplication.fakerds;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * The set-up of the restore drill tests: a fake on a {@link MovableClock} at {@link #START}, the drill region of
 * {@link Sdk#drillRegion} with the subclass's restore and delete times, and a user client there.
 */
abstract class DrillTest {

    static final Instant START = Instant.parse("2024-05-14T12:00:00Z");

    final MovableClock clock = new MovableClock(START);
    FakeRdsServer rds;
    RdsClient user;
    FakeRegion region;

    private final String userKey;
    private final Duration restoreTime;
    private final Duration deleteTime;

    DrillTest(String userKey, Duration restoreTime, Duration deleteTime) {
        this.userKey = userKey;
        this.restoreTime = restoreTime;
        this.deleteTime = deleteTime;
    }

    @BeforeEach
    void startFake() {
        rds = FakeRdsServer.start();
        rds.setClock(clock);
        user = Sdk.clientAs(rds.endpoint(), Sdk.TARGET, userKey);
        region = Sdk.drillRegion(rds, restoreTime, deleteTime);
    }

    @AfterEach
    void stopFake() {
        user.close();
        rds.close();
    }

    /** Restores {@code orders-copy} as the instance {@code id}, with no other parameter. */
    void restoreInstance(String id) {
        user.restoreDBInstanceFromDBSnapshot(b -> b.dbInstanceIdentifier(id).dbSnapshotIdentifier("orders-copy"));
    }

    /** @return the status DescribeDBInstances shows for the instance {@code id} */
    String status(String id) {
        return user.describeDBInstances(b -> b.dbInstanceIdentifier(id)).dbInstances().get(0).dbInstanceStatus();
    }
}
