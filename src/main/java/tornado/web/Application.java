package tornado.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tornado.escape.Escape;
import tornado.httpserver.HTTPRequest;
import tornado.httpserver.HTTPServer;
import tornado.httpserver.RequestCallback;
import tornado.ioloop.IOLoop;
import tornado.trace.Mirrors;
import tornado.trace.Trace;

/**
 * A web application: a routing table from (host, path) to handler classes, and the settings its
 * handlers share. Mirrors web.py's {@code Application}.
 *
 * <p>It is the request callback of chapter 4's {@link HTTPServer}: the server calls
 * {@link #handle} (Tornado's {@code __call__}) once per request, and that is where chapter 5
 * begins. Tornado's Hello world, in Java:
 * <pre>
 *   public static class MainHandler extends RequestHandler {
 *       &#64;Override public void get(String... args) { write("Hello, world"); }
 *   }
 *
 *   Application application = new Application(List.of(url("/", MainHandler.class)));
 *   application.listen(8888);
 *   IOLoop.instance().start();
 * </pre>
 *
 * <p>Reading order: the constructor and {@link #addHandlers} build the table (Tornado's
 * {@code add_handlers}); {@link #handle} dispatches a request through it (Tornado's
 * {@code __call__}) and hands over to {@link RequestHandler}'s {@code _execute}.
 */
@Mirrors("web.Application")
public class Application implements RequestCallback {
    /**
     * The trace depth of {@code Application.__call__}: one below chapter 4's
     * {@code request_callback}, which calls it. The handler's steps go deeper from here.
     */
    static final int DEPTH = Trace.NESTED;

    private static final Logger accessLog = Logger.getLogger("tornado.access");
    /** The arguments of a route without groups, shared: an empty array has nothing to change. */
    static final String[] NO_ARGS = new String[0];

    /** One host pattern and its specs, in the order added: Tornado's {@code (regex, handlers)} pairs. */
    private record HostHandlers(Pattern host, List<URLSpec> specs) {
        /**
         * Whether this entry's pattern matches {@code name}. The catch-all {@code .*$} that
         * every application has matches any name without a line break, so a name of printable
         * ASCII (every Host a client can send: RequestTarget.checkHost) is answered without
         * running the regex, whose Matcher and its arrays were made for every request (see
         * Dispatch.route for what these savings measured). Any other name goes to the regex.
         */
        boolean matches(String name) {
            if (catchAll() && isPrintableAscii(name)) return true;
            return host.matcher(name).matches();
        }

        /** Whether this is the catch-all pattern, {@code .*$}. */
        boolean catchAll() {
            return host.pattern().equals(".*$");
        }

        static boolean isPrintableAscii(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x20 || c > 0x7e) return false;
            }
            return true;
        }
    }

    private final List<HostHandlers> handlers = new ArrayList<>();
    private final Map<String, URLSpec> namedHandlers = new HashMap<>();
    private final String defaultHost;
    private final Settings settings;
    private final List<Function<HTTPRequest, OutputTransform>> transforms = new ArrayList<>();

    /** An application with these handlers for every host, and default settings. */
    public Application(List<URLSpec> handlers) {
        this(handlers, "", new Settings());
    }

    /** An application with these handlers for every host. */
    public Application(List<URLSpec> handlers, Settings settings) {
        this(handlers, "", settings);
    }

    // tag::constructor[]
    /**
     * An application with {@code handlers} for every host ({@code .*$}), {@code defaultHost} for
     * requests whose host no pattern matches, and {@code settings}. With the {@code staticPath}
     * setting, three routes to a {@link StaticFileHandler} go in front of the others:
     * {@code /static/(.*)}, {@code /(favicon\.ico)} and {@code /(robots\.txt)}.
     */
    @Mirrors("web.Application.__init__")
    public Application(List<URLSpec> handlers, String defaultHost, Settings settings) {
        this.defaultHost = defaultHost == null ? "" : defaultHost;
        this.settings = settings == null ? new Settings() : settings;
        // Tornado 2.4 also adds gzip here when settings ask for it; this port has no gzip.
        transforms.add(ChunkedTransferEncoding::new);
        List<URLSpec> all = new ArrayList<>(handlers == null ? List.of() : handlers);
        if (this.settings.staticPath() != null) {
            Map<String, Object> args = new LinkedHashMap<>(this.settings.staticHandlerArgs());
            args.put("path", this.settings.staticPath());
            for (String pattern : List.of(regexEscape(this.settings.staticUrlPrefix()) + "(.*)",
                    "/(favicon\\.ico)", "/(robots\\.txt)")) {
                all.add(0, URLSpec.url(pattern, StaticFileHandler.class, args));
            }
        }
        if (!all.isEmpty()) addHandlers(".*$", all);
    }
    // end::constructor[]

    // tag::add-handlers[]
    /**
     * Adds the specs for the hosts {@code hostPattern} matches (a regular expression over the
     * host name without its port: {@code "www\\.example\\.com"}). Host patterns are tried in the
     * order they were added and only the first that matches is used, so all of one host's specs
     * must come in one call, with one exception, exactly as in Tornado 2.4: the catch-all
     * {@code .*$} that the constructor adds stays last, and later host patterns go in front of
     * it, so that a specific host is not hidden behind "every host".
     */
    @Mirrors("web.Application.add_handlers")
    public void addHandlers(String hostPattern, List<URLSpec> hostHandlers) {
        if (!hostPattern.endsWith("$")) hostPattern += "$";
        List<URLSpec> specs = new ArrayList<>();
        HostHandlers entry = new HostHandlers(Pattern.compile(hostPattern), specs);
        if (!handlers.isEmpty() && handlers.get(handlers.size() - 1).host().pattern().equals(".*$")) {
            handlers.add(handlers.size() - 1, entry);
        } else {
            handlers.add(entry);
        }
        for (URLSpec spec : hostHandlers) {
            specs.add(spec);
            if (spec.name() != null) {
                if (namedHandlers.containsKey(spec.name())) {
                    Logger.getLogger("tornado.application").warning(
                            "Multiple handlers named " + spec.name() + "; replacing previous value");
                }
                namedHandlers.put(spec.name(), spec);
            }
        }
    }
    // end::add-handlers[]

    /** Adds a transform; each request gets a fresh instance made by {@code factory}. */
    @Mirrors("web.Application.add_transform")
    public void addTransform(Function<HTTPRequest, OutputTransform> factory) {
        transforms.add(factory);
    }

    // tag::listen[]
    /**
     * Serves this application on {@code port} (every interface): a shortcut for
     * {@code new HTTPServer(application, IOLoop.current()).listen(port)}. As in Tornado, someone
     * must still start the loop. Returns the server, so that it can be stopped (Tornado 4.3 does
     * the same).
     */
    @Mirrors("web.Application.listen")
    public HTTPServer listen(int port) throws IOException {
        return listen(port, null);
    }

    /** As {@link #listen(int)}, on {@code address} only ({@code "127.0.0.1"}, say). */
    @Mirrors("web.Application.listen")
    public HTTPServer listen(int port, String address) throws IOException {
        return listen(port, address, IOLoop.current());
    }

    /** As {@link #listen(int, String)}, serving from {@code loop}. */
    @Mirrors("web.Application.listen")
    public HTTPServer listen(int port, String address, IOLoop loop) throws IOException {
        HTTPServer server = new HTTPServer(this, loop);
        server.listen(port, address);
        return server;
    }
    // end::listen[]

    // tag::get-host-handlers[]
    /**
     * The specs for the request's host: the first host pattern that matches it. A request for an
     * unknown host falls back to the default host's specs, unless it came through a load
     * balancer (which sets {@code X-Real-Ip}): there an unknown host means a misrouted request,
     * not a developer typing {@code localhost}. Null when nothing applies.
     */
    @Mirrors("web.Application._get_host_handlers")
    private List<URLSpec> getHostHandlers(HTTPRequest request) {
        // The host as the patterns see it, without its port and in lower case, is made only for
        // a pattern that needs it. The catch-all matches any name of printable ASCII, and a Host
        // header of printable ASCII can only give such a name (a part of it, lower-cased), so
        // the header itself can be asked first; any other header goes the long way. For hello,
        // whose only pattern is the catch-all, that is a String and its array fewer per request
        // (PerRequest hello: 1,832 to 1,776 bytes).
        String raw = request.host();
        String host = null;
        for (HostHandlers h : handlers) {
            if (h.catchAll() && HostHandlers.isPrintableAscii(raw)) return h.specs();
            if (host == null) host = hostWithoutPort(raw).toLowerCase(Locale.ROOT);
            if (h.matches(host)) return h.specs();
        }
        if (!request.headers().contains("X-Real-Ip")) {
            for (HostHandlers h : handlers) {
                if (h.matches(defaultHost)) return h.specs();
            }
        }
        return null;
    }
    // end::get-host-handlers[]

    // "example.com:8080" → "example.com"; "[::1]:8080" → "[::1]". Tornado 2.4 cut at the first
    // colon, which breaks IPv6 literals; Tornado 4.1's split_host_and_port does this.
    private static String hostWithoutPort(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? host : host.substring(0, close + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    // tag::call[]
    /**
     * Serves one request: chapter 4's connection calls this with each request it has read. Find
     * the specs for the host (or redirect to the default host), take the first spec whose pattern
     * matches the whole path (or answer 404), make its handler, and run it. The path's groups are
     * URL-decoded and become the handler's arguments.
     */
    @Override
    @Mirrors("web.Application.__call__")
    public void handle(HTTPRequest request) {
        handle(dispatch(request));
    }

    /** Executes a routed request: {@link #handle}'s second half (see {@link Dispatch}). */
    @Mirrors("web._HandlerDelegate.execute 4.5")
    public void handle(Dispatch dispatch) {
        if (Trace.on) Trace.step(dispatch.handler().traceId(), DEPTH, "Application.__call__", dispatch.route());
        dispatch.execute().run();
    }

    /**
     * The two halves of {@link #handle}: a request routed to its handler (made and initialized),
     * and {@link #handle(Dispatch)} to execute it; {@code route} says how it was routed, for the trace. Chapter 4's connection needs only the whole; chapter 7's
     * coroutine connection routes a request as soon as its headers are in, so that a handler
     * which streams its body (Tornado 4's {@code stream_request_body}) can receive the body, and
     * runs it when the message is complete (Tornado 4.5's {@code _HandlerDelegate} has the same
     * two halves, {@code headers_received} and {@code execute}). {@code matched} is the pattern
     * that matched, or why none did.
     */
    public record Dispatch(RequestHandler handler, String matched, Runnable execute) {
        /**
         * How the request was routed, for the trace: {@code GET / → /$ → MainHandler}. Made
         * only when asked for: it used to be built for every request, trace on or off. (This,
         * the catch-all host below, HandlerMethods.isAsynchronous and HTTPHeaders.where took
         * hello's allocation from 5,040 to 4,460 bytes per request; bench/README.adoc, "Per
         * request".)
         */
        public String route() {
            HTTPRequest request = handler.request();
            return request.method() + " " + request.path() + " → " + matched + " → " + handler.getClass().getSimpleName();
        }
    }

    /** Routes {@code request}: {@link #handle}'s first half (see {@link Dispatch}). */
    @Mirrors("web._HandlerDelegate 4.5")
    public Dispatch dispatch(HTTPRequest request) {
        List<OutputTransform> perRequest = new ArrayList<>(transforms.size());
        for (Function<HTTPRequest, OutputTransform> t : transforms) perRequest.add(t.apply(request));
        RequestHandler handler = null;
        String[] args = NO_ARGS;
        Map<String, String> kwargs = Map.of();
        String matched = null;
        List<URLSpec> specs = getHostHandlers(request);
        if (specs == null) {
            handler = makeHandler(new RedirectHandler(), request, Map.of("url", "http://" + defaultHost + "/"));
            matched = "no host pattern matches " + request.host();
        } else {
            for (URLSpec spec : specs) {
                // A pattern of plain text ("/", "/echo") is matched by comparing strings (see
                // URLSpec.literal); any other by its regex.
                Matcher match = spec.literal() == null ? spec.regex().matcher(request.path()) : null;
                if (match == null ? spec.literal().equals(request.path()) : match.matches()) {
                    // Tornado makes the handler before decoding the groups, so initialize() runs
                    // first; we keep that order.
                    handler = makeHandler(spec.newHandler(), request, spec.kwargs());
                    if (spec.groupCount() > 0) {
                        // Named groups arrive both by name (Python's **kwargs) and in pattern
                        // order (Java's varargs); positional groups only in order.
                        args = new String[spec.groupCount()];
                        for (int i = 0; i < args.length; i++) args[i] = unquote(match.group(i + 1));
                        if (!spec.groupNames().isEmpty()) {
                            Map<String, String> named = new LinkedHashMap<>();
                            for (String name : spec.groupNames()) named.put(name, unquote(match.group(name)));
                            kwargs = named;
                        }
                    }
                    matched = spec.regex().pattern();
                    break;
                }
            }
            if (handler == null) {
                handler = makeHandler(new ErrorHandler(), request, Map.of("status_code", 404));
                matched = "no pattern matches";
            }
        }
        RequestHandler routed = handler;
        String[] routedArgs = args;
        Map<String, String> routedKwargs = kwargs;
        return new Dispatch(handler, matched, () -> routed.execute(perRequest, routedArgs, routedKwargs));
    }
    // end::call[]

    private RequestHandler makeHandler(RequestHandler handler, HTTPRequest request, Map<String, Object> kwargs) {
        handler.init(this, request, kwargs);
        return handler;
    }

    /**
     * A group's text, URL-decoded: {@code %20} is a space and {@code %2F} a slash, but {@code +}
     * stays a plus (it only means a space in a query string). Tornado 2.4 decoded {@code +} as a
     * space here too; Tornado 3.1 fixed it. An optional group that did not match stays null.
     */
    private static String unquote(String s) {
        return s == null ? null : Escape.urlUnescape(s, false);
    }

    // tag::reverse-url[]
    /**
     * The path of the spec named {@code name}, with {@code args} in its groups:
     * {@code reverseUrl("user", 42)} gives {@code /user/42} for {@code url("/user/([0-9]+)", …,
     * "user")}. Links built this way follow the routing table when it changes.
     */
    @Mirrors("web.Application.reverse_url")
    public String reverseUrl(String name, Object... args) {
        URLSpec spec = namedHandlers.get(name);
        if (spec == null) throw new IllegalArgumentException(name + " not found in named urls " + namedHandlers.keySet());
        return spec.reverse(args);
    }
    // end::reverse-url[]

    /**
     * Logs one finished request on the {@code "tornado.access"} logger: {@code 200 GET / (127.0.0.1) 0.42ms},
     * as INFO, WARNING for 4xx and SEVERE for 5xx, or hands the handler to the
     * {@code logFunction} setting instead.
     */
    @Mirrors("web.Application.log_request")
    public void logRequest(RequestHandler handler) {
        if (settings.logFunction() != null) {
            settings.logFunction().accept(handler);
            return;
        }
        int status = handler.getStatus();
        Level level = status < 400 ? Level.INFO : status < 500 ? Level.WARNING : Level.SEVERE;
        if (accessLog.isLoggable(level)) {
            accessLog.log(level, String.format(Locale.ROOT, "%d %s %.2fms", status, handler.requestSummary(),
                    1000.0 * handler.request().requestTime()));
        }
    }

    public Settings settings() {
        return settings;
    }

    public String defaultHost() {
        return defaultHost;
    }

    // Python's re.escape: a backslash before every character that could mean something in a
    // pattern. (Pattern.quote's \Q…\E would do for matching, but URLSpec.reverse can unescape
    // only backslashes.)
    private static String regexEscape(String literal) {
        StringBuilder b = new StringBuilder(literal.length() + 8);
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if ("\\.[]{}()*+?^$|".indexOf(c) >= 0) b.append('\\');
            b.append(c);
        }
        return b.toString();
    }
}
