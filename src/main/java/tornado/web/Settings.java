package tornado.web;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import tornado.trace.Mirrors;

/**
 * An application's settings: Tornado's {@code Application(handlers, **settings)} keyword
 * arguments, which every handler reads as {@code self.settings}. Mirrors the {@code settings}
 * dictionary of web.py's {@code Application}.
 *
 * <p><b>Why a small typed object and not a {@code Map<String, Object>}.</b> In Tornado the
 * settings are a free-form dict, and a misspelt key ({@code xsrf_cookie} for
 * {@code xsrf_cookies}) is silently ignored: the application runs without the protection its
 * author asked for. The settings the framework itself reads are therefore fields here, set with
 * fluent calls that the compiler checks:
 * <pre>
 *   new Settings().debug(true).cookieSecret(secret).xsrfCookies(true)
 * </pre>
 * An application's own settings (Tornado users put database handles and the like in the same
 * dict) go into {@link #set}/{@link #get}, which keep the dict's freedom for what the framework
 * does not read.
 *
 * <p>Settings are read on the loop's thread for every request; set them up before serving, as
 * one would the dict.
 */
@Mirrors("web.Application.settings")
public final class Settings {
    private boolean debug;
    private String cookieSecret;
    private Map<Integer, String> cookieSecrets;
    private int keyVersion;
    private boolean xsrfCookies;
    private Path staticPath;
    private String staticUrlPrefix = "/static/";
    private Map<String, Object> staticHandlerArgs = Map.of();
    private Consumer<RequestHandler> logFunction;
    private final Map<String, Object> extra = new LinkedHashMap<>();

    /** Settings with Tornado's defaults: everything off, static files under {@code /static/}. */
    public Settings() {}

    /**
     * {@code debug}: error pages show the stack trace of an uncaught exception. Off by default, and
     * it must stay off in production, where a stack trace tells an attacker far too much. (In
     * Tornado it also turns on autoreload and template reloading, which this port does not have.)
     */
    public Settings debug(boolean on) {
        this.debug = on;
        return this;
    }

    public boolean debug() {
        return debug;
    }

    /**
     * {@code cookie_secret}: the HMAC key for signed cookies ({@code setSecureCookie}). It should be
     * long and random; anyone who knows it can forge any signed cookie.
     */
    public Settings cookieSecret(String secret) {
        this.cookieSecret = secret;
        return this;
    }

    public String cookieSecret() {
        return cookieSecret;
    }

    /**
     * {@code cookie_secret} as a dict and {@code key_version} (Tornado 4.2): several secrets by
     * key version, new cookies signed with {@code keyVersion}'s, cookies signed with any of them
     * still read. How a secret is changed without logging everyone out: add the new one under a
     * new key version, sign with it, and drop the old one once its cookies have expired.
     * Replaces a single {@link #cookieSecret(String)}.
     */
    public Settings cookieSecrets(Map<Integer, String> secrets, int keyVersion) {
        if (!secrets.containsKey(keyVersion)) {
            throw new IllegalArgumentException("key version " + keyVersion + " has no secret among " + secrets.keySet());
        }
        this.cookieSecrets = Map.copyOf(secrets);
        this.keyVersion = keyVersion;
        this.cookieSecret = null;
        return this;
    }

    /** The secrets by key version, or null when one {@link #cookieSecret()} is used. */
    public Map<Integer, String> cookieSecrets() {
        return cookieSecrets;
    }

    /** The key version new signed values are made with (with {@link #cookieSecrets}). */
    public int keyVersion() {
        return keyVersion;
    }

    /**
     * {@code xsrf_cookies}: every POST, PUT, PATCH and DELETE must carry the {@code _xsrf} token,
     * as a form field or an {@code X-XSRFToken} header, or it is refused with 403.
     */
    public Settings xsrfCookies(boolean on) {
        this.xsrfCookies = on;
        return this;
    }

    public boolean xsrfCookies() {
        return xsrfCookies;
    }

    /**
     * {@code static_path}: a directory to serve under {@link #staticUrlPrefix} (and
     * {@code /favicon.ico}, {@code /robots.txt} from the same place), through a
     * {@link StaticFileHandler} the application adds in front of the other handlers.
     */
    public Settings staticPath(Path path) {
        this.staticPath = path;
        return this;
    }

    public Settings staticPath(String path) {
        return staticPath(Path.of(path));
    }

    public Path staticPath() {
        return staticPath;
    }

    /** {@code static_url_prefix}, {@code /static/} unless set. */
    public Settings staticUrlPrefix(String prefix) {
        this.staticUrlPrefix = Objects.requireNonNull(prefix, "prefix");
        return this;
    }

    public String staticUrlPrefix() {
        return staticUrlPrefix;
    }

    /** {@code static_handler_args}: more initialize arguments for the static handler. */
    public Settings staticHandlerArgs(Map<String, ?> args) {
        this.staticHandlerArgs = Map.copyOf(args);
        return this;
    }

    public Map<String, Object> staticHandlerArgs() {
        return staticHandlerArgs;
    }

    /**
     * {@code log_function}: called with each finished handler instead of
     * {@link Application#logRequest}'s access-log line.
     */
    public Settings logFunction(Consumer<RequestHandler> function) {
        this.logFunction = function;
        return this;
    }

    public Consumer<RequestHandler> logFunction() {
        return logFunction;
    }

    /** An application setting the framework does not read itself. */
    public Settings set(String name, Object value) {
        extra.put(name, value);
        return this;
    }

    /** The application setting {@code name}, or null. */
    public Object get(String name) {
        return extra.get(name);
    }
}
