package tornado.options;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tornado.trace.Mirrors;

/**
 * How the text of a command-line value becomes the option's type: an Integer, a Boolean, a
 * Duration such as {@code 10s} or {@code 1h 30m}, an enum constant.
 *
 * <p>It mirrors the {@code _parse_*} helpers of {@code _Option} in {@code tornado/options.py}
 * ({@code _parse_bool}, {@code _parse_timedelta}, {@code _parse_string}); for {@code int} and
 * {@code float} Tornado simply calls the type, which Java's {@code Integer.parseInt} and our float
 * pattern stand in for. {@link Option#parse} calls {@link #parse}; every failure is an
 * {@link IllegalArgumentException} whose message says what was wrong, which {@code Option} then
 * prefixes with the value and the option's name.
 */
@Mirrors({"options._Option._parse_bool", "options._Option._parse_timedelta",
        "options._Option._parse_string"})
public final class ValueParsers {
    private ValueParsers() {}

    /** True if {@link #parse} knows how to make a {@code type} from text. */
    public static boolean supports(Class<?> type) {
        return type == String.class || type == Integer.class || type == Long.class
                || type == Double.class || type == Boolean.class || type == Duration.class
                || type.isEnum();
    }

    /**
     * Parses {@code text} as {@code type}.
     *
     * @throws IllegalArgumentException saying why the text is not a {@code type}
     */
    public static <T> T parse(Class<T> type, String text) {
        Object v;
        if (type == String.class) v = text;
        else if (type == Integer.class) v = (int) parseWhole(text, Integer.MIN_VALUE, Integer.MAX_VALUE);
        else if (type == Long.class) v = parseWhole(text, Long.MIN_VALUE, Long.MAX_VALUE);
        else if (type == Double.class) v = parseDouble(text);
        else if (type == Boolean.class) v = parseBoolean(text);
        else if (type == Duration.class) v = parseDuration(text);
        else if (type.isEnum()) v = parseEnum(type, text);
        else throw new IllegalArgumentException("no parser for " + type.getName());
        return type.cast(v);
    }

    private static final Pattern WHOLE = Pattern.compile("[-+]?[0-9]+");

    // Whole numbers: Long.parseLong's grammar (an optional sign, then ASCII digits, nothing
    // else: no spaces, no "1_000", no "0x10"), with the failure split into its two causes so the
    // message can say which.
    private static long parseWhole(String text, long min, long max) {
        if (!WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException("not a whole number");
        }
        long n;
        try {
            n = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("out of range [" + min + ", " + max + "]");
        }
        if (n < min || n > max) throw new IllegalArgumentException("out of range [" + min + ", " + max + "]");
        return n;
    }

    // The number grammar Tornado's timedelta parser uses, which is also Python's float() less
    // "inf" and "nan". Java's Double.parseDouble would accept more than a user means to type
    // ("1d", "0x1p3", "Infinity"), so we match this first. Compiled once: options are parsed at
    // startup, but there is no reason to compile a pattern per value.
    private static final String FLOAT = "[-+]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?";
    private static final Pattern FLOAT_ONLY = Pattern.compile(FLOAT);

    private static double parseDouble(String text) {
        if (!FLOAT_ONLY.matcher(text).matches()) {
            throw new IllegalArgumentException("not a decimal number like 1.5, -2 or 3e-4");
        }
        double d = Double.parseDouble(text);
        if (Double.isInfinite(d)) throw new IllegalArgumentException("too large for a Double");
        return d;
    }

    // tag::parse-bool[]
    /**
     * Parses a Boolean: {@code true/false}, {@code t/f}, {@code yes/no}, {@code y/n},
     * {@code on/off}, {@code 1/0}, in any case.
     *
     * <p>Tornado is looser: everything except {@code false}, {@code f} and {@code 0} is true, so
     * {@code --debug=flase} turns debugging <em>on</em>. We refuse words we do not know instead,
     * since a typo should be an error the user sees, not a setting they did not ask for.
     */
    public static boolean parseBoolean(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "t", "yes", "y", "on", "1":
                return true;
            case "false", "f", "no", "n", "off", "0":
                return false;
            default:
                throw new IllegalArgumentException("use true or false (also t/f, yes/no, y/n, on/off, 1/0)");
        }
    }
    // end::parse-bool[]

    // tag::parse-duration[]
    // The units Tornado's _parse_timedelta knows, by every name it accepts (the abbreviations and
    // the full names timedelta() itself takes), with their length in nanoseconds. Case matters,
    // as in Tornado: "m" is minutes, and "M" is not guessed at.
    private static final Map<String, Long> UNIT_NANOS = new LinkedHashMap<>();
    static {
        long us = 1_000L, ms = 1_000_000L, s = 1_000_000_000L;
        for (String n : new String[] {"w", "weeks"}) UNIT_NANOS.put(n, 7 * 24 * 3600 * s);
        for (String n : new String[] {"d", "days"}) UNIT_NANOS.put(n, 24 * 3600 * s);
        for (String n : new String[] {"h", "hours"}) UNIT_NANOS.put(n, 3600 * s);
        for (String n : new String[] {"m", "min", "minutes"}) UNIT_NANOS.put(n, 60 * s);
        for (String n : new String[] {"s", "sec", "seconds"}) UNIT_NANOS.put(n, s);
        for (String n : new String[] {"ms", "milliseconds"}) UNIT_NANOS.put(n, ms);
        for (String n : new String[] {"us", "microseconds"}) UNIT_NANOS.put(n, us);
    }

    // One term: optional spaces, a number, optional spaces, a unit made of letters. Tornado's
    // pattern takes the unit as \w*, which swallows digits too, so "1h30m" reads as the unit
    // "h30m" and fails; letters only lets "1h30m" mean what it says.
    private static final Pattern TERM = Pattern.compile("\\s*(" + FLOAT + ")\\s*([A-Za-z]*)\\s*");

    /**
     * Parses a duration the way Tornado parses a {@code timedelta} option: one or more terms,
     * each a number and a unit, added up. {@code 10s}, {@code 500ms}, {@code 2m}, {@code 1.5h},
     * {@code 1h 30m}, {@code 1h30m}; a number without a unit is seconds ({@code 30}); units are
     * {@code w}, {@code d}, {@code h}, {@code m}/{@code min}, {@code s}/{@code sec},
     * {@code ms}, {@code us} and their full names ({@code minutes}, ...).
     *
     * <p>The result is exact to the nanosecond (the numbers are read as decimals, not doubles,
     * so {@code 0.1s} is 100 ms and not a hair less) and limited to what
     * {@link Duration#ofNanos} holds, about ±292 years.
     */
    public static Duration parseDuration(String text) {
        Matcher m = TERM.matcher(text);
        long totalNanos = 0;
        int start = 0;
        boolean any = false;
        while (start < text.length()) {
            m.region(start, text.length());
            if (!m.lookingAt()) {
                if (text.substring(start).isBlank()) break;
                throw new IllegalArgumentException("expected a number at position " + start
                        + " (durations look like 10s, 500ms, 2m, 1h 30m)");
            }
            String unit = m.group(2).isEmpty() ? "s" : m.group(2);
            Long unitNanos = UNIT_NANOS.get(unit);
            if (unitNanos == null) {
                throw new IllegalArgumentException("unknown unit '" + unit + "'; use w, d, h, m or min,"
                        + " s or sec, ms, us (or weeks, days, hours, minutes, seconds,"
                        + " milliseconds, microseconds)");
            }
            totalNanos = addNanos(totalNanos, new BigDecimal(m.group(1)), unitNanos);
            any = true;
            start = m.end();
        }
        if (!any) throw new IllegalArgumentException("empty duration (durations look like 10s, 500ms, 2m)");
        return Duration.ofNanos(totalNanos);
    }
    // end::parse-duration[]

    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    // Adds number × unit to the running total, in nanoseconds, refusing to overflow a long.
    private static long addNanos(long total, BigDecimal number, long unitNanos) {
        BigDecimal nanos = number.multiply(BigDecimal.valueOf(unitNanos));
        if (nanos.abs().compareTo(MAX_NANOS) > 0) {
            throw new IllegalArgumentException("too long; durations are limited to about 292 years");
        }
        // A term far below a nanosecond ("1e-900s") counts as zero. We decide that from the
        // exponent before rounding, because rounding a number with a scale of 900 to a whole
        // number means computing 10^900, and a typed exponent could make that arbitrarily slow.
        if (nanos.signum() == 0 || nanos.precision() - nanos.scale() < -1) return total;
        long rounded = nanos.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        try {
            return Math.addExact(total, rounded);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("too long; durations are limited to about 292 years");
        }
    }

    /**
     * Writes a duration the way it would be typed: {@code 10s}, {@code 1m30s}, {@code 500ms},
     * {@code 0s}. Used by {@code --help} to show defaults; {@link #parseDuration} reads it back.
     */
    public static String formatDuration(Duration d) {
        if (d.isZero()) return "0s";
        StringBuilder b = new StringBuilder();
        if (d.isNegative()) {
            b.append('-');
            d = d.negated();
        }
        long[] sizes = {86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L,
                1_000_000_000L, 1_000_000L, 1_000L, 1L};
        String[] names = {"d", "h", "m", "s", "ms", "us", "ns"};
        // Negating Long.MIN_VALUE nanoseconds is impossible, but Duration holds far more than a
        // long of nanoseconds, so go through seconds first and only then to nanoseconds.
        long seconds = d.getSeconds();
        long days = seconds / 86_400;
        long rest = (seconds % 86_400) * 1_000_000_000L + d.getNano();
        if (days > 0) b.append(days).append('d');
        for (int i = 1; i < sizes.length; i++) {
            long n = rest / sizes[i];
            rest %= sizes[i];
            if (n > 0) b.append(n).append(names[i]);
        }
        // "ns" is not a unit parseDuration reads (Tornado has none below "us"): a duration with
        // stray nanoseconds still shows, it just cannot be typed back exactly.
        return b.toString();
    }

    // Enum constants by name, ignoring case and treating '-' as '_' (--mode=read-only finds
    // READ_ONLY), with the choices listed when nothing fits.
    private static Object parseEnum(Class<?> type, String text) {
        String wanted = text.replace('-', '_');
        StringBuilder choices = new StringBuilder();
        for (Object constant : type.getEnumConstants()) {
            String name = ((Enum<?>) constant).name();
            if (name.equalsIgnoreCase(wanted)) return constant;
            if (choices.length() > 0) choices.append(", ");
            choices.append(name.toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("choose one of " + choices);
    }
}
