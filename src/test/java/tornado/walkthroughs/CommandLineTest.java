package tornado.walkthroughs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import tornado.trace.TraceEvent;

/**
 * The walkthroughs as a person runs them, in a JVM of their own: every mistake on the command
 * line gets one sentence and exit status 2, never a stack trace; {@code --help} lists every trace
 * mode; SIGTERM ends a server quietly; the tour prints no access log.
 */
class CommandLineTest {
    private static final Path CLASSES = Path.of("target", "classes");

    record Run(int status, String out, String err) {
        /** The last line on stderr: the sentence that says what was wrong. */
        String sentence() {
            String[] lines = err.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    private static ProcessBuilder java(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(CLASSES.toString());
        cmd.add("tornado.walkthroughs.Walkthroughs");
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    }

    private static Run run(String... args) throws Exception {
        Path out = Files.createTempFile("walk", ".out");
        Path err = Files.createTempFile("walk", ".err");
        try {
            Process p = java(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("walkthroughs " + List.of(args) + " did not exit within 60 s");
            }
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static void assertUsageError(Run r, String expected) {
        assertEquals(2, r.status(), r.err());
        assertTrue(r.sentence().contains(expected), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "a stack trace: " + r.err());
        assertEquals("", r.out());
    }

    @Test
    void anUnknownWalkthroughNamesTheOnesThereAre() throws Exception {
        Run r = run("nope");
        assertUsageError(r, "there is no walkthrough named 'nope'; pick one of tour, tcp-echo, uri-echo, hello");
        assertEquals(1, r.err().strip().split("\n").length, r.err());
    }

    @Test
    void anUnknownTraceModeSaysWhichThereAre() throws Exception {
        assertUsageError(run("hello", "--trace=xml"), "--trace=xml is not a trace mode; use text, json, step or off");
    }

    @Test
    void anEmptyTraceModeIsAMistakeNotOff() throws Exception {
        assertUsageError(run("hello", "--trace="), "--trace= needs a mode: use text, json, step or off");
    }

    @Test
    void aBadPortSaysWhatAPortIs() throws Exception {
        assertUsageError(run("hello", "--port=abc"), "'abc' is not a valid Integer for option port");
        assertUsageError(run("uri-echo", "--port=70000"), "--port must be a number from 0 to 65535");
    }

    @Test
    void anUnknownFlagPrintsTheHelpThenTheSentenceInTheTourToo() throws Exception {
        Run walk = run("hello", "--frob");
        assertUsageError(walk, "unrecognized command line option --frob");
        assertTrue(walk.err().contains("--trace"), walk.err());
        Run tour = run("tour", "--frob");
        assertUsageError(tour, "unrecognized command line option --frob");
        assertTrue(tour.err().contains("--exit"), tour.err());
    }

    @Test
    void aPortInUseSaysSoAndHowToPickAnother() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run r = run("tcp-echo", "--port=" + taken.getLocalPort());
            assertUsageError(r, "pick another with --port=N");
            assertTrue(r.sentence().contains(":" + taken.getLocalPort()), r.err());
        }
    }

    @Test
    void helpListsEveryTraceMode() throws Exception {
        Run r = run("hello", "--help");
        assertEquals(0, r.status(), r.err());
        for (String mode : List.of("text", "json", "step", "off", "--step", "--trace-time")) {
            assertTrue(r.err().contains(mode), mode + " missing from " + r.err());
        }
    }

    /**
     * SIGTERM is how a server is stopped: it ends at once, says nothing, and leaves stdout
     * holding only the JSON trace lines, each one whole.
     */
    @Test
    void sigtermEndsAJsonTracedServerQuietly() throws Exception {
        Path out = Files.createTempFile("walk", ".out");
        Process p = java("uri-echo", "--port=0", "--trace=json").redirectOutput(out.toFile()).start();
        // stderr is read on a thread of its own: its first line says where the server listens,
        // and everything after must be silence.
        java.util.concurrent.CompletableFuture<String> first = new java.util.concurrent.CompletableFuture<>();
        StringBuffer rest = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                    if (!first.complete(line)) rest.append(line).append('\n');
                }
            } catch (IOException e) {
                first.completeExceptionally(e);
            }
            first.complete(null);
        });
        reader.start();
        try {
            String listening = first.get(30, TimeUnit.SECONDS);
            assertTrue(listening != null && listening.startsWith("uri-echo: listening on 127.0.0.1:"), String.valueOf(listening));
            int port = Integer.parseInt(listening.replaceAll("^uri-echo: listening on 127\\.0\\.0\\.1:(\\d+) .*$", "$1"));
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.getOutputStream().write("GET /x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertTrue(new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1).contains("You requested /x"));
            }
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "uri-echo did not stop on SIGTERM");
            assertEquals(143, p.exitValue());
            reader.join(30_000);
            assertEquals("", rest.toString(), "nothing more on stderr after SIGTERM");
            List<String> lines = Files.readAllLines(out);
            assertFalse(lines.isEmpty(), "no trace on stdout");
            for (String line : lines) TraceEvent.fromJson(line); // every line is one whole event
            assertTrue(lines.stream().anyMatch(l -> l.contains("\"step\":\"HTTPConnection._on_headers\"")), lines.toString());
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(out);
        }
    }

    /** The tour's output is the story and the traces, with no access-log lines in between. */
    @Test
    void theTourPrintsNoAccessLog() throws Exception {
        Run r = run("tour", "--exit");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("=== 05-web · hello"), r.out());
        assertTrue(r.out().contains("IOLoop._timeouts"), "the tour shows /later's timeout firing");
        assertFalse(r.out().contains("tornado.access") || r.err().contains("tornado.access"), r.err());
        assertFalse(r.err().matches("(?s).*\\b200 GET /.*"), r.err());
    }
}
