package tornado.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import tornado.walkthroughs.Walkthroughs;

/**
 * What one request costs the server, the deterministic way: bytes allocated and CPU time (user +
 * system) of the threads that serve (the loop's, and the carriers of chapter 7's virtual
 * threads), read from {@code com.sun.management.ThreadMXBean} before and after a fixed number of
 * requests. Allocation does not depend on what else the
 * machine is doing, so it settles a small change that end-to-end CPU figures on a shared machine
 * cannot (bench/README.adoc, "Per request").
 *
 * <pre>
 *   java -cp target/classes:target/test-classes tornado.bench.PerRequest hello [--requests=200000]
 *        [--clients=8] [--close] [--path=/] [--connection=coroutine]
 * </pre>
 *
 * The walkthrough serves in this JVM on a thread of its own (the callback connection runs its
 * loop on the thread that calls {@code serve}); clients on other threads send {@code GET} after
 * {@code GET} as wrk does ({@code Host} only), keep-alive or, with {@code --close}, one
 * connection per request with {@code Connection: close}. A warm-up of the same size comes first
 * so that the JIT has compiled the path being measured.
 */
public final class PerRequest {
    private static final Logger ACCESS = Logger.getLogger("tornado.access");

    public static void main(String[] args) throws Exception {
        ACCESS.setLevel(Level.WARNING);
        String walk = args[0];
        int requests = 200_000;
        int clients = 8;
        boolean close = false;
        String path = "/";
        List<String> walkFlags = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("--requests=")) requests = Integer.parseInt(a.substring(11));
            else if (a.startsWith("--clients=")) clients = Integer.parseInt(a.substring(10));
            else if (a.equals("--close")) close = true;
            else if (a.startsWith("--path=")) path = a.substring(7);
            else if (a.startsWith("--connection=")) walkFlags.add(a);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        walkFlags.add("--port=" + port);
        Thread loop = new Thread(() -> {
            try {
                Walkthroughs.named(walk).serve(walkFlags.toArray(new String[0]));
            } catch (Exception e) {
                e.printStackTrace();
            }
        }, "bench-loop");
        loop.setDaemon(true);
        loop.start();
        waitForPort(port);
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 3; round++) {
            Map<Long, long[]> before = serverThreads(mx, loop);
            load(port, path, requests, clients, close);
            Map<Long, long[]> after = serverThreads(mx, loop);
            long bytes = 0, cpu = 0;
            for (var e : after.entrySet()) {
                long[] b = before.getOrDefault(e.getKey(), new long[2]);
                bytes += e.getValue()[0] - b[0];
                cpu += e.getValue()[1] - b[1];
            }
            System.out.printf("%s %s%s round %d: %,d requests, %,.0f bytes allocated/request, %.2f server-thread CPU µs/request%n",
                    walk, close ? "close" : "keep-alive", walkFlags.size() > 1 ? " " + walkFlags.get(0) : "", round,
                    requests, (double) bytes / requests, cpu / 1000.0 / requests);
        }
        System.exit(0);
    }

    // The threads that serve: the loop's, and the carriers of the coroutines' virtual threads
    // (chapter 7's connection runs its request loop on one; a virtual thread's allocations and
    // CPU time are counted on the carrier it runs on). Each maps to {allocated bytes, CPU ns}.
    private static Map<Long, long[]> serverThreads(com.sun.management.ThreadMXBean mx, Thread loop) {
        Map<Long, long[]> out = new HashMap<>();
        for (ThreadInfo t : mx.dumpAllThreads(false, false)) {
            if (t.getThreadId() != loop.threadId() && !t.getThreadName().startsWith("ForkJoinPool")) continue;
            out.put(t.getThreadId(), new long[] {mx.getThreadAllocatedBytes(t.getThreadId()), mx.getThreadCpuTime(t.getThreadId())});
        }
        return out;
    }

    private static void load(int port, String path, int requests, int clients, boolean close) throws Exception {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + (close ? "Connection: close\r\n" : "") + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        AtomicLong left = new AtomicLong(requests);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    Socket s = null;
                    InputStream in = null;
                    while (left.getAndDecrement() > 0) {
                        if (s == null) {
                            s = new Socket();
                            s.setTcpNoDelay(true);
                            s.connect(new InetSocketAddress("127.0.0.1", port));
                            in = new java.io.BufferedInputStream(s.getInputStream());
                        }
                        s.getOutputStream().write(request);
                        readResponse(in, close);
                        if (close) {
                            s.close();
                            s = null;
                        }
                    }
                    if (s != null) s.close();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }));
        }
        for (Thread t : threads) t.join();
    }

    // Reads one response: the head up to CRLF CRLF, then Content-Length bytes (or, when the
    // connection closes, up to the end).
    private static void readResponse(InputStream in, boolean close) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            int n = head.length();
            if (n >= 4 && head.charAt(n - 1) == '\n' && head.charAt(n - 2) == '\r' && head.charAt(n - 3) == '\n') break;
        }
        if (b < 0) throw new IOException("connection closed before a response head: " + head);
        String h = head.toString().toLowerCase();
        int i = h.indexOf("content-length:");
        if (i < 0) {
            if (close) while (in.read() >= 0) { /* the body runs to the end */ }
            return;
        }
        int length = Integer.parseInt(h.substring(i + 15, h.indexOf('\r', i)).strip());
        in.readNBytes(length);
        if (close) while (in.read() >= 0) { /* wait for the server's close */ }
    }

    private static void waitForPort(int port) throws Exception {
        for (int i = 0; i < 200; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Object o = new Object();
                synchronized (o) {
                    o.wait(50);
                }
            }
        }
        throw new IOException("the walkthrough never listened on " + port);
    }
}
