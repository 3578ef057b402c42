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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tornado.ioloop.CallbackBoundary;
import tornado.ioloop.IOLoop;
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
 * {@code onHeaders} running happens here, in the steps seed 003 numbers:
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
public class IOStream {
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
    /** At most this many buffers go into one gathering write (Linux allows 1024). */
    private static final int MAX_GATHER = 64;

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
    private final IOLoop.Handler handler = this::handleEvents;
    private int traceId = -1;

    // The pending read: at most one, described by which of these is set.
    private final ReadBuffer readBuffer = new ReadBuffer();
    private Consumer<byte[]> readCallback;
    private Consumer<byte[]> streamingCallback;
    private byte[] readDelimiter;
    private Pattern readRegex;
    private long readBytes = -1;
    private boolean readPartial;
    private boolean readUntilClose;
    private int readMaxBytes = -1;
    /** If set, what runs instead of closing when {@code readMaxBytes} is passed (see readUntil's 4-argument form). */
    private Runnable readMaxBytesCallback;

    // Writes waiting for the socket to take them, oldest first.
    private final ArrayDeque<ByteBuffer> writeBuffer = new ArrayDeque<>();
    private long writeBufferSize;
    private Runnable writeCallback;
    private boolean flushScheduled;
    private final Runnable flush = this::flushFromLoop;

    private Runnable closeCallback;
    private Runnable connectCallback;
    private boolean connecting;
    private boolean closed;
    /**
     * The peer has finished sending (we read end of file) but the stream is still open, because
     * there is still work it can finish: bytes queued for the peer, or bytes in the buffer that a
     * read can still be given. See {@link #closeIfPeerDone()}.
     */
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
    @Mirrors("iostream.BaseIOStream.read_until")
    public void readUntil(byte[] delimiter, Consumer<byte[]> callback) {
        readUntil(delimiter, callback, -1);
    }

    /**
     * As {@link #readUntil(byte[], Consumer)}, but if {@code maxBytes} (≥ 0) bytes arrive without
     * the delimiter, the stream is closed with an {@link UnsatisfiableReadException}: the guard
     * that stops a client from filling our memory with one endless header line (Tornado 4.0).
     */
    @Mirrors({"iostream.BaseIOStream.read_until", "iostream.BaseIOStream.read_until 4.0"})
    public void readUntil(byte[] delimiter, Consumer<byte[]> callback, int maxBytes) {
        if (delimiter.length == 0) throw new IllegalArgumentException("readUntil needs a non-empty delimiter");
        if (Trace.on) Trace.step(traceId(), 5, "read_until", "delimiter=" + Trace.show(delimiter));
        setReadCallback(callback);
        readDelimiter = delimiter;
        readMaxBytes = maxBytes;
        tryInlineRead();
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
        if (onMaxBytes == null) throw new IllegalArgumentException("onMaxBytes must not be null; use readUntil(delimiter, callback, maxBytes)");
        if (delimiter.length == 0) throw new IllegalArgumentException("readUntil needs a non-empty delimiter");
        if (Trace.on) Trace.step(traceId(), 5, "read_until", "delimiter=" + Trace.show(delimiter) + ", max_bytes=" + maxBytes);
        setReadCallback(callback);
        readDelimiter = delimiter;
        readMaxBytes = maxBytes;
        readMaxBytesCallback = onMaxBytes;
        tryInlineRead();
    }

    /** Calls {@code callback} with everything up to and including the first match of {@code regex}. */
    @Mirrors("iostream.BaseIOStream.read_until_regex")
    public void readUntilRegex(Pattern regex, Consumer<byte[]> callback) {
        readUntilRegex(regex, callback, -1);
    }

    /** As {@link #readUntilRegex(Pattern, Consumer)}, closing the stream past {@code maxBytes}. */
    @Mirrors({"iostream.BaseIOStream.read_until_regex", "iostream.BaseIOStream.read_until_regex 4.0"})
    public void readUntilRegex(Pattern regex, Consumer<byte[]> callback, int maxBytes) {
        if (Trace.on) Trace.step(traceId(), 5, "read_until_regex", "regex=" + regex.pattern());
        setReadCallback(callback);
        readRegex = regex;
        readMaxBytes = maxBytes;
        tryInlineRead();
    }

    /** Calls {@code callback} with exactly {@code n} bytes once they have all arrived. */
    @Mirrors("iostream.BaseIOStream.read_bytes")
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
    @Mirrors({"iostream.BaseIOStream.read_bytes", "iostream.BaseIOStream.read_bytes 4.0"})
    public void readBytes(long n, Consumer<byte[]> callback, Consumer<byte[]> streamingCallback, boolean partial) {
        if (n < 0) throw new IllegalArgumentException("readBytes needs n >= 0, got " + n);
        if (Trace.on) Trace.step(traceId(), 5, "read_bytes", n + " bytes" + (partial ? " (partial)" : ""));
        setReadCallback(callback);
        readBytes = n;
        readPartial = partial;
        this.streamingCallback = streamingCallback;
        tryInlineRead();
    }
    // end::read-bytes[]

    /** Calls {@code callback} with everything that arrives until the peer closes the connection. */
    @Mirrors("iostream.BaseIOStream.read_until_close")
    public void readUntilClose(Consumer<byte[]> callback) {
        readUntilClose(callback, null);
    }

    /**
     * As {@link #readUntilClose(Consumer)}; with a {@code streamingCallback}, data is handed over as
     * it arrives and {@code callback} gets an empty array at the end.
     */
    @Mirrors("iostream.BaseIOStream.read_until_close")
    public void readUntilClose(Consumer<byte[]> callback, Consumer<byte[]> streamingCallback) {
        if (Trace.on) Trace.step(traceId(), 5, "read_until_close", "");
        if (closed) {
            // The peer is already gone: what we have is all there will ever be.
            if (streamingCallback != null && readBuffer.size() > 0) {
                byte[] rest = readBuffer.consume(readBuffer.size());
                runCallback(() -> streamingCallback.accept(rest));
                runCallback(() -> callback.accept(new byte[0]));
            } else {
                byte[] rest = readBuffer.consume(readBuffer.size());
                runCallback(() -> callback.accept(rest));
            }
            return;
        }
        setReadCallback(callback);
        this.streamingCallback = streamingCallback;
        readUntilClose = true;
        tryInlineRead();
    }

    /**
     * Records the pending read. A second read while one is pending is a programming error (the
     * first caller would never hear back), so it is refused at once, as in Tornado.
     */
    @Mirrors("iostream.BaseIOStream._set_read_callback")
    private void setReadCallback(Consumer<byte[]> callback) {
        if (readCallback != null) {
            throw new IllegalStateException("Already reading: only one read may be pending on a stream");
        }
        if (callback == null) throw new IllegalArgumentException("a read needs a callback");
        readCallback = callback;
        readBuffer.resetScan();
    }

    // tag::try-inline-read[]
    /**
     * After a read call: if the buffer already holds what was asked for, answer from it; otherwise
     * make sure the loop will tell us when the socket is readable.
     *
     * <p>Tornado 2.4 also tries the socket itself here before waiting. We leave that to the loop:
     * when bytes are already waiting, the very next poll reports the socket readable, so the cost
     * is one poll, and in exchange every socket read happens in {@code _handle_read}, where the
     * seeds number it (steps 5–9) and the trace shows it.
     */
    @Mirrors("iostream.BaseIOStream._try_inline_read 3.0")
    private void tryInlineRead() {
        if (readFromBuffer()) return;
        checkClosed();
        if (peerClosed) {
            // The peer has said all it will say and the buffer can't satisfy this read: nothing
            // ever will. Close, and let the close callback tell the reader.
            close();
            return;
        }
        addIoState(IOLoop.READ);
    }
    // end::try-inline-read[]

    // ================================================================== reading: the event side

    // tag::handle-events[]
    /**
     * The handler the loop calls when our socket is ready (seed 003, step 5). It reads, writes or
     * finishes connecting, then works out which events it still needs to wait for.
     */
    @Mirrors("iostream.BaseIOStream._handle_events")
    private void handleEvents(SelectableChannel ch, int events) {
        if (Trace.on) Trace.step(traceId(), 2, "_handle_events", IOLoop.eventNames(events));
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
            // closes an idle connection (Tornado's "error listener"). Once the peer has sent its
            // end of file there is nothing more to read, and asking for READ would only make the
            // selector report that same end of file again and again.
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
     * Seed 003's steps 6 and 7: move bytes from the socket into the buffer, then see whether they
     * satisfy the pending read. We stop reading from the socket as soon as they do, rather than
     * draining it: bytes we don't need yet are better left in the kernel, where they cost us no
     * memory and where TCP's flow control slows a client that sends faster than we handle.
     */
    @Mirrors("iostream.BaseIOStream._handle_read")
    private void handleRead() {
        if (Trace.on) Trace.step(traceId(), 3, "_handle_read", "");
        // Hold a pending callback while reading, so that end of file found inside readToBuffer
        // does not run the close callback before readFromBuffer has handed out the last bytes.
        pendingCallbacks++;
        try {
            while (!closed) {
                if (readToBuffer() == 0) break;
                if (readCallback != null && canSatisfyRead()) break;
                if (readCallback == null && readBuffer.size() >= PAUSE_READING_AT) break;
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
    @Mirrors("iostream.BaseIOStream._read_to_buffer")
    private int readToBuffer() {
        ByteBuffer chunk = READ_CHUNK.get();
        chunk.clear();
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
            if (Trace.on) Trace.step(traceId(), 4, "_read_to_buffer", "end of file");
            // Tornado closes the stream right here. We first let the stream finish what it can:
            // a client may send its requests and then shut down its sending side (that is what
            // `printf … | nc -N` does), and it still expects the answers. handleRead calls
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
        if (Trace.on) Trace.step(traceId(), 4, "_read_to_buffer", n + " bytes, " + readBuffer.size() + " buffered");
        return n;
    }
    // end::read-to-buffer[]

    /** Would {@link #readFromBuffer} hand something over now? Cheap: the search is incremental. */
    private boolean canSatisfyRead() {
        if (readBytes >= 0) return readBuffer.size() >= readBytes || (readPartial && readBuffer.size() > 0)
                || (streamingCallback != null && readBuffer.size() > 0);
        if (readDelimiter != null) return readBuffer.find(readDelimiter) >= 0;
        if (readRegex != null) return readRegex.matcher(readBuffer.asLatin1()).find();
        return false; // readUntilClose is satisfied only by end of file
    }

    // tag::read-from-buffer[]
    /**
     * Seed 003's step 7: if the buffer can satisfy the pending read, take the bytes out and schedule
     * the callback with them (step 8). Returns true when it did. Also enforces {@code maxBytes} for
     * delimiter and regex reads.
     */
    @Mirrors("iostream.BaseIOStream._read_from_buffer")
    private boolean readFromBuffer() {
        if (readCallback == null) return false;
        int size = readBuffer.size();
        if (Trace.on) Trace.step(traceId(), 4, "_read_from_buffer", size + " buffered");
        if (streamingCallback != null && size > 0) {
            // Streaming: hand over what we have now (never more than the read asked for).
            int n = readBytes >= 0 ? (int) Math.min(size, readBytes) : size;
            if (n > 0) {
                Consumer<byte[]> streaming = streamingCallback;
                byte[] piece = readBuffer.consume(n);
                if (readBytes >= 0) readBytes -= n;
                runCallback(() -> streaming.accept(piece));
            }
            if (readBytes == 0) {
                runReadCallback(new byte[0]);
                return true;
            }
            return false;
        }
        if (readBytes >= 0) {
            if (size >= readBytes) {
                runReadCallback(readBuffer.consume((int) readBytes));
                return true;
            }
            if (readPartial && size > 0) {
                runReadCallback(readBuffer.consume(size));
                return true;
            }
            return false;
        }
        if (readDelimiter != null) {
            int at = readBuffer.find(readDelimiter);
            if (at >= 0) {
                int end = at + readDelimiter.length;
                if (!checkMaxBytes(end, "delimiter " + Trace.show(readDelimiter))) return false;
                runReadCallback(readBuffer.consume(end));
                return true;
            }
            checkMaxBytes(size, "delimiter " + Trace.show(readDelimiter));
            return false;
        }
        if (readRegex != null) {
            Matcher m = readRegex.matcher(readBuffer.asLatin1());
            if (m.find()) {
                if (!checkMaxBytes(m.end(), "regex " + readRegex.pattern())) return false;
                runReadCallback(readBuffer.consume(m.end()));
                return true;
            }
            checkMaxBytes(size, "regex " + readRegex.pattern());
            return false;
        }
        return false;
    }
    // end::read-from-buffer[]

    /** True if {@code needed} bytes are within the read's {@code maxBytes}; else closes the stream. */
    private boolean checkMaxBytes(int needed, String what) {
        if (readMaxBytes >= 0 && needed > readMaxBytes) {
            UnsatisfiableReadException e = new UnsatisfiableReadException(what + " not found within " + readMaxBytes + " bytes");
            Runnable onMaxBytes = readMaxBytesCallback;
            if (onMaxBytes == null) {
                close(e);
                return false;
            }
            // The caller chose to hear about it with the stream still open: drop the read, keep
            // what is buffered (it is the caller's to discard), and tell it on the next iteration.
            if (Trace.on) Trace.step(traceId(), 5, "max_bytes", e.getMessage());
            clearRead();
            runCallback(onMaxBytes);
            return false;
        }
        return true;
    }

    /** Clears the pending read and schedules its callback with {@code data} (seed 003, step 8). */
    @Mirrors({"iostream.BaseIOStream._run_read_callback 4.0", "iostream.BaseIOStream._consume"})
    private void runReadCallback(byte[] data) {
        Consumer<byte[]> callback = readCallback;
        clearRead();
        if (Trace.on) Trace.step(traceId(), 5, "_run_callback", data.length + " bytes → " + Trace.describe(callback));
        runCallback(() -> callback.accept(data));
    }

    /** Forgets the pending read, whatever kind it was. */
    private void clearRead() {
        readCallback = null;
        streamingCallback = null;
        readDelimiter = null;
        readRegex = null;
        readBytes = -1;
        readPartial = false;
        readUntilClose = false;
        readMaxBytes = -1;
        readMaxBytesCallback = null;
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
    @Mirrors("iostream.BaseIOStream._run_callback")
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

    /**
     * When nothing is pending on an open stream, keep listening for READ so that a peer closing
     * the connection is noticed even while nobody reads; on a closed stream, run the close callback
     * once the last queued callback has run.
     */
    @Mirrors("iostream.BaseIOStream._maybe_add_error_listener")
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
     * instead, and the first write in a loop iteration schedules one flush for the end of it
     * ({@link #flushFromLoop}): a status line, headers and a body written one after another then
     * leave together in one gathering {@code writev}. The bytes leave a moment later (still in
     * the same pass of the loop), and {@link #writing()} is true until they have, which is exactly
     * the situation {@code HTTPConnection.finish} has to handle in chapter 4.
     */
    @Mirrors("iostream.BaseIOStream.write")
    public void write(byte[] data, Runnable callback) {
        write(ByteBuffer.wrap(data), callback);
    }

    /** As {@link #write(byte[], Runnable)}, for a buffer (position to limit). */
    @Mirrors("iostream.BaseIOStream.write")
    public void write(ByteBuffer data, Runnable callback) {
        checkClosed();
        if (Trace.on) Trace.step(traceId(), 5, "write", data.remaining() + " bytes");
        // Empty writes never enter the queue, so "queue non-empty" means "bytes to send".
        if (data.hasRemaining()) {
            writeBuffer.add(data);
            writeBufferSize += data.remaining();
        }
        writeCallback = callback;
        if (!connecting && !flushScheduled) {
            flushScheduled = true;
            loop.addCallback(flush);
        }
    }
    // end::write[]

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
     * writes (a status line, headers, a body) go out in one gathering {@code write} system call
     * (writev), instead of one call per piece as a naive loop would make.
     */
    @Mirrors("iostream.BaseIOStream._handle_write")
    private void handleWrite() {
        ByteBuffer[] batch = new ByteBuffer[Math.min(MAX_GATHER, Math.max(1, writeBuffer.size()))];
        long total = 0;
        while (!writeBuffer.isEmpty()) {
            int k = 0;
            for (ByteBuffer b : writeBuffer) {
                if (k == batch.length) break;
                batch[k++] = b;
            }
            long n;
            try {
                n = channel.write(batch, 0, k);
            } catch (IOException e) {
                // The peer went away (EPIPE, ECONNRESET). Tornado logs these quietly too.
                log.log(Level.FINE, "Write error on " + channel, e);
                close(e);
                return;
            }
            total += n;
            writeBufferSize -= n;
            while (!writeBuffer.isEmpty() && !writeBuffer.peekFirst().hasRemaining()) writeBuffer.pollFirst();
            if (n == 0) break; // the kernel's send buffer is full: wait for WRITE
        }
        if (Trace.on && total > 0) {
            Trace.step(traceId(), 3, "_handle_write", total + " bytes written, " + writeBufferSize + " still queued");
        }
        if (writeBuffer.isEmpty() && writeCallback != null) {
            Runnable callback = writeCallback;
            writeCallback = null;
            runCallback(callback);
        }
        if (writeBuffer.isEmpty()) closeIfPeerDone();
    }
    // end::handle-write[]

    // ================================================================== connecting (client side)

    /**
     * Connects the (not yet connected) socket to {@code address} and calls {@code callback} when
     * the connection is up. If it fails (nobody listening, say), the stream is closed with that
     * error: the close callback runs and {@link #error()} says why, as in Tornado 2.4. Writes made
     * before the connection is up are queued and sent once it is.
     */
    @Mirrors("iostream.IOStream.connect")
    public void connect(SocketAddress address, Runnable callback) {
        if (Trace.on) Trace.step(traceId(), 5, "connect", String.valueOf(address));
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
        if (Trace.on) Trace.step(traceId(), 3, "_handle_connect", "connected");
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
     * Seed 003's step 4: make sure the loop watches our socket for {@code events}. The first time, this
     * is {@code add_handler}; after that an {@code update_handler} when the set grows.
     */
    @Mirrors("iostream.BaseIOStream._add_io_state")
    private void addIoState(int events) {
        if (closed) return;
        if (!registered) {
            registered = true;
            state = events;
            if (Trace.on) Trace.step(traceId(), 5, "_add_io_state", IOLoop.eventNames(events) + " → add_handler");
            loop.addHandler(channel, handler, state);
        } else if (state < 0 || (state & events) != events) {
            state = state < 0 ? events : state | events;
            if (Trace.on) Trace.step(traceId(), 5, "_add_io_state", IOLoop.eventNames(state) + " → update_handler");
            loop.updateHandler(channel, state);
        }
    }
    // end::add-io-state[]

    /** Runs {@code callback} once, after the stream has closed and its queued callbacks have run. */
    @Mirrors("iostream.BaseIOStream.set_close_callback")
    public void setCloseCallback(Runnable callback) {
        closeCallback = callback;
        if (closed) maybeRunCloseCallback();
    }

    /** Closes the stream with no error (we chose to, or the peer closed cleanly). */
    @Mirrors("iostream.BaseIOStream.close")
    public void close() {
        close(null);
    }

    // tag::close[]
    /**
     * Closes the socket and remembers {@code error} (null for a clean close) for
     * {@link #error()}. A pending {@code readUntilClose} gets what is left in the buffer; any other
     * pending read is abandoned, and its owner hears about it through the close callback.
     */
    @Mirrors("iostream.BaseIOStream.close")
    public void close(Throwable error) {
        if (!closed) {
            if (Trace.on) Trace.step(traceId(), 5, "close", error == null ? "" : error.getMessage());
            if (error != null && this.error == null) this.error = error;
            if (readUntilClose && readCallback != null) {
                Consumer<byte[]> streaming = streamingCallback;
                byte[] rest = readBuffer.consume(readBuffer.size());
                if (streaming != null) {
                    if (rest.length > 0) runCallback(() -> streaming.accept(rest));
                    runReadCallback(new byte[0]);
                } else {
                    runReadCallback(rest);
                }
            }
            if (error == null && writing()) {
                // A clean close with bytes still queued (an error response, say, written just
                // before closing): one last non-blocking attempt to send them. Whatever the
                // kernel does not take now is dropped, as in Tornado.
                handleWrite();
            }
            closed = true;
            loop.removeHandler(channel);
            try {
                channel.close();
            } catch (IOException e) {
                log.log(Level.FINE, "Error closing " + channel, e);
            }
            writeBuffer.clear();
            writeBufferSize = 0;
        }
        maybeRunCloseCallback();
    }
    // end::close[]

    // tag::close-if-peer-done[]
    /**
     * After the peer's end of file: close now, unless the stream can still finish something.
     *
     * <p>Tornado closes the moment it reads end of file. But TCP lets each side close only its
     * sending half, and a client that sends two pipelined requests and then shuts down its side
     * still expects the two answers, as long as the server still has them in hand: bytes queued
     * to write, or requests in the buffer. A handler still working on an answer it has not begun
     * to write is invisible down here, and for that case we keep Tornado's rule below: a
     * half-close then looks exactly like a client that went away. So we keep the stream open while bytes are queued for the
     * peer, or while the buffer holds bytes that the pending read (or a read yet to come) can
     * still be given; the first read that the buffer can no longer satisfy closes it
     * ({@link #tryInlineRead}). A stream with nothing left to finish closes at once, exactly as
     * in Tornado, so a server still hears promptly that an idle client went away.
     */
    private void closeIfPeerDone() {
        if (!peerClosed || closed) return;
        if (writing()) return;
        if (reading() ? canSatisfyRead() : readBuffer.size() > 0) return;
        close();
    }
    // end::close-if-peer-done[]

    private void maybeRunCloseCallback() {
        if (closed && closeCallback != null && pendingCallbacks == 0) {
            Runnable callback = closeCallback;
            closeCallback = null;
            // Drop everything the close callback's owner may hold through us: the stream may
            // live on in a map somewhere, and these would keep whole request graphs alive.
            readCallback = null;
            streamingCallback = null;
            writeCallback = null;
            runCallback(callback);
        }
    }

    private void checkClosed() {
        if (closed) throw new StreamClosedException(error);
    }

    /** True while a read is pending. */
    @Mirrors("iostream.BaseIOStream.reading")
    public boolean reading() {
        return readCallback != null;
    }

    /** True while bytes are queued that the kernel has not taken yet. */
    @Mirrors("iostream.BaseIOStream.writing")
    public boolean writing() {
        return !writeBuffer.isEmpty();
    }

    @Mirrors("iostream.BaseIOStream.closed")
    public boolean closed() {
        return closed;
    }

    /** Why the stream closed, or null if it closed cleanly or is still open. */
    @Mirrors("iostream.BaseIOStream.error 3.0")
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
