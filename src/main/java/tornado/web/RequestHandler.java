package tornado.web;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import tornado.escape.Escape;
import tornado.httpserver.HTTPRequest;
import tornado.httputil.HTTPHeaders;
import tornado.httputil.HttpDates;
import tornado.httputil.ResponseHead;
import tornado.httputil.Responses;
import tornado.ioloop.CallbackBoundary;
import tornado.ioloop.IOLoop;
import tornado.trace.Mirrors;
import tornado.trace.Trace;

/**
 * The base of every handler: one instance serves one request. Mirrors web.py's
 * {@code RequestHandler}, the class with nearly everything a web application needs: redirects,
 * flushing, headers, cookies, XSRF protection, ETags.
 *
 * <p>Where it sits in the chain: {@link Application}'s {@code __call__} (the server's request
 * callback) matches the path, makes one of these, and calls {@link #execute} — Tornado's
 * {@code _execute}. That runs {@code prepare()}, then the method named
 * by the request ({@code get}, {@code post}, …), then {@code finish()} unless the method is
 * {@link Asynchronous}. Output is gathered in a buffer; {@code flush()} and {@code finish()} turn it
 * into the raw bytes of an HTTP response (status line, headers, body) and hand them to
 * {@code request.write}, which is chapter 4's {@code HTTPConnection.write} and, under it, the
 * IOStream. The application writes the whole response; the connection does not frame it.
 *
 * <p>A handler:
 * <pre>
 *   public static class MainHandler extends RequestHandler {
 *       &#64;Override
 *       public void get(String... args) {
 *           write("Hello, world");
 *       }
 *   }
 * </pre>
 *
 * <p><b>Where Java differs.</b>
 * <ul>
 *   <li>Python finds the method with {@code getattr(self, method.lower())}; here a {@code switch}
 *       calls one of seven methods that all take {@code String... args}: the path's groups, in
 *       order. Named groups arrive the same way, in the order they appear in the pattern, and also
 *       by name from {@link #pathKwargs()}, which plays the part of Python's {@code **kwargs}.</li>
 *   <li>{@code self.request}, {@code self.application} and {@code self.settings} are the accessors
 *       {@link #request()}, {@link #application()} and {@link #settings()}.</li>
 *   <li>The handler's constructor takes nothing; Tornado's {@code __init__(application, request,
 *       **kwargs)} becomes the framework's call to {@code init} followed by your
 *       {@link #initialize(Map)} (see {@link URLSpec}).</li>
 *   <li>Everything here runs on the loop's thread, as in Tornado. A callback from elsewhere must
 *       come back through {@code IOLoop.addCallback} before it touches the handler.</li>
 * </ul>
 */
@Mirrors("web.RequestHandler")
public abstract class RequestHandler {
    private static final Logger appLog = Logger.getLogger("tornado.application");
    private static final Logger genLog = Logger.getLogger("tornado.general");

    /** The {@code Server} header every response carries, as Tornado's {@code TornadoServer/2.4.1}. */
    public static final String SERVER = "TornadoServer/2.4.1 (read in Java)";

    /**
     * The methods a handler may be asked to run. Anything else is answered 405 before the handler
     * sees it. Override {@link #supportedMethods()} to narrow it.
     */
    @Mirrors("web.RequestHandler.SUPPORTED_METHODS")
    public static final Set<String> SUPPORTED_METHODS = Collections.unmodifiableSet(
            new LinkedHashSet<>(List.of("GET", "HEAD", "POST", "DELETE", "PATCH", "PUT", "OPTIONS")));

    // Where the trace puts the handler's steps: below the server's request callback, whose own
    // depth Application.DEPTH is (ARCHITECTURE.adoc, "The chain").
    static final int EXECUTE_DEPTH = Application.DEPTH + 1;
    static final int METHOD_DEPTH = Application.DEPTH + 2;
    static final int FLUSH_DEPTH = Application.DEPTH + 3;

    private static final byte[] EMPTY = new byte[0];
    // Compiled once: a pattern compiled per request is a cost every request pays
    // (ARCHITECTURE.adoc, "Rules a contributor keeps").
    private static final Pattern URL_JUNK = Pattern.compile("[\\x00-\\x20]+");
    private static final Pattern ARGUMENT_CONTROLS = Pattern.compile("[\\x00-\\x08\\x0e-\\x1f]");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Application application;
    private HTTPRequest request;
    private List<OutputTransform> transforms = List.of();
    private String[] pathArgs = Application.NO_ARGS;
    private Map<String, String> pathKwargs = Map.of();

    private boolean headersWritten;
    // The body length a Content-Length the handler set itself promises (-1: none, or no body
    // goes out), and the body bytes sent so far: RFC 9112 §6.3, a response must be as long as
    // it says, or the client cannot tell where the next one starts. See keepPromisedLength.
    private long promisedLength = -1;
    private long bodyBytesSent;
    private boolean finished;
    private boolean autoFinish = true;
    // What the method running now handed to returnLater, until _execute takes it.
    private PendingResult later;

    // The response being built. clear() resets all of it but the cookies, as in Tornado, so that
    // an error page still sets the cookies the handler set before it failed.
    private HTTPHeaders headers;
    private int statusCode;
    private String reason;
    // The body so far. One list for the handler's life, emptied rather than replaced when its
    // bytes go out or are thrown away: a new one per flush was an object per request.
    private final List<byte[]> writeBuffer = new ArrayList<>();
    // Made by the first setCookie: most responses set none, and an empty map and its view made
    // for every one of them were about 80 bytes per request (PerRequest hello).
    private Map<String, String> newCookies;

    // Set when an HTTP/1.0 client gets a body whose length was not known when the headers went
    // out: then only closing the connection can tell it where the body ends.
    private boolean closeWhenFinished;

    private String xsrfToken;
    private int traceConn = -1;

    /** For subclasses; the framework calls {@link #init} right after, before anything else. */
    protected RequestHandler() {}

    // tag::init[]
    /**
     * The rest of Tornado's {@code __init__}: remember the application and the request, reset the
     * response to its defaults, listen for the client going away, and call the subclass's
     * {@link #initialize} with the spec's arguments. Called by the application, once.
     */
    @Mirrors("web.RequestHandler.__init__")
    final void init(Application application, HTTPRequest request, Map<String, Object> kwargs) {
        if (this.request != null) throw new IllegalStateException("handler already has a request");
        this.application = application;
        this.request = request;
        clear();
        // A request made in a test may have no connection; Tornado checks the same way (for WSGI).
        if (request.connection() != null) request.connection().setCloseCallback(this::onConnectionClose);
        initialize(kwargs);
    }
    // end::init[]

    /**
     * Hook for a subclass's setup: receives the third element of the URL spec, Tornado's
     * {@code initialize(**kwargs)}. {@link StaticFileHandler} reads its root directory here.
     */
    @Mirrors("web.RequestHandler.initialize")
    protected void initialize(Map<String, Object> kwargs) {}

    /** The application this handler serves; Tornado's {@code self.application}. */
    public Application application() {
        return application;
    }

    /** The request being served; Tornado's {@code self.request}. */
    public HTTPRequest request() {
        return request;
    }

    /** {@code self.settings}: the application's settings. */
    @Mirrors("web.RequestHandler.settings")
    public Settings settings() {
        return application.settings();
    }

    /** The methods this handler accepts at all; {@link #SUPPORTED_METHODS} unless overridden. */
    @Mirrors("web.RequestHandler.SUPPORTED_METHODS")
    protected Set<String> supportedMethods() {
        return SUPPORTED_METHODS;
    }

    // ================================================================== the HTTP methods

    // tag::methods[]
    // Each HTTP method has a Java method; the default answers 405 Method Not Allowed, so a
    // handler answers exactly the methods it overrides. They are public, like Tornado's, and
    // may throw anything: _execute turns an exception into an error page.

    @Mirrors("web.RequestHandler.get")
    public void get(String... args) throws Exception {
        throw new HTTPError(405);
    }

    /**
     * HEAD: by default the handler's GET, whose body {@link #flush} then leaves out, so the
     * client sees exactly the headers a GET would give (Content-Length included). Tornado 2.4
     * through 6.x answer 405 here unless the handler defines {@code head}; RFC 9110 §9.3.2 asks a
     * server to answer HEAD wherever it answers GET, and browsers, proxies and link checkers do
     * send it, so we do.
     */
    @Mirrors("web.RequestHandler.head")
    public void head(String... args) throws Exception {
        get(args);
    }

    @Mirrors("web.RequestHandler.post")
    public void post(String... args) throws Exception {
        throw new HTTPError(405);
    }

    @Mirrors("web.RequestHandler.delete")
    public void delete(String... args) throws Exception {
        throw new HTTPError(405);
    }

    @Mirrors("web.RequestHandler.patch")
    public void patch(String... args) throws Exception {
        throw new HTTPError(405);
    }

    @Mirrors("web.RequestHandler.put")
    public void put(String... args) throws Exception {
        throw new HTTPError(405);
    }

    @Mirrors("web.RequestHandler.options")
    public void options(String... args) throws Exception {
        throw new HTTPError(405);
    }
    // end::methods[]

    /**
     * Runs before the method, whatever the method: a place for checks common to all of them
     * (authentication, say). If it finishes the response (a redirect, an error page), the
     * method is not called.
     */
    @Mirrors("web.RequestHandler.prepare")
    protected void prepare() throws Exception {}

    /**
     * Runs after the response has been finished and handed to the connection: for cleanup and
     * logging; it can no longer change the response.
     */
    @Mirrors("web.RequestHandler.on_finish")
    protected void onFinish() {}

    /**
     * Runs if the client closes the connection while an {@link Asynchronous} method is still
     * working, so that it can stop (a long poll, a download it started).
     */
    @Mirrors("web.RequestHandler.on_connection_close")
    protected void onConnectionClose() {}

    // ================================================================== _execute

    // tag::execute[]
    /**
     * Runs the request: Tornado's {@code _execute}, in its order. Every exception from
     * here on, whatever its kind and wherever it was thrown, ends in
     * {@link #handleRequestException}, which turns it into an error page: the loop that called
     * us never sees it.
     */
    @Mirrors("web.RequestHandler._execute")
    final void execute(List<OutputTransform> transforms, String[] args, Map<String, String> kwargs) {
        this.transforms = transforms;
        this.pathArgs = args;
        this.pathKwargs = kwargs;
        String method = request.method();
        if (Trace.on) Trace.step(traceId(), EXECUTE_DEPTH, "RequestHandler._execute", method + " " + getClass().getSimpleName());
        try {
            // A method outside the list (PROPFIND, BREW) is refused before any handler code runs.
            if (!supportedMethods().contains(method)) {
                throw new HTTPError(405, "method %s not supported", method);
            }
            // A request that changes things must prove it comes from one of our own pages:
            // the xsrf check, before prepare() so that no handler code runs for a forgery.
            if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS")
                    && settings().xsrfCookies()) {
                checkXsrfCookie();
            }
            prepare();
            if (later == null) executeMethod(method, args);
            else awaitLater(() -> executeMethod(method, args));
        } catch (Throwable e) {
            failed(e);
        }
    }

    private void failed(Throwable e) {
        // CallbackBoundary's rule: a VM failure (out of memory) is not this request's to
        // answer, so it goes on to the connection, which closes; everything else, down to a
        // StackOverflowError in a recursive handler, gets the error page.
        if (CallbackBoundary.isVmFailure(e)) throw (Error) e;
        handleRequestException(e);
    }

    // The rest of _execute, after prepare() (and after what prepare handed to returnLater).
    private void executeMethod(String method, String[] args) throws Exception {
        if (finished) return;
        // @Asynchronous: the method will call finish() itself, from a later callback.
        if (HandlerMethods.of(getClass()).isAsynchronous(method)) autoFinish = false;
        if (Trace.on) Trace.step(traceId(), METHOD_DEPTH, "RequestHandler." + method.toLowerCase(java.util.Locale.ROOT),
                describeArgs(args));
        callMethod(method, args);
        if (later == null) finishUnlessAsynchronous();
        else awaitLater(this::finishUnlessAsynchronous);
    }

    private void finishUnlessAsynchronous() {
        if (autoFinish && !finished) finish();
    }

    // Python's getattr(self, self.request.method.lower())(*args, **kwargs).
    private void callMethod(String method, String[] args) throws Exception {
        switch (method) {
            case "GET" -> get(args);
            case "HEAD" -> head(args);
            case "POST" -> post(args);
            case "DELETE" -> delete(args);
            case "PATCH" -> patch(args);
            case "PUT" -> put(args);
            case "OPTIONS" -> options(args);
            default -> throw new HTTPError(405, "no Java method for HTTP method %s", method);
        }
    }
    // end::execute[]

    // tag::return-later[]
    /**
     * Hands {@code _execute} work that goes on after this method returns: chapter 6's coroutines
     * (a {@code Future}). {@code _execute} then waits for it before it continues (with the HTTP
     * method after {@code prepare}, with {@code finish()} after the method), and sends the error
     * page if it fails. Tornado 4.x's methods simply return the future; Java's {@code void}
     * methods hand it over here instead.
     */
    @Mirrors("web.RequestHandler._execute 4.5")
    protected final void returnLater(PendingResult work) {
        if (later != null) throw new IllegalStateException("returnLater called twice in one method");
        later = work;
    }

    // The method just called handed work to returnLater: run `then` once it is done (or send
    // the error page if it failed). Tornado 4.x: `result = method(); if result is not None:
    // result = yield result`. The callers go on at once when nothing was handed over, and make
    // `then` only when something was: made for every request, the two steps were two objects
    // per request that nearly always went unused (PerRequest hello).
    private void awaitLater(ThrowingStep then) {
        PendingResult work = later;
        later = null;
        work.whenDone(failure -> {
            try {
                if (failure != null) throw failure;
                then.run();
            } catch (Throwable e) {
                failed(e);
            }
        });
    }

    private interface ThrowingStep {
        void run() throws Exception;
    }
    // end::return-later[]

    private static String describeArgs(String[] args) {
        if (args.length == 0) return "()";
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < args.length; i++) {
            if (i > 0) b.append(", ");
            b.append('"').append(args[i]).append('"');
        }
        return b.append(')').toString();
    }

    /** The path's groups, in pattern order, as the method received them. */
    public String[] pathArgs() {
        return pathArgs.clone();
    }

    /** The path's named groups by name (Python's {@code **kwargs}); empty for positional groups. */
    public Map<String, String> pathKwargs() {
        return pathKwargs;
    }

    // ================================================================== building the response

    // tag::clear[]
    /**
     * Resets the status, the headers and the buffered body to their defaults. Called once when
     * the handler is made, and again by {@link #sendError} so that an error page does not carry
     * headers meant for the page that failed.
     */
    @Mirrors("web.RequestHandler.clear")
    public void clear() {
        // Server, Content-Type and (Tornado 3.0 added it; RFC 9110 §6.6.1 wants it from any
        // server with a clock) Date, copied from this second's set (see defaultHeaders).
        headers = defaultHeaders();
        setDefaultHeaders();
        // An HTTP/1.0 client keeps the connection open only if it asked to and we say yes. (For
        // HTTP/1.1 keep-alive is the default and needs no header.) Tornado says yes whenever the
        // client asked; we ask the connection, which also refuses a 1.0 request whose body had
        // no Content-Length, so the header never promises what the server will not do.
        if (!request.supportsHttp11() && request.connection() != null
                && request.connection().willKeepAlive(request)) {
            headers.set("Connection", "Keep-Alive");
        }
        writeBuffer.clear();
        statusCode = 200;
        reason = null;
    }
    // end::clear[]

    /** Hook: set headers every response of this handler should carry (after the defaults). */
    @Mirrors("web.RequestHandler.set_default_headers")
    protected void setDefaultHeaders() {}

    /** Sets the response status; the reason phrase is the standard one for that code. */
    @Mirrors("web.RequestHandler.set_status")
    public void setStatus(int code) {
        setStatus(code, null);
    }

    /**
     * Sets the response status with a reason phrase of your own; {@code reason} may be null only
     * for a code that has a standard phrase.
     */
    @Mirrors("web.RequestHandler.set_status 3.0")
    public void setStatus(int code, String reason) {
        if (reason == null && Responses.responses(code) == null) {
            throw new IllegalArgumentException("unknown HTTP status code " + code + "; give a reason phrase with it");
        }
        if (code < 100 || code > 599) throw new IllegalArgumentException("HTTP status code out of range: " + code);
        if (reason != null) HTTPHeaders.checkResponseValue("reason phrase", reason);
        this.statusCode = code;
        this.reason = reason;
    }

    @Mirrors("web.RequestHandler.get_status")
    public int getStatus() {
        return statusCode;
    }

    // tag::set-header[]
    /**
     * Sets a response header, replacing any earlier value. The value may be a String, a number,
     * or a time ({@link Instant}, {@link ZonedDateTime}, {@link Date}), which is written in HTTP's
     * date format.
     *
     * @throws IllegalArgumentException if the value holds a CR, an LF or another control
     *     character. Such a value would end the header line early, and whatever followed would
     *     be read by the client as headers of our making (or, after a blank line, as a body):
     *     header injection. A handler that copies user input into a header relies on this check.
     */
    @Mirrors("web.RequestHandler.set_header")
    public void setHeader(String name, Object value) {
        headers.set(name, convertHeaderValue(name, value));
    }
    // end::set-header[]

    /** Adds a value for a header that may appear several times ({@code Link}, {@code Vary}). */
    @Mirrors("web.RequestHandler.add_header")
    public void addHeader(String name, Object value) {
        headers.add(name, convertHeaderValue(name, value));
    }

    /** Removes a header set earlier (every value of it). */
    @Mirrors("web.RequestHandler.clear_header")
    public void clearHeader(String name) {
        headers.remove(name);
    }

    /** The value of a response header set so far, or null. */
    public String getHeader(String name) {
        return headers.get(name);
    }

    @Mirrors("web.RequestHandler._convert_header_value")
    private static String convertHeaderValue(String name, Object value) {
        String text;
        if (value instanceof String s) text = s;
        else if (value instanceof Number n) return n.toString();
        else if (value instanceof Instant t) return HttpDates.formatTimestamp(t);
        else if (value instanceof ZonedDateTime t) return HttpDates.formatTimestamp(t.toInstant());
        else if (value instanceof Date d) return HttpDates.formatTimestamp(d.toInstant());
        else throw new IllegalArgumentException("unsupported value type for header " + name + ": "
                    + (value == null ? "null" : value.getClass().getName()));
        // Tornado caps the length too, against values that are obviously a mistake.
        if (text.length() > 4000) {
            throw new IllegalArgumentException("value of header " + name + " is " + text.length()
                    + " characters; the limit is 4000");
        }
        return HTTPHeaders.checkResponseValue("header ", name, text);
    }

    // ================================================================== output

    // tag::write[]
    /**
     * Adds text to the response body (as UTF-8). Nothing is sent yet: the body is buffered until
     * {@link #flush} or {@link #finish}, so the handler can still change status and headers,
     * and so that a response finished in one go can carry its exact Content-Length.
     */
    @Mirrors("web.RequestHandler.write")
    public void write(String chunk) {
        write(chunk.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds bytes to the response body. The array is kept, not copied: don't change it after. */
    @Mirrors("web.RequestHandler.write")
    public void write(byte[] chunk) {
        if (finished) {
            throw new IllegalStateException("cannot write() after finish(); an asynchronous method "
                    + "needs @Asynchronous, or it is finished for you when it returns");
        }
        writeBuffer.add(chunk);
    }

    /**
     * Writes {@code object} as JSON and sets {@code Content-Type: application/json}. Only maps, as
     * in Tornado: a top-level JSON array was once readable by other sites' scripts (the "JSON
     * hijacking" attack), so lists must be wrapped in an object.
     */
    @Mirrors("web.RequestHandler.write")
    public void write(Map<String, ?> object) {
        write(Escape.jsonEncode(object));
        setHeader("Content-Type", "application/json; charset=UTF-8");
    }
    // end::write[]

    /** Sends what is buffered now; see {@link #flush(Runnable)}. */
    @Mirrors("web.RequestHandler.flush")
    public void flush() {
        flush(false, null);
    }

    /**
     * Sends what is buffered now, and the status line and headers first if they have not gone
     * out yet. {@code callback} runs when the socket has taken every byte: a handler streaming a
     * large body waits for it before producing the next piece, so that a slow client makes the
     * server wait instead of making it buffer the whole body (the static file handler does this).
     */
    @Mirrors("web.RequestHandler.flush")
    public void flush(Runnable callback) {
        flush(false, callback);
    }

    // tag::flush[]
    @Mirrors("web.RequestHandler.flush")
    private void flush(boolean includeFooters, Runnable callback) {
        byte[] chunk = joinBuffer();
        writeBuffer.clear();
        byte[] head;
        boolean bodyInHead = false;
        if (!headersWritten) {
            // A 1xx status is interim (RFC 9110 §15.2): sent as the answer, it leaves the client
            // waiting for the real one. Refused while a 500 can still be sent instead.
            if (statusCode < 200) {
                throw new IllegalStateException("status " + statusCode + " is an interim response (1xx) and cannot be "
                        + "the answer to a request");
            }
            // The handler's own Content-Length is read and the first chunk held to it now, while
            // nothing is sent and a 500 can still take this answer's place.
            if (headers.contains("Content-Length") && ResponseHead.bodyAllowed(statusCode) && !request.method().equals("HEAD")) {
                promisedLength = contentLength();
                keepPromisedLength(chunk.length, includeFooters);
            }
            headersWritten = true;
            for (OutputTransform t : transforms) {
                chunk = t.transformFirstChunk(statusCode, headers, chunk, includeFooters);
            }
            // No Content-Length and no chunking (an HTTP/1.0 client, which cannot read chunks):
            // the body ends where the connection does, so close it after finish().
            if (!headers.contains("Content-Length") && !headers.contains("Transfer-Encoding")
                    && ResponseHead.bodyAllowed(statusCode)) {
                closeWhenFinished = true;
            }
            // RFC 9112 §9.6: a server that will close the connection after this response says
            // so in it, so that a client does not send its next request into a connection that
            // is about to go (wrk counts every such response as a read error, and a pooling
            // client retries on a dead socket). The connection closes because of the request
            // (Connection: close, HTTP/1.0 without keep-alive, the server's noKeepAlive) or
            // because this body ends only with it. Tornado 4.x says so too, in write_headers.
            if (closeWhenFinished || (request.connection() != null && !request.connection().willKeepAlive(request))) {
                headers.set("Connection", "close");
            }
            // A small body rides in the head's own array, so that status line, headers and body
            // leave in one write and usually one packet, with no copy to join them (see
            // ResponseHead.format for what that saves); a large one is written after the head,
            // so that we don't copy a big body just to join it. HEAD sends no body.
            bodyInHead = chunk.length <= 16 * 1024 && !request.method().equals("HEAD");
            head = generateHeaders(bodyInHead ? chunk : EMPTY);
        } else {
            for (OutputTransform t : transforms) chunk = t.transformChunk(chunk, includeFooters);
            if (promisedLength >= 0) keepPromisedLength(chunk.length, includeFooters);
            head = EMPTY;
        }
        // The last flush of a body that only the end of the connection can end: close it once the
        // socket has taken the last byte. The connection decides keep-alive from the request's
        // headers alone (Tornado 2.4's rule), so it would otherwise wait for another request
        // that an HTTP/1.0 client, still waiting for the end of this body, will never send.
        if (includeFooters && closeWhenFinished && request.connection() != null) {
            Runnable after = callback;
            callback = () -> {
                if (after != null) after.run();
                request.connection().close();
            };
        }
        if (Trace.on) Trace.step(traceId(), FLUSH_DEPTH, "RequestHandler.flush",
                (head.length > 0 ? "headers + " : "") + chunk.length + " body bytes"
                        + (request.method().equals("HEAD") ? " (HEAD: body left out)" : ""));
        // HEAD: the headers a GET would get, and no body. Tornado drops the body here too.
        if (request.method().equals("HEAD")) {
            if (head.length > 0) request.write(head, callback);
            else if (callback != null) IOLoop.current().addCallback(callback);
            return;
        }
        if (bodyInHead) {
            request.write(head, callback);
        } else {
            if (head.length > 0) request.write(head);
            request.write(chunk, callback);
        }
    }
    // end::flush[]

    /**
     * The body against the Content-Length the handler set, one flush at a time: a chunk that
     * would pass it is refused before it goes out, and a body that ends short of it is refused
     * too while the head is still unsent (a 500 can still take its place), or else closes the
     * connection after its last byte, so that the client sees a cut-off body instead of waiting
     * for bytes that will never come, or reading the rest as the next response. Tornado 4's
     * HTTP1Connection.write and finish raise HTTPOutputError for both and close.
     */
    private void keepPromisedLength(int chunkLength, boolean last) {
        long sent = bodyBytesSent + chunkLength;
        if (sent > promisedLength || (last && sent < promisedLength && !headersWritten)) {
            throw new IllegalStateException("the body " + (sent > promisedLength ? "passed" : "fell short of")
                    + " its Content-Length: " + sent + " bytes written where " + promisedLength + " were promised"
                    + " (RFC 9112 §6.3: a response is as long as it says)");
        }
        bodyBytesSent = sent;
        if (last && sent < promisedLength) {
            appLog.severe("Body ended " + (promisedLength - sent) + " bytes short of its Content-Length of "
                    + promisedLength + "; closing the connection: " + requestSummary());
            closeWhenFinished = true;
        }
    }

    // The handler's own Content-Length, as a number; one that is not is a bug in the handler.
    private long contentLength() {
        String value = headers.get("Content-Length").strip();
        // Digits only (RFC 9110 §8.6): parseLong would also take "+5", and send it on as it is.
        if (!value.isEmpty() && value.length() <= 18 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Long.parseLong(value);
        }
        throw new IllegalStateException("Content-Length must be a number of bytes, got '" + value + "'");
    }

    private byte[] joinBuffer() {
        if (writeBuffer.isEmpty()) return EMPTY;
        if (writeBuffer.size() == 1) return writeBuffer.get(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : writeBuffer) out.writeBytes(part);
        return out.toByteArray();
    }

    // tag::generate-headers[]
    /**
     * The status line and header block, with one {@code Set-Cookie} line per cookie set, and
     * {@code body} after them: httputil's {@link ResponseHead#format}, the same builder chapter
     * 4's connection uses for its own error answers.
     */
    @Mirrors("web.RequestHandler._generate_headers")
    private byte[] generateHeaders(byte[] body) {
        return ResponseHead.format(statusCode, reason, headers, newCookies == null ? List.of() : newCookies.values(), body);
    }
    // end::generate-headers[]

    /** Finishes the response with one more chunk of text. */
    @Mirrors("web.RequestHandler.finish")
    public void finish(String chunk) {
        write(chunk);
        finish();
    }

    /** Finishes the response with one more chunk of bytes. */
    @Mirrors("web.RequestHandler.finish")
    public void finish(byte[] chunk) {
        write(chunk);
        finish();
    }

    /** The default headers of one second, and that second. */
    private record Defaults(long second, HTTPHeaders headers) {}

    private static volatile Defaults lastDefaults = new Defaults(Long.MIN_VALUE, null);

    /**
     * A new copy of the default headers for now: {@code Server}, {@code Content-Type} and the
     * {@code Date}. A Date names a whole second, so the three are made (and checked, as
     * {@code HTTPHeaders.set} checks every header) once a second, and every response of that
     * second starts from a copy: two arrays cloned. Ours, not Tornado's, which formats the date
     * and sets the three for every response; the bytes sent are the same. Formatting the date
     * took 5.8 % of the server's Java samples for hello (JFR, {@code bench/profile hello}), and
     * setting the three, each name and value checked, takes 79 ns where the copy takes 15
     * ({@code bench/HeadCost.java}). The set is never changed once made, and reaches other
     * threads through the volatile field, so loops on several threads share it without a lock;
     * at worst two of them make the same second's.
     */
    private static HTTPHeaders defaultHeaders() {
        long now = System.currentTimeMillis() / 1000;
        Defaults d = lastDefaults;
        if (d.second() != now) {
            HTTPHeaders headers = new HTTPHeaders();
            headers.set("Server", SERVER);
            headers.set("Content-Type", "text/html; charset=UTF-8");
            headers.set("Date", HttpDates.formatTimestamp(now));
            d = new Defaults(now, headers);
            lastDefaults = d;
        }
        return new HTTPHeaders(d.headers());
    }

    // tag::finish[]
    /**
     * Ends the response: adds the headers only a complete response can have, sends everything,
     * and tells the connection that this request is done (it then reads the next request on a
     * keep-alive connection, or closes).
     */
    @Mirrors("web.RequestHandler.finish")
    public void finish() {
        if (finished) {
            throw new IllegalStateException("finish() called twice; an asynchronous method needs "
                    + "@Asynchronous, or it is finished for you when it returns");
        }
        if (Trace.on) Trace.step(traceId(), METHOD_DEPTH, "RequestHandler.finish", statusCode + " " + getClass().getSimpleName());
        if (!headersWritten) {
            // The whole body is in the buffer: we can hash it for an ETag, and answer 304 Not
            // Modified if the client already has exactly this body.
            String method = request.method();
            if (statusCode == 200 && (method.equals("GET") || method.equals("HEAD"))
                    && !headers.contains("Etag")) {
                String etag = computeEtag();
                if (etag != null) {
                    setHeader("Etag", etag);
                    if (checkEtagHeader()) {
                        writeBuffer.clear();
                        setStatus(304);
                    }
                }
            }
            if (!ResponseHead.bodyAllowed(statusCode)) {
                if (!writeBuffer.isEmpty() && joinBuffer().length > 0) {
                    throw new IllegalStateException("a " + statusCode + " response cannot have a body");
                }
                clearHeadersFor304();
            } else if (!headers.contains("Content-Length")) {
                // By index, as computeEtag does: the iterator of a for-each here was not
                // optimised away, an object per request for each loop (PerRequest hello).
                // (A Content-Length the handler set is held to the body by flush.)
                long length = 0;
                for (int i = 0; i < writeBuffer.size(); i++) length += writeBuffer.get(i).length;
                setHeader("Content-Length", length);
            }
        }
        // The response is complete: the client leaving now is no longer our business.
        if (request.connection() != null) request.connection().setCloseCallback(null);
        flush(true, null);
        request.finish();
        application.logRequest(this);
        finished = true;
        onFinish();
    }
    // end::finish[]

    /** True once {@link #finish} has run: nothing more can be written. */
    public boolean isFinished() {
        return finished;
    }

    // 304 answers carry no entity headers (RFC 9110 §15.4.5): the client keeps those of its copy.
    @Mirrors("web.RequestHandler._clear_headers_for_304")
    private void clearHeadersFor304() {
        for (String h : List.of("Allow", "Content-Encoding", "Content-Language", "Content-Length",
                "Content-MD5", "Content-Range", "Content-Type", "Last-Modified")) {
            headers.remove(h);
        }
    }

    /**
     * The ETag of the buffered body: a SHA-1 of its bytes, quoted. Override to use a cheaper
     * version stamp, or return null for no ETag.
     */
    @Mirrors("web.RequestHandler.compute_etag")
    protected String computeEtag() {
        // Take the spare digest, or make one if a response on another thread holds it (a second
        // loop, or chapter 7's virtual threads on another carrier).
        MessageDigest sha1 = SPARE_SHA1.getAndSet(null);
        if (sha1 == null) sha1 = newSha1();
        for (int i = 0; i < writeBuffer.size(); i++) sha1.update(writeBuffer.get(i));
        // digest() also resets it, ready for the next response.
        String etag = '"' + HexFormat.of().formatHex(sha1.digest()) + '"';
        SPARE_SHA1.set(sha1);
        return etag;
    }

    /**
     * One SHA-1 kept for the next response: looking the algorithm up among the JDK's providers
     * for every response took 3.5 % of the server's Java samples for hello (JFR,
     * {@code bench/profile hello}). It is one spare for the process, not one per thread: chapter
     * 7's connection runs each connection's requests on a virtual thread of its own, where one
     * per thread meant a lookup for every connection and about 600 bytes held by each idle one.
     */
    private static final AtomicReference<MessageDigest> SPARE_SHA1 = new AtomicReference<>();

    private static MessageDigest newSha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JDK", e);
        }
    }

    // tag::check-etag[]
    /**
     * True when the request's {@code If-None-Match} names the ETag we are about to send, so the
     * client's copy is current. Tornado 2.4 looked for the ETag as a substring of the header;
     * this is Tornado 4's reading: a comma-separated list, {@code *} for "any", and a weak
     * {@code W/"…"} tag compared by its value (RFC 9110 §13.1.2 uses weak comparison here).
     */
    @Mirrors("web.RequestHandler.check_etag_header 4.0")
    public boolean checkEtagHeader() {
        String etag = headers.get("Etag");
        String inm = request.headers().get("If-None-Match");
        if (etag == null || inm == null) return false;
        String ours = stripWeak(etag);
        for (String candidate : inm.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || stripWeak(c).equals(ours)) return true;
        }
        return false;
    }
    // end::check-etag[]

    private static String stripWeak(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    // tag::redirect[]
    /**
     * Sends a redirect to {@code url}, which may be relative to the request's URL: 302 (Found),
     * or 301 (Moved Permanently) when {@code permanent}, which browsers remember.
     */
    @Mirrors("web.RequestHandler.redirect")
    public void redirect(String url, boolean permanent) {
        redirect(url, permanent, permanent ? 301 : 302);
    }

    @Mirrors("web.RequestHandler.redirect")
    public void redirect(String url) {
        redirect(url, false);
    }

    /** A redirect with a status of your choice among 3xx (303 See Other after a POST, say). */
    @Mirrors("web.RequestHandler.redirect")
    public void redirect(String url, boolean permanent, int status) {
        if (headersWritten) throw new IllegalStateException("cannot redirect after the headers have been sent");
        if (status < 300 || status > 399) throw new IllegalArgumentException("a redirect needs a 3xx status, got " + status);
        setStatus(status);
        // Whitespace and control characters have no business in a URL; Tornado strips them, which
        // also keeps a user-supplied "next" URL from splitting the Location header.
        String clean = URL_JUNK.matcher(url).replaceAll("");
        // Resolved as a browser resolves a link (RFC 3986 §5.2) and written in ASCII; Locations
        // says how that differs from Tornado and why. The base is the target's path and query:
        // an absolute-form target (GET http://host/a) would lend a relative URL its scheme and
        // host as if they were part of the path.
        String base = request.query().isEmpty() ? request.path() : request.path() + "?" + request.query();
        setHeader("Location", Locations.asciiOnly(Locations.resolve(base, clean)));
        finish();
    }
    // end::redirect[]

    // ================================================================== errors

    /** Sends an error page with this status, replacing whatever was buffered. */
    @Mirrors("web.RequestHandler.send_error")
    public void sendError(int status) {
        sendError(status, null);
    }

    // tag::send-error[]
    /**
     * Sends the error page for {@code status}, built by {@link #writeError}. What was buffered is
     * thrown away, since it belonged to the page that failed. If the headers are already out
     * (the handler flushed), a different page cannot be sent any more: the response is ended as
     * it stands.
     */
    @Mirrors("web.RequestHandler.send_error")
    public void sendError(int status, Throwable cause) {
        if (status < 200) {
            // An interim status (an HTTPError(100), say) cannot be an error page: the client
            // would wait for an answer after it. Tornado 6 answers 500 too.
            appLog.severe("Interim status " + status + " given as an error; answering 500: " + requestSummary());
            status = 500;
        }
        if (headersWritten) {
            appLog.severe("Cannot send error response after headers written: " + requestSummary());
            if (!finished) {
                try {
                    finish();
                } catch (RuntimeException e) {
                    appLog.log(Level.SEVERE, "Failed to flush partial response", e);
                }
            }
            return;
        }
        clear();
        String reasonPhrase = cause instanceof HTTPError he ? he.reason() : null;
        if (reasonPhrase == null && Responses.responses(status) == null) reasonPhrase = "Unknown";
        setStatus(status, reasonPhrase);
        // RFC 9110 §15.5.6: a 405 says which methods would have worked.
        if (status == 405) setHeader("Allow", HandlerMethods.of(getClass()).allow(supportedMethods()));
        // 1xx, 204 and 304 answers never carry a body (RFC 9110 §15.3.5, §15.4.5), so
        // `throw new HTTPError(304)` from a handler that checked its own validators is simply a
        // bodiless 304, not an error page that finish() would have to refuse.
        if (ResponseHead.bodyAllowed(status)) {
            try {
                writeError(status, cause);
            } catch (RuntimeException e) {
                appLog.log(Level.SEVERE, "Uncaught exception in writeError", e);
            }
        }
        if (!finished) finish();
    }
    // end::send-error[]

    // tag::write-error[]
    /**
     * Writes the error page; override for pages of your own. The default is a small HTML page
     * ("404: Not Found"). With the {@code debug} setting and an exception that was not an
     * {@link HTTPError}, it is the stack trace as plain text instead: what a developer wants to
     * see and what nobody else should, which is why the setting is off by default. (Tornado
     * shows a trace for an {@code HTTPError} too; ours carry no stack, see {@link HTTPError}.)
     */
    @Mirrors("web.RequestHandler.write_error")
    protected void writeError(int status, Throwable cause) {
        if (settings().debug() && cause != null && !(cause instanceof HTTPError)) {
            setHeader("Content-Type", "text/plain; charset=UTF-8");
            StringWriter trace = new StringWriter();
            cause.printStackTrace(new PrintWriter(trace));
            finish(trace.toString());
            return;
        }
        String phrase = Escape.xhtmlEscape(reason != null ? reason : Responses.responses(status));
        finish("<html><title>" + status + ": " + phrase + "</title>"
                + "<body>" + status + ": " + phrase + "</body></html>");
    }
    // end::write-error[]

    // tag::handle-request-exception[]
    /**
     * Turns an exception into a response. An {@link HTTPError} is an answer the handler chose:
     * its log message is logged as a warning and its status sent. Anything else is a bug: it is
     * logged with its stack trace and the request, and the client gets a 500.
     */
    @Mirrors("web.RequestHandler._handle_request_exception")
    void handleRequestException(Throwable e) {
        if (finished) {
            // Nothing can be sent any more; the log is all we have.
            appLog.log(Level.SEVERE, "Exception after the response was finished: " + requestSummary(), e);
            return;
        }
        if (e instanceof HTTPError he) {
            String message = he.logMessage();
            if (message != null) genLog.warning(he.statusCode() + " " + requestSummary() + ": " + message);
            if (he.reason() == null && Responses.responses(he.statusCode()) == null) {
                appLog.severe("Bad HTTP status code: " + he.statusCode());
                sendError(500, e);
            } else {
                sendError(he.statusCode(), e);
            }
        } else {
            appLog.log(Level.SEVERE, "Uncaught exception " + requestSummary() + "\n" + request, e);
            sendError(500, e);
        }
    }
    // end::handle-request-exception[]

    // tag::async-callback[]
    /**
     * Wraps a callback of an {@link Asynchronous} method so that an exception it throws reaches
     * this handler's error page, instead of the IOLoop's log (where the client would be left
     * waiting). In Tornado 2.4 {@code stack_context} does this for every callback without being
     * asked, and {@code async_callback} survives only as an obsolete alias; Java has no
     * {@code stack_context}, so here the wrapping is explicit.
     */
    @Mirrors("web.RequestHandler.async_callback")
    public Runnable asyncCallback(Runnable callback) {
        return () -> {
            try {
                callback.run();
            } catch (RuntimeException | Error e) {
                if (CallbackBoundary.isVmFailure(e)) throw e;
                handleRequestException(e);
            }
        };
    }
    // end::async-callback[]

    // ================================================================== input: arguments

    // tag::get-argument[]
    /**
     * The last value of the query or form argument {@code name}, stripped of surrounding
     * whitespace. The argument is required: if it is missing the request is answered 400 Bad
     * Request, with the argument's name in the reason phrase.
     */
    @Mirrors("web.RequestHandler.get_argument")
    public String getArgument(String name) {
        return lastArgument(getArguments(name), name, true, null);
    }
    // end::get-argument[]

    /** As {@link #getArgument(String)}, with {@code otherwise} (which may be null) when it is missing. */
    @Mirrors("web.RequestHandler.get_argument")
    public String getArgument(String name, String otherwise) {
        return lastArgument(getArguments(name), name, false, otherwise);
    }

    /** Every value of the argument {@code name} from the query and the form body; empty if none. */
    @Mirrors("web.RequestHandler.get_arguments")
    public List<String> getArguments(String name) {
        return cleanArguments(request.arguments().get(name));
    }

    /** The last value of {@code name} from the query string only (a form field of that name is ignored). */
    @Mirrors("web.RequestHandler.get_query_argument 3.2")
    public String getQueryArgument(String name) {
        return lastArgument(getQueryArguments(name), name, true, null);
    }

    @Mirrors("web.RequestHandler.get_query_argument 3.2")
    public String getQueryArgument(String name, String otherwise) {
        return lastArgument(getQueryArguments(name), name, false, otherwise);
    }

    @Mirrors("web.RequestHandler.get_query_arguments 3.2")
    public List<String> getQueryArguments(String name) {
        return cleanArguments(request.queryArguments().get(name));
    }

    /** The last value of {@code name} from the form body only (urlencoded or multipart). */
    @Mirrors("web.RequestHandler.get_body_argument 3.2")
    public String getBodyArgument(String name) {
        return lastArgument(getBodyArguments(name), name, true, null);
    }

    @Mirrors("web.RequestHandler.get_body_argument 3.2")
    public String getBodyArgument(String name, String otherwise) {
        return lastArgument(getBodyArguments(name), name, false, otherwise);
    }

    @Mirrors("web.RequestHandler.get_body_arguments 3.2")
    public List<String> getBodyArguments(String name) {
        return cleanArguments(request.bodyArguments().get(name));
    }

    /**
     * The one body behind the six single-value getters, Tornado 3.2's {@code _get_argument}: the
     * last of {@code values}; if there is none, a 400 for a {@code required} argument, else
     * {@code otherwise}. (Tornado marks "required" with a sentinel default, {@code _ARG_DEFAULT};
     * Java's overloads say it instead.)
     */
    @Mirrors("web.RequestHandler._get_argument 3.2")
    private static String lastArgument(List<String> values, String name, boolean required, String otherwise) {
        if (!values.isEmpty()) return values.get(values.size() - 1);
        if (required) throw new MissingArgumentError(name);
        return otherwise;
    }

    // Tornado replaces control characters (other than tab, LF, VT, FF, CR) with spaces and strips
    // each value: an argument is text meant for a page or a database, and stray NULs and escape
    // codes in it only ever cause trouble there.
    private static List<String> cleanArguments(List<String> raw) {
        if (raw == null || raw.isEmpty()) return List.of();
        List<String> out = new ArrayList<>(raw.size());
        for (String v : raw) out.add(ARGUMENT_CONTROLS.matcher(v).replaceAll(" ").strip());
        return out;
    }

    // ================================================================== input: cookies

    /** The request's cookies, name to value; Tornado's {@code self.cookies}. */
    @Mirrors("web.RequestHandler.cookies")
    public Map<String, String> cookies() {
        return request.cookies();
    }

    /** The value of the request's cookie {@code name}, or null. */
    @Mirrors("web.RequestHandler.get_cookie")
    public String getCookie(String name) {
        return getCookie(name, null);
    }

    @Mirrors("web.RequestHandler.get_cookie")
    public String getCookie(String name, String otherwise) {
        String v = request.cookies().get(name);
        return v == null ? otherwise : v;
    }

    /** Sets a cookie for the whole site ({@code Path=/}), kept until the browser closes. */
    @Mirrors("web.RequestHandler.set_cookie")
    public void setCookie(String name, String value) {
        setCookie(name, value, new CookieOptions());
    }

    // tag::set-cookie[]
    /**
     * Sets a cookie with the given attributes: {@link CookieOptions#setCookieValue} writes the
     * header's text and refuses a name, value or attribute that could break out of it. The
     * cookies wait here until the headers go out, one {@code Set-Cookie} line each; setting the
     * same name twice keeps only the second.
     */
    @Mirrors("web.RequestHandler.set_cookie")
    public void setCookie(String name, String value, CookieOptions options) {
        if (newCookies == null) newCookies = new LinkedHashMap<>();
        newCookies.put(name, options.setCookieValue(name, value, Instant.now()));
    }
    // end::set-cookie[]

    /** Tells the browser to forget the cookie {@code name} (site-wide path). */
    @Mirrors("web.RequestHandler.clear_cookie")
    public void clearCookie(String name) {
        clearCookie(name, "/", null);
    }

    /**
     * Tells the browser to forget a cookie, by setting it empty with an expiry in the past. The
     * path and domain must be those it was set with, or the browser treats it as another cookie.
     */
    @Mirrors("web.RequestHandler.clear_cookie")
    public void clearCookie(String name, String path, String domain) {
        setCookie(name, "", new CookieOptions().path(path).domain(domain)
                .expires(Instant.now().minus(Duration.ofDays(365))).maxAge(Duration.ZERO));
    }

    /** Clears every cookie the request carried. */
    @Mirrors("web.RequestHandler.clear_all_cookies")
    public void clearAllCookies() {
        for (String name : request.cookies().keySet()) clearCookie(name);
    }

    // ================================================================== signed cookies

    /** Signs and timestamps {@code value} and sets it as a cookie that lasts 30 days. */
    @Mirrors("web.RequestHandler.set_secure_cookie")
    public void setSecureCookie(String name, String value) {
        setSecureCookie(name, value, new CookieOptions().expiresDays(30));
    }

    // tag::secure-cookie[]
    /**
     * Sets a cookie the browser can read but not forge: the value is signed with the
     * {@code cookieSecret} setting (see {@link SignedValues} for the format). Note that the
     * browser can read it: signing is not encryption.
     */
    @Mirrors("web.RequestHandler.set_secure_cookie")
    public void setSecureCookie(String name, String value, CookieOptions options) {
        setCookie(name, createSignedValue(name, value), options);
    }

    /** The signed value as {@link #setSecureCookie} would set it, for use outside a cookie. */
    @Mirrors("web.RequestHandler.create_signed_value")
    public String createSignedValue(String name, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        Settings s = settings();
        if (s.cookieSecrets() != null) return SignedValues.create(s.cookieSecrets(), s.keyVersion(), name, bytes, now);
        return SignedValues.create(requireSetting(s.cookieSecret(), "cookieSecret", "secure cookies"), name, bytes, now);
    }

    /**
     * The value of a cookie set with {@link #setSecureCookie}, if its signature checks and it was
     * signed at most 31 days ago; null otherwise: a missing, forged, tampered or expired cookie
     * all read as absent.
     */
    @Mirrors("web.RequestHandler.get_secure_cookie")
    public String getSecureCookie(String name) {
        return getSecureCookie(name, 31);
    }

    /** As {@link #getSecureCookie(String)}, accepting signatures at most {@code maxAgeDays} old. */
    @Mirrors("web.RequestHandler.get_secure_cookie")
    public String getSecureCookie(String name, double maxAgeDays) {
        long now = Instant.now().getEpochSecond();
        Settings s = settings();
        byte[] value = s.cookieSecrets() != null
                ? SignedValues.decode(s.cookieSecrets(), name, getCookie(name), maxAgeDays, now)
                : SignedValues.decode(requireSetting(s.cookieSecret(), "cookieSecret", "secure cookies"),
                        name, getCookie(name), maxAgeDays, now);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
    // end::secure-cookie[]

    /** The key version the cookie {@code name} was signed with, or null (none, or not a version 2 value). */
    @Mirrors("web.RequestHandler.get_secure_cookie_key_version 4.5")
    public Integer getSecureCookieKeyVersion(String name) {
        return SignedValues.keyVersion(getCookie(name));
    }

    @Mirrors("web.RequestHandler.require_setting")
    private static <T> T requireSetting(T value, String name, String feature) {
        if (value == null || (value instanceof String s && s.isEmpty())) {
            throw new IllegalStateException("You must define the '" + name + "' setting in your application to use "
                    + feature);
        }
        return value;
    }

    // ================================================================== xsrf

    // tag::xsrf[]
    /**
     * This client's anti-forgery token: the {@code _xsrf} cookie's value, or a new random token
     * (which is then set as that cookie). A page puts it into each form it serves
     * ({@link #xsrfFormHtml}); another site cannot read our cookie, so it cannot put the right
     * token into a form it forges, and {@link #checkXsrfCookie} refuses the forgery.
     */
    @Mirrors("web.RequestHandler.xsrf_token")
    public String xsrfToken() {
        if (xsrfToken == null) {
            String token = getCookie("_xsrf");
            if (token == null || token.isEmpty()) {
                byte[] random = new byte[16];
                RANDOM.nextBytes(random);
                token = HexFormat.of().formatHex(random);
                setCookie("_xsrf", token);
            }
            xsrfToken = token;
        }
        return xsrfToken;
    }

    /**
     * Refuses (403) a request whose {@code _xsrf} form field, or {@code X-XSRFToken} or
     * {@code X-CSRFToken} header (for scripts; the second is Django's name), does not match the
     * {@code _xsrf} cookie. Called by {@code _execute} for every POST, PUT, PATCH and DELETE when
     * the {@code xsrfCookies} setting is on.
     */
    @Mirrors("web.RequestHandler.check_xsrf_cookie")
    public void checkXsrfCookie() {
        String token = getArgument("_xsrf", null);
        if (token == null) token = request.headers().get("X-Xsrftoken");
        if (token == null) token = request.headers().get("X-Csrftoken");
        if (token == null || token.isEmpty()) {
            throw new HTTPError(403, "'_xsrf' argument missing from %s", request.method());
        }
        String expected = getCookie("_xsrf");
        if (expected == null || expected.isEmpty()
                || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            throw new HTTPError(403, "XSRF cookie does not match %s argument", request.method());
        }
    }

    /** {@code <input type="hidden" name="_xsrf" value="…"/>}, for every form that posts back to us. */
    @Mirrors("web.RequestHandler.xsrf_form_html")
    public String xsrfFormHtml() {
        return "<input type=\"hidden\" name=\"_xsrf\" value=\"" + Escape.xhtmlEscape(xsrfToken()) + "\"/>";
    }
    // end::xsrf[]

    // ================================================================== the rest

    /** {@link Application#reverseUrl}, for a handler building links to other pages. */
    @Mirrors("web.RequestHandler.reverse_url")
    public String reverseUrl(String name, Object... args) {
        return application.reverseUrl(name, args);
    }

    /** {@code GET /path (127.0.0.1)}: how a request is named in the logs. */
    @Mirrors("web.RequestHandler._request_summary")
    public String requestSummary() {
        return request.method() + " " + request.uri() + " (" + request.remoteIp() + ")";
    }

    /** This connection's number in the trace. Call only behind {@code if (Trace.on)}. */
    final int traceId() {
        if (traceConn < 0) traceConn = request.connection() == null ? 0 : request.connection().stream().traceId();
        return traceConn;
    }
}
