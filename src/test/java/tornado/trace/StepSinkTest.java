package tornado.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Step mode driven by a scripted keyboard: each test says what the reader types at each pause
 * and checks after which steps the server paused.
 */
class StepSinkTest {

    /**
     * A keyboard for tests: {@code ahead} is what was typed while the server was not waiting
     * (available at once, as a terminal's line buffer is), {@code answers} what the reader types
     * at each prompt, one line per prompt, handed out only once a prompt has been printed.
     */
    static final class Keyboard extends InputStream {
        private byte[] ahead;
        private int aheadAt;
        private final List<String> answers;
        private byte[] current = new byte[0];
        private int currentAt;
        int prompts;

        Keyboard(String ahead, List<String> answers) {
            this.ahead = ahead.getBytes(StandardCharsets.UTF_8);
            this.answers = new ArrayList<>(answers);
        }

        /** What the reader types ahead now, while the server runs (before the next event). */
        void typeAhead(String keys) {
            ahead = keys.getBytes(StandardCharsets.UTF_8);
            aheadAt = 0;
        }

        @Override
        public int available() {
            return ahead.length - aheadAt;
        }

        @Override
        public long skip(long n) {
            int k = (int) Math.min(n, available());
            aheadAt += k;
            return k;
        }

        @Override
        public int read() {
            if (aheadAt < ahead.length) return ahead[aheadAt++];
            if (currentAt >= current.length) {
                if (answers.isEmpty()) return -1;
                prompts++;
                current = (answers.remove(0) + "\n").getBytes(StandardCharsets.UTF_8);
                currentAt = 0;
            }
            return current[currentAt++];
        }
    }

    private final RecordingSink seen = new RecordingSink();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

    private StepSink sink(Keyboard keys) {
        return new StepSink(seen, keys, new PrintStream(screen, true, StandardCharsets.UTF_8), true);
    }

    private static TraceEvent ev(long seq, String step) {
        return new TraceEvent(seq, 1, step, "X.y(X.java:1)", "X.java", 1, "", 2, "loop");
    }

    private int pausesFor(StepSink s, Keyboard k, String... steps) {
        int before = k.prompts;
        long seq = 1;
        for (String step : steps) s.accept(ev(seq++, step));
        return k.prompts - before;
    }

    @Test
    void enterStepsOnce() {
        Keyboard k = new Keyboard("", List.of("", "", ""));
        assertEquals(3, pausesFor(sink(k), k, "IOStream.read_until", "IOStream._handle_read", "IOStream.write"));
        assertEquals(3, seen.events().size());
    }

    @Test
    void cRunsOnToTheNextRequest() {
        Keyboard k = new Keyboard("", List.of("c", "", ""));
        StepSink s = sink(k);
        // Paused after the first step; c runs through the rest of this request's steps and
        // pauses again at the next request's headers.
        assertEquals(1, pausesFor(s, k, "IOStream.read_until", "IOStream._handle_read", "IOStream.write"));
        assertEquals(1, pausesFor(s, k, "HTTPConnection._on_headers"));
        assertEquals(1, pausesFor(s, k, "HTTPConnection.request_callback"));
    }

    @Test
    void cWithANumberRunsThatManySteps() {
        Keyboard k = new Keyboard("", List.of("c 3", "", ""));
        StepSink s = sink(k);
        assertEquals(1, pausesFor(s, k, "a"));
        assertEquals(0, pausesFor(s, k, "b", "c"));
        assertEquals(1, pausesFor(s, k, "d"));
        assertEquals(1, pausesFor(s, k, "e"));
    }

    @Test
    void qStopsPausingButKeepsTracing() {
        Keyboard k = new Keyboard("", List.of("q", ""));
        StepSink s = sink(k);
        assertEquals(1, pausesFor(s, k, "a", "b", "HTTPConnection._on_headers", "d"));
        assertEquals(4, seen.events().size());
        assertTrue(screen.toString(StandardCharsets.UTF_8).contains("the server runs on, still traced"));
    }

    @Test
    void questionMarkListsTheKeysAndAsksAgain() {
        Keyboard k = new Keyboard("", List.of("?", "x", "c zero", ""));
        assertEquals(4, pausesFor(sink(k), k, "a"));
        String shown = screen.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("run on to the next request"), shown);
        assertTrue(shown.contains("'x' is not a key of step mode; ? lists them"), shown);
        assertTrue(shown.contains("'c N' wants a number of steps above 0, as in: c 5"), shown);
    }

    @Test
    void keysTypedAheadAreDiscardedNotReplayed() {
        // Five Enters and a q typed while the server was busy: none of them may step or stop.
        Keyboard k = new Keyboard("\n\n\n\nq\n", List.of("", ""));
        StepSink s = sink(k);
        assertEquals(1, pausesFor(s, k, "a"));
        k.typeAhead("c\n\n");
        assertEquals(1, pausesFor(s, k, "b"));
        assertEquals(0, k.available());
    }

    @Test
    void neverWaitsWhenNotInteractiveOrWhenInputEnds() {
        Keyboard k = new Keyboard("", List.of("x"));
        StepSink off = new StepSink(seen, k, new PrintStream(screen, true, StandardCharsets.UTF_8), false);
        assertEquals(0, pausesFor(off, k, "a", "b"));
        Keyboard closing = new Keyboard("", List.of());
        StepSink s = sink(closing);
        s.accept(ev(1, "a"));
        s.accept(ev(2, "b")); // input ended at the first pause: no more pausing, no hang
        assertEquals(4, seen.events().size());
    }
}
