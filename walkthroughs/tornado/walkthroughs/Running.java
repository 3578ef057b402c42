package tornado.walkthroughs;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import tornado.ioloop.IOLoop;
import tornado.netutil.TCPServer;
import tornado.trace.Trace;
import tornado.trace.TraceSink;

/**
 * A walkthrough server running in-process: a fresh IOLoop on its own thread, the server made on
 * that thread, and a {@link #close()} that stops both within a bounded time. Scripted runs (the
 * tour, the tests, the site build) use it so that nothing is left listening afterwards.
 */
public final class Running implements AutoCloseable {
    /** Makes the server, on the loop's thread. */
    @FunctionalInterface
    public interface Factory {
        TCPServer create(IOLoop loop) throws Exception;
    }

    // A recording that waits for the server to be listening (Walkthroughs.record): the steps of
    // making the loop and the server are set-up, not part of the story, so the trace starts when
    // the scripted client is about to begin. Per thread, because the caller of record() is the
    // thread that calls start().
    private static final ThreadLocal<TraceSink> TRACE_WHEN_LISTENING = new ThreadLocal<>();

    private final IOLoop loop;
    private final Thread thread;
    private final TCPServer server;

    private Running(IOLoop loop, Thread thread, TCPServer server) {
        this.loop = loop;
        this.thread = thread;
        this.server = server;
    }

    public static Running start(Factory factory) throws Exception {
        IOLoop loop = new IOLoop();
        CompletableFuture<TCPServer> made = new CompletableFuture<>();
        loop.addCallback(() -> {
            try {
                made.complete(factory.create(loop));
            } catch (Throwable e) {
                made.completeExceptionally(e);
            }
        });
        Thread thread = new Thread(loop::start, "walkthrough-loop");
        thread.setDaemon(true);
        thread.start();
        try {
            Running r = new Running(loop, thread, made.get(10, TimeUnit.SECONDS));
            TraceSink sink = TRACE_WHEN_LISTENING.get();
            if (sink != null) Trace.install(sink);
            return r;
        } catch (Exception e) {
            loop.stop();
            thread.join(10_000);
            loop.close(true);
            throw e;
        }
    }

    /**
     * Makes the next {@link #start} on this thread install {@code sink} once its server is
     * listening; null cancels. {@link Walkthroughs#record} uses this.
     */
    static void traceWhenListening(TraceSink sink) {
        if (sink == null) TRACE_WHEN_LISTENING.remove();
        else TRACE_WHEN_LISTENING.set(sink);
    }

    public IOLoop loop() {
        return loop;
    }

    public TCPServer server() {
        return server;
    }

    /**
     * Stops the server and the loop and closes every socket. Interrupted while waiting for the
     * loop's thread, it closes anyway and leaves the thread's interrupt flag set for the caller:
     * nothing may stay listening after a scripted run.
     */
    @Override
    public void close() {
        server.stop();
        loop.stop();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loop.close(true);
    }
}
