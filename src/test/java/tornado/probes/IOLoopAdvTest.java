package tornado.probes;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

import tornado.httpserver.HTTPServer;
import tornado.ioloop.IOLoop;
import tornado.ioloop.Timeout;
import tornado.testing.LoopThread;

/**
 * Probes the IOLoop and TCPServer under pressure: timeouts that cancel each other at the same
 * instant, a mass of cancellations, 100,000 callbacks added from many threads, and what
 * TCPServer.stop does to the port and to connections on the loops started by start(n).
 */
class IOLoopAdvTest {

    @Test
    void timeoutRemovingAnotherAtSameInstant() throws Exception {
        try (LoopThread t = new LoopThread()) {
            List<String> ran = new ArrayList<>();
            CompletableFuture<Void> done = new CompletableFuture<>();
            t.run(() -> {
                IOLoop loop = t.loop;
                long when = loop.time() + 20_000_000L;
                Timeout[] holder = new Timeout[3];
                holder[0] = loop.callAt(when, () -> {
                    ran.add("A");
                    loop.removeTimeout(holder[1]);
                });
                holder[1] = loop.callAt(when, () -> ran.add("B"));
                holder[2] = loop.callAt(when, () -> {
                    ran.add("C");
                    loop.removeTimeout(holder[0]); // already ran: no-op
                    loop.removeTimeout(holder[2]); // itself: no-op
                });
                loop.callAt(when + 1_000_000L, () -> done.complete(null));
            });
            done.get(5, TimeUnit.SECONDS);
            assertEquals(List.of("A", "C"), t.call(() -> List.copyOf(ran)));
        }
    }

    @Test
    void manyCancellationsDuringTimeoutRunTriggerSweepSafely() throws Exception {
        try (LoopThread t = new LoopThread()) {
            AtomicInteger ran = new AtomicInteger();
            CompletableFuture<Void> done = new CompletableFuture<>();
            t.run(() -> {
                IOLoop loop = t.loop;
                long when = loop.time() + 20_000_000L;
                List<Timeout> victims = new ArrayList<>();
                loop.callAt(when, () -> {
                    for (Timeout v : victims) loop.removeTimeout(v);
                });
                for (int i = 0; i < 2000; i++) victims.add(loop.callAt(when, ran::incrementAndGet));
                loop.callAt(when + 2_000_000L, () -> done.complete(null));
            });
            done.get(5, TimeUnit.SECONDS);
            assertEquals(0, ran.get());
        }
    }

    @Test
    void addCallbackFromManyThreads100k() throws Exception {
        try (LoopThread t = new LoopThread()) {
            int threads = 16, per = 6250, total = threads * per;
            AtomicIntegerArray hits = new AtomicIntegerArray(total);
            CountDownLatch all = new CountDownLatch(total);
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> ts = new ArrayList<>();
            for (int k = 0; k < threads; k++) {
                final int base = k * per;
                Thread th = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < per; i++) {
                        final int idx = base + i;
                        t.loop.addCallback(() -> {
                            hits.incrementAndGet(idx);
                            all.countDown();
                        });
                    }
                });
                th.start();
                ts.add(th);
            }
            go.countDown();
            for (Thread th : ts) th.join(10_000);
            assertTrue(all.await(10, TimeUnit.SECONDS), "only " + (total - all.getCount()) + " callbacks ran");
            t.run(() -> { });
            for (int i = 0; i < total; i++) assertEquals(1, hits.get(i), "callback " + i);
        }
    }

    /**
     * Asks over {@code s} which thread served it: sends a GET and reads the whole answer (headers,
     * then exactly Content-Length bytes), since the head and the body may arrive in separate reads.
     * Returns a fixed text on end of file; the socket's SO_TIMEOUT bounds every read.
     */
    static String whoAmI(Socket s) throws IOException {
        s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        java.io.InputStream in = s.getInputStream();
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        while (true) {
            String text = got.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end >= 0) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)\r\ncontent-length: *(\\d+)").matcher(text.substring(0, end));
                if (!m.find()) throw new IOException("answer without Content-Length: " + text);
                int length = Integer.parseInt(m.group(1));
                if (text.length() - end - 4 >= length) return text.substring(end + 4, end + 4 + length);
            }
            int c = in.read();
            if (c < 0) return "EOF (connection closed by server)";
            got.write(c);
        }
    }

    /** An HTTP server on two loops (start(2)) that answers every request with its loop thread's name. */
    private static HTTPServer whoAmIServerOnTwoLoops(LoopThread t) throws Exception {
        HTTPServer s = new HTTPServer(r -> {
            byte[] name = Thread.currentThread().getName().getBytes(StandardCharsets.ISO_8859_1);
            r.write(("HTTP/1.1 200 OK\r\nContent-Length: " + name.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            r.write(name);
            r.finish();
        }, t.loop);
        s.bind(0, "127.0.0.1", null, 128);
        s.start(2);
        return s;
    }

    @Test
    void tcpServerStartTwoThenStopReleasesPort() throws Exception {
        try (LoopThread t = new LoopThread()) {
            HTTPServer server = t.call(() -> whoAmIServerOnTwoLoops(t));
            int port = server.port();
            for (int i = 0; i < 20; i++) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    s.setSoTimeout(5000);
                    assertFalse(whoAmI(s).isEmpty());
                }
            }
            server.stop();
            // No one listens any more.
            assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
            try (ServerSocketChannel again = ServerSocketChannel.open()) {
                again.bind(new InetSocketAddress("127.0.0.1", port));
            }
        }
    }

    /**
     * TCPServer.stop's documented rule: connections on the server's own loop carry on until they
     * finish (as in Tornado), while connections on the extra loops started by start(n) end with
     * those loops, which stop() stops.
     */
    @Test
    void tcpServerStopKeepsOwnLoopConnectionsAndEndsExtraLoopOnes() throws Exception {
        try (LoopThread t = new LoopThread()) {
            HTTPServer server = t.call(() -> whoAmIServerOnTwoLoops(t));
            int port = server.port();
            Socket onMain = null, onExtra = null;
            List<Socket> others = new ArrayList<>();
            for (int i = 0; i < 200 && (onMain == null || onExtra == null); i++) {
                Socket s = new Socket("127.0.0.1", port);
                s.setSoTimeout(5000);
                String who = whoAmI(s);
                if (who.startsWith("test-loop") && onMain == null) onMain = s;
                else if (who.startsWith("tornado-loop") && onExtra == null) onExtra = s;
                else others.add(s);
            }
            for (Socket s : others) s.close();
            assertNotNull(onMain, "no connection landed on the server's own loop in 200 tries");
            assertNotNull(onExtra, "no connection landed on the extra loop in 200 tries");
            server.stop();
            try {
                assertTrue(whoAmI(onMain).startsWith("test-loop"), "kept-alive connection on the server's own loop must carry on");
                // The extra loop is stopped and closed: its socket is gone, so the next request
                // meets end of file (or a reset), never an answer.
                String extra;
                try {
                    extra = whoAmI(onExtra);
                } catch (IOException e) {
                    extra = "EOF (connection closed by server)";
                }
                assertEquals("EOF (connection closed by server)", extra);
            } finally {
                onMain.close();
                onExtra.close();
            }
        }
    }
}
