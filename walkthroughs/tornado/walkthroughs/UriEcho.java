package tornado.walkthroughs;

import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import tornado.httpserver.HTTPRequest;
import tornado.httpserver.HTTPServer;
import tornado.httputil.BodyFraming;
import tornado.httputil.HTTPHeaders;
import tornado.ioloop.IOLoop;
import tornado.iostream.IOStream;

/**
 * Chapter 4's walkthrough: the example server of Tornado 2.4.1's {@code httpserver.py}
 * docstring, the one the notes this book follows start from, which answers every request with
 * {@code You requested <uri>}. The request callback is a plain function that writes the whole
 * response itself, status line and headers included, with {@code request.write} and ends with
 * {@code request.finish()}: no framework, just the chain of chapter 4.
 *
 * <pre>
 *   mvn -q compile exec:exec -Dwalk=uri-echo -Dargs="--trace"
 *   curl -i http://127.0.0.1:8888/anything?x=1
 * </pre>
 *
 * The scripted run sends one GET and then a second GET on the same connection, so the trace
 * shows the whole chain once and then the keep-alive loop: {@code _finish_request} →
 * {@code read_until} → {@code _on_headers} again.
 */
public final class UriEcho implements Walkthrough {

    // tag::handle-request[]
    /**
     * The example's {@code handle_request}: the message, then a response with a correct
     * {@code Content-Length} so the connection can stay open for the next request.
     *
     * <p>One change from the example, for HEAD: a HEAD response has the headers a GET would have
     * and no body. The example writes the body anyway, which a client on a kept-alive connection
     * would then read as the start of the next response. Every other request is answered word for
     * word.
     */
    public static void handleRequest(HTTPRequest request) {
        byte[] message = ("You requested " + request.uri() + "\n").getBytes(StandardCharsets.UTF_8);
        request.write(("HTTP/1.1 200 OK\r\nContent-Length: " + message.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        if (!request.method().equals("HEAD")) request.write(message);
        request.finish();
    }
    // end::handle-request[]

    @Override
    public String name() {
        return "uri-echo";
    }

    @Override
    public String chapter() {
        return "04-httpserver";
    }

    @Override
    public String summary() {
        return "Tornado's example HTTP server: every request is answered \"You requested <uri>\" by a plain callback";
    }

    // tag::serve[]
    @Override
    public void serve(String[] args) throws Exception {
        WalkthroughFlags flags = WalkthroughFlags.parse(name(), args);
        if (flags == null) return;
        // The example uses IOLoop.instance(); a loop of our own lets the tour run this walkthrough
        // beside the others, each on its own thread.
        IOLoop loop = new IOLoop();
        HTTPServer server = new HTTPServer(UriEcho::handleRequest, loop);
        server.listen(flags.port(), flags.address());
        System.err.println("uri-echo: listening on " + flags.address() + ":" + server.port()
                + " — try: curl -i http://" + flags.address() + ":" + server.port() + "/anything?x=1");
        loop.start();
    }
    // end::serve[]

    @Override
    public String runScripted() throws Exception {
        try (Running r = Running.start(loop -> {
            HTTPServer server = new HTTPServer(UriEcho::handleRequest, loop);
            server.listen(0, "127.0.0.1");
            return server;
        })) {
            int port = r.server().port();
            CompletableFuture<String> transcript = new CompletableFuture<>();
            r.loop().addCallback(() -> {
                try {
                    new Client(r.loop(), transcript).start(port);
                } catch (Exception e) {
                    transcript.completeExceptionally(e);
                }
            });
            return transcript.get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Our own HTTP client, a few callbacks on an {@link IOStream} in the server's loop: connect,
     * send a GET, read the response (headers up to the empty line, then {@code Content-Length}
     * bytes), and do it once more on the same connection. The trace shows its steps too, under
     * its own connection number.
     */
    private static final class Client {
        private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};
        private final IOLoop loop;
        private final CompletableFuture<String> transcript;
        private final StringBuilder seen = new StringBuilder();
        private IOStream stream;

        Client(IOLoop loop, CompletableFuture<String> transcript) {
            this.loop = loop;
            this.transcript = transcript;
        }

        void start(int port) throws Exception {
            stream = new IOStream(SocketChannel.open(), loop);
            stream.setCloseCallback(() -> transcript.completeExceptionally(
                    new IllegalStateException("uri-echo closed the connection early", stream.error())));
            stream.connect(new InetSocketAddress("127.0.0.1", port), () ->
                    get("/hello?name=tornado", first ->
                            get("/again", second -> {
                                // Both answers came over one connection: keep-alive worked.
                                stream.setCloseCallback(null);
                                stream.close();
                                transcript.complete(seen.toString());
                            })));
        }

        /** Sends a GET for {@code uri} and calls {@code then} once its response has been read. */
        private void get(String uri, Consumer<String> then) {
            stream.write(("GET " + uri + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), null);
            stream.readUntil(CRLF_CRLF, head -> {
                String headText = new String(head, StandardCharsets.ISO_8859_1);
                int eol = headText.indexOf("\r\n");
                // The response's header block, parsed with the same httputil the server uses.
                HTTPHeaders headers = HTTPHeaders.parse(headText.substring(eol));
                long length = BodyFraming.parseContentLength(headers);
                stream.readBytes(Math.max(length, 0), body -> {
                    String response = headText + new String(body, StandardCharsets.UTF_8);
                    seen.append(response);
                    then.accept(response);
                });
            });
        }
    }
}
