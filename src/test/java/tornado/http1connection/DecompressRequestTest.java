package tornado.http1connection;

import static tornado.testing.Programs.onPath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static tornado.web.URLSpec.url;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import tornado.concurrent.Future;
import tornado.httpserver.ConnectionFactory;
import tornado.httpserver.HTTPServer;
import tornado.httpserver.HTTPServerOptions;
import tornado.httpserver.RequestCallback;
import tornado.testing.LoopThread;
import tornado.walkthroughs.Hello;
import tornado.walkthroughs.Running;
import tornado.walkthroughs.UsageError;
import tornado.walkthroughs.WalkthroughFlags;
import tornado.walkthroughs.Walkthroughs;
import tornado.web.Application;
import tornado.web.RequestHandler;

/**
 * {@code decompressRequest} on the coroutine connection (Tornado's {@code decompress_request},
 * {@code _GzipMessageDelegate}), over real sockets: the application sees the inflated body and
 * {@code X-Consumed-Content-Encoding} instead of {@code Content-Encoding}; a streaming handler
 * gets it in pieces of at most {@code chunkSize}; bad gzip is a 400 and a body that inflates past
 * the limit a 413; Python's gzip, sent by Python's own HTTP client, is read as the same bytes.
 */
class DecompressRequestTest {

    /** Answers what the application was given: length, SHA-256, and the two coding headers. */
    private static final RequestCallback DESCRIBE = request -> {
        String answer = "len=" + request.body().length + " sha=" + sha256(request.body())
                + " ce=" + request.headers().get("Content-Encoding", "-")
                + " xce=" + request.headers().get("X-Consumed-Content-Encoding", "-")
                + " args=" + request.arguments() + "\n";
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        request.write(("HTTP/1.1 200 OK\r\nContent-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        request.write(bytes);
        request.finish();
    };

    private static HTTPServer serve(LoopThread loop, RequestCallback callback, HTTPServerOptions options) throws Exception {
        return loop.call(() -> {
            HTTPServer s = new HTTPServer(callback, loop.loop, options.withDecompressRequest(true), HTTP1ServerConnection.FACTORY);
            s.listen(0, "127.0.0.1");
            return s;
        });
    }

    @Test
    void aGzipBodyReachesTheApplicationInflatedWithItsCodingRenamed() throws Exception {
        byte[] body = "name=caf%C3%A9&n=1&".repeat(5000).getBytes(StandardCharsets.US_ASCII);
        byte[] gz = gzip(body);
        try (LoopThread loop = new LoopThread()) {
            HTTPServer server = serve(loop, DESCRIBE, HTTPServerOptions.defaults());
            // With a Content-Length, and again chunked in small pieces that split the gzip header.
            String expected = "len=" + body.length + " sha=" + sha256(body) + " ce=- xce=gzip";
            String a = exchange(server, "POST /f HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Encoding: gzip\r\nContent-Length: " + gz.length + "\r\n\r\n", gz);
            assertTrue(a.startsWith("HTTP/1.1 200 OK") && a.contains(expected), a);
            assertTrue(a.contains("n=[1,"), "the form in the inflated body was parsed: " + a);
            String b = exchange(server, "POST /f HTTP/1.1\r\nHost: x\r\nContent-Encoding: GZIP\r\nTransfer-Encoding: chunked\r\n\r\n",
                    chunked(gz, 7));
            assertTrue(b.contains("len=" + body.length + " sha=" + sha256(body) + " ce=- xce=GZIP"), b);
            // Another coding passes through, header and bytes as sent, as in Tornado.
            String c = exchange(server, "POST /f HTTP/1.1\r\nHost: x\r\nContent-Encoding: br\r\nContent-Length: 3\r\n\r\n",
                    "abc".getBytes(StandardCharsets.US_ASCII));
            assertTrue(c.contains("len=3 sha=" + sha256("abc".getBytes(StandardCharsets.US_ASCII)) + " ce=br xce=-"), c);
            loop.run(server::stop);
        }
    }

    /** The pieces the streaming handler was given. */
    static final List<Integer> pieces = new ArrayList<>();

    @StreamRequestBody
    public static final class PieceCounter extends RequestHandler implements StreamingHandler {
        private final MessageDigest sha = sha();

        @Override
        public Future<?> dataReceived(byte[] chunk) {
            pieces.add(chunk.length);
            sha.update(chunk);
            return null;
        }

        @Override
        public void post(String... args) {
            write(pieces.size() + " pieces " + HexFormat.of().formatHex(sha.digest()));
        }
    }

    @Test
    void aStreamingHandlerGetsTheInflatedBodyAPieceAtATime() throws Exception {
        // 4 MiB of zeros are about 4 KiB of gzip: one piece on the wire, 64 pieces inflated.
        byte[] body = new byte[4 << 20];
        byte[] gz = gzip(body);
        try (LoopThread loop = new LoopThread()) {
            HTTPServer server = serve(loop, new Application(List.of(url("/s", PieceCounter.class))), HTTPServerOptions.defaults());
            String a = exchange(server, "POST /s HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\nContent-Length: " + gz.length + "\r\n\r\n", gz);
            assertTrue(a.startsWith("HTTP/1.1 200 OK") && a.contains(sha256(body)), a);
            List<Integer> seen = loop.call(() -> List.copyOf(pieces));
            assertEquals(body.length, seen.stream().mapToLong(Integer::longValue).sum());
            assertTrue(seen.stream().allMatch(n -> n <= HTTP1ConnectionParameters.DEFAULT_CHUNK_SIZE), "no piece above chunkSize: " + seen);
            assertTrue(seen.size() >= body.length / HTTP1ConnectionParameters.DEFAULT_CHUNK_SIZE, seen.toString());
            loop.run(server::stop);
        }
    }

    @Test
    void badGzipIs400AndABodyThatInflatesPastTheLimitIs413() throws Exception {
        byte[] gz = gzip("hello, world\n".repeat(100).getBytes(StandardCharsets.US_ASCII));
        // 64 MiB of zeros, about 64 KiB of gzip, against a 1 MiB limit: a small zip bomb.
        byte[] bomb = gzip(new byte[64 << 20]);
        try (LoopThread loop = new LoopThread()) {
            HTTPServer server = serve(loop, DESCRIBE, HTTPServerOptions.defaults().withMaxBodySize(1 << 20));
            String notGzip = post(server, "this is not gzip".getBytes(StandardCharsets.US_ASCII));
            assertTrue(notGzip.startsWith("HTTP/1.1 400 ") && notGzip.contains("not valid gzip: not gzip data"), notGzip);
            String truncated = post(server, Arrays.copyOf(gz, gz.length - 5));
            assertTrue(truncated.startsWith("HTTP/1.1 400 ") && truncated.contains("truncated"), truncated);
            byte[] corrupt = gz.clone();
            corrupt[gz.length - 6] ^= 0x55; // inside the CRC-32 of the trailer
            String badCrc = post(server, corrupt);
            assertTrue(badCrc.startsWith("HTTP/1.1 400 ") && badCrc.contains("CRC-32"), badCrc);
            assertTrue(bomb.length < 1 << 20, "the bomb itself is within the limit: " + bomb.length);
            String tooBig = post(server, bomb);
            assertTrue(tooBig.startsWith("HTTP/1.1 413 ") && tooBig.contains("inflates to more than this server's limit of 1048576 bytes"), tooBig);
            // The server is still well.
            String fine = post(server, gz);
            assertTrue(fine.startsWith("HTTP/1.1 200 OK") && fine.contains("len=1300 "), fine);
            loop.run(server::stop);
        }
    }

    /**
     * A buffered body takes its share of the server's body budget when its headers come in; a
     * body refused at its end (bad gzip is found only when the last bytes are in) must give that
     * share back, or a few bad uploads would leave every later one a 503.
     */
    @Test
    void badGzipGivesItsBodyBudgetBack() throws Exception {
        byte[] body = "hello, world\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
        byte[] gz = gzip(body);
        byte[] truncated = Arrays.copyOf(gz, gz.length - 5);
        try (LoopThread loop = new LoopThread()) {
            // Room for three such bodies, inflated, at once; ten are sent one after another.
            HTTPServer server = serve(loop, DESCRIBE, HTTPServerOptions.defaults().withMaxBufferedBodyBytes(3L * body.length));
            for (int i = 0; i < 10; i++) {
                String bad = post(server, truncated);
                assertTrue(bad.startsWith("HTTP/1.1 400 ") && bad.contains("truncated"), "upload " + i + ": " + bad);
            }
            String fine = post(server, gz);
            assertTrue(fine.startsWith("HTTP/1.1 200 OK") && fine.contains("len=1300 "), fine);
            loop.run(server::stop);
        }
    }

    @Test
    void pythonsGzipFromPythonsHttpClientIsReadAsTheSameBytes() throws Exception {
        assumeTrue(onPath("python3"), "python3 is not on this machine's PATH; skipping the real-client test");
        try (LoopThread loop = new LoopThread()) {
            HTTPServer server = serve(loop, DESCRIBE, HTTPServerOptions.defaults());
            // GzipFile with a file name writes the optional FNAME field that gzip(1) writes too.
            String script = String.join("\n",
                    "import gzip, hashlib, http.client, io, sys",
                    "body = ''.join('line %d of the body\\n' % i for i in range(20000)).encode()",
                    "buf = io.BytesIO()",
                    "with gzip.GzipFile(filename='body.txt', mode='wb', fileobj=buf) as f: f.write(body)",
                    "c = http.client.HTTPConnection('127.0.0.1', int(sys.argv[1]), timeout=10)",
                    "c.request('POST', '/py', body=buf.getvalue(), headers={'Content-Encoding': 'gzip'})",
                    "r = c.getresponse()",
                    "print(r.status, hashlib.sha256(body).hexdigest(), len(body))",
                    "print(r.read().decode())");
            Path file = Files.createTempFile("gzip-client", ".py");
            try {
                Files.writeString(file, script);
                Process p = new ProcessBuilder("python3", file.toString(), String.valueOf(server.port())).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(p.waitFor(15, TimeUnit.SECONDS), "python3 did not finish");
                assertEquals(0, p.exitValue(), out);
                String[] lines = out.split("\n");
                String[] told = lines[0].split(" ");
                assertEquals("200", told[0], out);
                assertTrue(lines[1].startsWith("len=" + told[2] + " sha=" + told[1] + " ce=- xce=gzip"), out);
            } finally {
                Files.deleteIfExists(file);
            }
            loop.run(server::stop);
        }
    }

    /**
     * The hello walkthrough with {@code --connection=coroutine --decompress-request}: curl sends
     * a file made by gzip(1) (which writes the file's name into the header) to
     * {@code /upload-sha256}, and the streaming handler hashes the bytes it stands for.
     */
    @Test
    void helloWithDecompressRequestHashesTheInflatedBytesCurlSent() throws Exception {
        assumeTrue(onPath("curl"), "curl is not on this machine's PATH; skipping the real-client test");
        assumeTrue(onPath("gzip"), "gzip is not on this machine's PATH; skipping the real-client test");
        byte[] body = new byte[3_000_000];
        for (int i = 0; i < body.length; i++) body[i] = (byte) ("abcdefghij".charAt(i % 10) + i / 100_000);
        Path dir = Files.createTempDirectory("gzip-curl");
        Path file = dir.resolve("upload.bin");
        try {
            Files.write(file, body);
            Process z = new ProcessBuilder("gzip", "-k", file.toString()).redirectErrorStream(true).start();
            assertTrue(z.waitFor(15, TimeUnit.SECONDS) && z.exitValue() == 0, "gzip failed");
            Path gz = dir.resolve("upload.bin.gz");
            WalkthroughFlags flags = WalkthroughFlags.parse(Walkthroughs.named("hello"),
                    new String[] {"--port=0", "--connection=coroutine", "--decompress-request"});
            try (Running r = Running.start(loop -> flags.listen(Hello.application(), loop))) {
                Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "10", "--data-binary", "@" + gz,
                        "-H", "Content-Encoding: gzip", "http://127.0.0.1:" + r.server().port() + "/upload-sha256")
                        .redirectErrorStream(true).start();
                String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(curl.waitFor(15, TimeUnit.SECONDS), "curl did not finish");
                assertEquals(0, curl.exitValue(), out);
                assertTrue(out.contains(sha256(body)), "the SHA-256 of the inflated bytes: " + out);
            }
        } finally {
            for (String name : new String[] {"upload.bin", "upload.bin.gz"}) Files.deleteIfExists(dir.resolve(name));
            Files.deleteIfExists(dir);
        }
        UsageError e = assertThrows(UsageError.class, () -> WalkthroughFlags.parse(Walkthroughs.named("hello"),
                new String[] {"--decompress-request"}));
        assertTrue(e.getMessage().contains("--decompress-request needs --connection=coroutine"), e.getMessage());
    }

    @Test
    void theCallbackConnectionRefusesTheOptionWhereTheServerIsMade() throws Exception {
        try (LoopThread loop = new LoopThread()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop.call(() ->
                    new HTTPServer(DESCRIBE, loop.loop, HTTPServerOptions.defaults().withDecompressRequest(true), ConnectionFactory.CALLBACK)));
            assertTrue(e.getMessage().contains("decompressRequest needs chapter 7's coroutine connection"), e.getMessage());
        }
    }

    // ------------------------------------------------------------------ helpers

    private static String post(HTTPServer server, byte[] gz) throws Exception {
        return exchange(server, "POST /p HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\nContent-Length: " + gz.length + "\r\n\r\n", gz);
    }

    /** Sends one request on a fresh connection and reads until the server closes or 10 s pass. */
    private static String exchange(HTTPServer server, String head, byte[] body) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            // One answer is all we want: half-close, so that the server closes after it.
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            try {
                in.transferTo(got);
            } catch (java.net.SocketException reset) {
                // A refused body may end in a reset once the answer is out; the answer is what counts.
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }

    private static byte[] chunked(byte[] data, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < data.length; at += size) {
            int n = Math.min(size, data.length - at);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(data, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String sha256(byte[] data) {
        return HexFormat.of().formatHex(sha().digest(data));
    }

}
