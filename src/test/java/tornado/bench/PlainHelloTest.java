package tornado.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import tornado.walkthroughs.Running;

/**
 * The benchmark's hello-plain answers with the headers of Netty's hello (bench/peers/netty), in
 * the same 77 bytes: the comparison the Benchmarks page draws from it holds only while they
 * stay the same. Netty's own bytes are not fetched here (its peer is built by bench/run alone),
 * so the answer expected is written out: Netty's, with the names capitalized.
 */
class PlainHelloTest {
    private static final String KEPT_ALIVE =
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n\r\nHello, world";

    @Test
    void answersKeptAliveAndClosingWithNettysHeaders() throws Exception {
        try (Running r = Running.start(loop -> PlainHello.listen(loop, 0));
             Socket s = new Socket("127.0.0.1", r.server().port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            // As wrk asks, kept alive: exactly the 77 bytes, and the connection stays open.
            out.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals(77, KEPT_ALIVE.length());
            assertEquals(KEPT_ALIVE, new String(in.readNBytes(KEPT_ALIVE.length()), StandardCharsets.ISO_8859_1));
            // And with Connection: close on the same connection, as in the close rounds.
            out.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 12\r\nConnection: close\r\n\r\nHello, world",
                    new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        }
    }
}
