package tornado.walkthroughs;

import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import tornado.httputil.BodyFraming;
import tornado.httputil.HTTPHeaders;
import tornado.ioloop.IOLoop;
import tornado.iostream.IOStream;

/**
 * The scripted runs' HTTP client, a few callbacks on an {@link IOStream} in the server's own
 * loop: connect, send a request (a GET, or one given whole), read the response (headers up to
 * the empty line, then {@code Content-Length} bytes), send the next on the same connection, and
 * close after the last. The trace shows its steps too, under its own connection number, labelled {@code client}.
 */
final class ScriptedClient {
    private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};

    private final IOLoop loop;
    private final Deque<byte[]> requests;
    private final CompletableFuture<String> transcript = new CompletableFuture<>();
    private final StringBuilder seen = new StringBuilder();
    private IOStream stream;

    private ScriptedClient(IOLoop loop, List<byte[]> requests) {
        this.loop = loop;
        this.requests = new ArrayDeque<>(requests);
    }

    /**
     * GETs each of {@code uris} in turn from the server {@code r} runs, over one keep-alive
     * connection, and returns every response as it came (CRLF line ends kept), waiting at most
     * ten seconds.
     */
    static String get(Running r, String... uris) throws Exception {
        List<byte[]> gets = new java.util.ArrayList<>();
        for (String uri : uris) gets.add(("GET " + uri + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return send(r, gets);
    }

    /** As {@link #get}, for requests given whole (head and body), sent one after the other. */
    static String send(Running r, List<byte[]> requests) throws Exception {
        ScriptedClient client = new ScriptedClient(r.loop(), requests);
        int port = r.server().port();
        r.loop().addCallback(() -> {
            try {
                client.start(port);
            } catch (Exception e) {
                client.transcript.completeExceptionally(e);
            }
        });
        return client.transcript.get(10, TimeUnit.SECONDS);
    }

    private void start(int port) throws Exception {
        stream = new IOStream(SocketChannel.open(), loop);
        stream.setCloseCallback(() -> transcript.completeExceptionally(
                new IllegalStateException("the server closed the connection early", stream.error())));
        stream.connect(new InetSocketAddress("127.0.0.1", port), this::next);
    }

    /** Sends the next request, or, with none left, closes: every answer came over one connection. */
    private void next() {
        byte[] request = requests.poll();
        if (request == null) {
            stream.setCloseCallback(null);
            stream.close();
            transcript.complete(seen.toString());
            return;
        }
        stream.write(request, null);
        stream.readUntil(CRLF_CRLF, head -> {
            String headText = new String(head, StandardCharsets.ISO_8859_1);
            int eol = headText.indexOf("\r\n");
            // The response's header block, parsed with the same httputil the server uses.
            HTTPHeaders headers = HTTPHeaders.parse(headText.substring(eol));
            long length = BodyFraming.parseContentLength(headers);
            stream.readBytes(Math.max(length, 0), body -> {
                seen.append(headText).append(new String(body, StandardCharsets.UTF_8));
                next();
            });
        });
    }
}
