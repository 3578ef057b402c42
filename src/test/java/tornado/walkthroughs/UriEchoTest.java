package tornado.walkthroughs;

import static tornado.testing.Programs.onPath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import tornado.testing.Chains;

import tornado.httpserver.HTTPServer;
import tornado.trace.TraceEvent;

/**
 * The uri-echo walkthrough: its scripted run (two GETs on one connection) and its chain, and
 * real clients against it: curl, where the machine has it.
 */
class UriEchoTest {

    @Test
    void scriptedRunAnswersTwoRequestsOnOneConnection() throws Exception {
        Walkthroughs.Recorded run = Walkthroughs.record("uri-echo");
        assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 34\r\n\r\nYou requested /hello?name=tornado\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 21\r\n\r\nYou requested /again\n", run.transcript());

        // The server's side of the connection is the accepted one.
        int conn = run.events().stream().filter(e -> e.step().equals("netutil.accept_handler"))
                .mapToInt(TraceEvent::conn).findFirst().orElseThrow();
        List<String> steps = run.events().stream().filter(e -> e.conn() == conn).map(TraceEvent::step).toList();
        Chains.assertSubsequence(List.of("netutil.accept_handler", "TCPServer._handle_connection", "TCPServer.handle_stream", "IOStream.read_until",
                "HTTPConnection._on_headers", "HTTPConnection.request_callback", "HTTPConnection.write", "HTTPConnection.finish", "HTTPConnection._finish_request", "IOStream.read_until",
                "HTTPConnection._on_headers", "HTTPConnection.request_callback", "HTTPConnection.write", "HTTPConnection.finish", "HTTPConnection._finish_request", "IOStream.read_until"), steps);
        List<String> starts = run.events().stream().filter(e -> e.conn() == conn && e.step().equals("HTTPConnection._on_headers"))
                .map(TraceEvent::detail).toList();
        assertEquals(List.of("GET /hello?name=tornado HTTP/1.1", "GET /again HTTP/1.1"), starts);
    }

    @Test
    void isRegisteredForChapterFour() {
        Walkthrough w = Walkthroughs.named("uri-echo");
        assertEquals("04-httpserver", w.chapter());
    }


    /** Runs curl with {@code args}, bounded in time, and returns its standard output. */
    private static String curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "10"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(15, TimeUnit.SECONDS), "curl did not finish");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "curl failed: " + text);
        return text;
    }

    @Test
    void curlGetsItsAnswerIncludingKeepAliveHeadAndAnUpload() throws Exception {
        assumeTrue(onPath("curl"), "curl is not on this machine's PATH; skipping the real-client test");
        try (Running r = Running.start(loop -> {
            HTTPServer server = new HTTPServer(UriEcho::handleRequest, loop);
            server.listen(0, "127.0.0.1");
            return server;
        })) {
            String base = "http://127.0.0.1:" + r.server().port();
            // One curl, two URLs: curl reuses the connection for the second ("Re-using existing connection").
            String two = curl("-v", base + "/one?x=1", base + "/two");
            assertTrue(two.contains("You requested /one?x=1\n"), two);
            assertTrue(two.contains("You requested /two\n"), two);
            assertTrue(two.toLowerCase().contains("re-using existing connection")
                    || two.toLowerCase().contains("reusing existing connection"), two);
            // HEAD: the headers only.
            String head = curl("-I", base + "/h");
            assertTrue(head.startsWith("HTTP/1.1 200 OK"), head);
            assertTrue(head.contains("Content-Length: 17"), head);
            // A body of 2 MB: curl sends Expect: 100-continue for it and waits for our 100.
            File upload = File.createTempFile("uri-echo", ".bin");
            upload.deleteOnExit();
            java.nio.file.Files.write(upload.toPath(), new byte[2 * 1024 * 1024]);
            String post = curl("-v", "--data-binary", "@" + upload.getPath(), base + "/upload");
            assertTrue(post.contains("You requested /upload\n"), post);
            assertTrue(post.contains("HTTP/1.1 100 Continue"), post);
            // Chunked upload.
            String chunked = curl("-H", "Transfer-Encoding: chunked", "--data-binary", "hello", base + "/chunked");
            assertEquals("You requested /chunked\n", chunked);
            // HTTP/1.0.
            String old = curl("-0", base + "/old");
            assertEquals("You requested /old\n", old);
            // A client that asks to close is told the connection closes (wrk counted a read error
            // for every response without it).
            String closing = curl("-i", "-H", "Connection: close", base + "/bye");
            assertTrue(closing.contains("\r\nConnection: close\r\n"), closing);
            assertTrue(closing.endsWith("You requested /bye\n"), closing);
            assertTrue(!curl("-i", base + "/stay").contains("Connection:"), "a kept connection gets no Connection header");
        }
    }
}
