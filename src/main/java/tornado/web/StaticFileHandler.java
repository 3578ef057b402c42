package tornado.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import tornado.httputil.HttpDates;
import tornado.trace.Mirrors;

/**
 * Serves the files under one directory. Mirrors web.py's {@code StaticFileHandler}:
 * <pre>
 *   url("/static/(.*)", StaticFileHandler.class, Map.of("path", "/var/www"))
 * </pre>
 * or the {@code staticPath} setting, which adds that route by itself.
 *
 * <p>What it guarantees, and where:
 * <ul>
 *   <li><b>Nothing outside the root is ever sent</b> ({@link #resolve}). The path from the URL
 *       has already been URL-decoded by the router, so {@code /static/..%2fpom.xml} and
 *       {@code /static/%2e%2e/pom.xml} arrive here as {@code ../pom.xml}, exactly like the plain
 *       {@code /static/../pom.xml}; after normalizing, a path that leaves the root is refused with
 *       403. A symbolic link inside the root that points outside it is caught by resolving the
 *       real path of the file and checking that again.</li>
 *   <li><b>Caching</b>: {@code Last-Modified} and {@code If-Modified-Since}, {@code ETag} and
 *       {@code If-None-Match}, each answered with 304 and no body when the client's copy is
 *       current.</li>
 *   <li><b>Large files in constant memory</b> ({@link #sendNextChunk}): Tornado 2.4 reads the
 *       whole file into memory (and hashes all of it for the ETag) on every request; we send it in
 *       64 KiB pieces, each read only when the socket has taken the one before, as Tornado 4.0
 *       does. The ETag is made from the size and modification time, as nginx makes its own, so the
 *       file is never read just to name it.</li>
 * </ul>
 */
@Mirrors({"web.StaticFileHandler", "web.StaticFileHandler 4.0"})
public class StaticFileHandler extends RequestHandler {
    private static final Logger log = Logger.getLogger("tornado.application");

    /** Ten years: how long a browser may keep a file requested with a version ({@code ?v=…}). */
    @Mirrors("web.StaticFileHandler.CACHE_MAX_AGE")
    public static final long CACHE_MAX_AGE = 86_400L * 365 * 10;

    /** How much of a file is read and sent at a time. */
    static final int CHUNK_SIZE = 64 * 1024;

    private Path root;
    private String defaultFilename;
    private FileChannel file;
    private long remaining;

    /** {@code path}: the root directory (a String or a Path); {@code default_filename}: e.g. "index.html". */
    @Override
    @Mirrors("web.StaticFileHandler.initialize")
    protected void initialize(Map<String, Object> kwargs) {
        Object path = kwargs.get("path");
        if (path instanceof String s) root = Path.of(s);
        else if (path instanceof Path p) root = p;
        else throw new IllegalArgumentException("StaticFileHandler needs a \"path\" argument (the root directory), got " + path);
        root = root.toAbsolutePath().normalize();
        if (kwargs.get("default_filename") instanceof String d) defaultFilename = d;
    }

    @Override
    @Asynchronous
    @Mirrors("web.StaticFileHandler.head")
    public void head(String... args) throws IOException {
        serve(args.length == 0 ? "" : args[0], false);
    }

    @Override
    @Asynchronous
    @Mirrors("web.StaticFileHandler.get")
    public void get(String... args) throws IOException {
        serve(args.length == 0 ? "" : args[0], true);
    }

    // tag::serve[]
    private void serve(String urlPath, boolean includeBody) throws IOException {
        Path abs = resolve(parseUrlPath(urlPath));
        if (Files.isDirectory(abs) && defaultFilename != null) {
            // A directory's index is served at the directory's URL with its slash, so that links
            // inside the page resolve against the directory and not its parent.
            if (!request().path().endsWith("/")) {
                redirect(request().path() + "/");
                return;
            }
            abs = abs.resolve(defaultFilename);
        }
        if (!Files.exists(abs)) throw new HTTPError(404);
        if (!Files.isRegularFile(abs)) throw new HTTPError(403, "%s is not a file", urlPath);
        // The link check: follow every symbolic link, then ask again whether we are inside.
        Path real = abs.toRealPath();
        if (!real.startsWith(root.toRealPath())) {
            throw new HTTPError(403, "%s leads outside the static root through a symbolic link", urlPath);
        }

        BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class);
        // HTTP dates have whole seconds; compare in whole seconds, or a file modified at x.5 s
        // would never count as "not modified since x".
        Instant modified = attrs.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.SECONDS);
        long size = attrs.size();
        setHeader("Last-Modified", modified);
        setHeader("Content-Type", ContentTypes.guess(real));
        long cacheTime = getCacheTime(urlPath, modified);
        if (cacheTime > 0) {
            setHeader("Expires", Instant.now().plusSeconds(cacheTime));
            setHeader("Cache-Control", "max-age=" + cacheTime);
        } else {
            setHeader("Cache-Control", "public");
        }
        setExtraHeaders(urlPath);
        setHeader("Etag", "\"" + Long.toHexString(size) + "-" + Long.toHexString(attrs.lastModifiedTime().toMillis()) + "\"");

        if (notModified(modified)) {
            setStatus(304);
            finish();
            return;
        }
        setHeader("Content-Length", size);
        if (!includeBody || size == 0) {
            finish();
            return;
        }
        file = FileChannel.open(real, StandardOpenOption.READ);
        remaining = size;
        sendNextChunk();
    }
    // end::serve[]

    // tag::resolve[]
    /**
     * The file a URL path names, or 403 if it is not under the root. Normalizing removes every
     * {@code .} and {@code ..}; a path that climbed out (or was absolute to begin with, which
     * {@code resolve} returns unchanged) no longer starts with the root. A path the file system
     * cannot represent (a NUL byte) names no file: 404.
     */
    private Path resolve(String path) {
        Path abs;
        try {
            abs = root.resolve(path).normalize();
        } catch (InvalidPathException e) {
            throw new HTTPError(404, "invalid static path %s", path);
        }
        if (!abs.startsWith(root)) throw new HTTPError(403, "%s is not in root static directory", path);
        return abs;
    }
    // end::resolve[]

    // tag::not-modified[]
    /**
     * True when the client's copy is current. If-None-Match wins over If-Modified-Since when both
     * are sent (RFC 9110 §13.1.3): an ETag is exact, a date only to the second.
     */
    private boolean notModified(Instant modified) {
        if (request().headers().contains("If-None-Match")) return checkEtagHeader();
        String since = request().headers().get("If-Modified-Since");
        if (since == null) return false;
        // A date we cannot read is ignored (RFC 9110 §13.1.3): the client gets the whole file.
        return HttpDates.parseHttpDate(since).map(ifSince -> !ifSince.isBefore(modified)).orElse(false);
    }
    // end::not-modified[]

    // tag::send-chunk[]
    /**
     * Reads the next piece of the file and flushes it; the flush's callback, which runs once the
     * socket has taken the piece, reads the one after. So at most one piece is in memory, and a
     * client that reads slowly slows the reading of the file instead of filling our buffers.
     */
    private void sendNextChunk() {
        try {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK_SIZE, remaining));
            while (buf.hasRemaining()) {
                if (file.read(buf) < 0) break;
            }
            if (buf.position() == 0) {
                // The file shrank while we sent it. We promised a Content-Length we cannot keep;
                // closing the connection is the only way to tell the client the body is short.
                throw new IOException("file ended " + remaining + " bytes early");
            }
            remaining -= buf.position();
            // The buffer was sized to what is left, so it is full unless the file shrank.
            write(buf.hasRemaining() ? Arrays.copyOf(buf.array(), buf.position()) : buf.array());
        } catch (IOException e) {
            log.log(Level.WARNING, "error reading static file for " + requestSummary(), e);
            closeFile();
            if (request().connection() != null) request().connection().close();
            return;
        }
        if (remaining > 0) {
            flush(asyncCallback(this::sendNextChunk));
        } else {
            closeFile();
            finish();
        }
    }
    // end::send-chunk[]

    /** The client went away in the middle of a file: stop, and let go of the file. */
    @Override
    protected void onConnectionClose() {
        closeFile();
    }

    private void closeFile() {
        if (file == null) return;
        try {
            file.close();
        } catch (IOException e) {
            log.log(Level.FINE, "closing static file", e);
        }
        file = null;
    }

    /**
     * How long a browser may cache the file, in seconds: {@link #CACHE_MAX_AGE} when the URL
     * carries a version argument {@code v} (the file's URL changes when it does), else 0.
     */
    @Mirrors("web.StaticFileHandler.get_cache_time")
    protected long getCacheTime(String path, Instant modified) {
        return getArguments("v").isEmpty() ? 0 : CACHE_MAX_AGE;
    }

    /** Hook for more headers on every file served. */
    @Mirrors("web.StaticFileHandler.set_extra_headers")
    protected void setExtraHeaders(String path) {}

    /**
     * Turns the path from the URL into a path relative to the root; override to map URLs
     * differently. The default takes it as it is ({@code /} works as a separator on every
     * platform Java runs on, so Tornado's replacement with {@code os.sep} is not needed).
     */
    @Mirrors("web.StaticFileHandler.parse_url_path")
    protected String parseUrlPath(String urlPath) {
        return urlPath;
    }
}
