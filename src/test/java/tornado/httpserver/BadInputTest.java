package tornado.httpserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kind of bad input gets its answer (a status with {@code Connection: close} and a
 * {@code Date}, then the close), and afterwards the server still serves a new client. The request callback must never
 * see any of these requests.
 */
class BadInputTest extends tornado.testing.OnBothConnections {
    private static RequestCallback echoButNeverBad() {
        return r -> {
            if (!r.path().equals("/still-serving")) throw new AssertionError("the callback saw a bad request: " + r);
            TestServer.echo(r);
        };
    }

    /**
     * Sends {@code request}, expects {@code status} and a close, then checks the server still
     * serves. Returns the answer, for a test that checks what it says.
     */
    private static RawClient.Response assertAnswered(TestServer s, String request, int status) throws Exception {
        RawClient.Response r;
        try (RawClient c = s.connect()) {
            c.send(request);
            r = c.readResponse();
            assertEquals(status, r.status(), r.toString());
            assertEquals("close", r.header("Connection"));
            assertEquals(String.valueOf(r.body().length), r.header("Content-Length"));
            r.assertDatedNow();
            assertTrue(r.text().startsWith(String.valueOf(status)), r.text());
            assertTrue(c.closedByServer());
        }
        s.assertServes();
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not three parts                 | GARBAGE\\r\\n\\r\\n                                                        | 400
            two spaces                      | GET  / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n                                   | 400
            malformed version               | GET / HTTP/x\\r\\nHost: x\\r\\n\\r\\n                                      | 400
            lower-case version              | GET / http/1.1\\r\\nHost: x\\r\\n\\r\\n                                    | 400
            unknown version 2.0             | GET / HTTP/2.0\\r\\nHost: x\\r\\n\\r\\n                                    | 505
            unknown version 0.9             | GET / HTTP/0.9\\r\\nHost: x\\r\\n\\r\\n                                    | 505
            header line without colon       | GET / HTTP/1.1\\r\\nHost: x\\r\\nNoColonHere\\r\\n\\r\\n                    | 400
            space before colon              | GET / HTTP/1.1\\r\\nHost : x\\r\\n\\r\\n                                   | 400
            bare CR in a value              | GET / HTTP/1.1\\r\\nHost: x\\ry\\r\\n\\r\\n                                 | 400
            Content-Length not a number     | POST / HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: abc\\r\\n\\r\\n          | 400
            negative Content-Length         | POST / HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: -5\\r\\n\\r\\n           | 400
            conflicting Content-Lengths     | POST / HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 3\\r\\nContent-Length: 4\\r\\n\\r\\nabcd | 400
            Content-Length and chunked      | POST / HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 3\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n3\\r\\nabc\\r\\n0\\r\\n\\r\\n | 400
            chunked in HTTP/1.0             | POST / HTTP/1.0\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n      | 400
            unknown transfer coding         | POST / HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: gzip, chunked\\r\\n\\r\\n | 501
            last coding not chunked         | POST / HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: gzip\\r\\n\\r\\n         | 400
            bad chunk size                  | POST / HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nzz\\r\\n | 400
            negative chunk size             | POST / HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n-1\\r\\n | 400
            chunk data without CRLF         | POST / HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n3\\r\\nabcXY | 400
            only empty lines                | \\r\\n\\r\\n                                                                  | 400
            HTTP/1.1 without Host           | GET / HTTP/1.1\\r\\nAccept: */*\\r\\n\\r\\n                              | 400
            two Host headers                | GET / HTTP/1.1\\r\\nHost: a.example\\r\\nHost: b.example\\r\\n\\r\\n     | 400
            two Host headers in HTTP/1.0    | GET / HTTP/1.0\\r\\nHost: a.example\\r\\nHost: a.example\\r\\n\\r\\n     | 400
            two hosts joined by a comma     | GET / HTTP/1.1\\r\\nHost: a.example, b.example\\r\\n\\r\\n                | 400
            Host with a space               | GET / HTTP/1.1\\r\\nHost: a b\\r\\n\\r\\n                                | 400
            Host with a path                | GET / HTTP/1.1\\r\\nHost: example.com/a\\r\\n\\r\\n                      | 400
            Host with a bad port            | GET / HTTP/1.1\\r\\nHost: example.com:http\\r\\n\\r\\n                   | 400
            CONNECT, for a proxy            | CONNECT example.com:443 HTTP/1.1\\r\\nHost: example.com:443\\r\\n\\r\\n   | 400
            asterisk with GET               | GET * HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n                                     | 400
            authority-form with GET         | GET example.com:80 HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n                         | 400
            absolute-form, other scheme     | GET ftp://example.com/f HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n                     | 400
            absolute-form with user info    | GET http://u:p@example.com/ HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n                | 400
            absolute-form, empty host       | GET http:///a HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n                                | 400
            absolute-form, no Host header   | GET http://example.com/a HTTP/1.1\\r\\n\\r\\n                                | 400
            bare LF inside the header block | GET / HTTP/1.1\\r\\nHost: a\\nX: b\\r\\n\\r\\n                             | 400
            LF-only line before the end     | GET / HTTP/1.1\\r\\nHost: a\\r\\n\\nX: b\\r\\n\\r\\n                          | 400
            obs-fold                        | GET / HTTP/1.1\\r\\nHost: a\\r\\nX-A: b\\r\\n c\\r\\n\\r\\n                     | 400
            obs-fold on Transfer-Encoding   | POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding:\\r\\n chunked\\r\\n\\r\\n0\\r\\n\\r\\n | 400
            bare CRs before the request     | \\r\\rGET / HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n                               | 400
            bare LF before the request      | \\nGET / HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n                                 | 400
            trailer line without a colon    | POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\nNoColon\\r\\n\\r\\n | 400
            trailer with an obs-fold        | POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\nX: a\\r\\n b\\r\\n\\r\\n | 400
            absolute-form, port 99999       | GET http://example.com:99999/ HTTP/1.1\\r\\nHost: example.com:99999\\r\\n\\r\\n | 400
            Host with port 99999            | GET / HTTP/1.1\\r\\nHost: example.com:99999\\r\\n\\r\\n                 | 400
            """)
    void isAnsweredAndTheServerGoesOn(String name, String request, int status) throws Exception {
        try (TestServer s = TestServer.start(echoButNeverBad())) {
            assertAnswered(s, request.strip().replace("\\r", "\r").replace("\\n", "\n"), status);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            GET / HTTP/1.1\\r\\n\\r\\n                            | HTTP/1.1 request without a Host header, which RFC 9112 §3.2 requires
            GET / HTTP/1.1\\r\\nHost: a\\r\\nHost: b\\r\\n\\r\\n     | 2 Host headers 'a, b': a request names one host
            GET / HTTP/1.1\\r\\nHost: a:b\\r\\n\\r\\n              | Host header 'a:b' is not a valid host[:port]
            CONNECT example.com:443 HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n | asks for a tunnel through a proxy, and this server is not a proxy
            GET * HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n                  | request target '*' is only for OPTIONS
            """)
    void hostAndTargetRefusalsSayWhatWasWrong(String request, String expected) throws Exception {
        try (TestServer s = TestServer.start(echoButNeverBad())) {
            RawClient.Response r = assertAnswered(s, request.strip().replace("\\r", "\r").replace("\\n", "\n"), 400);
            assertTrue(r.text().contains(expected), r.text());
        }
    }

    @Test
    void aConnectIsRefusedAndWhatFollowsForTheTunnelIsNeverReadAsARequest() throws Exception {
        // A client that does not wait for "200 Connection established" goes straight on with
        // the tunnel's bytes. They must not be taken for a second request: the 400 closes.
        try (TestServer s = TestServer.start(echoButNeverBad()); RawClient c = s.connect()) {
            c.send("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"
                    + "GET /still-serving HTTP/1.1\r\nHost: x\r\n\r\n");
            RawClient.Response r = c.readResponse();
            assertEquals(400, r.status());
            assertEquals("close", r.header("Connection"));
            assertTrue(c.closedByServer());
        }
    }

    @ParameterizedTest(name = "byte 0x{0}")
    @ValueSource(strings = {"00", "01", "09", "1f", "7f", "80", "c3", "ff"})
    void aTargetByteOutsideVisibleAsciiGets400NamingTheByte(String hex) throws Exception {
        // RawClient sends a String as ISO-8859-1, so this char goes out as exactly this byte.
        char b = (char) Integer.parseInt(hex, 16);
        try (TestServer s = TestServer.start(echoButNeverBad())) {
            RawClient.Response r = assertAnswered(s, "GET /caf" + b + " HTTP/1.1\r\nHost: x\r\n\r\n", 400);
            String upper = hex.toUpperCase(java.util.Locale.ROOT);
            assertTrue(r.text().contains("holds byte 0x" + upper + ", which is not visible ASCII"), r.text());
            assertTrue(r.text().contains("as %" + upper), r.text());
        }
    }

    @Test
    void aPercentEncodedTargetIsServedAsSent() throws Exception {
        // The same 'é' as two percent-escapes: visible ASCII, served, and the URI stays as sent.
        try (TestServer s = TestServer.start(TestServer::echo); RawClient c = s.connect()) {
            c.send("GET /caf%C3%A9 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("You requested /caf%C3%A9\n", c.readResponse().text());
        }
    }

    @Test
    void headerBlockOverTheLimitGets431() throws Exception {
        try (TestServer s = TestServer.start(echoButNeverBad(), HTTPServerOptions.defaults().withMaxHeaderSize(1024))) {
            assertAnswered(s, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(2000) + "\r\n\r\n", 431);
        }
    }

    @Test
    void aRequestLineOverTheHeaderLimitGets414NotA431() throws Exception {
        // RFC 9110 §15.5.15: a target too long to read is 414 URI Too Long. Here the request line
        // alone passes the limit and has no CRLF yet when the server gives up.
        try (TestServer s = TestServer.start(echoButNeverBad(), HTTPServerOptions.defaults().withMaxHeaderSize(1024))) {
            RawClient.Response r = assertAnswered(s, "GET /" + "a".repeat(2000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414);
            assertTrue(r.text().contains("1024"), r.text());
        }
    }

    @Test
    void aHostPortOutOfRangeSaysWhatTheRangeIs() throws Exception {
        try (TestServer s = TestServer.start(echoButNeverBad())) {
            RawClient.Response r = assertAnswered(s, "GET / HTTP/1.1\r\nHost: a:99999\r\n\r\n", 400);
            assertTrue(r.text().contains("0 to 65535"), r.text());
        }
    }

    @Test
    void headerFloodStillGets431BeforeTheClose() throws Exception {
        // The client keeps sending header bytes well past the limit; thanks to the lingering close
        // it reads the 431 rather than a connection reset.
        try (TestServer s = TestServer.start(echoButNeverBad()); RawClient c = s.connect()) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\n");
            String line = "X-Filler: " + "b".repeat(1000) + "\r\n";
            for (int i = 0; i < 200; i++) c.send(line); // 200 KB, three times the default 64 KiB
            RawClient.Response r = c.readResponse();
            assertEquals(431, r.status());
            r.assertDatedNow();
            assertTrue(r.text().contains("65536"), r.text());
            assertTrue(c.cleanEndOfFile(), "a reset instead of a clean close after the 431");
            c.close();
            s.assertServes();
        }
    }

    @Test
    void contentLengthOverTheLimitGets413WithoutReadingTheBody() throws Exception {
        try (TestServer s = TestServer.start(echoButNeverBad(), HTTPServerOptions.defaults().withMaxBodySize(1000))) {
            assertAnswered(s, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n", 413);
        }
    }

    @Test
    void aRefusedBodyThatIsSentAnywayDoesNotHideThe413() throws Exception {
        // The client does not wait for an answer: it goes on sending a 20 MB body from another
        // thread while this one reads. If the server closed at once, the unread bytes would make
        // its kernel reset the connection; the lingering close ends it cleanly instead.
        try (TestServer s = TestServer.start(echoButNeverBad(), HTTPServerOptions.defaults().withMaxBodySize(1000));
             RawClient c = s.connect()) {
            c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 20000000\r\n\r\n");
            Thread sender = Thread.ofVirtual().start(() -> {
                try {
                    byte[] piece = new byte[64 * 1024];
                    for (int i = 0; i < 20_000_000 / piece.length; i++) c.send(piece);
                } catch (java.io.IOException e) {
                    // The server may close before we are done; the assertions below say whether it did so well.
                }
            });
            assertEquals(413, c.readResponse().status());
            assertTrue(c.cleanEndOfFile(), "a reset instead of a clean close after the 413");
            c.close();
            sender.join(5_000);
            s.assertServes();
        }
    }

    @Test
    void afterAnErrorAnswerTheServerLingersReadingWhatTheClientStillSends() throws Exception {
        // After the answer the server shuts down only its sending side and drains ours. Had it
        // closed the socket, our next writes would meet a reset ("Broken pipe").
        try (TestServer s = TestServer.start(echoButNeverBad(), HTTPServerOptions.defaults().withMaxBodySize(1000));
             RawClient c = s.connect()) {
            c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n");
            assertEquals(413, c.readResponse().status());
            assertTrue(c.cleanEndOfFile());
            byte[] piece = new byte[64 * 1024];
            for (int i = 0; i < 4; i++) c.send(piece);
        }
    }

    @Test
    void chunkedBodyOverTheLimitGets413() throws Exception {
        try (TestServer s = TestServer.start(echoButNeverBad(), HTTPServerOptions.defaults().withMaxBodySize(10))) {
            assertAnswered(s, "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "8\r\n12345678\r\n8\r\n12345678\r\n0\r\n\r\n", 413);
        }
    }

    @Test
    void chunkSizeLineOverTheLimitGets400() throws Exception {
        try (TestServer s = TestServer.start(echoButNeverBad())) {
            assertAnswered(s, "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "1;ext=" + "x".repeat(2000) + "\r\n", 400);
        }
    }

    @Test
    void idleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        try (TestServer s = TestServer.start(TestServer::echo,
                HTTPServerOptions.defaults().withIdleConnectionTimeout(Duration.ofMillis(200)))) {
            try (RawClient c = s.connect()) {
                assertTrue(c.closedByServer()); // nothing sent at all
            }
            try (RawClient c = s.connect()) {
                c.send("GET / HTTP/1.1\r\nHost: x\r\n"); // headers never completed
                assertTrue(c.closedByServer());
            }
            try (RawClient c = s.connect()) {
                c.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n"); // kept alive, then idle
                assertEquals(200, c.readResponse().status());
                assertTrue(c.closedByServer());
            }
            s.assertServes();
        }
    }

    @Test
    void theSecondRequestOfAKeptAliveConnectionIsUnderTheHeaderTimeoutToo() throws Exception {
        // The second wait takes over the timer the first one left running (ReadWatch.headers):
        // that timer must still see the second header block start and close when it stalls,
        // long before the hour of the idle timeout.
        try (TestServer s = TestServer.start(TestServer::echo,
                HTTPServerOptions.defaults().withHeaderTimeout(Duration.ofMillis(200)))) {
            try (RawClient c = s.connect()) {
                c.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals(200, c.readResponse().status());
                c.send("GET /b HTTP/1.1\r\nHost: x\r\n"); // the rest never comes
                assertTrue(c.closedByServer());
            }
            s.assertServes();
        }
    }

    /**
     * A header block whose empty line ends in a bare LF ends there, as Tornado 4's regex
     * \r?\n\r?\n ends it, and is refused at once: a 400 that says what was wrong, with the
     * default header and idle timeouts of a minute or more still far off, where 2.4's
     * "\r\n\r\n" alone left the client waiting for one of them. Lines all in bare LF, and a
     * bare LF only on the last header line, each in one segment and a byte at a time.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            every line in bare LF          | GET / HTTP/1.1\\nHost: x\\n\\n               | request line ends with a bare LF
            the last header line in bare LF | GET / HTTP/1.1\\r\\nHost: x\\n\\r\\n          | header line ends with a bare LF
            an HTTP/1.0 request in bare LF  | GET / HTTP/1.0\\n\\n                         | request line ends with a bare LF
            """)
    void aHeaderBlockEndedByABareLfIsRefusedAtOnce(String name, String request, String expected) throws Exception {
        String bytes = request.strip().replace("\\r", "\r").replace("\\n", "\n");
        try (TestServer s = TestServer.start(echoButNeverBad())) {
            RawClient.Response r = assertAnswered(s, bytes, 400);
            assertTrue(r.text().contains(expected), r.text());
            try (RawClient c = s.connect()) {
                for (char ch : bytes.toCharArray()) c.send(String.valueOf(ch));
                RawClient.Response slow = c.readResponse();
                assertEquals(400, slow.status(), slow.toString());
                assertTrue(c.closedByServer());
            }
            s.assertServes();
        }
    }

    @Test
    void aBodyThatStopsArrivingIsCutOffByTheBodyTimeout() throws Exception {
        try (TestServer s = TestServer.start(echoButNeverBad(),
                HTTPServerOptions.defaults().withBodyTimeout(Duration.ofMillis(200)))) {
            try (RawClient c = s.connect()) {
                c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly ten b");
                assertTrue(c.closedByServer());
            }
            try (RawClient c = s.connect()) {
                c.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
                assertTrue(c.closedByServer());
            }
            s.assertServes();
        }
    }

    /**
     * A connection's watches take turns on one timer, which calls the watch itself
     * (ReadWatch.run) to look with whichever watch set it. On a kept-alive connection each must
     * still be kept after the other: the body watch after a header watch whose timer was left
     * running, and the header watch after a body.
     */
    @Test
    void onAKeptAliveConnectionTheBodyAndHeaderWatchesTakeTurnsOnOneTimer() throws Exception {
        try (TestServer s = TestServer.start(echoButNeverBad(), HTTPServerOptions.defaults()
                .withBodyTimeout(Duration.ofMillis(200)).withHeaderTimeout(Duration.ofMillis(200)))) {
            String whole = "POST /still-serving HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nbody";
            try (RawClient c = s.connect()) {
                c.send(whole);
                assertEquals(200, c.readResponse().status());
                c.send("POST /still-serving HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly ten b");
                assertTrue(c.closedByServer());
            }
            try (RawClient c = s.connect()) {
                c.send(whole);
                assertEquals(200, c.readResponse().status());
                c.send("GET /still-serving HTTP/1.1\r\nHost: x\r\n"); // the rest never comes
                assertTrue(c.closedByServer());
            }
            s.assertServes();
        }
    }

    /**
     * A body that never stops coming, but comes far too slowly: a byte every 20 ms (50 bytes/s)
     * against a minimum of 1000 bytes/s after 200 ms of grace. The no-progress timeout (a minute)
     * never fires, since bytes keep arriving; the body deadline (HTTPServerOptions.bodyDeadline,
     * kept by ReadWatch for both connections) cuts it off a little after the grace period, long
     * before its 20 s. The drip is a timer, not a sleep; it stops when the server closes.
     */
    @Test
    void aBodyThatKeepsTricklingTooSlowlyIsCutOffByTheBodyDeadline() throws Exception {
        HTTPServerOptions o = HTTPServerOptions.defaults().withBodyGracePeriod(Duration.ofMillis(200)).withMinBodyRate(1000);
        tornado.testing.LogCapture log = tornado.testing.LogCapture.onEveryLevel("tornado.general");
        java.util.concurrent.ScheduledExecutorService drip = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        try (TestServer s = TestServer.start(echoButNeverBad(), o)) {
            for (String framing : new String[] {"Content-Length: 1000\r\n", "Transfer-Encoding: chunked\r\n"}) {
                sent.set(0);
                try (RawClient c = s.connect()) {
                    boolean chunked = framing.startsWith("Transfer");
                    c.send("POST / HTTP/1.1\r\nHost: x\r\n" + framing + "\r\n");
                    var task = drip.scheduleAtFixedRate(() -> {
                        try {
                            c.send(chunked ? "1\r\nd\r\n" : "d");
                            sent.incrementAndGet();
                        } catch (java.io.IOException closed) {
                            throw new RuntimeException(closed); // ends this task's repetitions
                        }
                    }, 20, 20, java.util.concurrent.TimeUnit.MILLISECONDS);
                    try {
                        assertTrue(c.closedByServer(), framing);
                    } finally {
                        task.cancel(false);
                    }
                    assertTrue(sent.get() >= 5, "the body kept coming (" + sent.get() + " pieces) until it was cut off");
                    assertTrue(sent.get() < 200, "cut off long before the whole body could arrive, after " + sent.get() + " pieces");
                }
            }
            s.assertServes();
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("slower than the minimum of 1000 bytes/s after 200 ms")),
                    log.messages().toString());
        } finally {
            drip.shutdownNow();
            log.remove();
        }
    }

    @Test
    void aPeerThatHangsUpMidRequestLeavesTheServerServing() throws Exception {
        try (TestServer s = TestServer.start(echoButNeverBad())) {
            try (RawClient c = s.connect()) {
                c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nshort");
            }
            try (RawClient c = s.connect()) {
                c.send("GET / HTT");
            }
            s.assertServes();
        }
    }
}
