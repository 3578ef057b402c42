package tornado.probes;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import tornado.httpserver.HTTPServer;
import tornado.testing.Connections;

/**
 * A {@link ServerMain} in a JVM of its own, for the checks that need a small heap or a low
 * descriptor limit: killing the test's own JVM is not a test. Its standard error (the server's
 * log) is collected line by line, and {@link #awaitLog} waits, bounded, for a line to appear.
 * Closing it closes the child's standard input (which ends it) and then destroys it for good.
 */
final class Forked implements AutoCloseable {
    final Process process;
    final int port;
    private final List<String> log = new ArrayList<>();

    /**
     * Starts {@code java <jvmArgs> ServerMain connection=<this run's> <args>}; with a non-zero
     * {@code fdLimit}, under {@code bash -c 'ulimit -n <fdLimit> && exec java …'}. The child is
     * served by the connection of the current run ({@link Connections}), as {@link Fixtures} is.
     */
    Forked(int fdLimit, List<String> jvmArgs, String... args) throws Exception {
        List<String> java = new ArrayList<>();
        java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        java.addAll(jvmArgs);
        // Only the project's own classes: the server needs nothing else, and a JVM under a low
        // descriptor limit should not spend descriptors on the test classpath's jars.
        java.addAll(List.of("-cp", codeSource(ServerMain.class) + File.pathSeparator + codeSource(HTTPServer.class),
                ServerMain.class.getName()));
        java.add("connection=" + Connections.name());
        java.addAll(List.of(args));
        List<String> command = java;
        if (fdLimit > 0) {
            StringBuilder b = new StringBuilder("ulimit -n " + fdLimit + " && exec");
            for (String a : java) b.append(" '").append(a.replace("'", "'\\''")).append('\'');
            command = List.of("bash", "-c", b.toString());
        }
        process = new ProcessBuilder(command).start();
        CompletableFuture<String> portLine = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
            } catch (Exception e) {
                return null;
            }
        });
        Thread.ofVirtual().start(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                    synchronized (log) {
                        log.add(line);
                        log.notifyAll();
                    }
                }
            } catch (Exception ignored) {
                // the child ended
            }
        });
        String line = portLine.get(30, TimeUnit.SECONDS);
        if (line == null || !line.startsWith("PORT ")) {
            process.destroyForcibly();
            throw new IllegalStateException("forked server did not start: " + line + "\n" + String.join("\n", logLines()));
        }
        port = Integer.parseInt(line.split(" ")[1]);
    }

    private static String codeSource(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    List<String> logLines() {
        synchronized (log) {
            return new ArrayList<>(log);
        }
    }

    /** Waits up to {@code ms} for a log line that matches; true if one came. */
    boolean awaitLog(Predicate<String> match, long ms) throws InterruptedException {
        long deadline = System.nanoTime() + ms * 1_000_000;
        synchronized (log) {
            while (true) {
                if (log.stream().anyMatch(match)) return true;
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0 || !process.isAlive()) return log.stream().anyMatch(match);
                log.wait(left);
            }
        }
    }

    Wire connect() throws Exception {
        return new Wire(port);
    }

    /** GET / on a new connection, answered 200 "ok". */
    void assertServes() throws Exception {
        if (!process.isAlive()) {
            throw new AssertionError("the server process has exited with status " + process.exitValue()
                    + "; its log:\n" + String.join("\n", logLines()));
        }
        try (Wire w = connect()) {
            w.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            Wire.Resp r = w.read();
            if (r.status() != 200 || !r.text().equals("ok\n")) throw new AssertionError("server no longer serves: " + r);
        }
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
}
