package tornado.httpserver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The chain end to end over loopback: what a client sends and what it gets back. */
class HTTPServerTest extends tornado.testing.OnBothConnections {
    @Test
    void oneGetIsAnsweredByTheCallbackItself() throws Exception {
        try (TestServer s = TestServer.start(TestServer::echo); RawClient c = s.connect()) {
            c.send("GET /hello?x=1 HTTP/1.1\r\nHost: localhost\r\n\r\n");
            RawClient.Response r = c.readResponse();
            assertEquals("HTTP/1.1 200 OK", r.statusLine());
            assertEquals("You requested /hello?x=1\n", r.text());
            assertEquals("25", r.header("Content-Length"));
        }
    }

    @Test
    void keepAliveServesASecondRequestOnTheSameConnection() throws Exception {
        try (TestServer s = TestServer.start(TestServer::echo); RawClient c = s.connect()) {
            c.send("GET /first HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("You requested /first\n", c.readResponse().text());
            c.send("GET /second HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("You requested /second\n", c.readResponse().text());
        }
    }

    @Test
    void requestFieldsReachTheCallback() throws Exception {
        List<HTTPRequest> seen = new ArrayList<>();
        try (TestServer s = TestServer.start(r -> {
            seen.add(r);
            TestServer.echo(r);
        }); RawClient c = s.connect()) {
            c.send("GET /p/a?b=1&b=2&c HTTP/1.1\r\nHost: example.com:8080\r\nCookie: a=1; b=\"two\"\r\n\r\n");
            c.readResponse();
            HTTPRequest r = seen.get(0);
            assertEquals("GET", r.method());
            assertEquals("/p/a?b=1&b=2&c", r.uri());
            assertEquals("/p/a", r.path());
            assertEquals("b=1&b=2&c", r.query());
            assertEquals("HTTP/1.1", r.version());
            assertTrue(r.supportsHttp11());
            assertEquals("127.0.0.1", r.remoteIp());
            assertEquals("http", r.protocol());
            assertEquals("example.com:8080", r.host());
            assertEquals("http://example.com:8080/p/a?b=1&b=2&c", r.fullUrl());
            assertEquals(List.of("1", "2"), r.arguments().get("b"));
            assertEquals(List.of(""), r.arguments().get("c"));
            assertEquals("1", r.cookies().get("a"));
            assertEquals("two", r.cookies().get("b"));
            assertEquals(0, r.body().length);
            assertTrue(r.requestTime() >= 0);
        }
    }

    @Test
    void postFormBodyBecomesArgumentsAfterTheQuerys() throws Exception {
        List<HTTPRequest> seen = new ArrayList<>();
        try (TestServer s = TestServer.start(r -> {
            seen.add(r);
            TestServer.echo(r);
        }); RawClient c = s.connect()) {
            String body = "a=from+body&b=%C3%A9";
            c.send("POST /form?a=from-query HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body);
            assertEquals(200, c.readResponse().status());
            HTTPRequest r = seen.get(0);
            assertEquals(List.of("from-query", "from body"), r.arguments().get("a"));
            assertEquals(List.of("from-query"), r.queryArguments().get("a"));
            assertEquals(List.of("from body"), r.bodyArguments().get("a"));
            assertEquals(List.of("é"), r.arguments().get("b"));
            assertEquals(body, new String(r.body(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void multipartUploadBecomesFiles() throws Exception {
        List<HTTPRequest> seen = new ArrayList<>();
        try (TestServer s = TestServer.start(r -> {
            seen.add(r);
            TestServer.echo(r);
        }); RawClient c = s.connect()) {
            String body = "--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nhello\r\n"
                    + "--XyZ\r\nContent-Disposition: form-data; name=\"up\"; filename=\"a.txt\"\r\n"
                    + "Content-Type: text/plain\r\n\r\nfile body\r\n--XyZ--\r\n";
            c.send("PUT /up HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=XyZ\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body);
            assertEquals(200, c.readResponse().status());
            HTTPRequest r = seen.get(0);
            assertEquals(List.of("hello"), r.arguments().get("title"));
            assertEquals("a.txt", r.files().get("up").get(0).filename());
            assertEquals("file body", new String(r.files().get("up").get(0).body(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void headGetsHeadersOnlyAndTheConnectionStaysUsable() throws Exception {
        try (TestServer s = TestServer.start(TestServer::echo); RawClient c = s.connect()) {
            c.send("HEAD /h HTTP/1.1\r\nHost: x\r\n\r\n");
            RawClient.Response r = c.readResponse(true);
            assertEquals(200, r.status());
            assertEquals("17", r.header("Content-Length"));
            c.send("GET /after-head HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("You requested /after-head\n", c.readResponse().text());
        }
    }

    @Test
    void threePipelinedRequestsInOneWriteAreAnsweredInOrder() throws Exception {
        try (TestServer s = TestServer.start(TestServer::echo); RawClient c = s.connect()) {
            c.send("GET /1 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /2 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                    + "GET /3 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("You requested /1\n", c.readResponse().text());
            assertEquals("You requested /2\n", c.readResponse().text());
            assertEquals("You requested /3\n", c.readResponse().text());
        }
    }

    @Test
    void aRequestSentOneByteAtATimeIsAssembled() throws Exception {
        List<String> bodies = new ArrayList<>();
        try (TestServer s = TestServer.start(r -> {
            bodies.add(new String(r.body(), StandardCharsets.US_ASCII));
            TestServer.echo(r);
        }); RawClient c = s.connect()) {
            byte[] request = "POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world".getBytes(StandardCharsets.US_ASCII);
            for (byte b : request) c.send(new byte[] {b});
            assertEquals("You requested /slow\n", c.readResponse().text());
            assertEquals(List.of("hello world"), bodies);
        }
    }

    @Test
    void aBodyInPiecesArrivesWhole() throws Exception {
        List<String> bodies = new ArrayList<>();
        try (TestServer s = TestServer.start(r -> {
            bodies.add(new String(r.body(), StandardCharsets.US_ASCII));
            TestServer.echo(r);
        }); RawClient c = s.connect()) {
            c.send("POST /pieces HTTP/1.1\r\nHost: x\r\nContent-Length: 30\r\n\r\n");
            c.send("0123456789");
            c.send("abcdefghij");
            c.send("ABCDEFGHIJ");
            assertEquals(200, c.readResponse().status());
            assertEquals(List.of("0123456789abcdefghijABCDEFGHIJ"), bodies);
        }
    }

    @Test
    void aFiveMegabyteBodyArrivesIntact() throws Exception {
        byte[] body = new byte[5 * 1024 * 1024];
        new Random(42).nextBytes(body);
        String expected = sha256(body);
        try (TestServer s = TestServer.start(r -> TestServer.respond(r, 200, "OK", r.body().length + " " + sha256(r.body())));
             RawClient c = s.connect()) {
            c.send("POST /big HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                    + body.length + "\r\n\r\n");
            c.send(body);
            assertEquals(body.length + " " + expected, c.readResponse().text());
        }
    }

    @Test
    void aResponseLargerThanTheSocketBufferFinishesFromOnWriteComplete() throws Exception {
        // finish() is called while most of the 8 MB are still queued in the stream, so the request
        // can only be finished by the last _on_write_complete; then keep-alive must still work.
        byte[] big = new byte[8 * 1024 * 1024];
        new Random(7).nextBytes(big);
        List<Boolean> writingAtFinish = new ArrayList<>();
        try (TestServer s = TestServer.start(r -> {
            if (r.path().equals("/big")) {
                r.write(("HTTP/1.1 200 OK\r\nContent-Length: " + big.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                r.write(big);
                writingAtFinish.add(r.connection().stream().writing());
                r.finish();
            } else {
                TestServer.echo(r);
            }
        }); RawClient c = s.connect()) {
            c.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n");
            assertArrayEquals(big, c.readResponse().body());
            assertEquals(List.of(true), writingAtFinish, "the stream still had bytes queued when finish() was called");
            c.send("GET /next HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("You requested /next\n", c.readResponse().text());
        }
    }

    @Test
    void writeCallbacksLetAResponseBeStreamedPieceByPiece() throws Exception {
        try (TestServer s = TestServer.start(r -> {
            r.write("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\n".getBytes(StandardCharsets.US_ASCII), () ->
                    r.write("ab".getBytes(StandardCharsets.US_ASCII), () ->
                            r.write("cd".getBytes(StandardCharsets.US_ASCII), () -> {
                                r.write("ef".getBytes(StandardCharsets.US_ASCII));
                                r.finish();
                            })));
        }); RawClient c = s.connect()) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("abcdef", c.readResponse().text());
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("abcdef", c.readResponse().text());
        }
    }

    @Test
    void anAsynchronousCallbackMayFinishLaterFromATimer() throws Exception {
        try (TestServer s = TestServer.start(r -> r.connection().stream().ioLoop()
                .callLater(java.time.Duration.ofMillis(20), () -> TestServer.echo(r)));
             RawClient c = s.connect()) {
            c.send("GET /later HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("You requested /later\n", c.readResponse().text());
            c.send("GET /later2 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("You requested /later2\n", c.readResponse().text());
        }
    }

    @Test
    void twoHundredConcurrentClientsAreAllServed() throws Exception {
        try (TestServer s = TestServer.start(TestServer::echo);
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    try (RawClient c = s.connect()) {
                        c.send("GET /c" + n + " HTTP/1.1\r\nHost: x\r\n\r\n");
                        String first = c.readResponse().text();
                        c.send("GET /d" + n + " HTTP/1.1\r\nHost: x\r\n\r\n");
                        return first + c.readResponse().text();
                    }
                }));
            }
            for (int i = 0; i < 200; i++) {
                assertEquals("You requested /c" + i + "\nYou requested /d" + i + "\n", results.get(i).get(30, TimeUnit.SECONDS));
            }
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) b.writeBytes(p);
        return b.toByteArray();
    }
}
