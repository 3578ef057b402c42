package tornado.probes;

import static org.junit.jupiter.api.Assertions.*;
import static tornado.web.URLSpec.url;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import tornado.ioloop.IOLoop;
import tornado.testing.OnBothConnections;
import tornado.web.Application;
import tornado.web.Asynchronous;
import tornado.web.RequestHandler;

/**
 * Probes IOStream's read-side back-pressure: while an asynchronous handler waits, a client floods
 * the connection with pipelined requests; with no read pending the stream stops reading once
 * 64 KiB is buffered, so the flood waits in the kernel instead of in the server's memory.
 */
class BufferGrowthTest extends OnBothConnections {
    static volatile CompletableFuture<Integer> seen = new CompletableFuture<>();

    public static class Wait extends RequestHandler {
        @Override
        @Asynchronous
        public void get(String... a) {
            IOLoop.current().callLater(Duration.ofMillis(1500), asyncCallback(() -> {
                seen.complete(request().connection().stream().readBufferSize());
                finish("ok");
            }));
        }
    }

    /** While an async handler waits, a client pipelines 32 MB; how much does the server buffer? */
    @Test
    void pipelinedFloodDuringAsyncHandlerIsBuffered() throws Exception {
        seen = new CompletableFuture<>();
        try (Fixtures f = Fixtures.app(new Application(List.of(url("/wait", Wait.class)))); Wire w = f.connect()) {
            w.send("GET /wait HTTP/1.1\r\nHost: x\r\n\r\n");
            Thread writer = new Thread(() -> {
                try {
                    byte[] junk = ("GET /wait HTTP/1.1\r\nHost: x\r\nX: " + "a".repeat(990) + "\r\n\r\n").getBytes();
                    for (int i = 0; i < 32 * 1024; i++) w.out.write(junk);
                } catch (Exception ignored) {
                }
            });
            writer.setDaemon(true);
            writer.start();
            int buffered = seen.get(10, TimeUnit.SECONDS);
            assertTrue(buffered < 1024 * 1024, "server read " + buffered + " bytes of pipelined input into memory during one request");
        }
    }
}
