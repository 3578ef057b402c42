package tornado.httpserver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import tornado.httputil.BodyFraming;
import tornado.httputil.ChunkedEncoding;
import tornado.httputil.HTTPHeaders;
import tornado.httputil.HTTPInputError;
import tornado.httputil.RequestStartLine;
import tornado.httputil.RequestTarget;
import tornado.httputil.ResponseHead;
import tornado.httputil.Responses;
import tornado.ioloop.CallbackBoundary;
import tornado.iostream.IOStream;
import tornado.trace.Durations;
import tornado.trace.JavaOnly;
import tornado.trace.Mirrors;
import tornado.trace.Trace;

/**
 * One client connection, served request after request by a chain of callbacks: the heart of the
 * book. Mirrors httpserver.py's {@code HTTPConnection} (v2.4.1), which the notes this book
 * follows walk through line by line (site page 'The notes this book follows').
 * {@link HTTPServer#handleStream} makes one per accepted connection.
 *
 * <p>The chain, one method per link, each under its Tornado name:
 * <pre>
 *   constructor ─ stream.readUntil("\r\n\r\n", onHeaders)                    __init__
 *   onHeaders ─ start line, headers, HTTPRequest                            _on_headers
 *     [stream.readBytes(contentLength, onRequestBody)]
 *     [onRequestBody ─ body arguments]                                      _on_request_body
 *     requestCallback.handle(request) ─ the application                     request_callback
 *       request.write → write ─ stream.write(chunk, onWriteComplete)        write
 *       request.finish → finish ─ done once the stream has sent everything  finish
 *       onWriteComplete ─ the stream sent everything                        _on_write_complete
 *   finishRequest ─ keep-alive? readUntil("\r\n\r\n") again : close         _finish_request
 * </pre>
 * Nothing here blocks and nothing loops: each method starts an operation on the stream, names
 * the method that continues when it is done, and returns to the loop. The connection's "state" is
 * simply which callback the stream will call next.
 *
 * <p>Everything Tornado added later is here too, each marked as an evolution where it is
 * handled: {@code Expect: 100-continue}, chunked request bodies, limits on the header block and
 * the body, idle and body timeouts, and error answers (400, 413, 431, 500, 501, 505) where
 * Tornado 2.4 simply dropped the connection. The parsing rules themselves (the start line, the
 * header block, the request target and Host, where a body ends, chunk sizes) are
 * {@code tornado.httputil}'s: a planned later chapter rewrites this control flow as a coroutine
 * and will call the very same functions.
 *
 * <p>All methods run on the connection's loop thread, the request callback's writes included.
 */
@Mirrors("httpserver.HTTPConnection")
public class HTTPConnection implements RequestConnection {
    /** Malformed requests and timeouts: everyday events for a server, logged quietly. */
    private static final Logger log = Logger.getLogger("tornado.general");
    /** Exceptions from the application: logged loudly, with their stack. */
    private static final Logger appLog = Logger.getLogger("tornado.application");

    // The bytes we look for and send, made once: nothing on the hot path builds them per request.
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] CONTINUE_100 = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    /**
     * How long, after an error answer, we keep reading (and discarding) what the client still
     * sends before closing; see {@link #lingeringClose()}.
     */
    static final Duration LINGER = Duration.ofSeconds(5);
    /** The most that lingering reads at a time, and so the most it ever holds. */
    private static final int DRAIN_PIECE = 64 * 1024;

    private final IOStream stream;
    // The peer's address as the JDK gave it at accept (the channel holds the same object). Its
    // text is made only when something asks (HTTPRequest.remoteIp, a log line), not kept: a String
    // kept here was 56 of the bytes every idle keep-alive connection holds (the Benchmarks page,
    // "What an idle connection holds").
    private final InetSocketAddress address;
    private final RequestCallback requestCallback;
    private final HTTPServerOptions options;
    /** What this connection shares with the server's others: the body budget, the connection count. */
    private final ServerLimits limits;
    /** Bytes of the body budget the current request holds; given back when the request is over. */
    private long reservedBody;

    // The callbacks of the header read, which we hand the stream for every request, made once.
    // Tornado 2.4 keeps `self._header_callback` for the same reason (and to wrap it in a stack
    // context). An idle connection's pending read holds them anyway; the write's callback, which
    // nothing holds between responses, is made at each write instead (see write).
    private final HeaderRead headerRead = new HeaderRead();

    /** The request being served, from onHeaders until finishRequest; null between requests. */
    private HTTPRequest request;
    /** finish() was called; finishRequest waits only for the stream to send what is queued. */
    private boolean requestFinished;
    /** Some byte of the current response was written: too late to answer 500 if the callback throws. */
    private boolean responseStarted;
    /** The callback of the latest {@link #write}, run when the stream has sent everything. */
    private Runnable writeCallback;
    /** Set by the application (chapter 5's on_connection_close): runs once when the connection closes. */
    private Runnable closeCallback;

    /**
     * The one timer this connection may have running, and the rules it keeps: the header watch
     * while we wait for a header block, the body watch while we read a body, the linger timeout
     * after an error answer ({@link ReadWatch}, which chapter 7's connection uses too).
     */
    private final ReadWatch watch;

    // A chunked body in progress: the bytes so far, and the trailer lines seen after the last chunk.
    private ByteArrayOutputStream chunks;
    private StringBuilder trailer;

    // tag::init[]
    /**
     * Starts serving {@code stream}: ask it for a header block and return. Nothing else happens
     * until the client has sent a whole one; then the stream calls {@link #onHeaders}.
     */
    @Mirrors("httpserver.HTTPConnection.__init__")
    public HTTPConnection(IOStream stream, InetSocketAddress address, RequestCallback requestCallback,
                          HTTPServerOptions options) {
        this(stream, address, requestCallback, options, admitted(new ServerLimits(options)));
    }

    /**
     * As above, sharing {@code limits} with the server's other connections. The caller has
     * already counted this connection in ({@code ServerLimits.admitConnection}); it is counted out
     * when it closes.
     */
    @Mirrors("httpserver.HTTPConnection.__init__")
    public HTTPConnection(IOStream stream, InetSocketAddress address, RequestCallback requestCallback,
                          HTTPServerOptions options, ServerLimits limits) {
        this.limits = limits;
        this.stream = stream;
        this.address = address;
        this.requestCallback = requestCallback;
        this.options = options;
        this.watch = new ReadWatch(stream, "HTTPConnection", options);
        // Hear about the connection closing, whoever closes it, so that a timer does not outlive
        // it and the application can stop working for a client that has gone.
        stream.setCloseCallback(this::onConnectionClose);
        readHeaders();
    }
    // end::init[]

    private static ServerLimits admitted(ServerLimits limits) {
        limits.admitConnection();
        return limits;
    }

    // tag::read-headers[]
    /**
     * Waits for the next header block: everything up to the empty line that ends the headers.
     * Called from the constructor and, on a kept-alive connection, from {@link #finishRequest}:
     * the two places where Tornado 2.4 writes {@code stream.read_until(b"\r\n\r\n", ...)}.
     * Our read also ends at an empty line ended by a bare LF, as Tornado 4's does
     * ({@link HTTPHeaders#BLOCK_END} says why).
     *
     * <p>Evolution (Tornado 4.0): the read has a limit, {@code maxHeaderSize}, so that a client
     * cannot fill our memory with one endless header line; and a timer, so that a client cannot
     * keep a connection (and its socket) for long by sending nothing, or its headers a byte at a
     * time: the header watch, {@link ReadWatch#headers}. Where Tornado closes the connection when the
     * limit is passed, we answer 431 first: IOStream's four-argument {@code readUntil} hands the
     * failure to {@link #onHeadersTooLarge} with the stream still open.
     */
    private void readHeaders() {
        watch.headers();
        stream.readUntil(HTTPHeaders.BLOCK_END, HTTPHeaders.BLOCK_END_BARE_LF, headerRead, options.maxHeaderSize(), headerRead);
    }

    /**
     * Both callbacks of the header read as one object: the stream hands it the block
     * ({@code accept}) or says the block passed {@code maxHeaderSize} ({@code run}). Two method
     * references, {@code this::onHeaders} and {@code this::onHeadersTooLarge}, were two 16-byte
     * objects and two fields in every idle keep-alive connection; this one object is 16 bytes and
     * one field, 24 bytes less (the Benchmarks page, "What an idle connection holds").
     */
    @JavaOnly("Tornado 2.4 keeps one bound method, self._header_callback; Java's two method references would be two objects")
    private final class HeaderRead implements Consumer<byte[]>, Runnable {
        @Override
        public void accept(byte[] block) {
            onHeaders(block);
        }

        @Override
        public void run() {
            onHeadersTooLarge();
        }
    }
    // end::read-headers[]

    // tag::on-headers[]
    /**
     * A whole header block has arrived: {@code data} is the start line, the header lines and the
     * empty line, as bytes. Parse them, make the {@link HTTPRequest}, and decide what comes next:
     * read a body of {@code Content-Length} bytes, read a chunked body, or (no body) hand the
     * request to the application right away.
     */
    @Mirrors("httpserver.HTTPConnection._on_headers")
    private void onHeaders(byte[] data) {
        watch.headersReceived();
        // The stream queued this callback on an earlier iteration; if the connection has closed
        // since (a timer, the client), nobody is left to answer, and a read would throw.
        if (stream.closed()) return;
        try {
            // Header bytes are decoded as ISO-8859-1: one char per byte, so nothing can fail to
            // decode and every byte the client sent reaches the parser as itself.
            String text = new String(data, StandardCharsets.ISO_8859_1);
            // RFC 9112 §2.2: ignore empty CRLF lines before a request line (httputil's rule).
            int start = RequestStartLine.skipEmptyLines(text);
            int eol = text.indexOf("\r\n", start);
            int lineEnd = eol < 0 ? text.length() : eol;
            if (Trace.on) Trace.step(stream.traceId(), Trace.ENTRY, "HTTPConnection._on_headers", text.substring(start, lineEnd));

            // The two parsers of httputil: the start line, then the header lines after it. Both
            // read the text where it lies.
            RequestStartLine line = RequestStartLine.parse(text, start, lineEnd);
            // The strict parser: a bare LF or an obs-fold is a 400 (httputil says why).
            // It reads the block where it lies in the text, after the start line, not a copy.
            HTTPHeaders headers = eol < 0 ? new HTTPHeaders() : HTTPHeaders.parseStrict(text, eol);
            // Evolution: which host is this for? An HTTP/1.1 request must say so in exactly one
            // well-formed Host header (RFC 9112 §3.2). Tornado checks this only since 6.5.
            RequestTarget.checkHost(line, headers);
            // The request reads its target's form (httputil's RequestTarget.parse): a path, a
            // whole URI, or '*'. A CONNECT, for a proxy, is refused there with 400.
            request = new HTTPRequest(this, line.method(), line.path(), line.version(), headers);

            // Where does the body end? httputil decides (Content-Length, chunked, or none) and
            // refuses what a proxy in front of us might have read differently.
            BodyFraming framing = BodyFraming.ofRequest(line.version(), headers);
            if (framing.kind() == BodyFraming.Kind.CHUNKED) {
                maybeContinue(headers);
                startBodyWatch();
                chunks = new ByteArrayOutputStream();
                readChunkSize();
                return;
            }
            if (framing.length() > 0) {
                // Evolution (4.0): refuse an oversized body before reading a byte of it. Tornado
                // 2.4 compared with the stream's buffer size and dropped the connection.
                if (framing.length() > options.bodyLimit()) {
                    throw new HTTPInputError(413, "Content-Length " + framing.length()
                            + " is larger than this server's limit of " + options.bodyLimit() + " bytes");
                }
                // Ours, beyond Tornado: the body must also fit in what is left of the server's
                // budget for bodies, or many uploads at once would fill the heap. It is promised
                // before a byte is read, and before `100 Continue` invites the client to send.
                if (!reserveBody(framing.length())) return;
                maybeContinue(headers);
                startBodyWatch();
                stream.readBytes(framing.length(), this::onRequestBody);
                return;
            }
            runRequestCallback();
        } catch (HTTPInputError e) {
            // Evolution: Tornado 2.4 logged "Malformed HTTP request" and closed without a word;
            // 4.x answers 400. We answer with the status the parser chose (400, 413, 501, 505).
            respondWithError(e.code(), e.getMessage());
        }
    }
    // end::on-headers[]

    // tag::continue[]
    /**
     * {@code Expect: 100-continue}: a client about to send a large body may first ask whether we
     * want it, and wait for {@code 100 Continue} before sending. We are about to read the body,
     * so we say yes.
     *
     * <p>Tornado 2.4 already does this (its {@code _on_headers} writes the phrase as
     * {@code 100 (Continue)}; clients ignore phrases, we use the standard one). Evolution: later
     * versions answer only HTTP/1.1 clients, since HTTP/1.0 has no 1xx responses, and only when a
     * body is really coming; both hold here, because only a request with a body reaches this.
     */
    private void maybeContinue(HTTPHeaders headers) {
        String expect = headers.get("Expect");
        if (expect != null && expect.equalsIgnoreCase("100-continue") && request.supportsHttp11()) {
            if (Trace.on) Trace.step(stream.traceId(), Trace.CALL, "HTTPConnection.100-continue", "HTTP/1.1 100 Continue");
            stream.write(CONTINUE_100, null);
        }
    }
    // end::continue[]

    // tag::on-request-body[]
    /**
     * The body has arrived, all of it, whether it came as {@code Content-Length} bytes or as
     * chunks. For the methods that carry form data (POST, PATCH, PUT), httputil parses it into
     * the request's arguments and files; then the application gets the request.
     */
    @Mirrors("httpserver.HTTPConnection._on_request_body")
    private void onRequestBody(byte[] data) {
        watch.cancel();
        if (Trace.on) Trace.step(stream.traceId(), Trace.ENTRY, "HTTPConnection._on_request_body", data.length + " bytes");
        request.setBody(data);
        try {
            String method = request.method();
            if (method.equals("POST") || method.equals("PATCH") || method.equals("PUT")) {
                request.parseBodyArguments();
            }
        } catch (HTTPInputError e) {
            respondWithError(e.code(), e.getMessage());
            return;
        }
        runRequestCallback();
    }
    // end::on-request-body[]

    // tag::request-callback[]
    /**
     * Hands the request to the application: Tornado's {@code self.request_callback(self._request)}.
     * The application answers with {@code request.write} and {@code request.finish}, now or later.
     *
     * <p>If it throws, the exception is logged with its stack on the application logger.
     * When nothing of the response was written yet, the client gets a 500; otherwise it is too late
     * for a status line, and the only honest signal left is to close the connection. An
     * {@code OutOfMemoryError} is never answered: the connection is closed at once, which frees
     * what it held ({@link CallbackBoundary}, the rule every boundary follows). Either way
     * the throwable stops here: the loop, and every other connection, go on. (Tornado 2.4 let it
     * reach the stream's callback runner, which logged it and closed the connection.)
     */
    private void runRequestCallback() {
        if (Trace.on) Trace.step(stream.traceId(), Trace.CALL, "HTTPConnection.request_callback", Trace.describe(requestCallback));
        HTTPRequest current = request;
        try {
            requestCallback.handle(current);
        } catch (Throwable e) {
            onCallbackException(current, e);
        }
    }
    // end::request-callback[]

    private void onCallbackException(HTTPRequest current, Throwable e) {
        boolean vmFailure = CallbackBoundary.isVmFailure(e);
        // Out of memory: let go of this connection's buffers before anything else allocates.
        if (vmFailure) close();
        CallbackBoundary.log(appLog, "Uncaught exception in request callback for "
                + (current == null ? "a finished request" : current.method() + " " + current.uri()) + " from " + remote(), e);
        // Only while this request is still the connection's, nothing was written and the stream
        // is open can a 500 still be a well-formed answer.
        if (vmFailure) return;
        if (current != null && request == current && !responseStarted && !stream.closed()) {
            respondWithError(500, null);
        } else {
            close();
        }
    }

    // tag::write[]
    /**
     * Writes a piece of the response. {@code callback} (may be null) runs once the stream has
     * handed every queued byte to the kernel: how an application that streams a large response
     * waits before producing the next piece. On a closed connection the bytes are dropped and the
     * callback never runs, as in Tornado: the client is gone.
     */
    @Mirrors("httpserver.HTTPConnection.write")
    public void write(byte[] chunk, Runnable callback) {
        // Tornado asserts only that a request is open; we also refuse a write after finish(),
        // which Tornado lets through while earlier bytes are still queued and which would put
        // bytes after the response the client is about to read as complete.
        if (request == null || requestFinished) {
            throw new IllegalStateException("Request closed: write() after finish() or after the connection answered an error");
        }
        if (Trace.on) Trace.step(stream.traceId(), Trace.NESTED, "HTTPConnection.write", chunk.length + " bytes");
        responseStarted = true;
        if (!stream.closed()) {
            writeCallback = callback;
            // A new callback object per write (16 bytes, gone once the bytes are sent) rather
            // than one kept for the connection's life, which every idle connection would hold.
            stream.write(chunk, this::onWriteComplete);
        }
    }
    // end::write[]

    // tag::finish[]
    /**
     * The application has written its whole response. If the stream has already sent it all, the
     * request is over now; otherwise {@link #onWriteComplete} will see {@code requestFinished}
     * when the last byte has gone, and finish it then.
     */
    @Mirrors("httpserver.HTTPConnection.finish")
    public void finish() {
        if (request == null || requestFinished) {
            throw new IllegalStateException("Request closed: finish() called twice, or after the connection answered an error");
        }
        if (Trace.on) Trace.step(stream.traceId(), Trace.NESTED, "HTTPConnection.finish", stream.writing() ? "bytes still queued" : "all bytes sent");
        requestFinished = true;
        if (!stream.writing()) finishRequest();
    }
    // end::finish[]

    // tag::on-write-complete[]
    /**
     * The stream has sent everything queued so far. First the application's write callback, if
     * it gave one; then, if the request is finished, {@link #finishRequest}.
     *
     * <p>The race, and why both checks are needed. The stream does not call us at the moment its
     * buffer empties; it queues this method on the loop for the next iteration. Callbacks that
     * run before it in that iteration (the application's timer, say, or the write callback we
     * call just below) may already have written more bytes and called {@code finish()}. So when
     * we get here, "the write completed" may no longer be true. Hence the test on
     * {@code stream.writing()} and not on our own bookkeeping: if bytes are queued again, a later
     * call of this method, made when those have gone, finishes the request. And when
     * {@code finish()} itself found the stream idle, it already finished the request, so
     * {@code requestFinished} is false here and we do nothing twice.
     */
    @Mirrors("httpserver.HTTPConnection._on_write_complete")
    private void onWriteComplete() {
        if (Trace.on) Trace.step(stream.traceId(), Trace.ENTRY, "HTTPConnection._on_write_complete", requestFinished ? "request finished" : "request still open");
        if (writeCallback != null) {
            Runnable callback = writeCallback;
            writeCallback = null;
            HTTPRequest current = request;
            try {
                callback.run();
            } catch (Throwable e) {
                onCallbackException(current, e);
                return;
            }
        }
        if (requestFinished && !stream.writing()) finishRequest();
    }
    // end::on-write-complete[]

    // tag::finish-request[]
    /**
     * The response has been sent. Keep the connection for another request, or close it; then
     * forget the request, and if we keep the connection, wait for the next header block: the end
     * of the chain is its beginning again.
     */
    @Mirrors("httpserver.HTTPConnection._finish_request")
    private void finishRequest() {
        boolean disconnect = shouldDisconnect(request);
        if (Trace.on) Trace.step(stream.traceId(), Trace.NESTED, "HTTPConnection._finish_request", disconnect ? "close" : "keep-alive");
        forgetRequest();
        if (disconnect) {
            close();
            return;
        }
        // The client may have gone while we answered; then there is nothing to wait for (and a
        // read on a closed stream would throw).
        if (stream.closed()) return;
        // Pipelining needs nothing more: if the client already sent its next request, its bytes
        // are in the stream's buffer and this read is satisfied on the next loop iteration.
        readHeaders();
    }
    // end::finish-request[]

    // tag::keep-alive[]
    /**
     * Tornado 2.4's keep-alive rules, exactly as its {@code _finish_request} has them:
     * <ul>
     *   <li>{@code noKeepAlive}: always close;</li>
     *   <li>HTTP/1.1: keep the connection unless the client sent {@code Connection: close};</li>
     *   <li>HTTP/1.0: close unless the client sent {@code Connection: keep-alive} <em>and</em> its
     *       request either had a {@code Content-Length} or was a GET or HEAD.</li>
     * </ul>
     * The HTTP/1.0 rule looks odd but is careful: a 1.0 request with a body and no
     * {@code Content-Length} ends only when the client closes, so there can be no next request to
     * wait for. Note that only the request's headers count: the response's framing is the
     * application's business in 2.4 (JTornado, a Java port, inverted this rule; a test holds us
     * to it, row by row).
     *
     * <p>One refinement: Tornado compares the whole header with {@code "close"}, but
     * {@code Connection} is a comma-separated list of options (RFC 9110 §7.6.1), and a client may
     * send {@code Connection: TE, close}. So we look for the option among the list's tokens.
     */
    static boolean shouldDisconnect(HTTPRequest request, boolean noKeepAlive) {
        if (noKeepAlive) return true;
        if (request.supportsHttp11()) {
            return hasConnectionOption(request, "close");
        } else if (request.headers().contains("Content-Length")
                || request.method().equals("HEAD") || request.method().equals("GET")) {
            return !hasConnectionOption(request, "keep-alive");
        } else {
            return true;
        }
    }
    // end::keep-alive[]

    /** Whether the request's {@code Connection} header lists {@code option}, in any case. */
    static boolean hasConnectionOption(HTTPRequest request, String option) {
        return request.headers().hasConnectionOption(option);
    }

    /**
     * Whether this connection will stay open after answering {@code request}: the decision
     * {@link #finishRequest} will take. Chapter 5 asks before it promises an HTTP/1.0 client
     * {@code Connection: Keep-Alive}, so that the header never says what the server won't do.
     */
    @Mirrors("http1connection.HTTP1Connection._can_keep_alive 4.0")
    public boolean willKeepAlive(HTTPRequest request) {
        return !shouldDisconnect(request);
    }

    private boolean shouldDisconnect(HTTPRequest request) {
        return shouldDisconnect(request, options.noKeepAlive());
    }

    // ================================================================== chunked request bodies

    // tag::chunked[]
    /**
     * Evolution (Tornado 4.0; 2.4 could not read chunked requests): a chunked body is a series of
     * {@code size-in-hex CRLF bytes CRLF}, ended by a chunk of size 0 and the trailer section.
     * Reading it is a little chain of its own, {@code readChunkSize → onChunkSize → onChunkData →
     * readChunkSize …}, until the last chunk sends us to {@link #onRequestBody} like any body.
     * The size line is parsed by httputil; a line that is too long, or a size that is not hex,
     * is answered 400, and a body that grows past the limit 413.
     */
    private void readChunkSize() {
        stream.readUntil(CRLF, this::onChunkSize, ChunkedEncoding.MAX_SIZE_LINE,
                () -> respondWithError(400, "chunk-size line longer than " + ChunkedEncoding.MAX_SIZE_LINE + " bytes"));
    }

    @Mirrors("http1connection.HTTP1Connection._read_chunked_body 4.0")
    private void onChunkSize(byte[] line) {
        if (stream.closed()) return;
        try {
            long size = ChunkedEncoding.parseChunkSize(line, 0, line.length);
            if (Trace.on) Trace.step(stream.traceId(), Trace.ENTRY, "HTTPConnection._read_chunked_body", "chunk of " + size + " bytes");
            if (size == 0) {
                trailer = new StringBuilder();
                readTrailer();
                return;
            }
            // The limit is on the total, checked before reading the chunk, so a body that would
            // be too large is refused without our buffering the chunk that makes it so.
            if (size > options.bodyLimit() - chunks.size()) {
                throw new HTTPInputError(413, "chunked body larger than this server's limit of "
                        + options.bodyLimit() + " bytes");
            }
            // Each chunk takes what it adds from the budget, so a chunked body costs what the
            // same body with a Content-Length costs. The buffer that gathers the chunks grows by
            // doubling and so may briefly hold more; the default budget, an eighth of the heap,
            // leaves room for that (HTTPServerOptions.defaultBodyBudget says how much).
            if (!reserveBody(size)) return;
            // The chunk and the CRLF after it, in one read.
            stream.readBytes(size + 2, this::onChunkData);
        } catch (HTTPInputError e) {
            respondWithError(e.code(), e.getMessage());
        }
    }

    private void onChunkData(byte[] data) {
        if (stream.closed()) return;
        int n = data.length - 2;
        if (data[n] != '\r' || data[n + 1] != '\n') {
            respondWithError(400, "chunk data not followed by CRLF");
            return;
        }
        chunks.write(data, 0, n);
        readChunkSize();
    }

    /**
     * After the last chunk come trailer fields, each on a line, and an empty line. Tornado accepts
     * only the empty line; RFC 9112 §7.1.2 lets a server ignore the fields. We read them,
     * counting them against the header limit, check them with the header rules (httputil's
     * {@code ChunkedEncoding.parseTrailer}: a malformed line is a 400, not something skipped),
     * and then ignore them: nothing in a trailer changes the request.
     */
    private void readTrailer() {
        stream.readUntil(CRLF, this::onTrailerLine, options.maxHeaderSize(),
                () -> respondWithError(431, "trailer section larger than " + options.maxHeaderSize() + " bytes"));
    }

    private void onTrailerLine(byte[] line) {
        if (stream.closed()) return;
        if (line.length == 2) {
            try {
                ChunkedEncoding.parseTrailer(trailer.toString());
            } catch (HTTPInputError e) {
                respondWithError(e.code(), "in the trailer section: " + e.getMessage());
                return;
            }
            trailer = null;
            byte[] body = chunks.toByteArray();
            chunks = null;
            onRequestBody(body);
            return;
        }
        trailer.append(new String(line, StandardCharsets.ISO_8859_1));
        if (trailer.length() > options.maxHeaderSize()) {
            respondWithError(431, "trailer section larger than " + options.maxHeaderSize() + " bytes");
            return;
        }
        readTrailer();
    }
    // end::chunked[]

    // ================================================================== errors, timeouts, closing

    // tag::too-large[]
    /**
     * The client sent {@code maxHeaderSize} bytes without ending its header block. The stream has
     * dropped the read and is still open, so we can say why before we close. (Tornado closes here
     * without an answer.) Which answer depends on what is too long: if the request line itself
     * has not ended within the limit, it is the target (the path and query) that is too long,
     * and RFC 9110 §15.5.15 has 414 URI Too Long for that; otherwise the header fields are, 431
     * Request Header Fields Too Large. To tell which, we ask the stream for one line under the
     * same limit: its buffer already holds the bytes, so the answer comes at once.
     */
    private void onHeadersTooLarge() {
        watch.cancel();
        int limit = options.maxHeaderSize();
        stream.readUntil(CRLF, line -> respondWithError(431, "header block larger than " + limit + " bytes"), limit,
                () -> respondWithError(414, "request line (method, target and version) longer than " + limit + " bytes"));
    }
    // end::too-large[]

    // tag::respond-with-error[]
    /**
     * Answers a request we will not serve, and closes. The answer is complete HTTP, so that any
     * client can show it: a status line, a {@code Date}, a {@code Content-Length},
     * {@code Connection: close}, and a one-line plain-text body saying what was wrong (for 500,
     * only the status: the details are in our log, not for the client). After a framing error we
     * cannot know where the next request would begin, so the connection always closes.
     */
    private void respondWithError(int code, String message) {
        String reason = Responses.reason(code);
        if (Trace.on) Trace.step(stream.traceId(), Trace.CALL, "HTTPConnection.error", code + " " + reason + (message == null ? "" : ": " + message));
        // (A 503's figures were logged where it was decided, in reserveBody.)
        if (code != 500 && code != 503) log.info("Malformed HTTP request from " + remote() + ": " + code + " " + message);
        watch.cancel();
        // The request is over: the application must not write into this answer.
        forgetRequest();
        if (stream.closed()) return;
        // RFC 9110 §6.6.1: a server with a clock must date its 4xx answers (and may date its
        // 5xx ones). We date them all: a client or cache that logs the answer learns when it
        // was made. Chapter 5's RequestHandler dates every response it builds in the same way;
        // here the connection itself is the author, so it has to do it. The bytes are httputil's
        // ResponseHead.errorAnswer, which chapter 7's connection sends too.
        byte[] response = ResponseHead.errorAnswer(code, message);
        stream.write(response, this::lingeringClose);
    }
    // end::respond-with-error[]

    // tag::lingering-close[]
    /**
     * Closes after an error answer without losing the answer. If we closed at once while the
     * client is still sending (the rest of a body we refused with 413, more of a header block we
     * refused with 431), our kernel would find unread bytes and reset the connection, and a reset
     * can reach the client before it has read our answer, which it then never sees.
     *
     * <p>So, as Apache and nginx do and Tornado does not: shut down our sending side (the client
     * sees the end of the response), then read and discard whatever still comes, until the client
     * closes or {@link #LINGER} has passed.
     */
    private void lingeringClose() {
        if (stream.closed()) return;
        if (stream.reading()) {
            // A read is still pending (the application's, or ours): nothing can be drained
            // without taking it over, so close plainly.
            close();
            return;
        }
        if (Trace.on) Trace.step(stream.traceId(), Trace.CALL, "HTTPConnection.lingering_close", "draining for up to " + Durations.describe(LINGER));
        try {
            stream.channel().shutdownOutput();
        } catch (IOException e) {
            close();
            return;
        }
        watch.closeAfter(LINGER);
        drain(null);
    }

    /**
     * Reads and drops what the client still sends, one piece of at most {@link #DRAIN_PIECE}
     * bytes at a time. A partial read is satisfied by whatever one socket read brought, so the
     * stream never holds more than that piece: a client still pushing a 99 MiB body we refused
     * costs us 64 KiB, not 99 MiB (a read to end of file would gather everything that arrives
     * between two loop iterations, and forty such clients once filled a 256 MB heap).
     */
    private void drain(byte[] discarded) {
        if (!stream.closed()) stream.readBytes(DRAIN_PIECE, this::drain, null, true);
    }
    // end::lingering-close[]

    /**
     * The body watch ({@link ReadWatch#body}): no progress for the body timeout, or slower than
     * the body deadline allows, closes. Progress is what the stream holds plus, for a chunked
     * body, the chunks gathered so far.
     */
    private void startBodyWatch() {
        watch.body(() -> chunks == null ? 0 : chunks.size());
    }

    /**
     * The current request is over, answered or refused: the connection forgets it, a late write
     * from its handler finds no request to write into, and its body gives its bytes back to the
     * server's budget. The one place both endings go through.
     */
    private void forgetRequest() {
        request = null;
        requestFinished = false;
        responseStarted = false;
        chunks = null;
        releaseBody();
    }

    // tag::body-budget[]
    /**
     * Takes {@code n} bytes from the server's budget for request bodies for the current request.
     * When too little is left, the client is answered 503 with {@code Retry-After} (other
     * uploads hold the memory now; the figures go to our log, not to the client) and this returns
     * false. A body larger than the whole budget is a 413: {@code bodyLimit} includes the budget,
     * so it is normally refused before it gets here, and the check below makes sure that this
     * request's own share is never what a 503 blames.
     */
    private boolean reserveBody(long n) {
        HTTPInputError refused = limits.reserveOrRefuse(reservedBody, n, options.bodyLimit(), request.remoteIp());
        if (refused == null) {
            reservedBody += n;
            return true;
        }
        respondWithError(refused.code(), refused.getMessage());
        return false;
    }

    /** The request is over (answered, refused, or its connection gone): give its body bytes back. */
    private void releaseBody() {
        limits.releaseBody(reservedBody);
        reservedBody = 0;
    }
    // end::body-budget[]

    /**
     * Registers {@code callback} to run once when the connection closes, whoever closes it:
     * chapter 5 uses it for {@code RequestHandler.on_connection_close}. Replaces an earlier one.
     */
    @Mirrors("httpserver.HTTPConnection.set_close_callback 3.0")
    public void setCloseCallback(Runnable callback) {
        closeCallback = callback;
    }

    /** Closes the connection; the close callback runs on the loop's next iteration. */
    @Mirrors("httpserver.HTTPConnection.close")
    public void close() {
        watch.cancel();
        stream.close();
    }

    /**
     * The stream has closed (the client hung up, a limit was passed, or we closed it). Stop the
     * timer, tell the application, and drop what we hold, so that nothing keeps the request alive.
     */
    @Mirrors("httpserver.HTTPConnection._on_connection_close 3.0")
    private void onConnectionClose() {
        watch.cancel();
        releaseBody();
        limits.connectionClosed();
        Runnable callback = closeCallback;
        closeCallback = null;
        writeCallback = null;
        chunks = null;
        if (callback != null) callback.run();
    }

    /** The stream this connection serves. */
    public IOStream stream() {
        return stream;
    }

    /** The client's address as the socket reports it (before any X-headers). */
    public InetSocketAddress address() {
        return address;
    }

    /** Whether requests on this connection take their client address and protocol from X-headers. */
    public boolean xheaders() {
        return options.xheaders();
    }

    /** The server's options this connection follows. */
    public HTTPServerOptions options() {
        return options;
    }

    /** The client's address as text, made when asked (see the field {@code address}). */
    private String remote() {
        return address.getAddress().getHostAddress();
    }
}
