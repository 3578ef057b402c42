package tornado.queues;

import tornado.trace.Mirrors;

/** {@link Queue#getNowait} on an empty queue. Mirrors queues.py's {@code QueueEmpty} (4.2). */
@Mirrors("queues.QueueEmpty 4.5")
public final class QueueEmpty extends RuntimeException {
    public QueueEmpty(String message) {
        super(message);
    }
}
