package tornado.testing;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import tornado.ioloop.IOLoop;

/**
 * A fresh IOLoop running on its own thread, for tests: the Java counterpart of Tornado's
 * {@code AsyncTestCase}, which gives every test its own loop. {@link #call} runs code on the
 * loop's thread and waits (at most ten seconds) for its result, so a test can set up servers and
 * streams where they must live; {@link #close} stops the loop and closes every socket it owns.
 */
public final class LoopThread implements AutoCloseable {
    public static final long WAIT_SECONDS = 10;

    public final IOLoop loop = new IOLoop();
    private final Thread thread;

    public LoopThread() {
        thread = new Thread(loop::start, "test-loop");
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code work} on the loop's thread and returns its result. */
    public <T> T call(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.addCallback(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception ex) throw ex;
            throw e;
        }
    }

    /** Runs {@code work} on the loop's thread and waits for it. */
    public void run(ThrowingRunnable work) throws Exception {
        call(() -> {
            work.run();
            return null;
        });
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Override
    public void close() throws InterruptedException {
        loop.stop();
        thread.join(WAIT_SECONDS * 1000);
        loop.close(true);
    }
}
