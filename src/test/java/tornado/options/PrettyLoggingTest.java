package tornado.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tornado's one-line log format, by one call or by one line of logging.properties. */
class PrettyLoggingTest {
    private static final Logger ACCESS = Logger.getLogger("tornado.access");

    @AfterEach
    void restoreTheTestLogging() throws Exception {
        LogManager.getLogManager().readConfiguration();
    }

    @Test
    void oneCallGivesOneLinePerRecordInTornadosShape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrettyLogging.enablePrettyLogging(new PrintStream(out, true, StandardCharsets.UTF_8));
        ACCESS.info("200 GET / (127.0.0.1) 0.41ms");
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.matches("\\[I \\d{6} \\d\\d:\\d\\d:\\d\\d tornado\\.access] 200 GET / \\(127\\.0\\.0\\.1\\) 0\\.41ms\\R"), text);
        assertEquals(1, Logger.getLogger("").getHandlers().length, "the root's two-line handler is replaced, not joined");
    }

    @Test
    void thePropertiesLineFormatsTheSame() {
        LogRecord r = new LogRecord(Level.WARNING, "slow");
        r.setLoggerName("tornado.application");
        r.setInstant(java.time.Instant.ofEpochMilli(1_700_000_000_000L));
        String pattern = PrettyLogging.PROPERTIES_LINE.substring(PrettyLogging.PROPERTIES_LINE.indexOf('=') + 1);
        String viaProperties = String.format(pattern, new java.util.Date(r.getMillis()), "", r.getLoggerName(),
                r.getLevel().getLocalizedName(), r.getMessage(), "");
        assertEquals(new PrettyLogging.LogFormatter().format(r).strip(), viaProperties.strip());
        assertTrue(viaProperties.startsWith("[W "), viaProperties);
        // It is a format SimpleFormatter accepts.
        assertTrue(new SimpleFormatter().format(r).contains("slow"));
    }
}
