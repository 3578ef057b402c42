package tornado.bench;

import static tornado.testing.Programs.onPath;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import tornado.walkthroughs.Walkthrough;
import tornado.walkthroughs.Walkthroughs;

/**
 * The benchmarks: throughput and idle memory, measured, never asserted in unit tests.
 *
 * <pre>
 *   mvn -q test-compile exec:exec@bench                       # every HTTP walkthrough
 *   mvn -q test-compile exec:exec@bench -Dbench.args="uri-echo --seconds=10 --connections=100"
 * </pre>
 *
 * For each walkthrough it starts the server in this JVM on a free loopback port and then:
 * <ol>
 *   <li><b>throughput</b>: with {@code wrk} on the PATH, {@code wrk -t2 -cC -dS} against it
 *       (its output is printed as is); without wrk, our own keep-alive load generator: C
 *       connections on virtual threads, each sending GET after GET for S seconds;</li>
 *   <li><b>idle memory</b>: opens N connections, makes one request on each and leaves them open
 *       (idle keep-alive), and reports the server heap growth per connection after a GC.</li>
 * </ol>
 * The results depend on the machine; BENCH.md-style numbers belong in the issue notes with the
 * machine they were measured on.
 */
public final class Bench {
    /** Held so the level sticks: java.util.logging keeps loggers only weakly. */
    private static final java.util.logging.Logger ACCESS = java.util.logging.Logger.getLogger("tornado.access");

    public static void main(String[] args) throws Exception {
        // One access-log line per request would measure the console, not the server.
        ACCESS.setLevel(java.util.logging.Level.WARNING);
        List<String> names = new ArrayList<>();
        int seconds = 5;
        int connections = 50;
        int idle = 5_000;
        for (String a : args) {
            if (a.startsWith("--seconds=")) seconds = Integer.parseInt(a.substring(10));
            else if (a.startsWith("--connections=")) connections = Integer.parseInt(a.substring(14));
            else if (a.startsWith("--idle=")) idle = Integer.parseInt(a.substring(7));
            else if (!a.isBlank()) names.add(a);
        }
        if (names.isEmpty()) {
            for (Walkthrough w : Walkthroughs.all()) if (!w.name().equals("tcp-echo")) names.add(w.name());
        }
        for (String name : names) {
            int port = freePort();
            Walkthrough w = Walkthroughs.named(name);
            Thread server = new Thread(() -> {
                try {
                    w.serve(new String[] {"--port=" + port});
                } catch (Exception e) {
                    e.printStackTrace();
                }
            }, name);
            server.setDaemon(true);
            server.start();
            waitForPort(port);
            String path = "/";
            System.out.println("== " + name + " on 127.0.0.1:" + port + " (JDK " + Runtime.version() + ", "
                    + Runtime.getRuntime().availableProcessors() + " cores)");
            throughput(port, path, seconds, connections);
            idleMemory(port, path, idle);
        }
        System.exit(0);
    }

    private static void throughput(int port, String path, int seconds, int connections) throws Exception {
        if (onPath("wrk")) {
            Process p = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency",
                    "http://127.0.0.1:" + port + path).inheritIO().start();
            p.waitFor(seconds + 30L, TimeUnit.SECONDS);
            return;
        }
        LongAdder done = new LongAdder();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: bench\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                all.add(pool.submit(() -> {
                    try (Socket s = new Socket("127.0.0.1", port)) {
                        s.setSoTimeout(10_000);
                        OutputStream out = s.getOutputStream();
                        InputStream in = s.getInputStream();
                        while (System.nanoTime() < end) {
                            out.write(request);
                            readResponse(in);
                            done.increment();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) f.get(seconds + 30L, TimeUnit.SECONDS);
        }
        System.out.printf("  built-in load generator: %d connections, %ds: %.0f requests/s%n",
                connections, seconds, done.sum() / (double) seconds);
    }

    private static void idleMemory(int port, String path, int count) throws Exception {
        long before = usedHeapAfterGc();
        List<Socket> open = new ArrayList<>();
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: bench\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try {
            for (int i = 0; i < count; i++) {
                Socket s = new Socket("127.0.0.1", port);
                s.setSoTimeout(10_000);
                s.getOutputStream().write(request);
                readResponse(s.getInputStream());
                open.add(s);
            }
            long after = usedHeapAfterGc();
            System.out.printf("  idle keep-alive memory: %d connections, server+client heap grew %.1f KiB"
                    + " = %.0f bytes per connection (includes this JVM's client sockets)%n",
                    count, (after - before) / 1024.0, (after - before) / (double) count);
        } finally {
            for (Socket s : open) s.close();
        }
    }

    /** Reads one response with a Content-Length (what every walkthrough's GET / sends). */
    static void readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) break;
        }
        if (c < 0) throw new IOException("connection closed before the response headers ended");
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) length = Integer.parseInt(line.substring(15).trim());
        }
        in.readNBytes(length);
    }

    private static long usedHeapAfterGc() {
        // Several full collections in a row: the second and third find what the first freed up.
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }


    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void waitForPort(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.onSpinWait();
            }
        }
        throw new IOException("server did not start listening on " + port);
    }
}
