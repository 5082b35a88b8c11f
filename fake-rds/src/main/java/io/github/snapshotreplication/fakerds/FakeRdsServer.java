package io.github.snapshotreplication.fakerds;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful local fake of the Amazon RDS Query API (version 2014-10-31) for tests and benchmarks: point the real
 * AWS SDK {@code RdsClient} at {@link #endpoint()} with any static credentials. One server serves every region:
 * each request is routed to the {@link FakeRegion} named in its SigV4 credential scope, in the {@link FakeAccount} of
 * its access key. Unless test code {@linkplain #registerAccessKey registers} a key to another account, everything
 * belongs to the default account {@value #ACCOUNT_ID}.
 *
 * <pre>{@code
 * try (FakeRdsServer rds = FakeRdsServer.start()) {
 *     rds.region("eu-west-1").addDbSnapshot(DbSnapshot.builder().identifier("rds:orders-db-2024-05-14-03-10")
 *             .dbInstanceIdentifier("orders-db").snapshotType("automated").build());
 *     RdsClient client = RdsClient.builder().endpointOverride(rds.endpoint()).region(Region.EU_WEST_1)...build();
 * }
 * }</pre>
 */
public final class FakeRdsServer implements AutoCloseable {

    /** The default account: it owns what {@link #region(String)} holds and serves every unregistered access key. */
    public static final String ACCOUNT_ID = "123456789012";

    private static final AtomicInteger THREADS = new AtomicInteger();

    static {
        // Without TCP_NODELAY the JDK server's small header and body writes meet the client's delayed ACK: every
        // request would take ~40 ms more. The JDK reads this once, when its first HttpServer starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final ServerContext context = new ServerContext();
    private final Accounts accounts = new Accounts(context, ACCOUNT_ID);
    private final FaultInjector faults = new FaultInjector();
    private final RequestLog log = new RequestLog();
    private final HttpServer server;
    private final ExecutorService executor;
    private volatile long latencyNanos;
    private QueryApiHandler handler;

    private FakeRdsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts a server on 127.0.0.1 on a free port. */
    public static FakeRdsServer start() {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a local port for the fake RDS server", e);
        }
        // One thread per concurrent request, so injected latency never serialises parallel callers.
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "fake-rds-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        FakeRdsServer fake = new FakeRdsServer(http, executor);
        fake.handler = new QueryApiHandler(fake.actions(), fake.faults, fake.log, () -> fake.latencyNanos,
                fake.accounts);
        http.createContext("/", fake.handler);
        http.setExecutor(executor);
        http.start();
        return fake;
    }

    /** @return {@code http://127.0.0.1:PORT}, for {@code endpointOverride} */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * @return the default account's EventBridge rules, answered on the same endpoint (JSON protocol,
     *     {@code X-Amz-Target}) to callers of the default account; other accounts have their own
     *     ({@link FakeAccount#eventBridge()})
     */
    public FakeEventBridge eventBridge() {
        return accounts.defaultAccount().eventBridge();
    }

    /** @return the state of this region (e.g. {@code eu-west-1}) of the default account, created empty on first use */
    public FakeRegion region(String name) {
        return accounts.defaultAccount().region(name);
    }

    /**
     * @return the account with this 12-digit id, created empty on first use; {@value #ACCOUNT_ID} is the default
     *     account
     */
    public FakeAccount account(String accountId) {
        return accounts.account(accountId);
    }

    /**
     * Makes requests signed with this access key id act in this account (created if new). Keys never registered act in
     * the default account.
     *
     * @throws IllegalStateException when the key is already registered to another account
     */
    public void registerAccessKey(String accessKeyId, String accountId) {
        accounts.registerAccessKey(accessKeyId, accountId);
    }

    /** @return the account requests signed with this access key id act in */
    public String accountOf(String accessKeyId) {
        return accounts.accountOf(accessKeyId);
    }

    /**
     * @return every resource deleted since the start, in every account, in order, through the API ({@code deletedBy}
     *     = the caller's access key id) or by test code ({@code deletedBy} = {@value FakeRegion#CREATED_BY_SETUP}):
     *     ground truth of who removed what, and from which account
     */
    public List<Deletion> deletions() {
        return context.deletions();
    }

    /** @return the fault injector of this server */
    public FaultInjector faults() {
        return faults;
    }

    /**
     * Sets the clock RDS stamps times with: {@code SnapshotCreateTime} of copies and of created snapshots, and the
     * start time of pending copies. Default {@link Clock#systemUTC()}; a test can set a fixed or movable clock.
     */
    public void setClock(Clock clock) {
        context.setClock(clock);
    }

    /** Adds this delay to every request (benchmarks). Requests are served in parallel, so it does not add up. */
    public void setLatency(Duration perRequest) {
        if (perRequest.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + perRequest);
        }
        latencyNanos = perRequest.toNanos();
    }

    /** @return the most RDS requests the server was answering at the same time since it started */
    public int maxConcurrentRequests() {
        return handler.maxConcurrentRequests();
    }

    /** @return every request answered since the start or the last {@link #clearRequests()}, in order */
    public List<RecordedRequest> requests() {
        return log.requests();
    }

    /**
     * @return the mutating requests answered since the start or the last {@link #clearRequests()}, in order, errors
     *     included ({@link RecordedRequest#succeeded()} tells them apart): each with {@link RecordedRequest#target()}
     *     (the identifier or ARN it changed), {@link RecordedRequest#tags()}, the caller's access key and account
     */
    public List<RecordedRequest> mutatingRequests() {
        return log.requests().stream().filter(RecordedRequest::isMutating).toList();
    }

    /** @return how many requests with this {@code Action} were answered, errors included */
    public long count(String action) {
        return log.count(action);
    }

    /**
     * @return how many Copy*, Delete*, Create*, Modify*, Restore*, AddTagsToResource and RemoveTagsFromResource
     *     requests were answered, errors included
     */
    public long mutatingRequestCount() {
        return log.mutatingCount();
    }

    /** Forgets the recorded requests and the counts. */
    public void clearRequests() {
        log.clear();
    }

    /**
     * Keeps (default) or drops the details of each request for {@link #requests()}; counts are always kept.
     * Benchmarks with hundreds of thousands of requests turn it off to save memory.
     */
    public void setRecordRequests(boolean record) {
        log.keepDetails(record);
    }

    /** Stops the server at once. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private Map<String, QueryApiHandler.Action> actions() {
        InstanceActions instances = new InstanceActions(accounts);
        DbSnapshotActions snapshots = new DbSnapshotActions(accounts);
        ClusterSnapshotActions clusterSnapshots = new ClusterSnapshotActions(accounts);
        TagActions tags = new TagActions(accounts);
        OptionGroupActions optionGroups = new OptionGroupActions(accounts);
        CreateSnapshotActions create = new CreateSnapshotActions(accounts);
        RestoreActions restore = new RestoreActions(accounts);
        DeleteDatabaseActions delete = new DeleteDatabaseActions(accounts);
        CreateInstanceActions createInstance = new CreateInstanceActions(accounts);
        SnapshotAttributeActions attributes = new SnapshotAttributeActions(accounts);
        Map<String, QueryApiHandler.Action> actions = new LinkedHashMap<>();
        actions.put("DescribeDBInstances", instances::describeInstances);
        actions.put("DescribeDBClusters", instances::describeClusters);
        actions.put("DescribeDBSnapshots", snapshots::describe);
        actions.put("CopyDBSnapshot", snapshots::copy);
        actions.put("DeleteDBSnapshot", snapshots::delete);
        actions.put("DescribeDBClusterSnapshots", clusterSnapshots::describe);
        actions.put("CopyDBClusterSnapshot", clusterSnapshots::copy);
        actions.put("DeleteDBClusterSnapshot", clusterSnapshots::delete);
        actions.put("ListTagsForResource", tags::list);
        actions.put("AddTagsToResource", tags::add);
        actions.put("RemoveTagsFromResource", tags::remove);
        actions.put("DescribeOptionGroups", optionGroups::describe);
        actions.put("CreateDBSnapshot", create::createDbSnapshot);
        actions.put("CreateDBClusterSnapshot", create::createDbClusterSnapshot);
        actions.put("RestoreDBInstanceFromDBSnapshot", restore::restoreDbInstance);
        actions.put("RestoreDBClusterFromSnapshot", restore::restoreDbCluster);
        actions.put("CreateDBInstance", createInstance::createDbInstance);
        actions.put("DeleteDBInstance", delete::deleteDbInstance);
        actions.put("DeleteDBCluster", delete::deleteDbCluster);
        actions.put("ModifyDBSnapshotAttribute", attributes::modifyDbSnapshot);
        actions.put("DescribeDBSnapshotAttributes", attributes::describeDbSnapshot);
        actions.put("ModifyDBClusterSnapshotAttribute", attributes::modifyDbClusterSnapshot);
        actions.put("DescribeDBClusterSnapshotAttributes", attributes::describeDbClusterSnapshot);
        return actions;
    }
}
