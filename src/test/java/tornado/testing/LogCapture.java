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
