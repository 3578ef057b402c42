package tornado.httpserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import tornado.walkthroughs.UriEcho;

/**
 * Clients that shut down their sending side once the requests are out (what {@code printf … |
 * nc -N} does, and many test scripts) still get every answer. Tornado closes the moment it reads
 * end of file; IOStream finishes first (chapter 2, {@code closeIfPeerDone}).
 */
class HalfCloseTest extends tornado.testing.OnBothConnections {
    @Test
    void pipelinedRequestsFollowedByAHalfCloseAreAllAnswered() throws Exception {
        try (TestServer server = TestServer.start(UriEcho::handleRequest);
             Socket socket = new Socket("127.0.0.1", server.port());
             RawClient client = new RawClient(socket)) {
            client.send("GET /1 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /2 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /3 HTTP/1.1\r\nHost: x\r\n\r\n");
            socket.shutdownOutput();
            for (int i = 1; i <= 3; i++) {
                RawClient.Response r = client.readResponse();
                assertEquals(200, r.status());
                assertEquals("You requested /" + i + "\n", r.text());
            }
            assertTrue(client.cleanEndOfFile(), "after the last answer the server closes");
        }
    }

    /**
     * A request with a body, sent in one segment with the end of file right behind it: the body's
     * read is answered from the buffer while the same pass of the loop reads the end of file. The
     * stream must not close while that answer's callback is still queued (review finding: it did,
     * and the handler's answer went nowhere). Many rounds, because the two can arrive in one read
     * or in two.
     */
    @Test
    void aRequestWithABodyFollowedByAHalfCloseIsAnswered() throws Exception {
        try (TestServer server = TestServer.start(UriEcho::handleRequest)) {
            for (int round = 0; round < 40; round++) {
                try (Socket socket = new Socket("127.0.0.1", server.port());
                     RawClient client = new RawClient(socket)) {
                    client.send("POST /p" + round + " HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
                    socket.shutdownOutput();
                    RawClient.Response r = client.readResponse();
                    assertEquals(200, r.status(), "round " + round);
                    assertEquals("You requested /p" + round + "\n", r.text());
                    assertTrue(client.cleanEndOfFile(), "after the answer the server closes");
                }
            }
        }
    }

    @Test
    void aLargeAnswerToAHalfClosedClientArrivesWhole() throws Exception {
        byte[] body = new byte[16 * 1024 * 1024];
        Arrays.fill(body, (byte) 'x');
        RequestCallback big = request -> {
            request.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            request.write(body);
            request.finish();
        };
        try (TestServer server = TestServer.start(big);
             Socket socket = new Socket("127.0.0.1", server.port());
             RawClient client = new RawClient(socket)) {
            client.send("GET /big HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            socket.shutdownOutput();
            RawClient.Response r = client.readResponse();
            assertEquals(200, r.status());
            assertEquals(body.length, r.body().length);
            assertTrue(client.cleanEndOfFile());
        }
    }
}
