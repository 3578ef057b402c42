package tornado.httputil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpDatesTest {

    private static final Instant NOV_6_1994 = Instant.parse("1994-11-06T08:49:37Z");

    @Test
    void formatsLikeTornado() {
        // Tornado's doctest: format_timestamp(1359312200) == 'Sun, 27 Jan 2013 18:43:20 GMT'
        assertEquals("Sun, 27 Jan 2013 18:43:20 GMT", HttpDates.formatTimestamp(1359312200L));
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDates.formatTimestamp(NOV_6_1994));
        assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", HttpDates.formatTimestamp(Instant.EPOCH.plusMillis(999)));
    }

    @Test
    void formatIgnoresTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDates.formatTimestamp(NOV_6_1994));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void parsesTheThreeForms() {
        Instant now = Instant.parse("2026-11-23T00:00:00Z");
        assertEquals(Optional.of(NOV_6_1994), HttpDates.parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT", now));
        assertEquals(Optional.of(NOV_6_1994), HttpDates.parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT", now));
        assertEquals(Optional.of(NOV_6_1994), HttpDates.parseHttpDate("Sun Nov  6 08:49:37 1994", now));
        assertEquals(Optional.of(Instant.parse("1994-11-16T08:49:37Z")), HttpDates.parseHttpDate("Wed Nov 16 08:49:37 1994", now));
        assertEquals(Optional.of(NOV_6_1994), HttpDates.parseHttpDate("  Sun, 06 Nov 1994 08:49:37 GMT \t", now));
    }

    @Test
    void twoDigitYearsFollowTheFiftyYearRule() {
        Instant now = Instant.parse("2026-11-23T00:00:00Z");
        assertEquals(Optional.of(Instant.parse("2030-01-01T00:00:00Z")), HttpDates.parseHttpDate("Tuesday, 01-Jan-30 00:00:00 GMT", now));
        assertEquals(Optional.of(Instant.parse("2076-01-01T00:00:00Z")), HttpDates.parseHttpDate("Thursday, 01-Jan-76 00:00:00 GMT", now));
        assertEquals(Optional.of(Instant.parse("1977-01-01T00:00:00Z")), HttpDates.parseHttpDate("Saturday, 01-Jan-77 00:00:00 GMT", now));
    }

    @Test
    void roundTrip() {
        Instant t = Instant.parse("2025-02-28T23:59:59Z");
        assertEquals(Optional.of(t), HttpDates.parseHttpDate(HttpDates.formatTimestamp(t)));
    }

    @Test
    void weekdayIsNotChecked() {
        assertTrue(HttpDates.parseHttpDate("Mon, 06 Nov 1994 08:49:37 GMT").isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 06 nov 1994 08:49:37 GMT", "sun, 06 Nov 1994 08:49:37 GMT", "Sun, 31 Feb 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 25:49:37 GMT", "Sun, 06 Nov 1994 08:49:60 GMT", "1994-11-06T08:49:37Z",
            "Sun, 06 Nov 1994 08:49:37 GMT extra", "Sun Nov 6 08:49:37 1994", "Sun, 06-Nov-94 08:49:37 GMT"})
    void invalidDatesAreEmptyNotErrors(String text) {
        assertEquals(Optional.empty(), HttpDates.parseHttpDate(text));
    }

    @Test
    void nullIsEmpty() {
        assertEquals(Optional.empty(), HttpDates.parseHttpDate(null));
    }
}
