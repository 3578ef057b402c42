package tornado.gen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

import tornado.concurrent.Future;
import tornado.concurrent.Futures;
import tornado.ioloop.IOLoop;
import tornado.ioloop.Timeout;
import tornado.trace.JavaOnly;
import tornado.trace.Mirrors;

/**
 * Coroutines: asynchronous code written as straight-line code. Mirrors gen.py (Tornado 3.0–4.5).
 * Where Tornado writes
 * <pre>
 *   &#64;gen.coroutine
 *   def fetch_head(stream):
 *       yield stream.write(b"GET / HTTP/1.0\r\n\r\n")
 *       head = yield stream.read_until(b"\r\n\r\n")
 *       raise gen.Return(head)
 * </pre>
 * we write
 * <pre>
 *   Future&lt;byte[]&gt; fetchHead(FutureStream stream) {
 *       return coroutine(() -&gt; {
 *           await(stream.write(REQUEST));
 *           return await(stream.readUntil(CRLFCRLF));
 *       });
 *   }
 * </pre>
 * {@link #coroutine} plays the decorator: it runs the body at once, up to its first wait, and
 * returns the body's {@link Future}, completed with what the body returns or throws.
 * {@link #await} plays {@code yield}: the coroutine stops there, the loop goes on with other
 * work, and the coroutine resumes when the future is done, with its result or its exception.
 * How that works is {@link Runner}; chapter 6 says why it is built this way and what it costs.
 *
 * <p>Unlike a generator, {@code await} may be called from any method a coroutine calls, however
 * deep: only the coroutine's own thread is parked, with its whole stack. A plain helper method
 * that awaits runs inside the coroutine that called it.
 */
@Mirrors("gen")
public final class Gen {
    private static final Logger log = Logger.getLogger("tornado.application");

    private Gen() {}

    /** A coroutine's body that returns a value (Tornado's {@code raise gen.Return(value)}, or 3.3+ {@code return value}). */
    @FunctionalInterface
    public interface Body<T> {
        T call() throws Exception;
    }

    /** A coroutine's body that returns nothing. */
    @FunctionalInterface
    public interface VoidBody {
        void run() throws Exception;
    }

    // tag::coroutine[]
    /**
     * Runs {@code body} as a coroutine of the current loop and returns its future. The body
     * starts now, on its own thread, while the caller waits; when the body first awaits a future
     * that is not done (or ends), this returns. The caller may await the future, add a callback,
     * or drop it: if the body fails and nobody ever looks, the failure is logged.
     */
    @Mirrors("gen.coroutine 4.5")
    public static <T> Future<T> coroutine(Body<T> body) {
        return new Runner<>(IOLoop.current(), body).start();
    }
    // end::coroutine[]

    // tag::awaited-call[]
    /**
     * Runs {@code body} for a caller that will await its future at once: inside a coroutine, on
     * that coroutine's own thread, to its end, and returns a future that is done already; outside
     * one, as {@link #coroutine(Body)}. This is what Python's {@code await} does with an
     * {@code async def} (Tornado 5 and later write {@code ret = await conn.read_response(...)}):
     * the inner coroutine runs on the outer one's frames, with no task and no loop turn of its
     * own. A caller that wants to do something else while the body waits must use
     * {@link #coroutine(Body)} instead, since here it gets its future back only when the body is
     * over.
     *
     * <p>What it saves: a {@link Runner}'s virtual thread, its start, and the two hand-overs of its
     * first wait and its end. The request loop of chapter 7 calls one per request, which is why it
     * exists (chapter 7, "What it costs").
     */
    @JavaOnly("Python awaits an async def on the caller's own frames; Java needs a call that says so")
    public static <T> Future<T> awaitedCall(Body<T> body) {
        if (Runner.current() == null) return coroutine(body);
        Future<T> f = new Future<>(IOLoop.current());
        T value;
        try {
            value = body.call();
        } catch (Throwable e) {
            f.setException(e);
            return f;
        }
        f.setResult(value);
        return f;
    }
    // end::awaited-call[]

    /** {@link #coroutine(Body)} for a body that returns nothing. */
    @Mirrors("gen.coroutine 4.5")
    public static Future<Void> coroutine(VoidBody body) {
        return coroutine(() -> {
            body.run();
            return null;
        });
    }

    // tag::await[]
    /**
     * Waits for {@code future} inside a coroutine and returns its result, or throws what it failed
     * with (checked or not: that is why this declares {@code throws Exception}). Tornado's
     * {@code value = yield future}. Outside a coroutine there is nothing to suspend: the loop's
     * own thread must never wait, so that is an error.
     */
    @Mirrors("gen.Runner.handle_yield 4.5")
    public static <V> V await(Future<V> future) throws Exception {
        Runner<?> runner = Runner.current();
        if (runner == null) {
            throw new IllegalStateException("await() outside a coroutine (on thread " + Thread.currentThread().getName()
                    + "): wrap the code in Gen.coroutine(() -> ...), or use addDoneCallback");
        }
        return runner.await(future);
    }
    // end::await[]

    /** Waits for a {@link CompletionStage} from another thread (a thread pool's work, say). */
    @Mirrors("gen.convert_yielded 4.5")
    public static <V> V await(CompletionStage<V> stage) throws Exception {
        return await(fromStage(stage));
    }

    /** True on a coroutine's thread, where {@link #await} may be called. */
    @JavaOnly("Python's syntax says where a yield may stand; a Java method has to ask")
    public static boolean inCoroutine() {
        return Runner.current() != null;
    }

    // ================================================================== things to wait for

    // tag::sleep[]
    /** A future that is done after {@code duration}: the non-blocking {@code Thread.sleep}. */
    @Mirrors("gen.sleep 4.5")
    public static Future<Void> sleep(Duration duration) {
        IOLoop loop = IOLoop.current();
        Future<Void> f = new Future<>(loop);
        loop.callLater(duration, () -> Futures.setResultUnlessCancelled(f, null));
        return f;
    }
    // end::sleep[]

    /**
     * A future that is done on the loop's next iteration: awaiting it lets the loop run once (other
     * callbacks, I/O) before this coroutine goes on. Useful in a long computation that only ever
     * awaits futures that are done already, which would otherwise never let the loop in.
     * Tornado's {@code gen.moment} is one shared future; ours are made per use, since a future
     * here belongs to one loop.
     */
    @Mirrors("gen.moment 4.5")
    public static Future<Void> moment() {
        IOLoop loop = IOLoop.current();
        Future<Void> f = new Future<>(loop);
        loop.addCallback(() -> Futures.setResultUnlessCancelled(f, null));
        return f;
    }

    // tag::multi[]
    /**
     * A future for a list of futures, done when all of them are, with their results in the same
     * order: {@code results = yield [f1, f2]}. If some fail, the first failure (in list order) is
     * this future's exception and the others are logged, as Tornado 4.2+ does, so that no failure
     * is lost.
     */
    @Mirrors({"gen.multi 4.5", "gen.multi_future 4.5"})
    public static <T> Future<List<T>> multi(List<? extends Future<? extends T>> children) {
        Future<List<T>> result = new Future<>();
        if (children.isEmpty()) {
            result.setResult(List.of());
            return result;
        }
        int[] unfinished = {children.size()};
        for (Future<? extends T> child : children) {
            Futures.addFuture(result.ioLoop(), child, done -> {
                if (--unfinished[0] > 0) return;
                List<T> values = new ArrayList<>(children.size());
                for (Future<? extends T> f : children) {
                    Throwable e = f.exception();
                    if (e == null) {
                        values.add(f.result());
                    } else if (!result.done()) {
                        result.setException(e);
                    } else if (!(e instanceof CancellationException)) {
                        log.log(Level.SEVERE, "Multiple exceptions in yield list", e);
                    }
                }
                if (!result.done()) result.setResult(values);
            });
        }
        return result;
    }
    // end::multi[]

    /** {@link #multi(List)} for a map: {@code results = yield {"a": f1, "b": f2}}, keys kept in order. */
    @Mirrors({"gen.multi 4.5", "gen.multi_future 4.5"})
    public static <K, V> Future<Map<K, V>> multi(Map<K, ? extends Future<? extends V>> children) {
        List<K> keys = new ArrayList<>(children.keySet());
        List<Future<? extends V>> futures = new ArrayList<>(children.values());
        Future<Map<K, V>> result = new Future<>();
        Futures.addFuture(result.ioLoop(), multi(futures), all -> {
            Throwable e = all.exception();
            if (e != null) {
                result.setException(e);
                return;
            }
            Map<K, V> values = new LinkedHashMap<>();
            List<V> list = all.result();
            for (int i = 0; i < keys.size(); i++) values.put(keys.get(i), list.get(i));
            result.setResult(values);
        });
        return result;
    }

    // tag::with-timeout[]
    /**
     * A future with the outcome of {@code future}, or a {@link TimeoutError} if that has not come
     * within {@code timeout}. The wrapped future is not cancelled: this code does not own it, and
     * someone else may still be waiting for it (Tornado gives the same reason). If it fails after
     * the timeout, the failure is logged, since nobody is listening any more.
     */
    @Mirrors("gen.with_timeout 4.5")
    public static <T> Future<T> withTimeout(Duration timeout, Future<T> future) {
        IOLoop loop = IOLoop.current();
        Future<T> result = new Future<>(loop);
        Futures.chain(future, result);
        Timeout handle = loop.callLater(timeout, () -> {
            if (result.done()) return;
            result.setException(new TimeoutError("Timeout after " + timeout.toMillis() + " ms"));
            future.addDoneCallback(late -> {
                Throwable e = late.exception();
                if (e != null && !(e instanceof CancellationException)) {
                    log.log(Level.SEVERE, "Exception in Future " + late + " after timeout", e);
                }
            });
        });
        Futures.addFuture(loop, future, done -> loop.removeTimeout(handle));
        return result;
    }
    // end::with-timeout[]

    // tag::convert-yielded[]
    /**
     * Turns anything a coroutine may wait for into a {@link Future}: a future as it is; a list or
     * a map of futures through {@link #multi}; a {@link CompletionStage} (the JDK's, completed on
     * any thread) through the loop; {@code null} as {@link #moment()} (Tornado 4.5: "yield None is
     * now equivalent to yield gen.moment"). Anything else is a {@link BadYieldError}.
     */
    @Mirrors("gen.convert_yielded 4.5")
    @SuppressWarnings("unchecked")
    public static Future<?> convertYielded(Object yielded) {
        if (yielded == null) return moment();
        if (yielded instanceof Future<?> f) return f;
        if (yielded instanceof CompletionStage<?> s) return fromStage(s);
        if (yielded instanceof List<?> list) {
            List<Future<?>> children = new ArrayList<>();
            for (Object o : list) children.add(convertYielded(o));
            return multi((List<Future<Object>>) (List<?>) children);
        }
        if (yielded instanceof Map<?, ?> map) {
            Map<Object, Future<?>> children = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) children.put(e.getKey(), convertYielded(e.getValue()));
            return multi((Map<Object, Future<Object>>) (Map<?, ?>) children);
        }
        throw new BadYieldError("yielded unknown object " + yielded.getClass().getName() + ": " + yielded);
    }
    // end::convert-yielded[]

    // A CompletionStage completes on whatever thread did the work; its outcome is handed to the
    // loop with addCallback, the one IOLoop call that is safe from any thread. By then the waiter
    // may have cancelled the future: a result then has nobody to go to, and a failure is logged
    // rather than lost, as Tornado 6 sets every exception it hands on from other work
    // (future_set_exc_info, through future_set_exception_unless_cancelled).
    private static <V> Future<V> fromStage(CompletionStage<V> stage) {
        IOLoop loop = IOLoop.current();
        Future<V> f = new Future<>(loop);
        stage.whenComplete((value, error) -> loop.addCallback(() -> {
            if (error == null) Futures.setResultUnlessCancelled(f, value);
            else Futures.setExceptionUnlessCancelled(f, error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
        }));
        return f;
    }

    /** {@code gen.maybe_future}: a future as it is, anything else as a future done with that value. */
    @Mirrors("gen.maybe_future 4.5")
    @SuppressWarnings("unchecked")
    public static <T> Future<T> maybeFuture(Object x) {
        if (x instanceof Future<?> f) return (Future<T>) f;
        return Future.completed((T) x);
    }

    /**
     * Runs {@code loop} on this thread until the coroutine {@code body} is done, and returns its
     * result (or throws its exception). For programs and tests that want one coroutine's answer:
     * Tornado's {@code IOLoop.run_sync}, here because chapter 1's loop knows nothing of chapter 6.
     */
    @Mirrors("ioloop.IOLoop.run_sync 4.5")
    public static <T> T runSync(IOLoop loop, Body<T> body) throws Exception {
        Future<T>[] outcome = newFutureArray();
        loop.addCallback(() -> {
            outcome[0] = coroutine(body);
            outcome[0].addDoneCallback(done -> loop.stop());
        });
        startLoop(loop);
        Future<T> f = outcome[0];
        if (f == null || !f.done()) throw new IllegalStateException("the loop stopped before the coroutine was done");
        return Runner.outcome(f);
    }

    // tag::start-loop[]
    /**
     * Runs {@code loop.start()} where its coroutines hand over cheapest, and returns when the loop
     * stops. On this thread, when it can carry the loop's coroutines itself ({@link LoopCarrier}):
     * a hand-over is then a call that runs the coroutine, on one thread. Otherwise on a virtual
     * thread, so that loop and coroutines are virtual threads of the same scheduler, and a
     * hand-over is a park and an unpark that the operating system never hears of (chapter 6,
     * "What it costs"). A loop started the chapter 1 way works the same either way, only a
     * hand-over with the JDK's scheduler is an operating-system thread switch.
     */
    @JavaOnly("a loop whose coroutines are virtual threads runs where they hand over without the kernel")
    public static void startLoop(IOLoop loop) throws InterruptedException {
        if (LoopCarrier.carriesOnThisThread()) {
            loop.start();
            return;
        }
        Thread t = Thread.ofVirtual().name("ioloop").start(loop::start);
        t.join();
    }
    // end::start-loop[]

    /**
     * Null when the loop's thread carries coroutines started on it; otherwise why not (the JVM
     * was started without {@code --add-opens java.base/java.lang=ALL-UNNAMED}, or the JDK is
     * older than 24). GenBench prints it, so that a reader knows which way was measured, and
     * LoopCarrierTest holds each test run to the way it was set up for.
     */
    @JavaOnly("reports which scheduler carries coroutines")
    public static String loopCarrierUnavailable() {
        return LoopCarrier.unavailable();
    }

    @SuppressWarnings("unchecked")
    private static <T> Future<T>[] newFutureArray() {
        return (Future<T>[]) new Future<?>[1];
    }
}
