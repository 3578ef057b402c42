package tornado.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueParsersTest {

    @ParameterizedTest
    @CsvSource({
            "10s, 10000", "500ms, 500", "2m, 120000", "1h, 3600000", "1d, 86400000",
            "1w, 604800000", "30, 30000", "1.5s, 1500", "0.1s, 100", "1h 30m, 5400000",
            "1h30m, 5400000", "' 2 min ', 120000", "3 seconds, 3000", "2minutes, 120000",
            "1e3ms, 1000", "'.5s', 500", "-5s, -5000", "1sec 1ms, 1001", "2 hours, 7200000",
            "1 milliseconds, 1"
    })
    void durations(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), ValueParsers.parseDuration(text));
    }

    @Test
    void durationsBelowAMillisecond() {
        assertEquals(Duration.ofNanos(1_500), ValueParsers.parseDuration("1.5us"));
        assertEquals(Duration.ofNanos(250), ValueParsers.parseDuration("0.25 microseconds"));
    }

    @Test
    void durationErrorsSayWhatWasWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ValueParsers.parseDuration("10x"));
        assertTrue(e.getMessage().startsWith("unknown unit 'x'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ValueParsers.parseDuration("10S"));
        assertTrue(e.getMessage().startsWith("unknown unit 'S'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ValueParsers.parseDuration(""));
        assertTrue(e.getMessage().startsWith("empty duration"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ValueParsers.parseDuration("   "));
        assertTrue(e.getMessage().startsWith("empty duration"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ValueParsers.parseDuration("5 and"));
        assertTrue(e.getMessage().startsWith("unknown unit 'and'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ValueParsers.parseDuration("5s ,3s"));
        assertEquals("expected a number at position 3 (durations look like 10s, 500ms, 2m, 1h 30m)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ValueParsers.parseDuration("s"));
        assertTrue(e.getMessage().startsWith("expected a number at position 0"), e.getMessage());
    }

    @Test
    void durationLimits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ValueParsers.parseDuration("300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w 300w"));
        assertTrue(e.getMessage().startsWith("too long"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ValueParsers.parseDuration("1e30s"));
        // Huge exponents must fail or vanish quickly, not compute 10^999999999.
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThrows(IllegalArgumentException.class, () -> ValueParsers.parseDuration("1e999999999s"));
            assertEquals(Duration.ZERO, ValueParsers.parseDuration("1e-999999999s"));
            assertEquals(Duration.ofSeconds(1), ValueParsers.parseDuration("1s 1e-999999999s"));
        });
    }

    @Test
    void formatDurationReadsBack() {
        for (String s : new String[] {"0s", "10s", "1m30s", "500ms", "1d2h", "1h", "1s500ms", "-5s", "7us", "1w"}) {
            Duration d = ValueParsers.parseDuration(s);
            assertEquals(d, ValueParsers.parseDuration(ValueParsers.formatDuration(d)), s);
        }
        assertEquals("1m30s", ValueParsers.formatDuration(Duration.ofSeconds(90)));
        assertEquals("7d", ValueParsers.formatDuration(Duration.ofDays(7)));
        assertEquals("5ns", ValueParsers.formatDuration(Duration.ofNanos(5)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "t", "yes", "Y", "on", "1"})
    void truthy(String s) {
        assertTrue(ValueParsers.parseBoolean(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "False", "f", "no", "n", "OFF", "0"})
    void falsy(String s) {
        assertFalse(ValueParsers.parseBoolean(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "flase", "2", "yes please", " true"})
    void notBooleans(String s) {
        assertThrows(IllegalArgumentException.class, () -> ValueParsers.parseBoolean(s));
    }

    @Test
    void numbers() {
        assertEquals(42, ValueParsers.parse(Integer.class, "+42"));
        assertEquals(-42, ValueParsers.parse(Integer.class, "-42"));
        assertEquals(Long.MAX_VALUE, ValueParsers.parse(Long.class, "9223372036854775807"));
        assertEquals(1.5, ValueParsers.parse(Double.class, "1.5"));
        assertEquals(0.5, ValueParsers.parse(Double.class, ".5"));
        assertEquals(300.0, ValueParsers.parse(Double.class, "3e2"));
        for (String bad : new String[] {"1d", "0x10", "Infinity", "NaN", "1.2.3", "", " 1"}) {
            assertThrows(IllegalArgumentException.class, () -> ValueParsers.parse(Double.class, bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> ValueParsers.parse(Double.class, "1e999"));
        for (String bad : new String[] {"1_000", "0x10", "1.0", "", "--1", "9223372036854775808"}) {
            assertThrows(IllegalArgumentException.class, () -> ValueParsers.parse(Long.class, bad), bad);
        }
    }

    @Test
    void stringsAreTakenAsTheyAre() {
        assertEquals(" spaced ", ValueParsers.parse(String.class, " spaced "));
    }

    @Test
    void supportedTypes() {
        assertTrue(ValueParsers.supports(Duration.class));
        assertTrue(ValueParsers.supports(Thread.State.class));
        assertFalse(ValueParsers.supports(Object.class));
        assertFalse(ValueParsers.supports(int.class));
    }
}
