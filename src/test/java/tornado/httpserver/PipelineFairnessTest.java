package tornado.httpserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import tornado.ioloop.IOLoop;

/**
 * A client whose next requests are already in the server's read buffer (it pipelines) must not
 * keep the loop to itself: between two of its requests, the loop serves other connections and
 * runs its own callbacks and timeouts. Tornado's request loop yields {@code gen.moment} between
 * requests for this; chapter 7's does not, because chapter 2's stream hands every read's result
 * to the loop, so the next read always gives the loop its turn (chapter 7, "What it costs").
 * These tests hold both connections to that claim.
 *
 * <p>The server records what it handles, on its loop, in order. Both tests put a whole batch of
 * pipelined requests into the server's buffer at once, then look at where the other work landed
 * among them: within the first few of the batch, where a server that served its buffered requests
 * back to back, without a loop turn, would put it after all {@value #REQUESTS} of them.
 */
class PipelineFairnessTest extends tornado.testing.OnBothConnections {
    private static final int REQUESTS = 200;
    /** The other work must come before the pipelining client's request with this number. */
    private static final int WITHIN = 10;

    private final List<String> handled = new ArrayList<>();

    private static String pipelined(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append("GET /a/").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
        return b.toString();
    }

    /**
     * The position of {@code what} among the handled requests, failing if the pipelining client's
     * request number {@link #WITHIN} was handled before it.
     */
    private void assertWithinTheFirstFew(TestServer server, String what) throws Exception {
        List<String> order = server.onLoop(() -> new ArrayList<>(handled));
        int at = order.indexOf(what);
        int limit = order.indexOf("/a/" + WITHIN);
        assertTrue(at >= 0, what + " never happened: " + order);
        assertTrue(limit >= 0, "the pipelined request /a/" + WITHIN + " was not handled: " + order);
        assertTrue(at < limit, what + " had to wait for the pipelining client's request /a/" + WITHIN
                + " and more (position " + at + " of " + order.size() + "): " + order);
    }

    /**
     * Runs {@code send} while the server's loop waits in a callback of ours, so that what it sends
     * is all in the kernel when the loop next polls: the batch lands in the read buffer at once.
     * The loop waits on a latch, at most ten seconds, not by sleeping.
     */
    private static void whileTheLoopIsHeld(TestServer server, tornado.testing.LoopThread.ThrowingRunnable send) throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch sent = new CountDownLatch(1);
        server.loop.addCallback(() -> {
            held.countDown();
            waitAtMostTenSeconds(sent);
        });
        try {
            assertTrue(held.await(10, TimeUnit.SECONDS), "the loop did not run the holding callback within 10 s");
            send.run();
        } finally {
            sent.countDown();
        }
    }

    /** Holds the loop (this runs on it) until {@code latch} opens, or ten seconds have passed. */
    private static void waitAtMostTenSeconds(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void readAnswers(RawClient client, int n) throws Exception {
        for (int i = 0; i < n; i++) assertEquals(200, client.readResponse().status(), "answer " + i);
    }

    /**
     * One client pipelines {@value #REQUESTS} requests; its first handler waits (on a latch, at
     * most ten seconds) until another client has sent a request, so that this one is in the
     * kernel while the batch is still being served. It is handled among the batch's first.
     */
    @Test
    void anotherConnectionIsServedWhileAPipeliningClientIsStillBeingServed() throws Exception {
        CountDownLatch batchBegun = new CountDownLatch(1);
        CountDownLatch otherSent = new CountDownLatch(1);
        RequestCallback answer = request -> {
            handled.add(request.path());
            if (request.path().equals("/a/0")) {
                batchBegun.countDown();
                waitAtMostTenSeconds(otherSent);
            }
            TestServer.respond(request, 200, "OK", "ok");
        };
        try (TestServer server = TestServer.start(answer);
             RawClient a = server.connect();
             RawClient b = server.connect()) {
            // One request each first, so that both connections are accepted and waiting for a
            // header block before the batch comes.
            a.send("GET /warm-a HTTP/1.1\r\nHost: x\r\n\r\n");
            readAnswers(a, 1);
            b.send("GET /warm-b HTTP/1.1\r\nHost: x\r\n\r\n");
            readAnswers(b, 1);
            server.settle();

            whileTheLoopIsHeld(server, () -> a.send(pipelined(REQUESTS)));
            assertTrue(batchBegun.await(10, TimeUnit.SECONDS), "the batch's first request was not handled within 10 s");
            try {
                b.send("GET /b HTTP/1.1\r\nHost: x\r\n\r\n");
            } finally {
                otherSent.countDown();
            }
            readAnswers(b, 1);
            readAnswers(a, REQUESTS);
            assertWithinTheFirstFew(server, "/b");
        }
    }

    /**
     * While the pipelining client's requests are served, a callback and a timeout that one of
     * its handlers gives the loop run before the requests still buffered behind it.
     */
    @Test
    void theLoopsCallbacksAndTimeoutsRunBetweenPipelinedRequests() throws Exception {
        RequestCallback answer = request -> {
            handled.add(request.path());
            if (request.path().equals("/a/0")) {
                IOLoop loop = request.connection().stream().ioLoop();
                loop.addCallback(() -> handled.add("callback"));
                loop.callLater(Duration.ZERO, () -> handled.add("timeout"));
            }
            TestServer.respond(request, 200, "OK", "ok");
        };
        try (TestServer server = TestServer.start(answer);
             RawClient a = server.connect()) {
            a.send("GET /warm-a HTTP/1.1\r\nHost: x\r\n\r\n");
            readAnswers(a, 1);
            server.settle();
            whileTheLoopIsHeld(server, () -> a.send(pipelined(REQUESTS)));
            readAnswers(a, REQUESTS);
            assertWithinTheFirstFew(server, "callback");
            assertWithinTheFirstFew(server, "timeout");
        }
    }
}
