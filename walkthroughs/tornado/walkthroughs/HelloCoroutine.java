package tornado.walkthroughs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import tornado.httpserver.HTTPServerOptions;

/**
 * Chapter 7's walkthrough: chapter 5's hello application, unchanged, served by chapter 7's
 * coroutine connection ({@code HTTP1ServerConnection}) with gzip request bodies inflated
 * ({@code --decompress-request}), so that the trace shows Tornado 4.x's chain where
 * {@code hello} shows 2.4's:
 * <pre>
 *   mvn -q compile exec:exec -Dwalk=hello-coroutine -Dargs="--trace"
 *   (the same as -Dwalk=hello -Dargs="--connection=coroutine --decompress-request --trace")
 *   curl -i http://127.0.0.1:8893/
 *   curl --data-binary @pom.xml http://127.0.0.1:8893/upload-sha256      (streamed, hashed as it arrives)
 *   gzip -c pom.xml | curl --data-binary @- -H 'Content-Encoding: gzip' http://127.0.0.1:8893/upload-sha256
 * </pre>
 */
public final class HelloCoroutine implements Walkthrough {
    @Override
    public String name() {
        return "hello-coroutine";
    }

    @Override
    public String chapter() {
        return "07-http1connection";
    }

    @Override
    public int defaultPort() {
        return 8893;
    }

    @Override
    public String summary() {
        return "the hello application on Tornado 4.x's coroutine connection: HTTP1ServerConnection, HTTP1Connection, delegates, gzip bodies";
    }

    @Override
    public void serve(String[] args) throws Exception {
        String[] withConnection = new String[args.length + 2];
        withConnection[0] = "--connection=coroutine";
        withConnection[1] = "--decompress-request";
        System.arraycopy(args, 0, withConnection, 2, args.length);
        new Hello().serveAs(this, withConnection);
    }

    /**
     * The trace the chapter shows: on one keep-alive connection, {@code GET /}, then a gzipped
     * {@code POST /upload-sha256} (the server inflates it, as {@link #serve} does), so that the
     * second turn of the request loop carries a body through the gzip delegate to the streaming
     * handler. Returns the two raw responses.
     */
    @Override
    public String runScripted() throws Exception {
        byte[] body = "Hello, world\n".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(body);
        }
        byte[] head = ("POST /upload-sha256 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Encoding: gzip\r\nContent-Length: "
                + gz.size() + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] post = new byte[head.length + gz.size()];
        System.arraycopy(head, 0, post, 0, head.length);
        System.arraycopy(gz.toByteArray(), 0, post, head.length, gz.size());
        byte[] get = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        HTTPServerOptions options = HTTPServerOptions.defaults().withDecompressRequest(true);
        try (Running r = Running.start(loop -> WalkthroughFlags.listen(Hello.application(), loop, 0, "127.0.0.1", "coroutine", options))) {
            return ScriptedClient.send(r, List.of(get, post)).replace("\r\n", "\n");
        }
    }
}
