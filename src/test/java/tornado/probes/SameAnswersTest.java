package tornado.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tornado.testing.Connections;
import tornado.walkthroughs.Hello;

/**
 * The two connections side by side: the fuzzer's mutated requests (FuzzTest's, same seed), each
 * sent to a callback server and to a coroutine server, must get the same answers, status by
 * status, and the same end (the server closes, resets, or keeps the connection open and quiet).
 * Unlike the other probes this class does not extend {@code OnBothConnections}: its point is to
 * hold both in one run. The client does not half-close (FuzzTest does, on each connection on its
 * own), so a kept-alive connection ends with a quiet period; {@code mvn verify} runs 200 cases,
 * {@code -Dresilience.long=true} 3,000.
 */
@Tag("resilience")
class SameAnswersTest {
    /** How long nothing may arrive before a kept-alive connection counts as quiet. */
    private static final int QUIET_MS = 600;

    /** The statuses of the answers to {@code request}, then how the connection ended. */
    private static String answers(Fixtures f, byte[] request) throws Exception {
        StringBuilder b = new StringBuilder();
        try (Wire w = f.connect()) {
            w.socket.setSoTimeout(QUIET_MS);
            w.sendAnswerable(request);
            while (true) {
                Wire.Next next = w.next();
                if (next == Wire.Next.QUIET) return b.append("open").toString();
                if (next == Wire.Next.RESET) return b.append("reset").toString();
                if (next == Wire.Next.CLOSED) return b.append("closed").toString();
                w.socket.setSoTimeout(10_000); // an answer that has begun must come whole
                b.append(w.read().status()).append(' ');
                w.socket.setSoTimeout(QUIET_MS);
            }
        }
    }

    @Test
    void mutatedRequestsGetTheSameAnswersOnBothConnections() throws Exception {
        int cases = ExhaustionTest.LONG ? 3_000 : 200;
        Random rnd = new Random(9);
        List<byte[]> requests = new ArrayList<>();
        for (int n = 0; n < cases; n++) requests.add(FuzzTest.mutate(rnd));
        Fixtures callback, coroutine;
        try {
            Connections.use("callback");
            callback = Fixtures.app(Hello.application());
            Connections.use("coroutine");
            coroutine = Fixtures.app(Hello.application());
        } finally {
            Connections.use("callback");
        }
        List<String> differences = new ArrayList<>();
        try (callback; coroutine; ExecutorService clients = Executors.newFixedThreadPool(48)) {
            List<Future<String>> compared = new ArrayList<>();
            for (int n = 0; n < cases; n++) {
                byte[] request = requests.get(n);
                int at = n;
                compared.add(clients.submit(() -> {
                    String a = answers(callback, request), b = answers(coroutine, request);
                    return a.equals(b) ? null : "case " + at + " " + FuzzTest.show(request) + "\n  callback:  " + a + "\n  coroutine: " + b;
                }));
            }
            for (Future<String> c : compared) {
                String d = c.get(120, TimeUnit.SECONDS);
                if (d != null) differences.add(d);
            }
        }
        System.out.println("[resilience] same answers: " + cases + " mutated requests (seed 9) to both connections, "
                + differences.size() + " difference(s)");
        assertEquals(List.of(), differences, differences.size() + " of " + cases + " cases answered differently");
    }
}
