package tornado.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import tornado.walkthroughs.Running;
import tornado.web.Application;

import static tornado.web.URLSpec.url;

/**
 * The benchmark's hello-plain sends exactly what Netty's hello sends (bench/peers/netty): the
 * comparison the Benchmarks page draws from it holds only while the bytes are the same.
 */
class PlainHelloTest {

    @Test
    void answersWithContentTypeLengthAndBodyOnly() throws Exception {
        try (Running r = Running.start(loop -> new Application(List.of(url("/", PlainHello.Handler.class))).listen(0, "127.0.0.1", loop));
             Socket s = new Socket("127.0.0.1", r.server().port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 12\r\nConnection: close\r\n\r\nHello, world",
                    response);
        }
    }
}
