package tornado.http1connection;

import static tornado.gen.Gen.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

import tornado.concurrent.Future;
import tornado.concurrent.FutureStream;
import tornado.gen.Gen;
import tornado.httpserver.HTTPRequest;
import tornado.httpserver.ReadWatch;
import tornado.httpserver.RequestConnection;
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
import tornado.trace.Mirrors;
import tornado.trace.Trace;

/**
 * One HTTP/1.x message exchange on a stream: read a message and hand it to a delegate, write the
 * answer. Mirrors Tornado 4.5's {@code http1connection.HTTP1Connection}. Where chapter 4's
 * {@code HTTPConnection} is a chain of callbacks, each naming the next, this is one coroutine,
 * {@link #readMessage}, that reads top to bottom:
 * <pre>
 *   header block  = await readUntil(empty line)            (idle and header timeouts)
 *   start line, headers: httputil                          (the very functions chapter 4 calls)
 *   delegate.headersReceived(...)       [await its future]
 *   [100 Continue]
 *   for each piece of the body: delegate.dataReceived(piece)  [await its future]
 *   delegate.finish()
 *   await the response's end (writeHeaders / write / finish)
 * </pre>
 * and returns whether the connection may carry another request. {@link HTTP1ServerConnection}
 * makes one of these per request, in its loop.
 *
 * <p>An object lives for one request, as in Tornado. Tornado's class serves both sides (its
 * {@code is_client} flag): the HTTP client of the next chapter reads a response with the same
 * {@code readMessage}. We keep the flag and the shape; only the server side is written yet.
 *
 * <p>Every parsing and framing rule is chapter 4's {@code tornado.httputil}; what differs from
 * chapter 4 is only the control flow. The error answers are {@link ResponseHead#errorAnswer},
 * the bytes chapter 4 sends.
 */
@Mirrors("http1connection.HTTP1Connection 4.5")
public class HTTP1Connection implements RequestConnection {
    private static final Logger log = Logger.getLogger("tornado.general");
    private static final Logger appLog = Logger.getLogger("tornado.application");

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] CONTINUE_100 = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    /** After an error answer: how long we go on reading and dropping (chapter 4's lingering close). */
    private static final java.time.Duration LINGER = java.time.Duration.ofSeconds(5);
    private static final int DRAIN_PIECE = 64 * 1024;
    /** Queued response bytes above which the next request waits until they have gone. */
    private static final int QUEUED_ENOUGH = 64 * 1024;

    private final FutureStream stream;
    private final IOStream raw;
    private final boolean isClient;
    private final HTTP1ConnectionParameters params;
    private final HTTP1ServerConnection server;
    private final ReadWatch watch;

    /** Done when the response has gone (or the connection closed): what readMessage waits for last. */
    private final Future<Void> finishFuture;
    private long maxBodySize;
    private RequestStartLine requestStartLine;
    private HTTPHeaders requestHeaders;
    private boolean disconnectOnFinish;
    private boolean readFinished;
    private boolean writeFinished;
    private boolean responseStarted;
    private boolean chunkingOutput;
    /** Bytes the response still owes its Content-Length, or -1 when it has none (Tornado's None). */
    private long expectedContentRemaining = -1;
    private Future<Void> pendingWrite;
    private Runnable closeCallback;
    /** Body bytes read so far: the body watch's measure of progress. */
    private long bodyReceived;
    /** Runs once when this request is over, however it ends (a buffering delegate gives its budget back). */
    private Runnable requestDone;

    @Mirrors("http1connection.HTTP1Connection.__init__ 4.5")
    HTTP1Connection(FutureStream stream, boolean isClient, HTTP1ConnectionParameters params, HTTP1ServerConnection server) {
        this.stream = stream;
        this.raw = stream.stream();
        this.isClient = isClient;
        this.params = params;
        this.server = server;
        this.watch = server.readWatch();
        this.maxBodySize = params.maxBodySize();
        this.finishFuture = new Future<>(raw.ioLoop());
    }

    // tag::read-response[]
    /**
     * Reads one message and hands it to {@code delegate}; the future says whether the connection
     * may go on (false: it closed, or will). Tornado names it {@code read_response} on both sides,
     * "the response to the request that is about to be read" on a server.
     *
     * <p>Tornado 4.5's {@code _read_message} is a coroutine of its own; its caller, the request
     * loop, awaits it at once. So {@code readMessage} runs as an {@link Gen#awaitedCall}: inside
     * the request loop's coroutine, on its thread, as Tornado 5+'s
     * {@code await conn.read_response(...)} runs its {@code async def}. That spares every request
     * a virtual thread of its own and two of the four hand-overs between the loop and the
     * coroutines (chapter 7, "What it costs").
     */
    @Mirrors("http1connection.HTTP1Connection.read_response 4.5")
    public Future<Boolean> readResponse(HTTPMessageDelegate delegate) {
        if (Trace.on) Trace.step(raw.traceId(), Trace.CALL, "HTTP1Connection.read_response", Trace.describe(delegate));
        return Gen.awaitedCall(() -> readMessage(delegate));
    }
    // end::read-response[]

    // tag::read-message[]
    /**
     * The whole message, as straight-line code: this is chapter 4's
     * {@code _on_headers → [_on_request_body] → request_callback} chain, and the chunked one,
     * folded into one method by {@code await}.
     */
    @Mirrors("http1connection.HTTP1Connection._read_message 4.5")
    private boolean readMessage(HTTPMessageDelegate given) throws Exception {
        // Tornado 4.5's read_response puts the gzip delegate in front of the caller's; it sees
        // the body as sent, the caller's delegate the bytes it stands for.
        HTTPMessageDelegate delegate = params.decompress()
                ? new GzipMessageDelegate(given, params.chunkSize(), () -> maxBodySize, raw) : given;
        boolean needDelegateClose = false;
        try {
            watch.headers();
            byte[] data;
            try {
                // Tornado 4.5 reads up to the regex \r?\n\r?\n; the two delimiters of
                // HTTPHeaders.BLOCK_END end the block at the same byte, without a regex.
                data = await(stream.readUntil(HTTPHeaders.BLOCK_END, HTTPHeaders.BLOCK_END_BARE_LF, params.maxHeaderSize(),
                        () -> new HTTPInputError(431, "header block larger than " + params.maxHeaderSize() + " bytes")));
            } catch (HTTPInputError tooLarge) {
                // Which part is too long, as chapter 4's onHeadersTooLarge decides it: a request
                // line that has not ended within the limit is a target too long to read, 414 URI
                // Too Long (RFC 9110 §15.5.15); otherwise the fields are, 431. The bytes are
                // buffered already, so this read answers at once.
                await(stream.readUntil(CRLF, params.maxHeaderSize(), () -> new HTTPInputError(414,
                        "request line (method, target and version) longer than " + params.maxHeaderSize() + " bytes")));
                throw tooLarge;
            }
            // The header watch ends; its timer is left to the next request's wait (chapter 4's
            // ReadWatch.headersReceived), as on the callback connection.
            watch.headersReceived();
            // The same four httputil calls as chapter 4's _on_headers, in the same order.
            String text = new String(data, StandardCharsets.ISO_8859_1);
            int start = RequestStartLine.skipEmptyLines(text);
            int eol = text.indexOf("\r\n", start);
            String startLine = eol < 0 ? text.substring(start) : text.substring(start, eol);
            if (Trace.on) Trace.step(raw.traceId(), Trace.ENTRY, "HTTP1Connection._read_message", startLine);
            RequestStartLine line = RequestStartLine.parse(startLine);
            HTTPHeaders headers = eol < 0 ? new HTTPHeaders() : HTTPHeaders.parseStrict(text, eol);
            RequestTarget.checkHost(line, headers);
            requestStartLine = line;
            requestHeaders = headers;
            disconnectOnFinish = !canKeepAlive(line, headers);

            needDelegateClose = true;
            if (Trace.on) Trace.step(raw.traceId(), Trace.CALL, "HTTPMessageDelegate.headers_received", Trace.describe(delegate));
            Future<?> headerFuture;
            try {
                headerFuture = delegate.headersReceived(line, headers);
            } catch (HTTPInputError e) {
                throw e;
            } catch (Throwable e) {
                // The application failed before the body was read (an Application routes here,
                // and a handler's initialize may throw): chapter 4's rule, a 500 and a close.
                needDelegateClose = false;
                delegate.onConnectionClose();
                onDelegateException(e);
                return false;
            }
            if (headerFuture != null) await(headerFuture);

            BodyFraming framing = BodyFraming.ofRequest(line.version(), headers);
            if (framing.hasBody()) {
                // A Content-Length over the limit is refused now, before any 100 Continue, as
                // chapter 4 does: the headers alone decide it, and RFC 9110 §10.1.1 then wants
                // the final status at once. (Tornado 4.5 checks in _read_body, after the 100, and
                // the client starts sending a body only to be cut off.)
                refuseIfTooLong(framing);
                // 100-continue only when a body is really coming, to an HTTP/1.1 client, and
                // after the delegate had its say (it may have refused the request already).
                String expect = headers.get("Expect");
                if (expect != null && expect.equalsIgnoreCase("100-continue") && line.supportsHttp11() && !writeFinished) {
                    if (Trace.on) Trace.step(raw.traceId(), Trace.CALL, "HTTP1Connection.100-continue", "HTTP/1.1 100 Continue");
                    stream.write(CONTINUE_100);
                }
                watch.body(() -> bodyReceived);
                try {
                    readBody(framing, delegate);
                } finally {
                    watch.cancel();
                }
            }
            readFinished = true;
            if (!writeFinished) {
                if (Trace.on) Trace.step(raw.traceId(), Trace.CALL, "HTTPMessageDelegate.finish", Trace.describe(delegate));
                try {
                    delegate.finish();
                } catch (HTTPInputError e) {
                    // Refused at its very end (bad gzip shows only when the last bytes are in):
                    // the delegate never got the request, so it still hears onConnectionClose
                    // below, which gives back what it holds (a buffered body's budget).
                    throw e;
                } catch (Throwable e) {
                    needDelegateClose = false;
                    onDelegateException(e);
                    return false;
                }
                needDelegateClose = false;
            }
            // The application answers now or later; we wait here, parked, for the response's
            // end (unless mustWaitForResponse says the next read may go ahead). This is where
            // chapter 4's connection "waits" by having no pending read: here the waiting has a
            // line of its own.
            // We wait even when the stream has closed already: Tornado 4.5 tests
            // stream.closed() here, but its stream reads a client's end of file only on a later
            // pass, while ours may read it with the request itself (chapter 2) and closes then,
            // with the close callback still to run. Returning now would clear the handler's
            // close callback (the finally below) before onConnectionClose could call it, and a
            // handler whose client left would never hear (MoreProbesTest,
            // clientLeavesDuringAsyncHandler). The close callback ends this wait.
            if (!finishFuture.done() && mustWaitForResponse()) await(finishFuture);
            // A connection that closes after this response may still be sending it: the loop
            // ends here all the same, and finish closes the stream once the bytes have gone.
            return !disconnectOnFinish && !raw.closed();
        } catch (HTTPInputError e) {
            // Tornado 4.5 logs "Malformed HTTP message" and closes; we answer first, as chapter 4
            // does, unless an answer has begun already (a streaming handler that wrote before its
            // body went wrong): a second status line would be read as part of the first answer.
            watch.cancel();
            if (responseStarted) {
                log.info("Malformed HTTP request from " + server.remoteIp() + " after the answer began: " + e.code() + " " + e.getMessage());
                close();
                return false;
            }
            respondWithError(e.code(), e.getMessage());
            return false;
        } finally {
            if (needDelegateClose) delegate.onConnectionClose();
            clearCallbacks();
            Runnable done = requestDone;
            requestDone = null;
            if (done != null) done.run();
        }
    }
    // end::read-message[]

    // tag::must-wait[]
    /**
     * Whether {@code readMessage} must wait for the response to leave before the request loop
     * reads the next request. Tornado always waits, and it costs Tornado nothing when the kernel
     * takes the answer at once: its {@code write} sends inside the call, so the future is done
     * before anyone looks. Ours sends on the loop's next turn (chapter 2's gathered flush), so
     * the wait would be one more hand-over for every request. We go on at once when the response
     * is complete and little of it is still queued: the next read waits for the network anyway,
     * and the responses still leave in order, from the one queue. We wait when the application
     * has not finished yet, and when more than {@link #QUEUED_ENOUGH} bytes are queued on a
     * connection that goes on, so that a client that sends request after request and reads
     * nothing fills its socket and is then paused, never our heap. A connection that closes after
     * this response reads nothing more, so its loop ends at once; {@link #finish} closes it once
     * the bytes have gone (for {@code Connection: close}, that spares every connection the
     * hand-over of one more wait).
     */
    private boolean mustWaitForResponse() {
        return !writeFinished || (!disconnectOnFinish && raw.writeBufferSize() > QUEUED_ENOUGH);
    }
    // end::must-wait[]

    // tag::read-body[]
    /**
     * The body, by Content-Length or chunked (httputil's {@code BodyFraming} decides; a request
     * has no read-until-close body), handed to the delegate a piece at a time. After each piece
     * we await the delegate's future, if it gave one: the next read starts only when it is done.
     */
    @Mirrors("http1connection.HTTP1Connection._read_body 4.5")
    private void readBody(BodyFraming framing, HTTPMessageDelegate delegate) throws Exception {
        if (framing.kind() == BodyFraming.Kind.CHUNKED) {
            readChunkedBody(delegate);
        } else {
            readFixedBody(framing.length(), delegate);
        }
    }

    /** A Content-Length larger than this request's limit: 413 (a chunked body is counted as it comes). */
    private void refuseIfTooLong(BodyFraming framing) {
        if (framing.kind() != BodyFraming.Kind.CHUNKED && framing.length() > maxBodySize) {
            throw new HTTPInputError(413, "Content-Length " + framing.length()
                    + " is larger than this server's limit of " + maxBodySize + " bytes");
        }
    }

    @Mirrors("http1connection.HTTP1Connection._read_fixed_body 4.5")
    private void readFixedBody(long length, HTTPMessageDelegate delegate) throws Exception {
        while (length > 0) {
            byte[] piece = await(stream.readBytes(Math.min(params.chunkSize(), length), true));
            length -= piece.length;
            deliver(piece, delegate);
        }
    }

    /** One piece to the delegate, unless the response is already over (then the bytes are dropped). */
    private void deliver(byte[] piece, HTTPMessageDelegate delegate) throws Exception {
        bodyReceived += piece.length;
        if (writeFinished) return;
        if (Trace.on) Trace.step(raw.traceId(), Trace.CALL, "HTTPMessageDelegate.data_received", piece.length + " bytes");
        Future<?> f = delegate.dataReceived(piece);
        if (f != null) await(f);
    }

    /**
     * {@code size CRLF data CRLF}, until a chunk of size 0 and the trailer. Each rule is
     * httputil's (the size line, the trailer's fields) and each error answer is chapter 4's.
     */
    @Mirrors("http1connection.HTTP1Connection._read_chunked_body 4.5")
    private void readChunkedBody(HTTPMessageDelegate delegate) throws Exception {
        long total = 0;
        while (true) {
            byte[] sizeLine = await(stream.readUntil(CRLF, ChunkedEncoding.MAX_SIZE_LINE,
                    () -> new HTTPInputError(400, "chunk-size line longer than " + ChunkedEncoding.MAX_SIZE_LINE + " bytes")));
            long size = ChunkedEncoding.parseChunkSize(sizeLine, 0, sizeLine.length);
            if (Trace.on) Trace.step(raw.traceId(), Trace.ENTRY, "HTTP1Connection._read_chunked_body", "chunk of " + size + " bytes");
            if (size == 0) {
                readTrailer();
                return;
            }
            if (size > maxBodySize - total) {
                throw new HTTPInputError(413, "chunked body larger than this server's limit of " + maxBodySize + " bytes");
            }
            total += size;
            long left = size;
            while (left > 0) {
                byte[] piece = await(stream.readBytes(Math.min(params.chunkSize(), left), true));
                left -= piece.length;
                deliver(piece, delegate);
            }
            byte[] end = await(stream.readBytes(2));
            if (end[0] != '\r' || end[1] != '\n') throw new HTTPInputError(400, "chunk data not followed by CRLF");
        }
    }

    /** The trailer section: read, checked by httputil, counted against the header limit, ignored. */
    private void readTrailer() throws Exception {
        StringBuilder trailer = new StringBuilder();
        while (true) {
            byte[] line = await(stream.readUntil(CRLF, params.maxHeaderSize(),
                    () -> new HTTPInputError(431, "trailer section larger than " + params.maxHeaderSize() + " bytes")));
            if (line.length == 2) break;
            trailer.append(new String(line, StandardCharsets.ISO_8859_1));
            if (trailer.length() > params.maxHeaderSize()) {
                throw new HTTPInputError(431, "trailer section larger than " + params.maxHeaderSize() + " bytes");
            }
        }
        try {
            ChunkedEncoding.parseTrailer(trailer.toString());
        } catch (HTTPInputError e) {
            throw new HTTPInputError(e.code(), "in the trailer section: " + e.getMessage());
        }
    }
    // end::read-body[]

    // tag::can-keep-alive[]
    /**
     * Tornado 4's keep-alive rule, decided when the request's headers are in:
     * <ul>
     *   <li>{@code noKeepAlive}: never;</li>
     *   <li>HTTP/1.1: unless the client listed {@code close};</li>
     *   <li>HTTP/1.0: only if the client asked ({@code keep-alive}) and the request's end is
     *       known without a close (a Content-Length, or a GET or HEAD).</li>
     * </ul>
     * This is chapter 4's 2.4 rule (4.x also lists chunked for 1.0, which httputil refuses for
     * HTTP/1.0 anyway). What 4.x adds is that the response counts too: {@link #writeHeaders}
     * and {@link #finish} can still turn the decision to "close" (a response to HTTP/1.0 with no
     * length, which only a close can end; a response finished before its request was read).
     */
    @Mirrors("http1connection.HTTP1Connection._can_keep_alive 4.5")
    private boolean canKeepAlive(RequestStartLine line, HTTPHeaders headers) {
        if (params.noKeepAlive()) return false;
        if (line.supportsHttp11()) return !headers.hasConnectionOption("close");
        if (headers.contains("Content-Length") || line.method().equals("GET") || line.method().equals("HEAD")) {
            return headers.hasConnectionOption("keep-alive");
        }
        return false;
    }
    // end::can-keep-alive[]

    // ================================================================== the response

    // tag::write-headers[]
    /**
     * The 4.x way to answer: a status and headers, the connection frames the body. With neither
     * Content-Length nor Transfer-Encoding, an HTTP/1.1 response is chunked; an HTTP/1.0 one is
     * ended by closing. The head is httputil's {@link ResponseHead#format}.
     */
    @Mirrors("http1connection.HTTP1Connection.write_headers 4.5")
    public Future<Void> writeHeaders(int code, String reason, HTTPHeaders headers, byte[] chunk) {
        if (writeFinished) throw new IllegalStateException("Request closed: writeHeaders() after finish()");
        if (Trace.on) Trace.step(raw.traceId(), Trace.NESTED, "HTTP1Connection.write_headers", code + " " + (reason != null ? reason : Responses.reason(code)));
        boolean bodyAllowed = ResponseHead.bodyAllowed(code) && !requestStartLine.method().equals("HEAD");
        boolean framed = headers.contains("Content-Length") || headers.contains("Transfer-Encoding");
        // Never chunked when there is no body at all: the answer to a HEAD, a 1xx, 204 or 304.
        // Tornado 4.5 left HEAD out of this test and wrote a last-chunk after a HEAD's head,
        // which the client reads as the start of the next response (fixed in Tornado 6.1;
        // WriteHeadersTest).
        chunkingOutput = requestStartLine.supportsHttp11() && bodyAllowed && !framed;
        if (chunkingOutput) headers.set("Transfer-Encoding", "chunked");
        // The response's part of the keep-alive rule: an HTTP/1.0 response with a body and no
        // length can only be ended by closing the connection.
        if (!requestStartLine.supportsHttp11() && bodyAllowed && !framed) disconnectOnFinish = true;
        if (!requestStartLine.supportsHttp11() && !disconnectOnFinish) headers.set("Connection", "Keep-Alive");
        // Say so when we will close, so that the client does not send a next request into it.
        if (disconnectOnFinish && !headers.contains("Connection")) headers.set("Connection", "close");
        if (requestStartLine.method().equals("HEAD") || code == 304) {
            expectedContentRemaining = 0;
        } else if (headers.contains("Content-Length")) {
            expectedContentRemaining = BodyFraming.parseContentLength(headers);
        } else {
            expectedContentRemaining = -1;
        }
        if (chunk == null || chunk.length == 0) return send(ResponseHead.format(code, reason, headers, java.util.List.of()));
        return send(ResponseHead.format(code, reason, headers, java.util.List.of(), formatChunk(chunk)));
    }
    // end::write-headers[]

    /**
     * A piece of the response body; after {@link #writeHeaders}, framed as it says (counted
     * against Content-Length, or as a chunk). Without writeHeaders, raw bytes: that is how chapter
     * 5's handlers answer (they build their own head), and Tornado 4 allows it too.
     */
    @Mirrors("http1connection.HTTP1Connection.write 4.5")
    public Future<Void> write(byte[] chunk) {
        if (writeFinished) throw new IllegalStateException("Request closed: write() after finish()");
        if (Trace.on) Trace.step(raw.traceId(), Trace.NESTED, "HTTP1Connection.write", chunk.length + " bytes");
        return send(formatChunk(chunk));
    }

    /** {@link RequestConnection}'s form, with the 2.4 callback run when the bytes have gone. */
    @Override
    public void write(byte[] chunk, Runnable callback) {
        Future<Void> f = write(chunk);
        if (callback != null) f.addDoneCallback(done -> {
            if (done.exception() != null) return;
            try {
                callback.run();
            } catch (Throwable e) {
                // Chapter 4's rule for a callback that throws after the response began: log it
                // on the application logger and close, the only honest signal left.
                CallbackBoundary.log(appLog, "Uncaught exception in a write callback for " + requestStartLine.method() + " "
                        + requestStartLine.path() + " from " + server.remoteIp(), e);
                close();
            }
        });
    }

    private Future<Void> send(byte[] data) {
        responseStarted = true;
        if (raw.closed()) {
            Future<Void> f = new Future<>(raw.ioLoop());
            f.setResult(null);
            return f;
        }
        pendingWrite = stream.write(data);
        return pendingWrite;
    }

    @Mirrors("http1connection.HTTP1Connection._format_chunk 4.5")
    private byte[] formatChunk(byte[] chunk) {
        if (expectedContentRemaining >= 0) {
            expectedContentRemaining -= chunk.length;
            if (expectedContentRemaining < 0) {
                raw.close();
                throw new IllegalStateException("Tried to write more data than Content-Length");
            }
        }
        if (!chunkingOutput || chunk.length == 0) return chunk;
        byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[size.length + chunk.length + 2];
        System.arraycopy(size, 0, out, 0, size.length);
        System.arraycopy(chunk, 0, out, size.length, chunk.length);
        out[out.length - 2] = '\r';
        out[out.length - 1] = '\n';
        return out;
    }

    // tag::finish[]
    /**
     * The response is complete. The request is over once the stream has sent everything queued;
     * if the request's body was not read to its end, the connection cannot be reused (we do not
     * know where the next request starts), so it closes.
     */
    @Override
    @Mirrors("http1connection.HTTP1Connection.finish 4.5")
    public void finish() {
        if (writeFinished) throw new IllegalStateException("Request closed: finish() called twice");
        if (Trace.on) Trace.step(raw.traceId(), Trace.NESTED, "HTTP1Connection.finish", raw.writing() ? "bytes still queued" : "all bytes sent");
        if (expectedContentRemaining > 0 && !raw.closed()) {
            raw.close();
            throw new IllegalStateException("Tried to write " + expectedContentRemaining + " bytes less than Content-Length");
        }
        if (chunkingOutput && !raw.closed()) pendingWrite = stream.write(LAST_CHUNK);
        writeFinished = true;
        if (!readFinished) disconnectOnFinish = true;
        // Tornado finishes the request when the last write's future is done. We do so at once
        // when the connection stays open and the request loop would not wait for the bytes
        // anyway (mustWaitForResponse: a small response), which spares every such response a
        // callback on its write future and the loop turn that runs it. A connection that closes
        // after this response waits for its bytes to go first.
        if (pendingWrite == null || pendingWrite.done() || (!disconnectOnFinish && !mustWaitForResponse())) {
            finishRequest();
        } else {
            pendingWrite.addDoneCallback(f -> finishRequest());
        }
    }

    @Mirrors("http1connection.HTTP1Connection._finish_request 4.5")
    private void finishRequest() {
        if (Trace.on) Trace.step(raw.traceId(), Trace.NESTED, "HTTP1Connection._finish_request", disconnectOnFinish ? "close" : "keep-alive");
        if (!isClient && disconnectOnFinish) {
            close();
            return;
        }
        if (!finishFuture.done()) finishFuture.setResult(null);
    }
    // end::finish[]

    // ================================================================== errors and closing

    /** The application threw from headersReceived or finish: chapter 4's rule (log; 500 if nothing was written, else close). */
    private void onDelegateException(Throwable e) throws Exception {
        CallbackBoundary.log(appLog, "Uncaught exception in request callback for " + requestStartLine.method() + " "
                + requestStartLine.path() + " from " + server.remoteIp(), e);
        if (!CallbackBoundary.isVmFailure(e) && !responseStarted && !raw.closed()) {
            respondWithError(500, null);
        } else {
            close();
        }
    }

    // tag::respond-with-error[]
    /**
     * Chapter 4's error answer (the same bytes: httputil's {@link ResponseHead#errorAnswer}),
     * then its lingering close, written as a coroutine: shut down our side, read and drop what
     * still comes for up to five seconds, close.
     */
    private void respondWithError(int code, String message) throws Exception {
        String reason = Responses.reason(code);
        if (Trace.on) Trace.step(raw.traceId(), Trace.CALL, "HTTP1Connection.error", code + " " + reason + (message == null ? "" : ": " + message));
        if (code != 500) log.info((code == 503 ? "Refused a request from " : "Malformed HTTP request from ") + server.remoteIp() + ": " + code + " " + message);
        writeFinished = true;
        if (raw.closed()) return;
        await(stream.write(ResponseHead.errorAnswer(code, message)));
        if (raw.closed() || raw.reading()) {
            close();
            return;
        }
        try {
            raw.channel().shutdownOutput();
        } catch (IOException e) {
            close();
            return;
        }
        watch.closeAfter(LINGER);
        try {
            while (!raw.closed()) await(stream.readBytes(DRAIN_PIECE, true));
        } catch (RuntimeException closed) {
            // The client closed, or the linger ran out: either way we are done.
        } finally {
            close();
        }
    }
    // end::respond-with-error[]

    @Mirrors("http1connection.HTTP1Connection._clear_callbacks 4.5")
    private void clearCallbacks() {
        closeCallback = null;
    }

    /** The stream closed, whoever closed it: tell the application, end the wait for the response. */
    @Mirrors("http1connection.HTTP1Connection._on_connection_close 4.5")
    void onConnectionClose() {
        watch.cancel();
        // The application is told only once it has the request, as in Tornado 4.5, which sets
        // this callback on the stream only after the body is read. An Application has routed
        // (and made) its handler when the headers came, but a buffering handler has no request
        // before its body is in, and chapter 4 makes none: a client that leaves mid-body is
        // nobody's business (MoreProbesTest, clientLeavesBeforeABufferedBodyIsInAndNoHandlerHears).
        // A streaming handler does have it; its delegate tells it (CallableAdapter.onConnectionClose).
        if (readFinished) runCloseCallback();
        if (!finishFuture.done()) finishFuture.setResult(null);
    }

    /** Runs the application's close callback, at most once. */
    void runCloseCallback() {
        Runnable callback = closeCallback;
        closeCallback = null;
        if (callback != null) callback.run();
    }

    @Override
    @Mirrors("http1connection.HTTP1Connection.set_close_callback 4.5")
    public void setCloseCallback(Runnable callback) {
        closeCallback = callback;
    }

    @Override
    @Mirrors("http1connection.HTTP1Connection.close 4.5")
    public void close() {
        watch.cancel();
        raw.close();
        if (!finishFuture.done()) finishFuture.setResult(null);
    }

    /** Registers {@code r} to run once when this request is over, answered or not. */
    public void whenRequestDone(Runnable r) {
        requestDone = r;
    }

    /** This request's body limit, instead of the parameters' (a buffering delegate lowers it). */
    @Mirrors("http1connection.HTTP1Connection.set_max_body_size 4.5")
    public void setMaxBodySize(long maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    @Override
    public boolean willKeepAlive(HTTPRequest request) {
        return !disconnectOnFinish;
    }

    @Override
    @Mirrors("http1connection.HTTP1Connection.stream 4.5")
    public IOStream stream() {
        return raw;
    }

    @Override
    public InetSocketAddress address() {
        return server.address();
    }

    @Override
    public boolean xheaders() {
        return server.xheaders();
    }

    /** The server connection this request arrived on. */
    public HTTP1ServerConnection serverConnection() {
        return server;
    }
}
