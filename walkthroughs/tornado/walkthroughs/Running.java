package tornado.walkthroughs;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import tornado.ioloop.IOLoop;
import tornado.netutil.TCPServer;

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
            return new Running(loop, thread, made.get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            loop.stop();
            thread.join(10_000);
            loop.close(true);
            throw e;
        }
    }

    public IOLoop loop() {
        return loop;
    }

    public TCPServer server() {
        return server;
    }

    @Override
    public void close() throws InterruptedException {
        server.stop();
        loop.stop();
        thread.join(10_000);
        loop.close(true);
    }
}
