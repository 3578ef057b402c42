package tornado.concurrent;

import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import tornado.ioloop.IOLoop;
import tornado.trace.Mirrors;

/**
 * The helpers concurrent.py keeps beside its {@code Future}: pass one future's outcome on to
 * another ({@link #chain}), complete a future only if its waiter has not given up
 * ({@link #setResultUnlessCancelled}), and the loop's {@code add_future} ({@link #addFuture}).
 */
@Mirrors("concurrent 4.0")
public final class Futures {
    private static final Logger log = Logger.getLogger("tornado.application");

    private Futures() {}

    /**
     * When {@code a} is done, completes {@code b} with the same result or exception, unless
     * {@code b} is done already (it was cancelled, or timed out, say). Tornado's
     * {@code chain_future}; {@code Gen.withTimeout} is built on it.
     */
    @Mirrors("concurrent.chain_future 4.5")
    public static <T> void chain(Future<T> a, Future<? super T> b) {
        a.addDoneCallback(done -> {
            if (b.done()) return;
            Throwable e = done.exception();
            if (e != null) b.setException(e);
            else b.setResult(done.result());
        });
    }

    /** Sets {@code value} unless the future was cancelled (its waiter gave up); any other done future is an error, as in Tornado. */
    @Mirrors("concurrent.future_set_result_unless_cancelled 5.0")
    public static <T> void setResultUnlessCancelled(Future<T> future, T value) {
        if (!future.cancelled()) future.setResult(value);
    }

    /**
     * Sets {@code error} unless the future was cancelled; then there is nobody to tell, and the
     * error is logged instead of lost, as Tornado 6 does.
     */
    @Mirrors("concurrent.future_set_exception_unless_cancelled 6.0")
    public static void setExceptionUnlessCancelled(Future<?> future, Throwable error) {
        if (!future.cancelled()) future.setException(error);
        else log.log(Level.SEVERE, "Exception after Future was cancelled", error);
    }

    /**
     * Calls {@code callback} with the future once it is done. Tornado 5's
     * {@code future_add_done_callback} runs the callback at once if the future is already done;
     * ours, like every done callback here, waits for the loop's next iteration.
     */
    @Mirrors("concurrent.future_add_done_callback 5.0")
    public static <T> void addDoneCallback(Future<T> future, Consumer<? super Future<T>> callback) {
        future.addDoneCallback(callback);
    }

    // tag::add-future[]
    /**
     * Runs {@code callback} on {@code loop} when {@code future} is done: Tornado 4's
     * {@code IOLoop.add_future}. It lives here and not in chapter 1's {@code IOLoop} because the
     * loop comes first in the book: a chapter-1 method that takes a chapter-6 type would make
     * the loop depend on a later chapter (Tornado's ioloop.py does import concurrent.py). A
     * future of another loop is fine: its callback hands over to {@code loop} with
     * {@link IOLoop#addCallback}, the one loop method that is safe from anywhere.
     */
    @Mirrors("ioloop.IOLoop.add_future 4.5")
    public static <T> void addFuture(IOLoop loop, Future<T> future, Consumer<? super Future<T>> callback) {
        if (future.ioLoop() == loop) future.addDoneCallback(callback);
        else future.addDoneCallback(done -> loop.addCallback(() -> callback.accept(done)));
    }
    // end::add-future[]
}
