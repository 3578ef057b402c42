package tornado.queues;

import tornado.trace.Mirrors;

/** {@link Queue#putNowait} on a full queue. Mirrors queues.py's {@code QueueFull} (4.2). */
@Mirrors("queues.QueueFull 4.5")
public final class QueueFull extends RuntimeException {
    public QueueFull(String message) {
        super(message);
    }
}
