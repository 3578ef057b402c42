package tornado.walkthroughs;

import java.time.Duration;
import java.util.List;

import java.security.MessageDigest;
import java.util.HexFormat;

import tornado.concurrent.Future;
import tornado.http1connection.StreamRequestBody;
import tornado.http1connection.StreamingHandler;
import tornado.httpserver.HTTPServer;
import tornado.options.Option;
import tornado.options.Options;
import tornado.ioloop.IOLoop;
import tornado.iostream.IOStream;
import tornado.web.Application;
import tornado.web.Asynchronous;
import tornado.web.RequestHandler;

import static tornado.web.URLSpec.url;

/**
 * Chapter 5's walkthrough: Tornado's Hello world, an {@code Application} with a handful of
 * handlers, served by chapter 4's HTTPServer.
 *
 * <pre>
 *   mvn -q compile exec:exec -Dwalk=hello -Dargs="--trace"
 *   curl -i http://127.0.0.1:8890/
 *   curl -i --data-binary @pom.xml http://127.0.0.1:8890/echo
 *   curl -i -d name=Ada http://127.0.0.1:8890/form      (or -F name=Ada for multipart)
 *   curl -i http://127.0.0.1:8890/later
 * </pre>
 *
 * Every request passes through the whole chain: accept, IOStream, HTTPConnection.onHeaders, and
 * then this chapter's part, {@code Application.__call__ → RequestHandler._execute → get →
 * finish}. Try a path that does not exist (404) and {@code curl -X DELETE} on {@code /} (405 with
 * an {@code Allow} header) in a browser or with curl.
 */
public final class Hello implements Walkthrough {

    // tag::main-handler[]
    /** Tornado's Hello-world MainHandler: {@code self.write("Hello, world")}. */
    public static final class MainHandler extends RequestHandler {
        @Override
        public void get(String... args) {
            write("Hello, world");
        }
    }
    // end::main-handler[]

    /** Writes the request body back, byte for byte, with the type it came with. */
    public static final class EchoHandler extends RequestHandler {
        @Override
        public void post(String... args) {
            String type = request().headers().get("Content-Type");
            setHeader("Content-Type", type != null ? type : "application/octet-stream");
            write(request().body());
        }
    }

    /**
     * Reads the form field {@code name}, urlencoded or multipart; chapter 4 parsed the body, so
     * the handler sees only the argument. A form without the field is answered 400.
     */
    public static final class FormHandler extends RequestHandler {
        @Override
        public void post(String... args) {
            setHeader("Content-Type", "text/plain; charset=UTF-8");
            write("name=" + getArgument("name"));
        }
    }

    // tag::later-handler[]
    /**
     * An asynchronous handler: {@code get} returns at once, the request stays open, and a timeout
     * on the loop finishes it 100 ms later. Meanwhile the loop serves everyone else; that is
     * Tornado's whole point. Without {@code @Asynchronous}, {@code _execute} would finish the
     * response as soon as {@code get} returned, and the later {@code finish} would fail.
     */
    public static final class LaterHandler extends RequestHandler {
        @Override
        @Asynchronous
        public void get(String... args) {
            write("Hello, ");
            IOLoop.current().callLater(Duration.ofMillis(100), asyncCallback(() -> finish("later world")));
        }
    }
    // end::later-handler[]

    /** The largest upload {@code /upload-sha256} takes ({@code --max-upload}); 4 GiB unless told. */
    static volatile long maxUpload = 4L << 30;

    // tag::upload-sha256[]
    /**
     * Chapter 7's streamed body: the hex SHA-256 of whatever is POSTed, hashed piece by piece as
     * it arrives, so that an upload of any size (up to {@code --max-upload}) costs a 64 KiB piece
     * of memory at a time. On the coroutine connection the connection calls
     * {@link #dataReceived} for every piece and {@code post} at the end. On the callback
     * connection nothing streams: chapter 4 buffers the body, within its limits (100 MiB and the
     * body budget by default; more is answered 413 or 503), and {@code post} hashes that.
     */
    @StreamRequestBody
    public static final class UploadSha256Handler extends RequestHandler implements StreamingHandler {
        private final MessageDigest sha256 = newDigest();
        private long received;

        @Override
        public Future<?> dataReceived(byte[] chunk) {
            sha256.update(chunk);
            received += chunk.length;
            // Nothing to wait for: hashing is done before we return, so the next read may start.
            return null;
        }

        @Override
        public long maxBodySize() {
            return maxUpload;
        }

        @Override
        public void post(String... args) {
            byte[] body = request().body();
            if (received == 0 && body.length > 0) sha256.update(body);
            setHeader("Content-Type", "text/plain; charset=UTF-8");
            write(HexFormat.of().formatHex(sha256.digest()) + "\n");
        }

        private static MessageDigest newDigest() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }
    }
    // end::upload-sha256[]

    // tag::application[]
    /** The application: the Hello world's routing table, with this chapter's additions. */
    public static Application application() {
        return new Application(List.of(
                url("/", MainHandler.class),
                url("/echo", EchoHandler.class),
                url("/form", FormHandler.class),
                url("/later", LaterHandler.class),
                url("/upload-sha256", UploadSha256Handler.class)));
    }
    // end::application[]

    @Override
    public String name() {
        return "hello";
    }

    @Override
    public String chapter() {
        return "05-web";
    }

    @Override
    public int defaultPort() {
        return 8890;
    }

    @Override
    public String summary() {
        return "Tornado's Hello world: an Application routing / to a RequestHandler, plus echo, form and a late finish";
    }

    @Override
    public void serve(String[] args) throws Exception {
        serveAs(this, args);
    }

    /** Serves the hello application with the flags and the name of {@code walkthrough}. */
    void serveAs(Walkthrough walkthrough, String[] args) throws Exception {
        Options options = new Options();
        Option<Long> upload = options.define("max-upload", maxUpload, Long.class,
                "the largest body POST /upload-sha256 takes, in bytes (streamed on --connection=coroutine)");
        WalkthroughFlags flags = WalkthroughFlags.parse(walkthrough, args, options);
        if (flags == null) return;
        maxUpload = upload.value();
        IOLoop loop = new IOLoop();
        HTTPServer server = flags.listen(application(), loop);
        String where = "http://" + (flags.address().isEmpty() ? "127.0.0.1" : flags.address()) + ":" + server.port();
        System.err.println("hello: serving on " + where + "/ — try: curl -i " + where + "/  (also /echo, /form, /later)");
        flags.startLoop(loop);
    }

    /**
     * {@code GET /} and then {@code GET /later} on one keep-alive connection, from our own
     * IOStream client on the server's loop, and the raw responses. The second shows the loop's
     * asynchrony in the trace: {@code get} returns at once with a timeout added, the loop waits
     * 100 ms serving nothing, and the timeout firing is what finishes the response.
     */
    @Override
    public String runScripted() throws Exception {
        try (Running r = Running.start(loop -> application().listen(0, "127.0.0.1", loop))) {
            return ScriptedClient.get(r, "/", "/later").replace("\r\n", "\n");
        }
    }
}
