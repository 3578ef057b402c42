package tornado.iostream;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import tornado.ioloop.CallbackBoundary;
import tornado.ioloop.IOLoop;
import tornado.trace.JavaOnly;
import tornado.trace.Mirrors;
import tornado.trace.Trace;

/**
 * A non-blocking socket with buffers and callbacks: "call me back when the next
 * {@code \r\n\r\n} has arrived", "write these bytes and tell me when they are gone". Mirrors
 * iostream.py's {@code IOStream} (v2.4.1, where the class is one piece; 3.x splits it into
 * {@code BaseIOStream} and {@code IOStream}).
 *
 * <p>This is the layer that turns the loop's "this socket is readable" into the HTTP server's
 * "here is a header block". Chapter 4's {@code HTTPConnection} only ever says
 * {@code stream.readUntil("\r\n\r\n", this::onHeaders)}; everything between that call and
 * {@code onHeaders} running happens here, in steps 4 to 9 of the request's path (site page 'The
 * notes this book follows'):
 * <pre>
 *   readUntil ─ sets the pending read; if the buffer can't satisfy it,
 *     _add_io_state(READ)                             step 4  (register with the loop)
 *   … later, the loop polls and calls us:
 *   _handle_events(READ)                              step 5
 *     _handle_read → _read_to_buffer                  step 6  (socket → buffer)
 *                  → _read_from_buffer                step 7  (buffer satisfies the read?)
 *                    → _run_callback(data)            step 8  (queued on the loop)
 *   … next loop iteration: onHeaders(data)            step 9
 * </pre>
 *
 * <p>Rules callers rely on: data already buffered satisfies a read at once (well, on the next
 * loop iteration: callbacks always go through the loop, see {@link #runCallback}); only one read
 * may be pending; a read buffer that would pass {@code maxBufferSize} closes the stream with a
 * {@link StreamBufferFullException}; end of file closes the stream, and the close callback tells
 * whoever was waiting. Everything here runs on the loop's thread.
 */
@Mirrors({"iostream.IOStream", "iostream.BaseIOStream 3.0"})
public class IOStream implements IOLoop.Handler {
    private static final Logger log = Logger.getLogger("tornado.general");

    /** Tornado's default {@code max_buffer_size}: 100 MiB. */
    public static final int DEFAULT_MAX_BUFFER_SIZE = 100 * 1024 * 1024;
    /** How much one socket read asks for (Tornado 4.x's {@code read_chunk_size}). */
    public static final int READ_CHUNK_SIZE = 64 * 1024;
    /**
     * With no read pending, stop reading from the socket once this much is buffered. Bytes nobody
     * has asked for yet (pipelined requests behind a slow handler, say) then wait in the kernel,
     * where TCP's flow control slows the sender, instead of piling up in our memory. Tornado 2.4
     * reads on until {@code max_buffer_size} (100 MiB per connection); this is ours.
     */
    static final int PAUSE_READING_AT = READ_CHUNK_SIZE;
    /**
     * At most this many bytes go into one write system call. Every queued byte is copied into
     * native memory before the call ({@link #writeSome}), however little of it the kernel then
     * takes; handed a 10 MB body whole, a slow client's every WRITE event would copy up to 10 MB
     * to send a few hundred KB. So {@link #write} queues a big buffer as views of this size (no
     * copy) and one write takes at most this much, as Tornado 2.4 cut its queue into 128 KB
     * pieces so that slicing off what was sent never re-copied the whole.
     */
    static final int WRITE_CHUNK_SIZE = 128 * 1024;

    /**
     * One read scratch buffer per loop thread, not per stream: a stream borrows it for the length
     * of one {@code read} call and copies out only what arrived. A direct buffer, so the kernel
     * copies straight into it. This is what lets an idle connection hold no read memory at all.
     */
    private static final ThreadLocal<ByteBuffer> READ_CHUNK =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(READ_CHUNK_SIZE));

    private final SocketChannel channel;
    private final IOLoop loop;
    private final int maxBufferSize;
    private int traceId = -1;

    private final ReadBuffer readBuffer = new ReadBuffer();
    /** The pending read, at most one (null when none): what it waits for and whom to call. */
    private PendingRead read;

    // Writes waiting for the socket to take them, oldest first; null whenever nothing waits, so
    // "a queue" means "bytes to send". The queue is made by the first write after it emptied
    // (a response's first, usually) and let go when the kernel has taken its last byte. Kept for
    // the connection's life, it was 56 of the bytes every idle keep-alive connection holds (the
    // Benchmarks page, "What an idle connection holds"); making it again costs each response one
    // small allocation (see enqueue).
    private ArrayDeque<ByteBuffer> writeBuffer;
    private long writeBufferSize;
    private Runnable writeCallback;
    private boolean flushScheduled;

    private Runnable closeCallback;
    private Runnable connectCallback;
    private boolean connecting;
    private boolean closed;
    /** We read the peer's end of file; the stream stays open only as {@link #closeIfPeerDone()} says. */
    private boolean peerClosed;
    private Throwable error;

    /** Whether the loop watches our socket yet: false until the first {@code _add_io_state}. */
    private boolean registered;
    /** The events we are registered for with the loop (NONE once the peer closed and we only finish). */
    private int state;
    /**
     * Callbacks we queued on the loop that have not run yet. The close callback waits until this
     * is 0, so that a reader always gets the data that arrived just before end of file before it
     * hears that the connection closed.
     */
    private int pendingCallbacks;

    /** Wraps a connected (or about to connect) socket; the stream makes it non-blocking. */
    @Mirrors("iostream.IOStream.__init__")
    public IOStream(SocketChannel channel, IOLoop loop) {
        this(channel, loop, DEFAULT_MAX_BUFFER_SIZE);
    }

    @Mirrors("iostream.IOStream.__init__")
    public IOStream(SocketChannel channel, IOLoop loop, int maxBufferSize) {
        if (maxBufferSize <= 0) throw new IllegalArgumentException("maxBufferSize must be positive, got " + maxBufferSize);
        this.channel = channel;
        this.loop = loop;
        this.maxBufferSize = maxBufferSize;
        try {
            channel.configureBlocking(false);
        } catch (IOException e) {
            close(e);
        }
    }

    public SocketChannel channel() {
        return channel;
    }

    public IOLoop ioLoop() {
        return loop;
    }

    public int maxBufferSize() {
        return maxBufferSize;
    }

    /** This connection's number in the trace. Call only behind {@code if (Trace.on)}. */
    public int traceId() {
        if (traceId < 0) traceId = Trace.connectionId(channel);
        return traceId;
    }

    // ================================================================== reading: the public calls

    // tag::read-until[]
    /**
     * Calls {@code callback} with everything up to and including {@code delimiter}, once it has
     * arrived. This is the read HTTP is built on: chapter 4 reads a header block with
     * {@code readUntil("\r\n\r\n")}.
     */
    @Mirrors("iostream.IOStream.read_until")
    public void readUntil(byte[] delimiter, Consumer<byte[]> callback) {
        readUntil(delimiter, callback, -1);
    }

    /**
     * As {@link #readUntil(byte[], Consumer)}, but if {@code maxBytes} (≥ 0) bytes arrive without
     * the delimiter, the stream is closed with an {@link UnsatisfiableReadException}: the guard
     * that stops a client from filling our memory with one endless header line (Tornado 4.0).
     */
    @Mirrors({"iostream.IOStream.read_until", "iostream.BaseIOStream.read_until 4.0"})
    public void readUntil(byte[] delimiter, Consumer<byte[]> callback, int maxBytes) {
        if (delimiter.length == 0) throw new IllegalArgumentException("readUntil needs a non-empty delimiter");
        if (Trace.on) Trace.step(traceId(), Trace.STREAM, "IOStream.read_until", "delimiter=" + Trace.show(delimiter));
        setRead(new PendingRead.UntilDelimiter(delimiter, null, maxBytes, null, callback));
    }
    // end::read-until[]

    /**
     * As {@link #readUntil(byte[], Consumer, int)}, except that passing {@code maxBytes} does not
     * close the stream: the pending read is dropped and {@code onMaxBytes} runs instead (on the
     * loop's next iteration, like every callback), with the stream still open. Its owner can then
     * still answer before closing; chapter 4 writes a {@code 431} response this way.
     *
     * <p>Tornado (4.0 and later) has only the closing form, so a client whose header block is too
     * long sees the connection drop with no status at all. A socket that is already closed cannot
     * carry an answer, so the choice has to be made here, before the close, and only the caller
     * knows whether it has something to say.
     */
    @Mirrors("iostream.BaseIOStream.read_until 4.0")
    public void readUntil(byte[] delimiter, Consumer<byte[]> callback, int maxBytes, Runnable onMaxBytes) {
        readUntil(delimiter, null, callback, maxBytes, onMaxBytes);
    }

    /**
     * As {@link #readUntil(byte[], Consumer, int, Runnable)}, ending at {@code delimiter} or at
     * {@code orDelimiter}, whichever comes first (null: the delimiter alone). Java only: this is
     * how HTTP finds the end of a header block as Tornado 4 does with the regex
     * {@code \r?\n\r?\n}, at the first line feed followed by an empty line, whether that line
     * ends in CRLF or in a bare LF, with the plain byte search a delimiter gets and without a
     * regex run over the whole buffer whenever a byte arrives.
     */
    @JavaOnly("Tornado 4 reads a header block with read_until_regex(b\"\\r?\\n\\r?\\n\"); two delimiters end it at the same byte")
    public void readUntil(byte[] delimiter, byte[] orDelimiter, Consumer<byte[]> callback, int maxBytes, Runnable onMaxBytes) {
        if (onMaxBytes == null) throw new IllegalArgumentException("onMaxBytes must not be null; use readUntil(delimiter, callback, maxBytes)");
        if (delimiter.length == 0 || (orDelimiter != null && orDelimiter.length == 0)) {
            throw new IllegalArgumentException("readUntil needs non-empty delimiters");
        }
        if (Trace.on) Trace.step(traceId(), Trace.STREAM, "IOStream.read_until", "delimiter=" + Trace.show(delimiter)
                + (orDelimiter == null ? "" : " or " + Trace.show(orDelimiter)) + ", max_bytes=" + maxBytes);
        setRead(new PendingRead.UntilDelimiter(delimiter, orDelimiter, maxBytes, onMaxBytes, callback));
    }

    /**
     * Calls {@code callback} with everything up to and including the first match of
     * {@code regex}, matched over the buffered bytes read as ISO-8859-1 (one char per byte, see
     * {@link Latin1Sequence}).
     *
     * <p>No server code in this book calls it: HTTP/1 framing needs only {@code readUntil} and
     * {@code readBytes}. It stays because it is part of Tornado's stream API and has a real
     * user there: Tornado 2.4's HTTP client reads a response's header block with
     * {@code read_until_regex(b"\r?\n\r?\n", ...)}, to accept servers that end lines with a bare
     * LF. The tests read a header block exactly that way, and check its {@code maxBytes}.
     */
    @Mirrors("iostream.IOStream.read_until_regex")
    public void readUntilRegex(Pattern regex, Consumer<byte[]> callback) {
        readUntilRegex(regex, callback, -1);
    }

    /** As {@link #readUntilRegex(Pattern, Consumer)}, closing the stream past {@code maxBytes}. */
    @Mirrors({"iostream.IOStream.read_until_regex", "iostream.BaseIOStream.read_until_regex 4.0"})
    public void readUntilRegex(Pattern regex, Consumer<byte[]> callback, int maxBytes) {
        if (Trace.on) Trace.step(traceId(), Trace.STREAM, "IOStream.read_until_regex", "regex=" + regex.pattern());
        setRead(new PendingRead.UntilRegex(regex, maxBytes, callback));
    }

    /** Calls {@code callback} with exactly {@code n} bytes once they have all arrived. */
    @Mirrors("iostream.IOStream.read_bytes")
    public void readBytes(long n, Consumer<byte[]> callback) {
        readBytes(n, callback, null, false);
    }

    // tag::read-bytes[]
    /**
     * Reads {@code n} bytes. With a {@code streamingCallback}, the bytes are handed to it piece by
     * piece as they arrive and {@code callback} finally gets an empty array: this is how a large
     * body can be handled without holding all of it. With {@code partial} (Tornado 4.0), the
     * callback runs as soon as at least one byte is there, with up to {@code n} bytes.
     */
    @Mirrors({"iostream.IOStream.read_bytes", "iostream.BaseIOStream.read_bytes 4.0"})
    public void readBytes(long n, Consumer<byte[]> callback, Consumer<byte[]> streamingCallback, boolean partial) {
        if (n < 0) throw new IllegalArgumentException("readBytes needs n >= 0, got " + n);
        if (Trace.on) Trace.step(traceId(), Trace.STREAM, "IOStream.read_bytes", n + " bytes" + (partial ? " (partial)" : ""));
        setRead(new PendingRead.Bytes(n, partial, streamingCallback, callback));
    }
    // end::read-bytes[]

    /** Calls {@code callback} with everything that arrives until the peer closes the connection. */
    @Mirrors("iostream.IOStream.read_until_close")
    public void readUntilClose(Consumer<byte[]> callback) {
        readUntilClose(callback, null);
    }

    /**
     * As {@link #readUntilClose(Consumer)}; with a {@code streamingCallback}, data is handed over as
     * it arrives and {@code callback} gets an empty array at the end.
     */
    @Mirrors("iostream.IOStream.read_until_close")
    public void readUntilClose(Consumer<byte[]> callback, Consumer<byte[]> streamingCallback) {
        if (Trace.on) Trace.step(traceId(), Trace.STREAM, "IOStream.read_until_close", "");
        if (closed) {
            // The peer is already gone: what we have is all there will ever be.
            read = new PendingRead.UntilClose(streamingCallback, callback);
            finishReadUntilClose();
            return;
        }
        setRead(new PendingRead.UntilClose(streamingCallback, callback));
    }

    /**
     * Records the pending read, then tries to answer it. A second read while one is pending is a
     * programming error (the first caller would never hear back), so it is refused at once, as
     * in Tornado.
     */
    @Mirrors("iostream.IOStream._set_read_callback")
    private void setRead(PendingRead pending) {
        if (read != null) {
            throw new IllegalStateException("Already reading: only one read may be pending on a stream");
        }
        if (pending.callback() == null) throw new IllegalArgumentException("a read needs a callback");
        read = pending;
        readBuffer.resetScan();
        // A read of a known size (a body with its Content-Length) lets the buffer allocate once,
        // at exactly that size, when it has to grow (see ReadBuffer.expect).
        long exact = pending instanceof PendingRead.Bytes b ? b.exactSize() : -1;
        if (exact > 0 && exact <= maxBufferSize) readBuffer.expect((int) exact);
        tryInlineRead();
    }

    // tag::try-inline-read[]
    /**
     * After a read call: if the buffer already holds what was asked for, answer from it; otherwise
     * make sure the loop will tell us when the socket is readable.
     *
     * <p>Tornado 2.4 also tries the socket itself here before waiting. We leave that to the loop:
     * when bytes are already waiting, the very next poll reports the socket readable, so the cost
     * is one poll, and in exchange every socket read happens in {@code _handle_read}, where the
     * request's path numbers it (steps 5–9) and the trace shows it.
     */
    @Mirrors("iostream.IOStream._try_inline_read")
    private void tryInlineRead() {
        if (readFromBuffer()) return;
        checkClosed();
        // Nothing more will come from a peer that has sent its end of file: no use waiting for it.
        if (peerClosed) closeIfPeerDone();
        else addIoState(IOLoop.READ);
    }
    // end::try-inline-read[]

    // ================================================================== reading: the event side

    // tag::handle-events[]
    /**
     * The handler the loop calls when our socket is ready (step 5 of the request's path). It reads,
     * writes or finishes connecting, then works out which events it still needs to wait for.
     *
     * <p>The stream is itself the handler it gives the loop ({@code addIoState}), where Tornado
     * hands over its bound method {@code self._handle_events}. A method reference kept for the
     * purpose was a field and a 16-byte object in every idle keep-alive connection, 24 of its
     * bytes in all (the Benchmarks page, "What an idle connection holds"). So this method is
     * public, because an interface's methods are, and final, because the loop's dispatch is not
     * a point to extend: it is the loop's to call, not a stream user's.
     */
    @Mirrors("iostream.IOStream._handle_events")
    @Override
    public final void handleEvents(SelectableChannel ch, int events) {
        if (Trace.on) Trace.step(traceId(), Trace.ENTRY, "IOStream._handle_events", IOLoop.eventNames(events));
        if (closed) {
            log.warning("Got events for closed stream " + channel);
            return;
        }
        try {
            if ((events & IOLoop.READ) != 0) handleRead();
            if (closed) return;
            if ((events & IOLoop.WRITE) != 0) {
                if (connecting) handleConnect();
                else handleWrite();
            }
            if (closed) return;
            // What do we wait for now? READ while a read is pending, WRITE while bytes are
            // queued. And when neither, READ all the same: that is how we notice a peer that
            // closes an idle connection (Tornado's "error listener"). After the peer's end of
            // file there is nothing more to read: READ would only report it again and again.
            int wanted = 0;
            if (reading() && !peerClosed) wanted |= IOLoop.READ;
            if (writing() || connecting) wanted |= IOLoop.WRITE;
            // The error listener is paused while unrequested bytes fill the buffer (see
            // PAUSE_READING_AT); the next read call turns READ back on.
            if (wanted == 0 && !peerClosed && readBuffer.size() < PAUSE_READING_AT) wanted = IOLoop.READ;
            if (wanted != state) {
                state = wanted;
                loop.updateHandler(channel, state);
            }
        } catch (Throwable e) {
            // Close this connection, then let the loop's boundary log it (CallbackBoundary).
            close(e);
            throw e;
        }
    }
    // end::handle-events[]

    // tag::handle-read[]
    /**
     * Steps 6 and 7 of the request's path: move bytes from the socket into the buffer, then see
     * whether they satisfy the pending read. We stop reading from the socket as soon as they do,
     * rather than draining it: bytes we don't need yet are better left in the kernel, where they
     * cost us no memory and where TCP's flow control slows a client that sends faster than we
     * handle.
     */
    @Mirrors("iostream.IOStream._handle_read")
    private void handleRead() {
        if (Trace.on) Trace.step(traceId(), Trace.CALL, "IOStream._handle_read", "");
        // Hold a pending callback while reading, so that end of file found inside readToBuffer
        // does not run the close callback before readFromBuffer has handed out the last bytes.
        pendingCallbacks++;
        try {
            while (!closed) {
                int n = readToBuffer();
                if (n == 0) break;
                if (read != null ? read.ready(readBuffer) != PendingRead.NOT_YET
                        : readBuffer.size() >= PAUSE_READING_AT) break;
                // A read that did not fill the chunk took everything the kernel had: one more
                // would almost always find nothing (EAGAIN), and bytes that arrive meanwhile make
                // the next poll report the socket again. Tornado reads until the socket is empty;
                // stopping here saves one failed system call per keep-alive request, whose next
                // request usually arrives before the connection reads for it (strace -c under
                // wrk: 1.9 reads per request before, 1.0 after).
                if (n < READ_CHUNK_SIZE) break;
            }
        } finally {
            pendingCallbacks--;
        }
        if (readFromBuffer()) return;
        closeIfPeerDone();
        maybeRunCloseCallback();
    }
    // end::handle-read[]

    // tag::read-to-buffer[]
    /**
     * One socket read into the buffer: returns how many bytes arrived, 0 when the socket has
     * nothing more right now. End of file closes the stream; a read error closes it with that
     * error; going past {@code maxBufferSize} closes it with a {@link StreamBufferFullException}.
     */
    @Mirrors("iostream.IOStream._read_to_buffer")
    private int readToBuffer() {
        ByteBuffer chunk = READ_CHUNK.get();
        chunk.clear();
        // A read of a known size takes no byte beyond its end: the buffer then fills exactly the
        // array it allocated for it, and hands that array over without a copy (ReadBuffer.expect).
        // Whatever follows (a pipelined request) waits in the kernel for the next read.
        if (read instanceof PendingRead.Bytes b && b.exactSize() > readBuffer.size()) {
            chunk.limit((int) Math.min(chunk.capacity(), b.exactSize() - readBuffer.size()));
        }
        int n;
        try {
            n = channel.read(chunk);
        } catch (IOException e) {
            // A reset from the peer is everyday life for a server; note it quietly and close.
            log.log(Level.FINE, "Read error on " + channel, e);
            close(e);
            return 0;
        }
        if (n < 0) {
            if (Trace.on) Trace.step(traceId(), Trace.NESTED, "IOStream._read_to_buffer", "end of file");
            // Tornado closes the stream right here; we note it, and handleRead asks
            // closeIfPeerDone once the buffer has been offered to the pending read.
            peerClosed = true;
            return 0;
        }
        if (n == 0) return 0;
        chunk.flip();
        if ((long) readBuffer.size() + n > maxBufferSize) {
            close(new StreamBufferFullException("Reached maximum read buffer size of " + maxBufferSize
                    + " bytes (" + readBuffer.size() + " buffered, " + n + " more arrived)"));
            return 0;
        }
        readBuffer.append(chunk);
        if (Trace.on) Trace.step(traceId(), Trace.NESTED, "IOStream._read_to_buffer", n + " bytes, " + readBuffer.size() + " buffered");
        return n;
    }
    // end::read-to-buffer[]

    // tag::read-from-buffer[]
    /**
     * Step 7 of the request's path: if the buffer can satisfy the pending read, take the bytes
     * out and schedule the callback with them (step 8). Returns true when it did. The pending
     * read itself says how many bytes it can be given ({@link PendingRead#ready}); this method
     * only carries its answer out.
     */
    @Mirrors("iostream.IOStream._read_from_buffer")
    private boolean readFromBuffer() {
        if (read == null) return false;
        int size = readBuffer.size();
        if (Trace.on) Trace.step(traceId(), Trace.NESTED, "IOStream._read_from_buffer", size + " buffered");
        int n = read.ready(readBuffer);
        if (n == PendingRead.NOT_YET) return false;
        if (n == PendingRead.OVER_LIMIT) {
            overLimit((PendingRead.Search) read);
            return false;
        }
        Consumer<byte[]> streaming = read.streamingCallback();
        if (streaming == null) {
            runReadCallback(readBuffer.consume(n));
            return true;
        }
        // Streaming: hand over this piece; the read is done once a byte count has all gone
        // (a readUntilClose streams on until the end of file, see close).
        if (n > 0) {
            byte[] piece = readBuffer.consume(n);
            runCallback(() -> streaming.accept(piece));
        }
        if (read instanceof PendingRead.Bytes b && b.streamed(n)) {
            runReadCallback(new byte[0]);
            return true;
        }
        return false;
    }
    // end::read-from-buffer[]

    /**
     * A delimiter or regex read passed its {@code maxBytes}: close the stream with an
     * {@link UnsatisfiableReadException}, or, when the caller gave an {@code onMaxBytes}, drop the
     * read, keep what is buffered (it is the caller's to discard), and tell it on the next
     * iteration with the stream still open.
     */
    private void overLimit(PendingRead.Search search) {
        UnsatisfiableReadException e = new UnsatisfiableReadException(search.what() + " not found within " + search.maxBytes() + " bytes");
        Runnable onMaxBytes = search.onMaxBytes();
        if (onMaxBytes != null) {
            if (Trace.on) Trace.step(traceId(), Trace.STREAM, "IOStream.max_bytes", e.getMessage());
            read = null;
            runCallback(onMaxBytes);
            return;
        }
        close(e);
    }

    /**
     * Clears the pending read and schedules its callback with {@code data} (step 8 of the
     * request's path).
     */
    @Mirrors({"iostream.BaseIOStream._run_read_callback 4.0", "iostream.IOStream._consume"})
    private void runReadCallback(byte[] data) {
        Consumer<byte[]> callback = read.callback();
        read = null;
        if (Trace.on) Trace.step(traceId(), Trace.STREAM, "IOStream._run_callback", data.length + " bytes → " + Trace.describe(callback));
        runCallback(() -> callback.accept(data));
    }

    // tag::run-callback[]
    /**
     * Runs a callback on the loop's next iteration instead of right now. Tornado explains why,
     * and the reasons hold in Java too: a callback that starts another read which is satisfied at
     * once would otherwise recurse, and with pipelined requests the stack would grow without bound;
     * and every callback starts from the same clean place, the loop, so its exceptions have one
     * place to go. If the callback throws, the stream is closed: a half-handled connection is
     * worse than none.
     */
    @Mirrors("iostream.IOStream._run_callback")
    private void runCallback(Runnable callback) {
        pendingCallbacks++;
        loop.addCallback(() -> {
            pendingCallbacks--;
            try {
                callback.run();
            } catch (Throwable e) {
                // CallbackBoundary's rule: close first (that frees the buffers an
                // OutOfMemoryError may need back), then log if logging still can.
                close(e);
                CallbackBoundary.log(log, "Uncaught exception in stream callback, closed connection " + channel, e);
                return;
            }
            maybeAddErrorListener();
        });
    }
    // end::run-callback[]

    // tag::hold-for-callback[]
    /**
     * Counts one more callback on its way to our reader, for a layer above that hands a result
     * of ours on through a loop turn of its own. Chapter 6's {@code FutureStream} is that layer:
     * our read callback completes a future, and the coroutine waiting on it resumes only on the
     * loop's next iteration (a future's callbacks always go through the loop). Without this, that
     * turn is invisible here: once our own callback has run the count is 0, and after a
     * half-close {@link #closeIfPeerDone} would close the stream before the coroutine has seen
     * the request, let alone answered it. With it, the turn counts exactly as a callback of ours
     * still queued, under the same one rule; {@link #releaseCallback} says it has run.
     */
    public void holdForCallback() {
        pendingCallbacks++;
    }

    /**
     * The callback {@link #holdForCallback} counted has run: the same check as after one of our
     * own ({@link #maybeAddErrorListener}), so a half-closed stream with nothing left to finish
     * closes now.
     */
    public void releaseCallback() {
        if (pendingCallbacks == 0) throw new IllegalStateException("releaseCallback without a holdForCallback");
        pendingCallbacks--;
        maybeAddErrorListener();
    }
    // end::hold-for-callback[]

    /**
     * When nothing is pending on an open stream, keep listening for READ so that a peer closing
     * the connection is noticed even while nobody reads; on a closed stream, run the close callback
     * once the last queued callback has run.
     */
    @Mirrors("iostream.IOStream._maybe_add_error_listener")
    private void maybeAddErrorListener() {
        if (pendingCallbacks != 0) return;
        closeIfPeerDone();
        if (closed) {
            maybeRunCloseCallback();
        } else if (!registered || (!peerClosed && (state & IOLoop.READ) == 0
                && readBuffer.size() < PAUSE_READING_AT)) {
            // Never registered yet, or reading was paused while the buffer was full and the
            // buffer has since been drained: listen again.
            addIoState(IOLoop.READ);
        }
    }

    // ================================================================== writing

    // tag::write[]
    /**
     * Queues {@code data} to be sent; {@code callback} (may be null) runs once every queued byte
     * has been handed to the kernel. The array is not copied: don't change it after.
     *
     * <p>Tornado writes to the socket right here, one system call per {@code write}. We queue
     * instead, and the first write since the last flush hands the loop one flush
     * ({@link #flushFromLoop}, through {@code IOLoop.runBeforePoll}): a status line, headers and
     * a body written one after another then leave together in one {@code write} system call. The
     * bytes leave a moment later, when the loop has finished the work in hand and before it polls
     * again, and {@link #writing()} is true until they have, which is exactly the situation
     * {@code HTTPConnection.finish} has to handle in chapter 4.
     */
    @Mirrors("iostream.IOStream.write")
    public void write(byte[] data, Runnable callback) {
        queue(ByteBuffer.wrap(data), true, callback);
    }

    /** As {@link #write(byte[], Runnable)}, for a buffer (position to limit). */
    @Mirrors("iostream.IOStream.write")
    public void write(ByteBuffer data, Runnable callback) {
        queue(data, false, callback);
    }

    // `ours` says that nobody else holds this buffer (write(byte[]) just wrapped the array): a
    // small one then goes into the queue itself. A caller's buffer is queued as a view, so that
    // sending it does not move the caller's position. The views saved were 150 of the 1,455
    // bytes uri-echo allocated per request, which writes its head and its body (bench/README.adoc,
    // "Per request").
    private void queue(ByteBuffer data, boolean ours, Runnable callback) {
        checkClosed();
        if (Trace.on) Trace.step(traceId(), Trace.STREAM, "IOStream.write", data.remaining() + " bytes");
        // Empty writes never enter the queue, so "a queue" means "bytes to send".
        // A big buffer goes in as views of WRITE_CHUNK_SIZE bytes each (see there).
        writeBufferSize += data.remaining();
        if (ours && data.remaining() <= WRITE_CHUNK_SIZE) {
            if (data.hasRemaining()) enqueue(data);
        } else {
            for (int at = data.position(); at < data.limit(); at += WRITE_CHUNK_SIZE) {
                enqueue(data.slice(at, Math.min(WRITE_CHUNK_SIZE, data.limit() - at)));
            }
        }
        writeCallback = callback;
        if (!connecting && !flushScheduled) {
            flushScheduled = true;
            // The action object is made here, once per scheduled flush (16 bytes, dropped when
            // it has run), so that an idle connection does not hold one.
            loop.runBeforePoll(this::flushFromLoop);
        }
    }
    // end::write[]

    // The one place the queue is made: with room for two pieces (a response's head and body),
    // doubling when a response queues more.
    private void enqueue(ByteBuffer piece) {
        if (writeBuffer == null) writeBuffer = new ArrayDeque<>(2);
        writeBuffer.add(piece);
    }

    /**
     * The flush scheduled by {@link #write}: send what the kernel takes now, and if some is left
     * (the peer reads slowly), wait for WRITE and let {@code _handle_write} send the rest.
     */
    private void flushFromLoop() {
        flushScheduled = false;
        if (closed || connecting) return;
        handleWrite();
        if (writing()) addIoState(IOLoop.WRITE);
    }

    /** Writes a string as UTF-8; a convenience for walkthroughs and tests. */
    public void write(String text) {
        write(text.getBytes(StandardCharsets.UTF_8), null);
    }

    // tag::handle-write[]
    /**
     * Hands queued bytes to the kernel until the queue is empty or the socket is full. Many small
     * writes (a status line, headers, a body) go out in one {@code write} system call, instead of
     * one call per piece as a naive loop would make.
     */
    @Mirrors("iostream.IOStream._handle_write")
    private void handleWrite() {
        long total = 0;
        while (writeBuffer != null) {
            long n;
            try {
                n = writeSome();
            } catch (IOException e) {
                // The peer went away (EPIPE, ECONNRESET). Tornado logs these quietly too.
                log.log(Level.FINE, "Write error on " + channel, e);
                close(e);
                return;
            }
            total += n;
            writeBufferSize -= n;
            if (n == 0) break; // the kernel's send buffer is full: wait for WRITE
        }
        if (Trace.on && total > 0) {
            Trace.step(traceId(), Trace.CALL, "IOStream._handle_write", total + " bytes written, " + writeBufferSize + " still queued");
        }
        if (writeBuffer == null && writeCallback != null) {
            Runnable callback = writeCallback;
            writeCallback = null;
            runCallback(callback);
        }
        if (writeBuffer == null) closeIfPeerDone();
    }

    /**
     * One write system call: the queued bytes, up to {@link #WRITE_CHUNK_SIZE}, copied into the
     * loop thread's native buffer and written from there; then the queued buffers are moved on
     * by what the kernel took. Handed heap buffers, the JDK makes that very copy itself, into a
     * native buffer it looks up per buffer, and a gathering {@code writev} also fills an array
     * of addresses per call; the copy made here is one, and so is the call, a plain
     * {@code write}, however many pieces a response was written in. Writing a 200-byte head and
     * a 12-byte body to a loopback socket 200,000 times, 25 rounds: a median of 3.0 µs of CPU
     * per write this way, 3.2 µs as a gathering write of the two heap buffers and 3.2 µs as one
     * heap buffer written alone (nearly all of it the system call). This is the write side of
     * what {@link #READ_CHUNK} does for reads.
     */
    private int writeSome() throws IOException {
        ByteBuffer out = WRITE_CHUNK.get();
        out.clear();
        for (ByteBuffer b : writeBuffer) {
            int n = Math.min(b.remaining(), out.remaining());
            out.put(out.position(), b, b.position(), n).position(out.position() + n);
            if (!out.hasRemaining()) break;
        }
        out.flip();
        int written = channel.write(out);
        // The queue moves on by what the kernel took: buffers sent whole leave it, a buffer sent
        // in part stays first, its position moved past what went.
        int left = written;
        while (left > 0) {
            ByteBuffer b = writeBuffer.peekFirst();
            int n = Math.min(left, b.remaining());
            b.position(b.position() + n);
            left -= n;
            if (!b.hasRemaining()) writeBuffer.pollFirst();
        }
        // Sent to the last byte: the queue goes (see the field), and writing() turns false.
        if (writeBuffer.isEmpty()) writeBuffer = null;
        return written;
    }
    // end::handle-write[]

    /** The native buffer {@link #writeSome} writes from, one per loop thread, as {@link #READ_CHUNK} is. */
    private static final ThreadLocal<ByteBuffer> WRITE_CHUNK =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(WRITE_CHUNK_SIZE));

    // ================================================================== connecting (client side)

    /**
     * Connects the (not yet connected) socket to {@code address} and calls {@code callback} when
     * the connection is up. If it fails (nobody listening, say), the stream is closed with that
     * error: the close callback runs and {@link #error()} says why, as in Tornado 2.4. Writes made
     * before the connection is up are queued and sent once it is.
     */
    @Mirrors("iostream.IOStream.connect")
    public void connect(SocketAddress address, Runnable callback) {
        if (Trace.on) { Trace.client(traceId()); Trace.step(traceId(), Trace.STREAM, "IOStream.connect", String.valueOf(address)); }
        connecting = true;
        connectCallback = callback;
        try {
            if (channel.connect(address)) {
                // Loopback connections can complete at once; finish through the same path.
                connecting = false;
                addIoState(IOLoop.READ);
                finishConnected();
                return;
            }
        } catch (IOException | RuntimeException e) {
            log.log(Level.FINE, "Connect error on " + channel + " to " + address, e);
            connecting = false;
            close(e);
            return;
        }
        addIoState(IOLoop.WRITE);
    }

    @Mirrors("iostream.IOStream._handle_connect")
    private void handleConnect() {
        try {
            channel.finishConnect();
        } catch (IOException e) {
            log.log(Level.FINE, "Connect error on " + channel, e);
            connecting = false;
            close(e);
            return;
        }
        if (Trace.on) Trace.step(traceId(), Trace.CALL, "IOStream._handle_connect", "connected");
        connecting = false;
        // The channel was registered for NIO's OP_CONNECT; now that it is connected the same
        // WRITE interest must become OP_WRITE, so force the loop to recompute it.
        state = -1;
        finishConnected();
    }

    private void finishConnected() {
        if (connectCallback != null) {
            Runnable callback = connectCallback;
            connectCallback = null;
            runCallback(callback);
        }
        // Writes made while connecting were only queued; send them now.
        if (writing()) {
            handleWrite();
            if (writing()) addIoState(IOLoop.WRITE);
        }
    }

    // ================================================================== state and closing

    // tag::add-io-state[]
    /**
     * Step 4 of the request's path: make sure the loop watches our socket for {@code events}. The
     * first time, this is {@code add_handler}; after that an {@code update_handler} when the set
     * grows.
     */
    @Mirrors("iostream.IOStream._add_io_state")
    private void addIoState(int events) {
        if (closed) return;
        if (!registered) {
            registered = true;
            state = events;
            if (Trace.on) Trace.step(traceId(), Trace.STREAM, "IOStream._add_io_state", IOLoop.eventNames(events) + " → add_handler");
            loop.addHandler(channel, this, state);
        } else if (state < 0 || (state & events) != events) {
            state = state < 0 ? events : state | events;
            if (Trace.on) Trace.step(traceId(), Trace.STREAM, "IOStream._add_io_state", IOLoop.eventNames(state) + " → update_handler");
            loop.updateHandler(channel, state);
        }
    }
    // end::add-io-state[]

    /** Runs {@code callback} once, after the stream has closed and its queued callbacks have run. */
    @Mirrors("iostream.IOStream.set_close_callback")
    public void setCloseCallback(Runnable callback) {
        closeCallback = callback;
        if (closed) maybeRunCloseCallback();
    }

    /** Closes the stream with no error (we chose to, or the peer closed cleanly). */
    @Mirrors("iostream.IOStream.close")
    public void close() {
        close(null);
    }

    // tag::close[]
    /**
     * Closes the socket and remembers {@code error} (null for a clean close) for
     * {@link #error()}. A pending {@code readUntilClose} gets what is left in the buffer; any other
     * pending read is abandoned, and its owner hears about it through the close callback.
     */
    @Mirrors("iostream.IOStream.close")
    public void close(Throwable error) {
        if (closed) {
            maybeRunCloseCallback();
            return;
        }
        try {
            if (Trace.on) Trace.step(traceId(), Trace.STREAM, "IOStream.close", error == null ? "" : error.getMessage());
            if (error != null && this.error == null) this.error = error;
            if (read instanceof PendingRead.UntilClose) finishReadUntilClose();
            if (error == null && writing()) {
                // A clean close with bytes still queued (an error response, say, written just
                // before closing): one last non-blocking attempt to send them. Whatever the
                // kernel does not take now is dropped, as in Tornado.
                handleWrite();
            }
        } finally {
            // Whatever failed above, the socket is let go and the stream's owner hears of the
            // close: a stream that stayed registered would be reported ready at every poll, and
            // fail the same way each time.
            closed = true;
            try {
                loop.closeChannel(channel);
            } catch (IOException e) {
                log.log(Level.FINE, "Error closing " + channel, e);
            }
            writeBuffer = null;
            writeBufferSize = 0;
            maybeRunCloseCallback();
        }
    }
    // end::close[]

    /**
     * The close is what the pending {@code readUntilClose} waits for: hand it what is left in the
     * buffer (a streaming one gets the rest as a last piece, then an empty array).
     */
    private void finishReadUntilClose() {
        Consumer<byte[]> streaming = read.streamingCallback();
        byte[] rest = readBuffer.consume(readBuffer.size());
        if (streaming != null) {
            if (rest.length > 0) runCallback(() -> streaming.accept(rest));
            runReadCallback(new byte[0]);
        } else {
            runReadCallback(rest);
        }
    }

    // tag::close-if-peer-done[]
    /**
     * The half-close rule, in one place: after the peer's end of file, close now, unless the
     * stream can still finish something.
     *
     * <p>Tornado closes the moment it reads end of file. But TCP lets each side close only its
     * sending half, and a client that sends two pipelined requests and then shuts down its side
     * (as {@code printf … | nc -N} does) still expects the two answers, as long as the server
     * still has them in hand. So the stream stays open while bytes are queued for the peer, while
     * a callback we queued has not run yet (a read's answer on its way to its reader, who may be
     * about to write a response: a request and its body often arrive in the same segment as the
     * end of file; a layer that hands the answer on through one more loop turn counts that turn
     * too, {@link #holdForCallback}), or while the buffer holds bytes that the pending read (or, with none pending,
     * a read yet to come) can still be given. Every event that could end that work asks again: a read was
     * answered or set ({@link #tryInlineRead}, {@link #handleRead}), a write finished
     * ({@link #handleWrite}), a callback ran ({@link #maybeAddErrorListener}, {@link #releaseCallback}); and the first
     * read the buffer can no longer satisfy closes the stream. A stream with nothing left to
     * finish closes at once, exactly as in Tornado, so a server still hears promptly that an idle
     * client went away. A handler still working on an answer it has not begun to write is
     * invisible down here: for it a half-close looks, as in Tornado, like a client that went away.
     */
    private void closeIfPeerDone() {
        if (!peerClosed || closed) return;
        if (writing() || pendingCallbacks > 0) return;
        if (read != null ? read.ready(readBuffer) != PendingRead.NOT_YET : readBuffer.size() > 0) return;
        close();
    }
    // end::close-if-peer-done[]

    private void maybeRunCloseCallback() {
        if (closed && closeCallback != null && pendingCallbacks == 0) {
            Runnable callback = closeCallback;
            closeCallback = null;
            // Drop everything the close callback's owner may hold through us: the stream may
            // live on in a map somewhere, and these would keep whole request graphs alive.
            read = null;
            writeCallback = null;
            runCallback(callback);
        }
    }

    private void checkClosed() {
        if (closed) throw new StreamClosedException(error);
    }

    /** True while a read is pending. */
    @Mirrors("iostream.IOStream.reading")
    public boolean reading() {
        return read != null;
    }

    /** True while bytes are queued that the kernel has not taken yet. */
    @Mirrors("iostream.IOStream.writing")
    public boolean writing() {
        return writeBuffer != null;
    }

    @Mirrors("iostream.IOStream.closed")
    public boolean closed() {
        return closed;
    }

    /** Why the stream closed, or null if it closed cleanly or is still open. */
    @Mirrors("iostream.IOStream.error")
    public Throwable error() {
        return error;
    }

    /** Bytes buffered and not yet consumed by a read. */
    public int readBufferSize() {
        return readBuffer.size();
    }

    /** Bytes queued for writing. */
    public long writeBufferSize() {
        return writeBufferSize;
    }

    /** The capacity of the read buffer's array (0 when released): what an idle stream holds. */
    public int readBufferCapacity() {
        return readBuffer.capacity();
    }

    /**
     * Switches Nagle's algorithm off (true) or on. Off sends small writes at once, which matters
     * when the last bytes of a response would otherwise wait for the peer's delayed ACK.
     */
    @Mirrors("iostream.IOStream.set_nodelay 3.1")
    public void setNoDelay(boolean noDelay) {
        if (closed) return;
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, noDelay);
        } catch (IOException e) {
            log.log(Level.FINE, "could not set TCP_NODELAY on " + channel, e);
        }
    }
}
