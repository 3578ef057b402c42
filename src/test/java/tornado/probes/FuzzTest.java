package tornado.probes;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tornado.testing.OnBothConnections;
import tornado.walkthroughs.Hello;

/**
 * A mutation fuzzer over about thirty seed requests, against the hello walkthrough's
 * application: each case is a seed (or two spliced) with a few random mutations, sent on its own
 * connection, which the client then half-closes. Every answer must parse strictly (probes'
 * {@link Wire}), none may be a 500, and the server must close the connection within Wire's
 * bounded read; between batches a health check must be served. The seed of the random
 * generator is fixed, so a failure names a case that can be replayed. {@code mvn verify} runs
 * 3,000 cases; {@code -Dresilience.long=true} runs 50,000 (the README has the command).
 */
@Tag("resilience")
class FuzzTest extends OnBothConnections {
    private static final List<String> SEEDS = List.of(
            "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /?a=1&b=%20c HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n",
            "GET / HTTP/1.0\r\n\r\n",
            "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET http://x/ HTTP/1.1\r\nHost: x\r\n\r\n",
            "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
            "DELETE / HTTP/1.1\r\nHost: x\r\n\r\n",
            "BREW / HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n",
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\na=1&b=2",
            "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
            "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nX-T: 1\r\n\r\n",
            "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc",
            "PUT /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=B\r\nContent-Length: 68\r\n\r\n"
                    + "--B\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nvalue\r\n--B--\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n",
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhiGET / HTTP/1.1\r\nHost: x\r\n\r\n",
            "\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\nCookie: a=b; c=\"d\"\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\nIf-None-Match: \"abc\"\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: [::1]:8888\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 1.2.3.4\r\nX-Real-Ip: 5.6.7.8\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nUser-Agent: fuzz\r\n\r\n",
            "GET /%7E/a/../b HTTP/1.1\r\nHost: x\r\n\r\n",
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc",
            "GET / HTTP/1.1\r\nHost: x\r\nTE: trailers\r\nConnection: TE, close\r\n\r\n",
            "POST /echo HTTP/1.0\r\nContent-Length: 4\r\nConnection: keep-alive\r\n\r\nbody",
            "GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + "v".repeat(300) + "\r\n\r\n");

    private static final byte[] INTERESTING = " \t\r\n:;,=\"%/\\\0\u007f\u00ff0123456789-+*?#[]@".getBytes(StandardCharsets.ISO_8859_1);

    static byte[] mutate(Random rnd) {
        byte[] b = SEEDS.get(rnd.nextInt(SEEDS.size())).getBytes(StandardCharsets.ISO_8859_1);
        int mutations = 1 + rnd.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            int at = rnd.nextInt(b.length + 1);
            int len = Math.min(b.length - at, 1 + rnd.nextInt(8));
            switch (rnd.nextInt(8)) {
                case 0 -> { // flip bits of one byte
                    if (at < b.length) b[at] ^= (byte) (1 << rnd.nextInt(8));
                    continue;
                }
                case 1 -> { // an interesting byte, inserted
                    o.write(b, 0, at);
                    o.write(INTERESTING[rnd.nextInt(INTERESTING.length)]);
                    o.write(b, at, b.length - at);
                }
                case 2 -> { // a range deleted
                    o.write(b, 0, at);
                    o.write(b, at + len, b.length - at - len);
                }
                case 3 -> { // a range repeated
                    o.write(b, 0, at + len);
                    for (int r = rnd.nextInt(5); r >= 0; r--) o.write(b, at, len);
                    o.write(b, at + len, b.length - at - len);
                }
                case 4 -> { // truncated
                    o.write(b, 0, at);
                }
                case 5 -> { // another seed spliced in
                    byte[] other = SEEDS.get(rnd.nextInt(SEEDS.size())).getBytes(StandardCharsets.ISO_8859_1);
                    int from = rnd.nextInt(other.length);
                    o.write(b, 0, at);
                    o.write(other, from, other.length - from);
                }
                case 6 -> { // a number where there was one, or a large one
                    o.write(b, 0, at);
                    o.writeBytes(String.valueOf(rnd.nextBoolean() ? rnd.nextInt(100) : Long.MAX_VALUE - rnd.nextInt(10))
                            .getBytes(StandardCharsets.US_ASCII));
                    o.write(b, at + len, b.length - at - len);
                }
                default -> { // a header line inserted
                    o.write(b, 0, at);
                    o.writeBytes(List.of("Content-Length: 3\r\n", "Transfer-Encoding: chunked\r\n", "Host: y\r\n",
                            "Expect: 100-continue\r\n", "Connection: close\r\n", " folded\r\n", "X:\r\n")
                            .get(rnd.nextInt(7)).getBytes(StandardCharsets.US_ASCII));
                    o.write(b, at, b.length - at);
                }
            }
            b = o.toByteArray();
        }
        return b;
    }

    @Test
    void mutatedRequestsGetStrictAnswersNever500AndTheServerKeepsServing() throws Exception {
        int cases = ExhaustionTest.LONG ? 50_000 : 3_000;
        Random rnd = new Random(9);
        Map<Integer, Integer> statuses = new TreeMap<>();
        int resets = 0;
        try (Fixtures f = Fixtures.app(Hello.application())) {
            for (int n = 0; n < cases; n++) {
                byte[] request = mutate(rnd);
                try (Wire w = f.connect()) {
                    w.sendAnswerable(request);
                    try {
                        w.socket.shutdownOutput();
                    } catch (SocketException closedEarly) {
                        // Closed already, after its answer: read it.
                    }
                    while (true) {
                        Wire.Next next = w.next();
                        if (next == Wire.Next.RESET) {
                            resets++;
                            break;
                        }
                        if (next == Wire.Next.CLOSED) break; // the server closed, between answers
                        if (next == Wire.Next.QUIET) {
                            fail("case " + n + ": neither an answer nor a close within the socket's timeout for " + show(request));
                        }
                        Wire.Resp r;
                        try {
                            r = w.read();
                        } catch (IOException e) {
                            throw new AssertionError("case " + n + ": answer not parsed strictly (" + e + ") for "
                                    + show(request), e);
                        }
                        if (r.status() == 500) fail("case " + n + ": 500 for " + show(request) + "\n" + r);
                        statuses.merge(r.status(), 1, Integer::sum);
                    }
                }
                if (n % 250 == 249) assertHealthy(f);
            }
            assertHealthy(f);
        }
        System.out.println("[resilience] fuzz: " + cases + " cases (seed 9), answers by status " + statuses
                + ", " + resets + " reset(s) between answers");
        assertTrue(statuses.getOrDefault(200, 0) > 0 && statuses.getOrDefault(400, 0) > 0, statuses.toString());
    }

    private static void assertHealthy(Fixtures f) throws Exception {
        f.assertServes();
    }

    static String show(byte[] request) {
        StringBuilder b = new StringBuilder("'");
        for (byte x : request) {
            int c = x & 0xff;
            if (c == '\r') b.append("\\r");
            else if (c == '\n') b.append("\\n");
            else if (c < 0x20 || c >= 0x7f) b.append(String.format("\\x%02x", c));
            else b.append((char) c);
        }
        return b.append('\'').toString();
    }
}
