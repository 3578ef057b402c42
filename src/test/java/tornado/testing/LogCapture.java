package tornado.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what a logger logs, so tests can check that errors were logged with a stack. */
public final class LogCapture extends Handler {
    private final Logger logger;
    /** The logger's own level before {@link #onEveryLevel}, given back by {@link #remove}. */
    private Level previous;
    private boolean levelChanged;
    private final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());

    private LogCapture(Logger logger) {
        this.logger = logger;
    }

    public static LogCapture on(String name) {
        Logger l = Logger.getLogger(name);
        LogCapture c = new LogCapture(l);
        c.setLevel(Level.ALL);
        l.addHandler(c);
        return c;
    }

    /**
     * As {@link #on}, and also lets the logger pass records below the test configuration's
     * WARNING (the INFO lines a server writes for refused or timed-out clients), until
     * {@link #remove}.
     */
    public static LogCapture onEveryLevel(String name) {
        LogCapture c = on(name);
        c.previous = c.logger.getLevel();
        c.levelChanged = true;
        c.logger.setLevel(Level.ALL);
        return c;
    }

    public List<String> messages() {
        synchronized (records) {
            return records.stream().map(LogRecord::getMessage).toList();
        }
    }

    public List<Throwable> thrown() {
        synchronized (records) {
            return records.stream().map(LogRecord::getThrown).filter(x -> x != null).toList();
        }
    }

    public void remove() {
        logger.removeHandler(this);
        if (levelChanged) logger.setLevel(previous);
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() { }

    @Override
    public void close() { }
}
