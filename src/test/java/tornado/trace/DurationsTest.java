package tornado.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Durations read as people write them, never as Java's ISO {@code PT1M}. */
class DurationsTest {
    @Test
    void durationsReadInHoursSecondsOrMilliseconds() {
        assertEquals("1 h", Durations.describe(Duration.ofHours(1)));
        assertEquals("60 s", Durations.describe(Duration.ofMinutes(1)));
        assertEquals("5 s", Durations.describe(Duration.ofSeconds(5)));
        assertEquals("5400 s", Durations.describe(Duration.ofMinutes(90)));
        assertEquals("13 s", Durations.describe(Duration.ofMillis(12_600)));
        assertEquals("1500 ms", Durations.describe(Duration.ofMillis(1500)));
        assertEquals("100 ms", Durations.describe(Duration.ofMillis(100)));
        assertEquals("0.25 ms", Durations.describe(Duration.ofNanos(250_000)));
    }
}
