package tornado.options;

import java.time.Duration;

import tornado.trace.Mirrors;

/**
 * One defined option: its name, type, default, help text, and the value the command line gave it.
 *
 * <p>{@link Options#define} creates it and hands it back; the program keeps it and reads
 * {@link #value()} whenever it needs the setting, as a Tornado program reads {@code options.port}.
 * It mirrors {@code _Option} in {@code tornado/options.py}.
 *
 * <p>The value is {@code volatile}: options are parsed on the main thread before any IOLoop
 * starts, but a test may set one while a loop thread is running, and a read on that thread must
 * then see the new value without more ceremony.
 *
 * @param <T> the option's type: {@code Integer} for Tornado's {@code type=int}, and so on
 */
@Mirrors("options._Option")
public final class Option<T> {
    private final String name;
    private final Class<T> type;
    private final T defaultValue;
    private final String help;
    private final T implicitValue;
    private volatile T value;

    Option(String name, Class<T> type, T defaultValue, String help, T implicitValue) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.help = help;
        this.implicitValue = implicitValue;
    }

    /** The name as defined, without dashes. */
    public String name() {
        return name;
    }

    /** The type values are parsed into. */
    public Class<T> type() {
        return type;
    }

    /** The value until the command line (or {@link #set}) gives another; may be {@code null}. */
    public T defaultValue() {
        return defaultValue;
    }

    /** The line {@code --help} shows; may be {@code null}. */
    public String help() {
        return help;
    }

    /** The value taken when the flag comes alone ({@code --trace}), or {@code null} if none. */
    public T implicitValue() {
        return implicitValue;
    }

    // tag::value[]
    /**
     * The current value: what the command line or {@link #set} gave, else the default. As in
     * Tornado, "not given" and "given {@code null}" are the same thing, so setting {@code null}
     * brings the default back.
     */
    @Mirrors("options._Option.value")
    public T value() {
        T v = value;
        return v == null ? defaultValue : v;
    }
    // end::value[]

    /** Sets the value from code, as a Tornado config file or {@code options.port = 1} would. */
    @Mirrors("options._Option.set")
    public void set(T newValue) {
        value = newValue;
    }

    // tag::parse[]
    /**
     * Parses {@code text} as this option's type, stores it as the value and returns it.
     *
     * @throws OptionsError saying what was given, what type was expected, for which option, and
     *                      why it did not fit: {@code 'abc' is not a valid Integer for option port:
     *                      not a whole number}
     */
    @Mirrors("options._Option.parse")
    public T parse(String text) {
        T parsed;
        try {
            parsed = ValueParsers.parse(type, text);
        } catch (IllegalArgumentException e) {
            throw new OptionsError("'" + text + "' is not a valid " + typeName()
                    + " for option " + name + ": " + e.getMessage(), e);
        }
        value = parsed;
        return value();
    }
    // end::parse[]

    // The flag came alone and this option has an implicit value: take it.
    void useImplicitValue() {
        value = implicitValue;
    }

    /** The type as {@code --help} shows it: {@code Integer}, {@code Duration}, or an enum's values. */
    public String typeName() {
        if (type.isEnum()) {
            StringBuilder b = new StringBuilder();
            for (T constant : type.getEnumConstants()) {
                if (b.length() > 0) b.append('|');
                b.append(((Enum<?>) constant).name().toLowerCase(java.util.Locale.ROOT));
            }
            return b.toString();
        }
        return type.getSimpleName();
    }

    // How a default or implicit value reads in the help: durations in the units they are typed
    // in ("10s", not Java's "PT10S"), nothing at all for null or "" (as Tornado omits them).
    String display(Object v) {
        if (v == null) return "";
        if (v instanceof Duration d) return ValueParsers.formatDuration(d);
        if (v instanceof Enum<?> e) return e.name().toLowerCase(java.util.Locale.ROOT);
        return v.toString();
    }

    @Override
    public String toString() {
        return "--" + name + "=" + display(value());
    }
}
