package tornado.concurrent;

import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import tornado.iostream.IOStream;
import tornado.iostream.StreamClosedException;
import tornado.trace.JavaOnly;
import tornado.trace.Mirrors;

/**
 * Chapter 2's {@link IOStream} with a Future for every call: {@code readUntil} returns a
 * {@code Future<byte[]>} instead of taking a callback, {@code write} a future that is done when
 * the bytes have gone to the kernel, {@code connect} one that is done when the connection is up.
 * A coroutine writes {@code byte[] head = await(stream.readUntil(CRLFCRLF))}.
 *
 * <p><b>Where Tornado put this.</b> Tornado 4.0 changed iostream.py itself: every read and write
 * returns a future when no callback is given, and the callback form became a thin wrapper that
 * was deprecated in 5.1 and removed in 6.0. We do the opposite and layer, because chapters 1–5
 * are Tornado 2.4 and must not name a later chapter's type: a reader who stops after chapter 5
 * holds a whole 2.4 server. So this class owns no reading or writing logic at all. Each call
 * passes a callback that completes a future to the same {@code IOStream} method a 2.4 caller
 * uses, and the buffering, the delimiter scan and every limit stay where chapter 2 wrote them.
 *
 * <p><b>Closing.</b> In Tornado 4, a stream that closes while a read or write is pending fails its
 * future with {@code StreamClosedError}. The 2.4 stream tells its one close callback instead, so
 * this layer takes that callback for itself (use {@link #setCloseCallback} here, not on the
 * stream) and fails whatever future is still waiting, with the error that closed the stream as
 * the cause. A {@code readUntilClose} is not failed: chapter 2 hands it the rest of the buffer.
 */
@Mirrors("iostream.BaseIOStream 4.5")
public final class FutureStream {
    private final IOStream stream;
    private final Runnable releaseHold;
    // The stream's callbacks, made once: a method reference written at each call would be a new
    // object for every read and every write.
    private final Consumer<byte[]> onRead = this::readDone;
    private final Runnable onWritten = this::writesDone;
    private Future<byte[]> readFuture;
    private Future<Void> connectFuture;
    private final List<Future<Void>> writeFutures = new ArrayList<>();
    private Runnable closeCallback;
    private boolean closeSeen;

    /** Wraps {@code stream}; from now on its close callback belongs to this layer. */
    @JavaOnly("Tornado 4 has one stream with both forms; ours layers the future form over chapter 2's")
    public FutureStream(IOStream stream) {
        this.stream = stream;
        this.releaseHold = stream::releaseCallback;
        stream.setCloseCallback(this::onClose);
    }

    /** The callback-form stream underneath. */
    @JavaOnly("the chapter-2 stream under the future layer, which Tornado 4 does not split in two")
    public IOStream stream() {
        return stream;
    }

    // tag::read-until[]
    /** {@link IOStream#readUntil(byte[], java.util.function.Consumer)}, as a future. */
    @Mirrors("iostream.BaseIOStream.read_until 4.5")
    public Future<byte[]> readUntil(byte[] delimiter) {
        Future<byte[]> f = startRead();
        stream.readUntil(delimiter, onRead);
        return f;
    }
    // end::read-until[]

    /** As {@link #readUntil(byte[])}, failing (the stream closes) past {@code maxBytes}. */
    @Mirrors("iostream.BaseIOStream.read_until 4.5")
    public Future<byte[]> readUntil(byte[] delimiter, int maxBytes) {
        Future<byte[]> f = startRead();
        stream.readUntil(delimiter, onRead, maxBytes);
        return f;
    }

    /**
     * As {@link #readUntil(byte[], int)}, but past {@code maxBytes} the stream stays open and the
     * future fails with {@code tooLarge}'s exception: IOStream's four-argument {@code readUntil},
     * which lets a server say why (431) before it closes. Tornado 4 closes the stream instead.
     */
    @Mirrors("iostream.BaseIOStream.read_until 4.5")
    public Future<byte[]> readUntil(byte[] delimiter, int maxBytes, java.util.function.Supplier<? extends RuntimeException> tooLarge) {
        return readUntil(delimiter, null, maxBytes, tooLarge);
    }

    /** As {@link #readUntil(byte[], int, java.util.function.Supplier)}, ending at either delimiter (IOStream's five-argument readUntil). */
    @JavaOnly("IOStream's two-delimiter readUntil, as a future")
    public Future<byte[]> readUntil(byte[] delimiter, byte[] orDelimiter, int maxBytes,
            java.util.function.Supplier<? extends RuntimeException> tooLarge) {
        Future<byte[]> f = startRead();
        stream.readUntil(delimiter, orDelimiter, onRead, maxBytes, () -> {
            readFuture = null;
            if (f.done()) return;
            boolean held = holdForWaiters(f);
            f.setException(tooLarge.get());
            releaseAfterWaiters(held);
        });
        return f;
    }

    @Mirrors("iostream.BaseIOStream.read_until_regex 4.5")
    public Future<byte[]> readUntilRegex(Pattern regex) {
        Future<byte[]> f = startRead();
        stream.readUntilRegex(regex, onRead);
        return f;
    }

    /** Exactly {@code n} bytes; with {@code partial}, as soon as at least one byte is there. */
    @Mirrors("iostream.BaseIOStream.read_bytes 4.5")
    public Future<byte[]> readBytes(long n, boolean partial) {
        Future<byte[]> f = startRead();
        stream.readBytes(n, onRead, null, partial);
        return f;
    }

    @Mirrors("iostream.BaseIOStream.read_bytes 4.5")
    public Future<byte[]> readBytes(long n) {
        return readBytes(n, false);
    }

    /** Everything until the peer closes. */
    @Mirrors("iostream.BaseIOStream.read_until_close 4.5")
    public Future<byte[]> readUntilClose() {
        Future<byte[]> f = startRead();
        stream.readUntilClose(onRead);
        return f;
    }

    // One read at a time, as on the stream; the stream refuses a second one itself.
    private Future<byte[]> startRead() {
        if (readFuture != null) {
            throw new IllegalStateException("Already reading: only one read may be pending on a stream");
        }
        readFuture = new Future<>(stream.ioLoop());
        return readFuture;
    }

    private void readDone(byte[] data) {
        Future<byte[]> f = readFuture;
        readFuture = null;
        if (f == null) return;
        boolean held = holdForWaiters(f);
        Futures.setResultUnlessCancelled(f, data);
        releaseAfterWaiters(held);
    }

    // tag::hand-on[]
    /**
     * Called from inside one of the stream's callbacks, just before it completes a future: holds
     * the stream open until the future's waiters have run. This layer adds a loop turn between
     * the stream's answer and its reader: the callback completes the future, and the coroutine
     * that awaits it resumes on the loop's next iteration. Chapter 2's half-close rule
     * ({@code IOStream.closeIfPeerDone}) keeps a half-closed stream open while a callback is on its
     * way to its reader, so the turn is counted as one ({@link IOStream#holdForCallback}). Tornado
     * 4.5 counts nothing here, and closes at end of file, so a client that half-closes after a
     * request gets no answer. A future nobody waits for yet needs no turn, so it holds nothing
     * (and costs no loop callback): the answer is false then.
     */
    private boolean holdForWaiters(Future<?> f) {
        if (!f.hasCallbacks()) return false;
        stream.holdForCallback();
        return true;
    }

    /**
     * Just after the future is completed: its waiters' callbacks are queued on the loop now, and
     * the release goes in behind them, so it runs once a coroutine that awaits the future has
     * resumed and gone on to its next read or write. (A waiter reached through a chain of futures
     * would resume a turn later still; nothing in this book waits on a stream's future that way.)
     */
    private void releaseAfterWaiters(boolean held) {
        if (held) stream.ioLoop().addCallback(releaseHold);
    }
    // end::hand-on[]

    // tag::write[]
    /**
     * Queues {@code data}; the future is done when every byte queued so far has gone to the
     * kernel. The stream keeps only its latest write callback, which fires when the whole queue
     * has gone, so every write future still waiting is done at that moment.
     */
    @Mirrors("iostream.BaseIOStream.write 4.5")
    public Future<Void> write(byte[] data) {
        Future<Void> f = new Future<>(stream.ioLoop());
        stream.write(data, onWritten);
        writeFutures.add(f);
        return f;
    }
    // end::write[]

    // Completing a future only queues its callbacks, so no write can be added while we go through
    // the list, and one hold covers every waiter of the batch.
    private void writesDone() {
        if (writeFutures.isEmpty()) return;
        boolean held = false;
        for (Future<Void> f : writeFutures) held = held || holdForWaiters(f);
        for (Future<Void> f : writeFutures) Futures.setResultUnlessCancelled(f, null);
        writeFutures.clear();
        releaseAfterWaiters(held);
    }

    /** Connects; the future is done when the connection is up, failed if it could not be made. */
    @Mirrors("iostream.IOStream.connect 4.5")
    public Future<Void> connect(SocketAddress address) {
        connectFuture = new Future<>(stream.ioLoop());
        Future<Void> f = connectFuture;
        stream.connect(address, () -> {
            connectFuture = null;
            boolean held = holdForWaiters(f);
            Futures.setResultUnlessCancelled(f, null);
            releaseAfterWaiters(held);
        });
        return f;
    }

    /** Runs {@code callback} once the stream has closed and every waiting future has been failed. */
    @Mirrors("iostream.BaseIOStream.set_close_callback 4.5")
    public void setCloseCallback(Runnable callback) {
        if (closeSeen) {
            // The stream has told us already; tell the new callback on the loop's next iteration.
            if (callback != null) stream.ioLoop().addCallback(callback);
        } else {
            closeCallback = callback;
        }
    }

    @Mirrors("iostream.BaseIOStream.close 4.5")
    public void close() {
        stream.close();
    }

    @Mirrors("iostream.BaseIOStream.closed 4.5")
    public boolean closed() {
        return stream.closed();
    }

    // tag::on-close[]
    // Tornado 4's _maybe_run_close_callback: every future still waiting learns the stream is gone.
    // As Tornado 6's _signal_closed, each is then marked as retrieved: a coroutine that was
    // writing to a client who hung up (a download cancelled in a browser) may never look at its
    // write's future again, and a client going away is no error worth a "never retrieved" log.
    @Mirrors({"iostream.BaseIOStream._maybe_run_close_callback 4.5", "iostream.BaseIOStream._signal_closed 6.0"})
    private void onClose() {
        closeSeen = true;
        List<Future<?>> waiting = new ArrayList<>();
        if (readFuture != null) waiting.add(readFuture);
        if (connectFuture != null) waiting.add(connectFuture);
        waiting.addAll(writeFutures);
        readFuture = null;
        connectFuture = null;
        writeFutures.clear();
        // The exception is made only when someone waits: it records the stack, which on a
        // coroutine's thread is deep, and a server that closes after its answer (Connection:
        // close) has nothing pending then, on every connection it serves.
        if (!waiting.isEmpty()) {
            StreamClosedException closed = new StreamClosedException(stream.error());
            for (Future<?> f : waiting) {
                if (!f.done()) f.setException(closed);
                f.exception();
            }
        }
        Runnable cb = closeCallback;
        closeCallback = null;
        if (cb != null) cb.run();
    }
    // end::on-close[]
}
