package tornado.walkthroughs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Step mode on a real terminal: {@code script} (util-linux) gives the walkthrough a
 * pseudo-terminal, this test types into it, and reads what a person would see. The scripted
 * keyboard of {@code StepSinkTest} covers every key; this covers what only a terminal can show,
 * that Enters pressed in a burst take one step and the rest are discarded, not replayed.
 */
class StepModeTerminalTest {
    private static final String PROMPT = "? keys > ";

    /** Everything the terminal showed so far, and a bounded wait for more. */
    static final class Screen {
        private final StringBuilder text = new StringBuilder();
        private int seen;

        synchronized void add(String s) {
            text.append(s);
            notifyAll();
        }

        /** Waits (at most 30 s) until the unread output contains {@code pattern}; returns it and what came before. */
        synchronized String awaitText(Pattern pattern) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                Matcher m = pattern.matcher(text).region(seen, text.length());
                if (m.find()) {
                    String out = text.substring(seen, m.end());
                    seen = m.end();
                    return out;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new AssertionError("waited 30 s for " + pattern + "; the terminal shows: " + text.substring(seen));
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    @Test
    void enterPressedFourTimesTakesOneStepAndQuestionMarkListsTheKeys() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux 'script' is not installed: no pseudo-terminal to test step mode on");
        String java = ProcessHandle.current().info().command().orElse("java");
        String cmd = java + " -XX:TieredStopAtLevel=1 -cp target/classes tornado.walkthroughs.Walkthroughs tcp-echo --port=0 --step";
        Process p = new ProcessBuilder(List.of("/usr/bin/script", "-qfec", cmd, "/dev/null")).redirectErrorStream(true).start();
        Screen screen = new Screen();
        Thread reader = new Thread(() -> {
            byte[] buf = new byte[4096];
            try (InputStream in = p.getInputStream()) {
                for (int n; (n = in.read(buf)) > 0; ) screen.add(new String(buf, 0, n, StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        OutputStream keys = p.getOutputStream();
        try {
            String listening = screen.awaitText(Pattern.compile("listening on 127\\.0\\.0\\.1:\\d+"));
            int port = Integer.parseInt(listening.replaceAll("(?s).*127\\.0\\.0\\.1:(\\d+)$", "$1"));
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
                // The loop wakes for the connection and pauses after its first step.
                assertTrue(screen.awaitText(Pattern.compile(Pattern.quote(PROMPT))).contains("IOLoop.poll"));
                // c: on to the next request, which for a TCP walkthrough is the accept.
                type(keys, "c\n");
                String toAccept = screen.awaitText(Pattern.compile(Pattern.quote(PROMPT)));
                assertTrue(toAccept.contains("netutil.accept_handler"), toAccept);
                // Four Enters in one burst: the first takes a step, the other three were typed
                // ahead of the next pause and are discarded there.
                type(keys, "\n\n\n\n");
                String oneStep = screen.awaitText(Pattern.compile(Pattern.quote(PROMPT)));
                assertEquals(1, Pattern.compile("(?m)^#\\d+ ").matcher(oneStep.replace("\r", "")).results().count(), oneStep);
                assertTrue(oneStep.contains("TCPServer._handle_connection"), oneStep);
                // Had they been replayed, more steps would come before the answer to '?'.
                type(keys, "?\n");
                String help = screen.awaitText(Pattern.compile(Pattern.quote(PROMPT)));
                assertTrue(help.contains("run on to the next request"), help);
                assertFalse(help.contains("#5 "), help);
                // q: the server runs on, traced, without asking again.
                type(keys, "q\n");
                screen.awaitText(Pattern.compile("still traced"));
                client.getOutputStream().write("hi\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals('h', client.getInputStream().read());
            }
        } finally {
            // The walkthrough is script's child: stop it first, so that nothing stays listening.
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
            reader.join(10_000);
        }
    }

    private static void type(OutputStream keys, String s) throws IOException {
        keys.write(s.getBytes(StandardCharsets.US_ASCII));
        keys.flush();
    }
}
