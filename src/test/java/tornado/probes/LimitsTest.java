package tornado.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tornado.httpserver.HTTPServerOptions;
import tornado.testing.LogCapture;
import tornado.testing.OnBothConnections;

/**
 * The limits a slow or greedy client meets (chapter 4, "What this server survives"): the header
 * timeout from a request's first byte, the body timeout on no progress, the cap on open
 * connections, and the server-wide budget for request bodies. Small values, bounded waits.
 */
@Tag("resilience")
class LimitsTest extends OnBothConnections {
    private static final String GET = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";

    /** Sends {@code piece} every {@code ms} until the socket fails (the server closed it). */
    private static ScheduledExecutorService trickle(Wire w, String piece, long ms) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timer.scheduleAtFixedRate(() -> {
            try {
                w.send(piece);
            } catch (IOException closed) {
                timer.shutdown();
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
        return timer;
    }

    @Test
    void aSlowlorisClientIsClosedByTheHeaderTimeoutThoughTheIdleTimeoutIsAnHour() throws Exception {
        HTTPServerOptions o = HTTPServerOptions.defaults().withHeaderTimeout(Duration.ofMillis(200));
        LogCapture log = LogCapture.onEveryLevel("tornado.general");
        try (Fixtures f = Fixtures.raw(Fixtures::echo, o); Wire w = f.connect()) {
            w.send("GET / HTTP/1.1\r\n");
            ScheduledExecutorService timer = trickle(w, "X-A: b\r\n", 40);
            try {
                assertTrue(w.closedWithin(5_000), "a header line every 40 ms does not keep the connection");
            } finally {
                timer.shutdownNow();
                log.remove();
            }
            try (Wire ok = f.connect()) {
                ok.send(GET);
                assertEquals(200, ok.read().status());
            }
            // The log says how long, as a person writes it ("200 ms", not Java's "PT0.2S").
            assertTrue(log.messages().stream().anyMatch(m -> m.endsWith("header block not complete within 200 ms")),
                    log.messages().toString());
        }
    }

    @Test
    void aHeaderBlockStartedJustBeforeTheIdleDeadlineIsClosedAsIdleNotAsSlow() throws Exception {
        // The first byte brings the watch's deadline forward only when the header deadline falls
        // sooner (ReadWatch.watchHeaders); here the idle deadline, 300 ms off, comes before the
        // minute of the header timeout, so it is the idle timeout that closes, and says so.
        HTTPServerOptions o = HTTPServerOptions.defaults().withIdleConnectionTimeout(Duration.ofMillis(300));
        LogCapture log = LogCapture.onEveryLevel("tornado.general");
        try (Fixtures f = Fixtures.raw(Fixtures::echo, o); Wire w = f.connect()) {
            w.send("GET / HTTP/1.1\r\n");
            try {
                assertTrue(w.closedWithin(5_000), "the idle timeout bounds a header block that never ends");
            } finally {
                log.remove();
            }
            assertTrue(log.messages().stream().anyMatch(m -> m.startsWith("Closing idle connection from")),
                    log.messages().toString());
            assertTrue(log.messages().stream().noneMatch(m -> m.contains("header block not complete")),
                    log.messages().toString());
        }
    }

    @Test
    void theHeaderTimeoutStartsAtTheFirstByteNotWhileTheConnectionIsIdle() throws Exception {
        HTTPServerOptions o = HTTPServerOptions.defaults().withHeaderTimeout(Duration.ofMillis(100));
        try (Fixtures f = Fixtures.raw(Fixtures::echo, o); Wire w = f.connect()) {
            w.assertQuiet(700); // seven header timeouts of silence: still open
            w.send(GET);
            assertEquals(200, w.read().status());
            w.assertQuiet(700); // and again between requests
            w.send(GET);
            assertEquals(200, w.read().status());
        }
    }

    @Test
    void aBodyThatKeepsComingIsReadPastTheBodyTimeoutAndAStalledOneIsNot() throws Exception {
        HTTPServerOptions o = HTTPServerOptions.defaults().withBodyTimeout(Duration.ofMillis(300));
        try (Fixtures f = Fixtures.raw(Fixtures::echo, o)) {
            try (Wire w = f.connect()) {
                // 20 bytes, one every 60 ms: 1.2 s in all, four times the timeout, never 300 ms idle.
                w.send("POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\n");
                ScheduledExecutorService timer = trickle(w, "a", 60);
                try {
                    Wire.Resp r = w.read();
                    assertEquals(200, r.status());
                    assertEquals("POST /slow 20 " + "a".repeat(20), r.text());
                } finally {
                    timer.shutdownNow();
                }
            }
            try (Wire w = f.connect()) {
                w.send("POST /stalled HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\nabc");
                assertTrue(w.closedWithin(5_000), "a body with no byte for the timeout is cut off");
            }
        }
    }

    @Test
    void pastMaxConnectionsNewConnectionsAreClosedAtOnceAndTheEpisodeIsLoggedOnce() throws Exception {
        LogCapture log = LogCapture.on("tornado.general");
        List<Wire> open = new ArrayList<>();
        try (Fixtures f = Fixtures.raw(Fixtures::echo, HTTPServerOptions.defaults().withMaxConnections(3))) {
            for (int i = 0; i < 3; i++) {
                Wire w = f.connect();
                w.send(GET);
                assertEquals(200, w.read().status());
                open.add(w);
            }
            for (int i = 0; i < 3; i++) {
                try (Wire w = f.connect()) {
                    assertTrue(w.closedWithin(5_000), "connection " + (4 + i) + " is over the limit of 3");
                }
            }
            assertEquals(3, f.server.limits().openConnections());
            open.remove(0).close();
            // The server notices the close on its next poll; until then a newcomer may still be
            // refused, so try a bounded number of times.
            boolean served = false;
            for (int attempt = 0; attempt < 100 && !served; attempt++) {
                try (Wire w = f.connect()) {
                    w.send(GET);
                    served = w.read().status() == 200;
                } catch (IOException refusedStill) {
                    f.lt.run(() -> { });
                }
            }
            assertTrue(served, "a connection is served again once one has closed");
            long limitLines = log.messages().stream().filter(m -> m.startsWith("Connection limit reached")).count();
            assertEquals(1, limitLines, "one line when refusing begins: " + log.messages());
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("refused 3 while at the limit of 3")
                    || m.matches(".*refused \\d+ while at the limit of 3")), log.messages().toString());
        } finally {
            log.remove();
            for (Wire w : open) w.close();
        }
    }

    @Test
    void bodiesShareOneBudget503WhenItIsInUse413WhenTooLargeForAllOfIt() throws Exception {
        HTTPServerOptions o = HTTPServerOptions.defaults().withMaxBufferedBodyBytes(1000);
        LogCapture log = LogCapture.onEveryLevel("tornado.general");
        try (Fixtures f = Fixtures.raw(Fixtures::echo, o); Wire held = f.connect()) {
            // 100 Continue comes only once the server has promised the body its 600 bytes.
            held.send("POST /held HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 600\r\n\r\n");
            assertEquals(100, held.read().status());
            try (Wire w = f.connect()) {
                w.send("POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 600\r\n\r\n");
                Wire.Resp r = w.read();
                assertEquals(503, r.status(), "600 more bytes do not fit in the 400 left");
                // The client learns to come back soon, and nothing of the server's figures.
                assertEquals("2", r.header("Retry-After"), r.toString());
                assertEquals("503 Service Unavailable: the server is busy with other uploads; try again later", r.text().strip());
                // The operator's log has them.
                assertTrue(log.messages().stream().anyMatch(m -> m.contains("hold 600 of the 1000 bytes of maxBufferedBodyBytes")
                        && m.contains("600 more")), log.messages().toString());
            }
            try (Wire w = f.connect()) {
                w.send("POST /c HTTP/1.1\r\nHost: x\r\nContent-Length: 2000\r\n\r\n");
                assertEquals(413, w.read().status(), "larger than the whole budget");
            }
            try (Wire w = f.connect()) {
                w.send("POST /d HTTP/1.1\r\nHost: x\r\nContent-Length: 300\r\n\r\n" + "d".repeat(300));
                assertEquals(200, w.read().status(), "300 bytes fit beside the 600 held");
            }
            held.send("h".repeat(600));
            assertEquals(200, held.read().status());
            // The held body's bytes came back when its request ended.
            try (Wire w = f.connect()) {
                w.send("POST /e HTTP/1.1\r\nHost: x\r\nContent-Length: 900\r\n\r\n" + "e".repeat(900));
                assertEquals(200, w.read().status());
            }
            // The last request ends on the loop once its answer has gone, which may be just
            // after the client read it: give the loop a bounded number of iterations.
            long stillHeld = -1;
            for (int i = 0; i < 100 && stillHeld != 0; i++) stillHeld = f.lt.call(() -> f.server.limits().bufferedBodyBytes());
            assertEquals(0, stillHeld, "every body's bytes are given back when its request ends");
        } finally {
            log.remove();
        }
    }

    private static String chunked(String path, int... sizes) {
        StringBuilder b = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int n : sizes) b.append(Integer.toHexString(n)).append("\r\n").append("c".repeat(n)).append("\r\n");
        return b.append("0\r\n\r\n").toString();
    }

    @Test
    void aChunkedBodyCostsTheBudgetWhatTheSameBodyWithAContentLengthCosts() throws Exception {
        HTTPServerOptions o = HTTPServerOptions.defaults().withMaxBufferedBodyBytes(1000);
        try (Fixtures f = Fixtures.raw(Fixtures::echo, o)) {
            try (Wire w = f.connect()) {
                w.send("POST /cl HTTP/1.1\r\nHost: x\r\nContent-Length: 900\r\n\r\n" + "c".repeat(900));
                assertEquals(200, w.read().status());
            }
            // The same 900 bytes in three chunks, on an idle server: served, not "busy".
            try (Wire w = f.connect()) {
                w.send(chunked("/chunked", 300, 300, 300));
                Wire.Resp r = w.read();
                assertEquals(200, r.status(), r.toString());
                assertEquals("POST /chunked 900 " + "c".repeat(900), r.text());
            }
            // More than the whole budget can never fit: 413 with the real limit, not 503.
            try (Wire w = f.connect()) {
                w.send(chunked("/too-big", 600, 600));
                Wire.Resp r = w.read();
                assertEquals(413, r.status(), r.toString());
                assertTrue(r.text().contains("limit of 1000 bytes"), r.text());
            }
        }
    }

    @Test
    void aClientThatSendsHeadersAndNoBodyHoldsTheBudgetOnlyForTheGracePeriod() throws Exception {
        // The body timeout (no progress) stays at its minute; the body deadline is what frees
        // the budget: 300 ms, then a second per 1000 bytes.
        HTTPServerOptions o = HTTPServerOptions.defaults().withMaxBufferedBodyBytes(1000)
                .withBodyGracePeriod(Duration.ofMillis(300)).withMinBodyRate(1000);
        LogCapture log = LogCapture.onEveryLevel("tornado.general");
        try (Fixtures f = Fixtures.raw(Fixtures::echo, o)) {
            try (Wire idle = f.connect(); Wire trickling = f.connect()) {
                idle.send("POST /idle HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 500\r\n\r\n");
                assertEquals(100, idle.read().status(), "the server has promised the idle body its 500 bytes");
                // One byte every 40 ms, 25 bytes/s, is progress but far below the minimum rate.
                trickling.send("POST /slow HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 500\r\n\r\n");
                assertEquals(100, trickling.read().status());
                ScheduledExecutorService timer = trickle(trickling, "t", 40);
                try {
                    try (Wire w = f.connect()) {
                        w.send("POST /now HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n");
                        assertEquals(503, w.read().status(), "both shares are held for now");
                    }
                    assertTrue(idle.closedWithin(5_000), "a body that never comes loses its share");
                    assertTrue(trickling.closedWithin(5_000), "a body far below the minimum rate loses its share");
                } finally {
                    timer.shutdownNow();
                }
            }
            long stillHeld = -1;
            for (int i = 0; i < 100 && stillHeld != 0; i++) stillHeld = f.lt.call(() -> f.server.limits().bufferedBodyBytes());
            assertEquals(0, stillHeld, "the budget is free again");
            try (Wire w = f.connect()) {
                w.send("POST /later HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n" + "l".repeat(1000));
                assertEquals(200, w.read().status());
            }
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("slower than the minimum of 1000 bytes/s after 300 ms")),
                    log.messages().toString());
        } finally {
            log.remove();
        }
    }

    @Test
    void theBodyDeadlineGrowsASecondPerMinBodyRateBytesReceived() {
        HTTPServerOptions o = HTTPServerOptions.defaults();
        long grace = HTTPServerOptions.DEFAULT_BODY_GRACE_PERIOD.toNanos();
        assertEquals(1000 + grace, o.bodyDeadline(1000, 0));
        assertEquals(1000 + grace + 1_000_000_000L, o.bodyDeadline(1000, HTTPServerOptions.DEFAULT_MIN_BODY_RATE));
        // The largest body we accept by default, 100 MiB, may take the grace period and 1600 s.
        assertEquals(grace + 1600_000_000_000L, o.bodyDeadline(0, 100L << 20));
        assertEquals(Long.MAX_VALUE, o.withMinBodyRate(0).bodyDeadline(0, 0), "no minimum rate, no deadline");
    }
}
