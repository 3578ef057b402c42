package tornado.httpserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The evolution features of reading a body: chunked transfer coding and Expect: 100-continue. */
class BodyFeaturesTest extends tornado.testing.OnBothConnections {
    private static RequestCallback recordBodies(List<String> bodies) {
        return r -> {
            bodies.add(new String(r.body(), StandardCharsets.ISO_8859_1));
            TestServer.echo(r);
        };
    }

    @Test
    void chunkedBodyIsDecoded() throws Exception {
        List<String> bodies = new ArrayList<>();
        try (TestServer s = TestServer.start(recordBodies(bodies)); RawClient c = s.connect()) {
            c.send("POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n1;name=value\r\n \r\nA\r\n0123456789\r\n0\r\n\r\n");
            assertEquals("You requested /c\n", c.readResponse().text());
            assertEquals(List.of("hello 0123456789"), bodies);
            // The connection is still in step: the next request is read from where the body ended.
            c.send("GET /after HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("You requested /after\n", c.readResponse().text());
        }
    }

    @Test
    void chunkedBodyInPiecesWithTrailersAndPipelinedFollower() throws Exception {
        List<String> bodies = new ArrayList<>();
        try (TestServer s = TestServer.start(recordBodies(bodies)); RawClient c = s.connect()) {
            c.send("POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r");
            c.send("\nabc\r\n");
            c.send("3\r\ndef\r\n0\r\nX-Checksum: 1\r\nX-Other: 2\r\n\r\nGET /next HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("You requested /c\n", c.readResponse().text());
            assertEquals("You requested /next\n", c.readResponse().text());
            assertEquals(List.of("abcdef", ""), bodies);
        }
    }

    @Test
    void emptyChunkedBody() throws Exception {
        List<String> bodies = new ArrayList<>();
        try (TestServer s = TestServer.start(recordBodies(bodies)); RawClient c = s.connect()) {
            c.send("POST /e HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
            assertEquals(200, c.readResponse().status());
            assertEquals(List.of(""), bodies);
        }
    }

    @Test
    void chunkedFormBodyBecomesArguments() throws Exception {
        List<HTTPRequest> seen = new ArrayList<>();
        try (TestServer s = TestServer.start(r -> {
            seen.add(r);
            TestServer.echo(r);
        }); RawClient c = s.connect()) {
            c.send("POST /f HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n4\r\na=1&\r\n3\r\nb=2\r\n0\r\n\r\n");
            assertEquals(200, c.readResponse().status());
            assertEquals(List.of("1"), seen.get(0).arguments().get("a"));
            assertEquals(List.of("2"), seen.get(0).arguments().get("b"));
        }
    }

    @Test
    void continueIsSentBeforeTheBodyAndTheClientWaitsForIt() throws Exception {
        List<String> bodies = new ArrayList<>();
        try (TestServer s = TestServer.start(recordBodies(bodies)); RawClient c = s.connect()) {
            c.send("PUT /up HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
            // Like curl, send nothing more until the server says it wants the body.
            assertEquals("HTTP/1.1 100 Continue", c.readLine());
            assertEquals("", c.readLine());
            c.send("data");
            assertEquals("You requested /up\n", c.readResponse().text());
            assertEquals(List.of("data"), bodies);
        }
    }

    @Test
    void continueForAChunkedBody() throws Exception {
        List<String> bodies = new ArrayList<>();
        try (TestServer s = TestServer.start(recordBodies(bodies)); RawClient c = s.connect()) {
            c.send("POST /up HTTP/1.1\r\nHost: x\r\nExpect: 100-Continue\r\nTransfer-Encoding: chunked\r\n\r\n");
            assertEquals("HTTP/1.1 100 Continue", c.readLine());
            assertEquals("", c.readLine());
            c.send("2\r\nok\r\n0\r\n\r\n");
            assertEquals(200, c.readResponse().status());
            assertEquals(List.of("ok"), bodies);
        }
    }

    @Test
    void noContinueWithoutABodyOrForHttp10() throws Exception {
        try (TestServer s = TestServer.start(TestServer::echo); RawClient c = s.connect()) {
            // No body to wait for: the first thing back is the response itself.
            c.send("GET /nobody HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n\r\n");
            RawClient.Response r = c.readResponse();
            assertEquals(200, r.status());
            assertEquals("You requested /nobody\n", r.text());
        }
        try (TestServer s = TestServer.start(TestServer::echo); RawClient c = s.connect()) {
            // HTTP/1.0 has no 1xx responses.
            c.send("POST /old HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi");
            assertEquals(200, c.readResponse().status());
        }
    }

    @Test
    void aStrayCrlfAfterABodyDoesNotBreakTheNextRequest() throws Exception {
        try (TestServer s = TestServer.start(TestServer::echo); RawClient c = s.connect()) {
            c.send("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi\r\n");
            assertEquals("You requested /a\n", c.readResponse().text());
            c.send("GET /b HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("You requested /b\n", c.readResponse().text());
        }
    }

    @Test
    void bodyLimitIsTheSmallerOfMaxBodySizeAndTheBuffer() {
        HTTPServerOptions o = HTTPServerOptions.defaults().withMaxBodySize(500).withMaxBufferSize(1000);
        assertEquals(500, o.bodyLimit());
        assertEquals(300, o.withMaxBufferSize(300).bodyLimit());
        assertTrue(HTTPServerOptions.defaults().bodyLimit() > 0);
    }
}
