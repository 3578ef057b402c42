package tornado.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tornado.web.URLSpec.url;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import tornado.ioloop.IOLoop;

/**
 * RequestHandler._execute, in Tornado 2.4's order: supported method (else 405), xsrf,
 * prepare, the method, finish unless @Asynchronous; then on_finish.
 */
class ExecuteTest extends tornado.testing.OnBothConnections {
    /** A handler that notes each step in the list it is given. */
    public static class Steps extends RequestHandler {
        List<String> log;

        @Override
        @SuppressWarnings("unchecked")
        protected void initialize(Map<String, Object> kwargs) {
            log = (List<String>) kwargs.get("log");
        }

        @Override
        protected void prepare() {
            log.add("prepare");
            if (getArgument("stop", null) != null) finish("stopped in prepare");
        }

        @Override
        public void get(String... args) {
            log.add("get");
            write("got");
        }

        @Override
        protected void onFinish() {
            log.add("on_finish");
        }
    }

    @Test
    void prepareThenMethodThenAutomaticFinishThenOnFinish() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (AppServer s = new AppServer(new Application(List.of(url("/", Steps.class, Map.of("log", log)))))) {
            RawHttp.Response r = s.get("/");
            assertEquals(200, r.status());
            assertEquals("got", r.text());
            // Ask the loop: by the time this runs, the request's callback has completed.
            assertEquals(List.of("prepare", "get", "on_finish"), s.loop.call(() -> List.copyOf(log)));
        }
    }

    @Test
    void aPrepareThatFinishesSkipsTheMethod() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (AppServer s = new AppServer(new Application(List.of(url("/", Steps.class, Map.of("log", log)))))) {
            assertEquals("stopped in prepare", s.get("/?stop=1").text());
            assertEquals(List.of("prepare", "on_finish"), s.loop.call(() -> List.copyOf(log)));
        }
    }

    @Test
    void aMethodTheHandlerDoesNotImplementIs405WithAllow() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (AppServer s = new AppServer(new Application(List.of(url("/", Steps.class, Map.of("log", log)))))) {
            RawHttp.Response r = s.exchange(RawHttp.request("POST", "/", Map.of(), "x=1".getBytes()));
            assertEquals(405, r.status());
            assertEquals("Method Not Allowed", r.reason());
            assertEquals("GET, HEAD", r.header("Allow"));
            assertTrue(r.text().contains("405: Method Not Allowed"));
            // prepare ran (the 405 comes from the default post()), the method did not.
            assertEquals(List.of("prepare", "on_finish"), s.loop.call(() -> List.copyOf(log)));
        }
    }

    @Test
    void aMethodOutsideSupportedMethodsIs405BeforePrepare() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (AppServer s = new AppServer(new Application(List.of(url("/", Steps.class, Map.of("log", log)))))) {
            RawHttp.Response r = s.exchange("BREW / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertEquals(405, r.status());
            assertEquals("GET, HEAD", r.header("Allow"));
            assertEquals(List.of("on_finish"), s.loop.call(() -> List.copyOf(log)));
        }
    }

    /** Implements POST but narrows SUPPORTED_METHODS to GET: POST is refused anyway. */
    public static class Narrow extends RequestHandler {
        @Override
        protected Set<String> supportedMethods() {
            return Set.of("GET");
        }

        @Override
        public void get(String... args) {
            write("get");
        }

        @Override
        public void post(String... args) {
            write("post");
        }
    }

    @Test
    void supportedMethodsCanBeNarrowed() throws Exception {
        try (AppServer s = new AppServer(new Application(List.of(url("/", Narrow.class))))) {
            RawHttp.Response r = s.exchange(RawHttp.request("POST", "/", Map.of(), new byte[0]));
            assertEquals(405, r.status());
            assertEquals("GET", r.header("Allow"));
            assertEquals("get", s.get("/").text());
        }
    }

    /** Finishes 30 ms after get returns, from a timeout on the loop. */
    public static class Late extends RequestHandler {
        List<String> log;

        @Override
        @SuppressWarnings("unchecked")
        protected void initialize(Map<String, Object> kwargs) {
            log = (List<String>) kwargs.get("log");
        }

        @Override
        @Asynchronous
        public void get(String... args) {
            write("early ");
            IOLoop.current().callLater(Duration.ofMillis(30), asyncCallback(() -> {
                log.add("timeout");
                finish("late");
            }));
            log.add("get returned");
        }
    }

    @Test
    void anAsynchronousMethodFinishesLater() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (AppServer s = new AppServer(new Application(List.of(url("/", Late.class, Map.of("log", log)))))) {
            RawHttp.Response r = s.get("/");
            assertEquals("early late", r.text());
            assertEquals(List.of("get returned", "timeout"), s.loop.call(() -> List.copyOf(log)));
        }
    }

    /** The same handler without @Asynchronous: the response is finished when get returns. */
    public static class NotMarked extends RequestHandler {
        List<String> log;
        CountDownLatch done;

        @Override
        @SuppressWarnings("unchecked")
        protected void initialize(Map<String, Object> kwargs) {
            log = (List<String>) kwargs.get("log");
            done = (CountDownLatch) kwargs.get("done");
        }

        @Override
        public void get(String... args) {
            write("early");
            IOLoop.current().callLater(Duration.ofMillis(1), () -> {
                try {
                    finish("late");
                    log.add("finished twice?!");
                } catch (IllegalStateException e) {
                    log.add(e.getMessage());
                } finally {
                    done.countDown();
                }
            });
        }
    }

    @Test
    void withoutAsynchronousTheResponseIsFinishedWhenTheMethodReturns() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        try (AppServer s = new AppServer(new Application(List.of(
                url("/", NotMarked.class, Map.of("log", log, "done", done)))))) {
            assertEquals("early", s.get("/").text());
            assertTrue(done.await(10, TimeUnit.SECONDS), "the late callback did not run");
            assertEquals(1, log.size());
            assertTrue(log.get(0).contains("@Asynchronous"), log.get(0));
        }
    }

    /** Throws from a later callback, wrapped with asyncCallback: the client gets the 500 page. */
    public static class LateFailure extends RequestHandler {
        @Override
        @Asynchronous
        public void get(String... args) {
            IOLoop.current().addCallback(asyncCallback(() -> {
                throw new IllegalStateException("boom later");
            }));
        }
    }

    @Test
    void anExceptionInAWrappedCallbackBecomesThe500Page() throws Exception {
        try (AppServer s = new AppServer(new Application(List.of(url("/", LateFailure.class))))) {
            RawHttp.Response r = s.get("/");
            assertEquals(500, r.status());
            assertTrue(r.text().contains("500: Internal Server Error"));
        }
    }

    /** Never finishes; notes when the client goes away. */
    public static class Waits extends RequestHandler {
        CountDownLatch started;
        CountDownLatch closed;

        @Override
        protected void initialize(Map<String, Object> kwargs) {
            started = (CountDownLatch) kwargs.get("started");
            closed = (CountDownLatch) kwargs.get("closed");
        }

        @Override
        @Asynchronous
        public void get(String... args) {
            write("never sent");
            started.countDown();
        }

        @Override
        protected void onConnectionClose() {
            closed.countDown();
        }
    }

    @Test
    void onConnectionCloseRunsWhenTheClientLeavesAnUnfinishedRequest() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        try (AppServer s = new AppServer(new Application(List.of(
                url("/", Waits.class, Map.of("started", started, "closed", closed)))))) {
            try (RawHttp c = new RawHttp(s.port)) {
                c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                // Hang up only once the handler is waiting.
                assertTrue(started.await(10, TimeUnit.SECONDS), "the request never reached the handler");
            }
            assertTrue(closed.await(10, TimeUnit.SECONDS), "onConnectionClose was not called");
        }
    }

    @Test
    void headRunsGetAndSendsItsHeadersWithoutTheBody() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (AppServer s = new AppServer(new Application(List.of(url("/", Steps.class, Map.of("log", log)))))) {
            RawHttp.Response get = s.get("/");
            RawHttp.Response head = s.exchange("HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertEquals(200, head.status());
            assertEquals("3", head.header("Content-Length"));
            assertEquals(get.header("Content-Length"), head.header("Content-Length"));
            assertEquals(get.header("Etag"), head.header("Etag"));
            assertEquals(0, head.body().length);
            assertNull(head.header("Transfer-Encoding"));
            assertFalse(log.isEmpty());
        }
    }

    @Test
    void headOnAKeepAliveConnectionLeavesNoBodyBytesBehind() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (AppServer s = new AppServer(new Application(List.of(url("/", Steps.class, Map.of("log", log)))));
             RawHttp c = new RawHttp(s.port)) {
            c.send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, c.read(true).status());
            // If HEAD had sent "got", the next status line would be garbage.
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Response r = c.read(false);
            assertEquals(200, r.status());
            assertEquals("got", r.text());
        }
    }
}
