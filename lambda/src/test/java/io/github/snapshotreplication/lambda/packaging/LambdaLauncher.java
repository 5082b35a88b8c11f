package io.github.snapshotreplication.lambda.packaging;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.github.snapshotreplication.lambda.handler.SnapshotReplicationHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Plays the Lambda runtime for the shipped jar: instantiates the handler as Lambda does (public no-arg constructor,
 * static initialisation included), then hands it each event file in turn with a minimal {@link Context}.
 *
 * <p>Runs in a fresh JVM whose class path is the shipped jar and this class alone, so that it proves the shrunk jar
 * works by itself. It uses nothing but the JDK and what the jar contains. Output, besides the engine's JSON lines:
 * {@code LAUNCHER_RESULT <file> <summary json>} or {@code LAUNCHER_FAILED <file> <exception>} per event, and one
 * {@code LAUNCHER_TIMING} line after each. Exit code: 0 all handled, 2 an invocation failed (e.g. a
 * transient failure, which Lambda would retry), 1 the handler could not be created.
 *
 * <p>System properties: {@code launcher.remainingMillis} (default 900000, the 15-minute limit) sets what
 * {@link Context#getRemainingTimeInMillis()} counts down from at the start of each event;
 * {@code launcher.primeEvent} names an event handled right after initialisation and before the timed events, as
 * SnapStart priming would; {@code launcher.sampleHeap=true} samples the used heap every 5 ms and adds its peak to
 * the timing line.
 */
public final class LambdaLauncher {

    /** Prefix of the line written after an event was handled. */
    public static final String RESULT = "LAUNCHER_RESULT ";
    /** Prefix of the line written when an invocation threw. */
    public static final String FAILED = "LAUNCHER_FAILED ";
    /** Prefix of the timing line of each event: {@code init_ms}, {@code event_ms}, {@code jvm_uptime_ms}... */
    public static final String TIMING = "LAUNCHER_TIMING ";

    private LambdaLauncher() {
    }

    /** Handles the event files named in {@code args}, in order. */
    public static void main(String[] args) throws Exception {
        long remainingMillis = Long.getLong("launcher.remainingMillis", 900_000L);
        HeapSampler heap = Boolean.getBoolean("launcher.sampleHeap") ? HeapSampler.start() : null;
        long initStart = System.nanoTime();
        SnapshotReplicationHandler handler;
        try {
            handler = new SnapshotReplicationHandler();
        } catch (Throwable e) {
            System.out.println(FAILED + "init " + e);
            System.out.flush();
            System.exit(1);
            return;
        }
        String primeEvent = System.getProperty("launcher.primeEvent");
        if (primeEvent != null) {
            handler.handleRequest(new ByteArrayInputStream(Files.readAllBytes(Path.of(primeEvent))),
                    new ByteArrayOutputStream(), new LauncherContext(System.currentTimeMillis() + remainingMillis));
        }
        long initNanos = System.nanoTime() - initStart;
        int exitCode = 0;
        for (int i = 0; i < args.length; i++) {
            byte[] event = Files.readAllBytes(Path.of(args[i]));
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            long start = System.nanoTime();
            try {
                handler.handleRequest(new ByteArrayInputStream(event), response,
                        new LauncherContext(System.currentTimeMillis() + remainingMillis));
                System.out.println(RESULT + args[i] + " " + response.toString(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                System.out.println(FAILED + args[i] + " " + e);
                exitCode = 2;
            }
            long handleNanos = System.nanoTime() - start;
            // Read after the event: loading the management classes must not count as start-up time.
            long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
            System.out.println(TIMING + "{\"event\":" + i + ",\"init_ms\":" + initNanos / 1_000_000
                    + ",\"event_ms\":" + handleNanos / 1_000_000 + ",\"jvm_uptime_ms\":" + uptime
                    + (heap == null ? "" : ",\"peak_heap_mb\":" + heap.peakMb()) + "}");
            System.out.flush();
        }
        System.exit(exitCode);
    }

    /** Samples the used heap on a daemon thread: the peak includes garbage not yet collected, as -Xmx sees it. */
    private static final class HeapSampler implements Runnable {

        private volatile long peakBytes;

        static HeapSampler start() {
            HeapSampler sampler = new HeapSampler();
            Thread thread = new Thread(sampler, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
            return sampler;
        }

        long peakMb() {
            return peakBytes / (1024 * 1024);
        }

        @Override
        public void run() {
            var memory = ManagementFactory.getMemoryMXBean();
            while (true) {
                peakBytes = Math.max(peakBytes, memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** The parts of the Lambda context the handler reads: the function ARN (account) and the remaining time. */
    /** A Lambda context of a fixed function ARN whose remaining time counts down to a deadline. */
    public static final class LauncherContext implements Context {

        private final long deadlineMillis;

        LauncherContext(long deadlineMillis) {
            this.deadlineMillis = deadlineMillis;
        }

        /** A context with {@code remainingMillis} left from now; also used by in-process handler tests. */
        public static LauncherContext withRemainingMillis(int remainingMillis) {
            return new LauncherContext(System.currentTimeMillis() + remainingMillis);
        }

        @Override
        public String getAwsRequestId() {
            return "00000000-0000-4000-8000-000000000000";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/snapshot-replication";
        }

        @Override
        public String getLogStreamName() {
            return "2024/05/14/[$LATEST]00000000000000000000000000000000";
        }

        @Override
        public String getFunctionName() {
            return "snapshot-replication";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:eu-west-1:123456789012:function:snapshot-replication";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, Math.min(Integer.MAX_VALUE, deadlineMillis - System.currentTimeMillis()));
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.out.print(message);
                }

                @Override
                public void log(byte[] message) {
                    System.out.print(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
