package tornado.options;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

import tornado.trace.Mirrors;

/**
 * Tornado's one-line log format for {@code java.util.logging}, for any program that uses this
 * library: one call, {@link #enablePrettyLogging()}, and every record reads as one line,
 * {@code "[I 261201 20:14:03 tornado.access] 200 GET / (127.0.0.1) 0.41ms"}, instead of {@code java.util.logging}'s two lines per record. Tornado 2.4's
 * {@code parse_command_line} calls its {@code enable_pretty_logging} for every program; we leave
 * the choice to the program (the walkthroughs and the site build make it), because a library that
 * rewires the root logger of somebody else's application is a rude library.
 *
 * <p>Where we differ: Tornado adds its handler only when the root logger has none, but Java's
 * root logger always starts with a two-line {@code ConsoleHandler}, so we replace the root's
 * handlers instead. Tornado's bracket ends with the module and line ({@code web:1462}); Java's
 * records know their logger's name cheaply but their source line only by walking the stack, so we
 * show the logger's name, which says the same thing a level coarser. Tornado colours the level
 * letter on a terminal; we do not. A program that prefers configuration to code gets the same
 * format from one line of {@code logging.properties}: {@link #PROPERTIES_LINE}.
 */
@Mirrors("options.enable_pretty_logging")
public final class PrettyLogging {
    private PrettyLogging() {}

    /**
     * The same format as a {@code java.util.logging.SimpleFormatter} pattern, for a
     * {@code logging.properties} file (with {@code handlers=java.util.logging.ConsoleHandler}):
     * {@code %4$.1s} is the level's first letter, {@code %1$ty%1$tm%1$td %1$tT} the date and time.
     */
    public static final String PROPERTIES_LINE =
            "java.util.logging.SimpleFormatter.format=[%4$.1s %1$ty%1$tm%1$td %1$tT %3$s] %5$s%6$s%n";

    /**
     * Replaces the root logger's handlers with one that writes Tornado's one-line format to
     * stderr, at INFO and above. Safe to call more than once.
     */
    @Mirrors("options.enable_pretty_logging")
    public static void enablePrettyLogging() {
        ConsoleHandler console = new ConsoleHandler();
        install(console);
    }

    /** As {@link #enablePrettyLogging()}, writing to {@code out} (the tests use this). */
    public static Handler enablePrettyLogging(PrintStream out) {
        StreamHandler handler = new StreamHandler(out, new LogFormatter()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush(); // one line at a time, as a console expects
            }
        };
        install(handler);
        return handler;
    }

    private static void install(Handler handler) {
        handler.setFormatter(new LogFormatter());
        handler.setLevel(Level.INFO);
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) root.removeHandler(h);
        root.addHandler(handler);
        if (root.getLevel() == null || root.getLevel().intValue() > Level.INFO.intValue()) root.setLevel(Level.INFO);
    }

    /** Formats one record as {@code [L yymmdd HH:MM:SS logger] message}, with the stack trace after. */
    @Mirrors("options._LogFormatter")
    public static final class LogFormatter extends Formatter {
        private static final DateTimeFormatter TIME =
                DateTimeFormatter.ofPattern("yyMMdd HH:mm:ss").withZone(ZoneId.systemDefault());

        @Override
        public String format(LogRecord r) {
            StringBuilder b = new StringBuilder(120);
            b.append('[').append(r.getLevel().getName().charAt(0)).append(' ')
             .append(TIME.format(Instant.ofEpochMilli(r.getMillis()))).append(' ')
             .append(r.getLoggerName() == null ? "" : r.getLoggerName()).append("] ")
             .append(formatMessage(r));
            if (r.getThrown() != null) {
                java.io.StringWriter w = new java.io.StringWriter();
                r.getThrown().printStackTrace(new java.io.PrintWriter(w));
                b.append(System.lineSeparator()).append(w.toString().stripTrailing());
            }
            return b.append(System.lineSeparator()).toString();
        }
    }
}
