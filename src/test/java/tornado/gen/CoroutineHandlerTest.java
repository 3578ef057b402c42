package tornado.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tornado.gen.Gen.await;
import static tornado.gen.Gen.coroutine;
import static tornado.web.URLSpec.url;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import tornado.httpserver.HTTPServer;
import tornado.testing.LogCapture;
import tornado.testing.LoopThread;
import tornado.web.Application;
import tornado.web.HTTPError;
import tornado.web.RequestHandler;

/** Chapter 5's handlers with coroutine methods, through the returnLater seam. */
class CoroutineHandlerTest {

    public static final class SleepHandler extends RequestHandler {
        @Override
        public void get(String... args) {
            returnLater(coroutine(() -> {
                int ms = Integer.parseInt(getArgument("ms"));
                await(Gen.sleep(Duration.ofMillis(ms)));
                write("slept " + ms + " ms");
            }));
        }
    }

    /** A coroutine prepare() that may refuse; get() must wait for it. */
    public static final class GuardedHandler extends RequestHandler {
        @Override
        protected void prepare() {
            returnLater(coroutine(() -> {
                await(Gen.sleep(Duration.ofMillis(2)));
                if (getArgument("key", "").isEmpty()) throw new HTTPError(403);
                setHeader("X-Prepared", "after a sleep");
            }));
        }

        @Override
        public void get(String... args) {
            write("let in");
        }
    }

    public static final class FailingHandler extends RequestHandler {
        @Override
        public void get(String... args) {
            returnLater(coroutine(() -> {
                await(Gen.moment());
                throw new IllegalStateException("failed after an await");
            }));
        }
    }

    /** A prepare() coroutine that finishes the response itself: get() is never called. */
    public static final class RedirectingHandler extends RequestHandler {
        @Override
        protected void prepare() {
            returnLater(coroutine(() -> {
                await(Gen.moment());
                redirect("/elsewhere");
            }));
        }

        @Override
        public void get(String... args) {
            throw new AssertionError("get() after prepare() finished the response");
        }
    }

    private static Application app() {
        return new Application(List.of(
                url("/sleep", SleepHandler.class),
                url("/guarded", GuardedHandler.class),
                url("/fail", FailingHandler.class),
                url("/redirect", RedirectingHandler.class)));
    }

    static String fetch(int port, String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private interface WithServer {
        void run(int port) throws Exception;
    }

    private static void serve(WithServer test) throws Exception {
        try (LoopThread t = new LoopThread()) {
            HTTPServer server = t.call(() -> app().listen(0, "127.0.0.1", t.loop));
            try {
                test.run(server.port());
            } finally {
                t.run(server::stop);
            }
        }
    }

    @Test
    void aCoroutineGetAnswersAfterItsAwait() throws Exception {
        serve(port -> {
            String r = fetch(port, "/sleep?ms=5");
            assertTrue(r.startsWith("HTTP/1.1 200 OK"), r);
            assertTrue(r.endsWith("slept 5 ms"), r);
        });
    }

    @Test
    void aCoroutinePrepareRunsBeforeTheMethodAndMayRefuse() throws Exception {
        serve(port -> {
            String ok = fetch(port, "/guarded?key=1");
            assertTrue(ok.startsWith("HTTP/1.1 200 OK"), ok);
            assertTrue(ok.contains("X-Prepared: after a sleep"), ok);
            assertTrue(ok.endsWith("let in"), ok);
            String refused = fetch(port, "/guarded");
            assertTrue(refused.startsWith("HTTP/1.1 403 Forbidden"), refused);
        });
    }

    @Test
    void aCoroutinePrepareThatFinishesSkipsTheMethod() throws Exception {
        serve(port -> {
            String r = fetch(port, "/redirect");
            assertTrue(r.startsWith("HTTP/1.1 302"), r);
            assertTrue(r.contains("Location: /elsewhere"), r);
        });
    }

    @Test
    void aCoroutineThatFailsGetsTheErrorPage() throws Exception {
        LogCapture log = LogCapture.on("tornado.application");
        try {
            serve(port -> {
                String r = fetch(port, "/fail");
                assertTrue(r.startsWith("HTTP/1.1 500 Internal Server Error"), r);
            });
            assertTrue(log.thrown().stream().anyMatch(e -> "failed after an await".equals(e.getMessage())),
                    String.valueOf(log.messages()));
        } finally {
            log.remove();
        }
    }

    // tag::thousand-clients[]
    @Test
    void aCoroutineHandlerAnswersAThousandConcurrentClients() throws Exception {
        serve(port -> {
            List<java.util.concurrent.Future<String>> answers = new ArrayList<>();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 1_000; i++) answers.add(clients.submit(() -> fetch(port, "/sleep?ms=200")));
                int ok = 0;
                for (java.util.concurrent.Future<String> a : answers) {
                    String r = a.get(60, TimeUnit.SECONDS);
                    if (r.startsWith("HTTP/1.1 200 OK") && r.endsWith("slept 200 ms")) ok++;
                }
                assertEquals(1_000, ok);
            }
        });
    }
    // end::thousand-clients[]
}
