package tornado.probes;

import static tornado.testing.Programs.onPath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tornado.testing.OnBothConnections;

/**
 * Resources a client can exhaust, each in a server of its own JVM: the heap (many concurrent
 * large uploads and stalled ones under {@code -Xmx256m}) and file descriptors ({@code ulimit -n
 * 128}). The server must answer every upload with 200, 413 or 503, keep serving a normal client,
 * and be alive at the end. {@code -Dresilience.long=true} runs bigger variants (README).
 */
@Tag("resilience")
class ExhaustionTest extends OnBothConnections {
    static final boolean LONG = Boolean.getBoolean("resilience.long");
    private static final int MIB = 1024 * 1024;
    private static final byte[] ZEROS = new byte[MIB];

    /** One upload: headers now, then {@code length - held} body bytes; the rest after {@code release}. */
    private static int upload(int port, long length, long held, CountDownLatch release) throws Exception {
        try (Wire w = new Wire(port)) {
            w.socket.setSoTimeout(120_000);
            w.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: " + length + "\r\n\r\n");
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    for (long left = length - held; left > 0; left -= Math.min(left, ZEROS.length)) {
                        w.out.write(ZEROS, 0, (int) Math.min(left, ZEROS.length));
                    }
                    if (held > 0) {
                        release.await();
                        w.out.write(ZEROS, 0, (int) held);
                    }
                    w.out.flush();
                } catch (IOException | InterruptedException refused) {
                    // The server answered early (413, 503) and stopped reading: expected.
                }
            });
            try {
                return w.read().status();
            } finally {
                writer.interrupt();
            }
        }
    }

    /** The status an upload got; if it got none, the failure with the server's log. */
    private static int answer(Future<Integer> upload, Forked server) throws Exception {
        try {
            return upload.get(120, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("an upload got no answer (" + e.getCause() + "); the server's log:\n"
                    + String.join("\n", server.logLines()), e.getCause());
        }
    }

    @Test
    void manyLargeAndStalledUploadsUnderASmallHeapAreAnsweredAndTheServerLives() throws Exception {
        int stalled = LONG ? 12 : 4, uploads = LONG ? 40 : 6, huge = LONG ? 10 : 3;
        int size = 12 * MIB;
        Map<Integer, Integer> statuses = new TreeMap<>();
        // -Dresilience.budget=<bytes> overrides the server's body budget: with a huge one this
        // test shows what happens without it (connections dropped unanswered, out of memory).
        String[] args = System.getProperty("resilience.budget") == null ? new String[0]
                : new String[] {"budget=" + System.getProperty("resilience.budget")};
        try (Forked server = new Forked(0, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), args);
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch release = new CountDownLatch(1);
            List<Future<Integer>> held = new ArrayList<>();
            List<Future<Integer>> others = new ArrayList<>();
            for (int i = 0; i < stalled; i++) held.add(clients.submit(() -> upload(server.port, size, 1, release)));
            for (int i = 0; i < uploads; i++) others.add(clients.submit(() -> upload(server.port, size, 0, release)));
            for (int i = 0; i < huge; i++) others.add(clients.submit(() -> upload(server.port, 99L * MIB, 0, release)));
            // While all that is going on, a normal client is served (Wire's reads are bounded).
            server.assertServes();
            for (Future<Integer> f : others) statuses.merge(answer(f, server), 1, Integer::sum);
            // A real OutOfMemoryError in a handler closes that connection only.
            try (Wire w = server.connect()) {
                w.send("GET /oom HTTP/1.1\r\nHost: x\r\n\r\n");
                assertTrue(w.closedWithin(10_000), "the connection whose handler ran out of memory is closed");
            }
            server.assertServes();
            release.countDown();
            for (Future<Integer> f : held) statuses.merge(answer(f, server), 1, Integer::sum);
            server.assertServes();
            assertTrue(server.process.isAlive(), "the server process is alive");
            System.out.println("[resilience] -Xmx256m, " + stalled + " stalled + " + uploads + " x 12 MiB + " + huge
                    + " x 99 MiB uploads: statuses " + statuses);
            for (int status : statuses.keySet()) {
                assertTrue(status == 200 || status == 413 || status == 503, "unexpected status " + status + " in " + statuses);
            }
            assertEquals(huge, statuses.getOrDefault(413, 0), "a 99 MiB body is larger than the whole budget: " + statuses);
            assertTrue(statuses.getOrDefault(200, 0) > 0, "some uploads fit the budget: " + statuses);
            assertEquals(1, server.logLines().stream().filter(l -> l.contains("java.lang.OutOfMemoryError")).count(),
                    "no OutOfMemoryError but the one /oom asked for:\n" + String.join("\n", server.logLines()));
        }
    }



    /** A forked server under {@code ulimit -n limit}; the test is skipped, saying why, where that cannot be had. */
    private static Forked underDescriptorLimit(int limit) throws Exception {
        assumeTrue(onPath("bash"), "bash is not on PATH: cannot lower the descriptor limit with ulimit; skipping");
        try {
            return new Forked(limit, List.of("-Xmx64m", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
        } catch (IllegalStateException e) {
            assumeTrue(false, "cannot start a JVM under ulimit -n " + limit + " here: " + e.getMessage());
            throw e;
        }
    }

    @Test
    void outOfFileDescriptorsTheServerPausesAcceptingLogsOncePerPauseAndRecovers() throws Exception {
        int limit = 128;
        Forked server = underDescriptorLimit(limit);
        List<Socket> idle = new ArrayList<>();
        try (server) {
            // Two clients accepted before the flood, to use while the server is at its limit.
            Wire a = server.connect(), b = server.connect();
            for (Wire w : List.of(a, b)) {
                w.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals(200, w.read().status());
            }
            // More idle clients than the server has descriptors: the kernel completes their
            // handshakes (the listen backlog is 128), the server's accepts fail with EMFILE.
            int flood = LONG ? 230 : 200;
            for (int i = 0; i < flood; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", server.port), 10_000);
                idle.add(s);
            }
            assertTrue(server.awaitLog(l -> l.contains("not accepting for"), 10_000),
                    "the server reports the pause:\n" + String.join("\n", server.logLines()));
            // Let at least three pauses pass (50 + 100 + 200 ms), waiting on the log, not a clock.
            assertTrue(server.awaitLog(l -> l.contains("3 failed accept(s) in a row"), 10_000),
                    "the pause repeats while descriptors stay exhausted:\n" + String.join("\n", server.logLines()));
            List<String> lines = server.logLines();
            long pauses = lines.stream().filter(l -> l.contains("not accepting for")).count();
            assertTrue(lines.stream().noneMatch(l -> l.startsWith("\tat ")), "no stack trace per failed accept:\n"
                    + String.join("\n", lines));
            assertTrue(pauses <= 10, pauses + " log lines for a few hundred ms of failed accepts: one per pause, not per attempt");
            // At the limit, connections already open are served, and an Error in a handler closes
            // only its own connection.
            b.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, b.read().status());
            a.send("GET /oom HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(a.closedWithin(10_000));
            b.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, b.read().status());
            // The idle clients go; descriptors come back; accepting resumes (within the longest pause).
            for (Socket s : idle) s.close();
            idle.clear();
            server.assertServes();
            assertTrue(server.awaitLog(l -> l.contains("Accepting again"), 10_000));
            assertTrue(server.process.isAlive());
            System.out.println("[resilience] ulimit -n " + limit + ", " + flood + " idle clients: " + pauses
                    + " pause line(s), no stack traces, served again after they left");
            a.close();
            b.close();
        } finally {
            for (Socket s : idle) s.close();
        }
    }

    /**
     * The same flood on a server that has served nothing yet, so that the first request and the
     * first close each come while descriptors are exhausted. The clients the server accepted
     * before its limit are answered at the limit; when every client has gone, the server serves
     * again, and its log names no class that could not be loaded. Before the classes were loaded
     * ahead (ClassPreloader), no client was answered, the first close failed on a class file it
     * could not open, and the loop spun on the socket that close never let go of.
     */
    @Test
    void aServerThatHasServedNothingYetServesAtItsLimitAndAfter() throws Exception {
        int limit = 128;
        Forked server = underDescriptorLimit(limit);
        List<Wire> flood = new ArrayList<>();
        try (server) {
            for (int i = 0; i < 200; i++) flood.add(new Wire(server.port));
            assertTrue(server.awaitLog(l -> l.contains("not accepting for"), 10_000),
                    "the server runs out of descriptors:\n" + String.join("\n", server.logLines()));
            // Every client asks at once; the ones accepted before the limit are answered now, the
            // rest wait in the kernel's queue, so each waits for its answer on a thread of its own.
            List<Future<Integer>> answers = new ArrayList<>();
            try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (Wire w : flood) {
                    answers.add(readers.submit(() -> {
                        w.socket.setSoTimeout(5_000);
                        w.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                        try {
                            return w.read().status();
                        } catch (IOException notAcceptedYet) {
                            return 0;
                        }
                    }));
                }
            }
            int answered = 0;
            for (Future<Integer> a : answers) if (a.get() == 200) answered++;
            assertTrue(answered > 0, "no client was answered at the limit:\n" + String.join("\n", server.logLines()));
            for (Wire w : flood) w.close();
            flood.clear();
            assertTrue(server.awaitLog(l -> l.contains("Accepting again"), 10_000),
                    "the server accepts again once the clients left:\n" + String.join("\n", server.logLines()));
            server.assertServes();
            List<String> lines = server.logLines();
            assertTrue(lines.stream().noneMatch(l -> l.contains("NoClassDefFoundError") || l.contains("Exception in I/O handler")),
                    "a class could not be loaded at the limit:\n" + String.join("\n", lines));
            System.out.println("[resilience] ulimit -n " + limit + ", a server that had served nothing: " + answered
                    + " of 200 clients answered at the limit, served again after they left");
        } finally {
            for (Wire w : flood) w.close();
        }
    }
}
