package tornado.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tornado.httpserver.HTTPRequest;
import tornado.httpserver.HTTPServerOptions;
import tornado.testing.OnBothConnections;

/**
 * Clients that behave badly in numbers (chapter 4, "What this server survives"): many slowloris
 * clients at once, slow readers of a large response, clients that vanish mid-request with a
 * reset, and connection churn. After each, the server's count of open connections must return
 * to zero (no leak) and a normal client must be served. {@code -Dresilience.long=true} runs the
 * issue's figures (10,000 abrupt clients, 100,000 short connections).
 */
@Tag("resilience")
class ClientsTest extends OnBothConnections {
    private static final String GET = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
    private static final int BIG = 8 * 1024 * 1024;

    /** "ok" for GET /, 8 MiB for /big, and the echo otherwise. */
    private static void handle(HTTPRequest r) {
        if (r.path().equals("/big")) {
            byte[] body = new byte[BIG];
            Arrays.fill(body, (byte) 'b');
            r.write(("HTTP/1.1 200 OK\r\nContent-Length: " + BIG + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            r.write(body);
            r.finish();
        } else {
            Fixtures.echo(r);
        }
    }

    /**
     * Waits, bounded, until the server has noticed every client close, then checks it serves.
     * Each round is one pass of the server's loop (a callback queued and awaited), which is
     * where it reads the end of file of a closed client and, a pass later, counts it out.
     */
    private static void assertNoConnectionLeft(Fixtures f) throws Exception {
        int open = -1;
        for (int round = 0; round < 2_000 && open != 0; round++) {
            open = f.lt.call(() -> f.server.limits().openConnections());
        }
        assertEquals(0, open, "connections the server still counts open after every client left");
        f.assertServes();
    }

    private static void all(int n, Callable<Void> client) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<Void>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) done.add(pool.submit(client));
            for (Future<Void> d : done) d.get(120, TimeUnit.SECONDS);
        }
    }

    /**
     * A connection that closes after its answer closes only once the answer has gone: 8 MiB
     * asked for with {@code Connection: close} arrive whole, then the close. (Chapter 7's request
     * loop ends as soon as such a response is finished, with most of it still queued; the close
     * waits for the queue.)
     */
    @Test
    void aLargeAnswerBeforeACloseArrivesWholeThenTheClose() throws Exception {
        try (Fixtures f = Fixtures.raw(ClientsTest::handle); Wire w = f.connect()) {
            w.send("GET /big HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            Wire.Resp r = w.read();
            assertEquals(200, r.status());
            assertEquals(BIG, r.body().length, "bytes of the answer that arrived before the close");
            assertTrue(w.closedWithin(5_000), "the server closes after a Connection: close answer");
            assertNoConnectionLeft(f);
        }
    }

    @Test
    void manySlowlorisClientsAreAllClosedWhileOthersAreServed() throws Exception {
        int n = ExhaustionTest.LONG ? 1000 : 100;
        HTTPServerOptions o = HTTPServerOptions.defaults().withHeaderTimeout(Duration.ofMillis(300));
        try (Fixtures f = Fixtures.raw(ClientsTest::handle, o)) {
            List<Wire> slow = new ArrayList<>();
            try {
                for (int i = 0; i < n; i++) {
                    Wire w = f.connect();
                    w.send("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: "); // and never the rest
                    slow.add(w);
                }
                f.assertServes();
                for (Wire w : slow) assertTrue(w.closedWithin(10_000), "a slowloris client outlived the header timeout");
            } finally {
                for (Wire w : slow) w.close();
            }
            assertNoConnectionLeft(f);
            System.out.println("[resilience] slowloris: " + n + " clients, all closed by a 300 ms header timeout");
        }
    }

    @Test
    void slowReadersOfALargeResponseDoNotDelayOthersAndGetEveryByte() throws Exception {
        try (Fixtures f = Fixtures.raw(ClientsTest::handle)) {
            List<Wire> readers = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Wire w = f.connect();
                    w.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n");
                    readers.add(w);
                }
                // Nobody reads the 32 MiB yet; a normal client is served all the same.
                f.assertServes();
                for (Wire w : readers) {
                    Wire.Resp r = w.read();
                    assertEquals(BIG, r.body().length);
                }
            } finally {
                for (Wire w : readers) w.close();
            }
            assertNoConnectionLeft(f);
        }
    }

    @Test
    void clientsThatResetMidRequestLeaveNothingBehind() throws Exception {
        int n = ExhaustionTest.LONG ? 10_000 : 1_000;
        String[] partial = {"GET / HT", "GET / HTTP/1.1\r\nHost: x\r\n", "POST /e HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc",
                "POST /e HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", GET, "GET /big HTTP/1.1\r\nHost: x\r\n\r\n"};
        Random rnd = new Random(9);
        try (Fixtures f = Fixtures.raw(ClientsTest::handle)) {
            all(n, () -> {
                String what;
                synchronized (rnd) {
                    what = partial[rnd.nextInt(partial.length)];
                }
                // Resets cost the server a little work each, and sixteen threads of them fill
                // the listen queue (backlog 128); the kernel then drops SYNs and the client
                // resends them, seconds later. That is TCP's backpressure, not a failure.
                try (Wire w = new Wire(f.port, 60_000)) {
                    w.socket.setSoLinger(true, 0); // close = reset
                    w.send(what);
                }
                return null;
            });
            assertNoConnectionLeft(f);
            System.out.println("[resilience] abrupt: " + n + " clients reset mid-request, no connection left open");
        }
    }

    @Test
    void connectionChurnIsServedAndLeavesNothingBehind() throws Exception {
        int n = ExhaustionTest.LONG ? 100_000 : 3_000;
        try (Fixtures f = Fixtures.raw(ClientsTest::handle)) {
            long start = System.nanoTime();
            all(n, () -> {
                try (Wire w = f.connect()) {
                    w.send("GET /c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                    assertEquals(200, w.read().status());
                }
                return null;
            });
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertNoConnectionLeft(f);
            System.out.println("[resilience] churn: " + n + " short connections, all 200, in " + ms + " ms");
        }
    }
}
