package tornado.walkthroughs;

import java.nio.charset.StandardCharsets;

import tornado.httpserver.HTTPRequest;
import tornado.httpserver.HTTPServer;
import tornado.ioloop.IOLoop;

/**
 * Chapter 4's walkthrough: the example server of Tornado 2.4.1's {@code httpserver.py}
 * docstring, the one the notes this book follows start from, which answers every request with
 * {@code You requested <uri>}. The request callback is a plain function that writes the whole
 * response itself, status line and headers included, with {@code request.write} and ends with
 * {@code request.finish()}: no framework, just the chain of chapter 4.
 *
 * <pre>
 *   mvn -q compile exec:exec -Dwalk=uri-echo -Dargs="--trace"
 *   curl -i http://127.0.0.1:8889/anything?x=1
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
     *
     * <p>A second, for a connection that will close after this answer (the client sent
     * {@code Connection: close}, say): the response says so with {@code Connection: close}, as
     * RFC 9112 §9.6 asks. Without it a client such as wrk takes the connection as kept, sends its
     * next request into the closing socket, and counts a read error for every response.
     */
    public static void handleRequest(HTTPRequest request) {
        byte[] message = ("You requested " + request.uri() + "\n").getBytes(StandardCharsets.UTF_8);
        String closing = request.connection().willKeepAlive(request) ? "" : "Connection: close\r\n";
        request.write(("HTTP/1.1 200 OK\r\nContent-Length: " + message.length + "\r\n" + closing + "\r\n")
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
    public int defaultPort() {
        return 8889;
    }

    @Override
    public String summary() {
        return "Tornado's example HTTP server: every request is answered \"You requested <uri>\" by a plain callback";
    }

    // tag::serve[]
    @Override
    public void serve(String[] args) throws Exception {
        WalkthroughFlags flags = WalkthroughFlags.parse(this, args);
        if (flags == null) return;
        // The example uses IOLoop.instance(); a loop of our own lets the tour run this walkthrough
        // beside the others, each on its own thread.
        IOLoop loop = new IOLoop();
        HTTPServer server = flags.listen(UriEcho::handleRequest, loop);
        System.err.println("uri-echo: listening on " + flags.address() + ":" + server.port()
                + " — try: curl -i http://" + flags.address() + ":" + server.port() + "/anything?x=1");
        flags.startLoop(loop);
    }
    // end::serve[]

    @Override
    public String runScripted() throws Exception {
        try (Running r = Running.start(loop -> {
            HTTPServer server = new HTTPServer(UriEcho::handleRequest, loop);
            server.listen(0, "127.0.0.1");
            return server;
        })) {
            return ScriptedClient.get(r, "/hello?name=tornado", "/again");
        }
    }
}
