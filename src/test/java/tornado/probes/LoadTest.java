package tornado.probes;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tornado.testing.OnBothConnections;
import tornado.walkthroughs.Hello;

/**
 * Probes the Hello application under load: 200 concurrent clients mixing sequential and
 * pipelined keep-alive requests, and 10,000 requests on one connection; every answer must be
 * complete and in order.
 */
class LoadTest extends OnBothConnections {
    @Test
    @Timeout(120)
    void twoHundredClientsTwentyKeepAliveRequestsEach() throws Exception {
        try (Fixtures f = Fixtures.app(Hello.application())) {
            ExecutorService pool = Executors.newFixedThreadPool(200);
            AtomicInteger ok = new AtomicInteger();
            List<Future<?>> fs = new ArrayList<>();
            for (int c = 0; c < 200; c++) {
                final int id = c;
                fs.add(pool.submit(() -> {
                    try (Wire w = f.connect()) {
                        for (int pair = 0; pair < 10; pair++) {
                            String req = "GET /?c=" + id + "&p=" + pair + " HTTP/1.1\r\nHost: x\r\n\r\n";
                            if (pair % 2 == 1) {
                                w.send(req + req); // pipelined
                            } else {
                                w.send(req);
                                Wire.Resp r = w.read();
                                assertEquals("Hello, world", r.text());
                                ok.incrementAndGet();
                                w.send(req);
                            }
                            for (int k = 0; k < (pair % 2 == 1 ? 2 : 1); k++) {
                                Wire.Resp r = w.read();
                                assertEquals(200, r.status());
                                assertEquals("Hello, world", r.text());
                                ok.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            try {
                for (Future<?> fu : fs) fu.get(100, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            assertEquals(4000, ok.get());
        }
    }

    @Test
    @Timeout(120)
    void tenThousandGetsOnHelloBufferBounded() throws Exception {
        try (Fixtures f = Fixtures.app(Hello.application()); Wire w = f.connect()) {
            for (int i = 0; i < 10_000; i++) {
                w.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals("Hello, world", w.read().text());
            }
            w.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nend");
            assertEquals("end", w.read().text());
        }
    }
}
