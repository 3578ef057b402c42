package tornado.httputil;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tornado.trace.Mirrors;

/**
 * HTTP dates: {@code Sun, 06 Nov 1994 08:49:37 GMT}, as written in {@code Date},
 * {@code Last-Modified} and {@code Expires}, and as read back from {@code If-Modified-Since}.
 *
 * <p>Writing mirrors {@code httputil.format_timestamp} (Tornado 3.0; 2.4 called
 * {@code email.utils.formatdate} directly). Reading is what Tornado does with Python's
 * {@code email.utils.parsedate} in {@code StaticFileHandler}. The server uses the first for every
 * response's {@code Date}; chapter 5's static files use both to answer 304 Not Modified.
 */
@Mirrors("httputil.format_timestamp 3.0")
public final class HttpDates {
    private HttpDates() {}

    // tag::format[]
    // RFC 9110 §5.6.7's IMF-fixdate. Not DateTimeFormatter.RFC_1123_DATE_TIME: that one writes
    // single-digit days without the leading zero ("Sun, 6 Nov 1994"), which RFC 1123 allows but
    // HTTP's fixed-length format does not. English names whatever the JVM's locale, and UTC.
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    /** {@code instant} as an HTTP date, to the second (the format has no finer unit). */
    @Mirrors("httputil.format_timestamp 3.0")
    public static String formatTimestamp(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }
    // end::format[]

    /** Seconds since the epoch as an HTTP date: Python's {@code format_timestamp(time.time())}. */
    @Mirrors("httputil.format_timestamp 3.0")
    public static String formatTimestamp(long epochSeconds) {
        return formatTimestamp(Instant.ofEpochSecond(epochSeconds));
    }

    private static final String DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
    private static final String MONTH = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
    private static final String TIME = "([0-9]{2}):([0-9]{2}):([0-9]{2})";
    // The three forms RFC 9110 §5.6.7 says a recipient must accept. Compiled once, at class
    // load: this runs for every conditional request.
    private static final Pattern IMF = Pattern.compile(DAY + ", ([0-9]{2}) " + MONTH + " ([0-9]{4}) " + TIME + " GMT");
    private static final Pattern RFC850 = Pattern.compile(
            "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), ([0-9]{2})-" + MONTH + "-([0-9]{2}) " + TIME + " GMT");
    private static final Pattern ASCTIME = Pattern.compile(DAY + " " + MONTH + " ([0-9 ][0-9]) " + TIME + " ([0-9]{4})");
    private static final List<String> MONTHS = List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun",
            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");

    /**
     * Reads an HTTP date in any of its three forms: IMF-fixdate
     * ({@code Sun, 06 Nov 1994 08:49:37 GMT}), the obsolete RFC 850 form
     * ({@code Sunday, 06-Nov-94 08:49:37 GMT}) and C's asctime ({@code Sun Nov  6 08:49:37 1994}).
     *
     * <p>An invalid date is not an error but an empty result: RFC 9110 §13.1.3 has a server
     * ignore an {@code If-Modified-Since} it cannot read, so the caller simply serves the full
     * response. The day of the week is not checked against the date, as Python's
     * {@code parsedate} does not check it either.
     */
    public static Optional<Instant> parseHttpDate(String text) {
        return parseHttpDate(text, Instant.now());
    }

    /** {@link #parseHttpDate(String)} with "now" given, for two-digit years and for tests. */
    static Optional<Instant> parseHttpDate(String text, Instant now) {
        if (text == null) return Optional.empty();
        String s = HTTPHeaders.trimWhitespace(text);
        Matcher m;
        int day;
        int month;
        int year;
        int timeGroup;
        if ((m = IMF.matcher(s)).matches()) {
            day = Integer.parseInt(m.group(1));
            month = MONTHS.indexOf(m.group(2)) + 1;
            year = Integer.parseInt(m.group(3));
            timeGroup = 4;
        } else if ((m = RFC850.matcher(s)).matches()) {
            day = Integer.parseInt(m.group(1));
            month = MONTHS.indexOf(m.group(2)) + 1;
            year = fullYear(Integer.parseInt(m.group(3)), now);
            timeGroup = 4;
        } else if ((m = ASCTIME.matcher(s)).matches()) {
            month = MONTHS.indexOf(m.group(1)) + 1;
            day = Integer.parseInt(m.group(2).trim());
            year = Integer.parseInt(m.group(6));
            timeGroup = 3;
        } else {
            return Optional.empty();
        }
        try {
            LocalDateTime t = LocalDateTime.of(year, month, day, Integer.parseInt(m.group(timeGroup)),
                    Integer.parseInt(m.group(timeGroup + 1)), Integer.parseInt(m.group(timeGroup + 2)));
            return Optional.of(t.toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            // 31 Feb, 25:00, a leap second's :60 and the like: not a date we can compare.
            return Optional.empty();
        }
    }

    // RFC 9110 §5.6.7: a two-digit year more than 50 years in the future is in the past century.
    private static int fullYear(int twoDigits, Instant now) {
        int thisYear = LocalDateTime.ofInstant(now, ZoneOffset.UTC).getYear();
        int year = thisYear / 100 * 100 + twoDigits;
        if (year > thisYear + 50) year -= 100;
        else if (year <= thisYear - 50) year += 100;
        return year;
    }
}
