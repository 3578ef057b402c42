package tornado.probes;

import static org.junit.jupiter.api.Assertions.*;
import static tornado.web.URLSpec.url;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tornado.httputil.HttpDates;
import tornado.testing.OnBothConnections;
import tornado.web.Application;
import tornado.web.StaticFileHandler;

/**
 * Probes StaticFileHandler over the wire: HEAD and empty files keep the connection alive,
 * If-Modified-Since and If-None-Match give 304 where they should, hostile paths never escape the
 * root, clients that vanish mid-download do not hurt the server, and large files pipeline.
 */
class StaticAdvTest extends OnBothConnections {
    @TempDir
    Path dir;
    Path root;
    byte[] big;
    static final Instant MTIME = Instant.parse("2020-01-02T03:04:05Z");

    @BeforeEach
    void files() throws Exception {
        root = Files.createDirectory(dir.resolve("root"));
        Files.writeString(dir.resolve("secret.txt"), "SECRET");
        Files.writeString(root.resolve("hello.txt"), "hello, file\n");
        Files.setLastModifiedTime(root.resolve("hello.txt"), FileTime.from(MTIME));
        Files.createDirectory(root.resolve("a"));
        big = new byte[20 * 1024 * 1024];
        new Random(1).nextBytes(big);
        Files.write(root.resolve("big.bin"), big);
        Files.write(root.resolve("empty.txt"), new byte[0]);
    }

    Fixtures serve() throws Exception {
        return Fixtures.app(new Application(List.of(
                url("/static/(.*)", StaticFileHandler.class, Map.of("path", root.toString())))));
    }

    static String get(String path, String extra) {
        return "GET " + path + " HTTP/1.1\r\nHost: x\r\n" + extra + "\r\n";
    }

    @Test
    void headOnStaticHasLengthNoBodyAndKeepsAlive() throws Exception {
        try (Fixtures f = serve(); Wire w = f.connect()) {
            w.send("HEAD /static/hello.txt HTTP/1.1\r\nHost: x\r\n\r\n" + get("/static/hello.txt", ""));
            Wire.Resp h = w.read(true);
            assertEquals(200, h.status());
            assertEquals("12", h.header("Content-Length"));
            assertEquals("hello, file\n", w.read().text());
            w.send("HEAD /static/big.bin HTTP/1.1\r\nHost: x\r\n\r\n" + get("/static/hello.txt", ""));
            assertEquals(String.valueOf(big.length), w.read(true).header("Content-Length"));
            assertEquals("hello, file\n", w.read().text());
            w.assertQuiet(200);
        }
    }

    @Test
    void emptyFileAndKeepAlive() throws Exception {
        try (Fixtures f = serve(); Wire w = f.connect()) {
            w.send(get("/static/empty.txt", "") + get("/static/hello.txt", ""));
            Wire.Resp r = w.read();
            assertEquals(200, r.status());
            assertEquals("0", r.header("Content-Length"));
            assertEquals("hello, file\n", w.read().text());
        }
    }

    @Test
    void ifModifiedSinceEqualOlderNewerAndGarbage() throws Exception {
        try (Fixtures f = serve(); Wire w = f.connect()) {
            String eq = HttpDates.formatTimestamp(MTIME);
            String older = HttpDates.formatTimestamp(MTIME.minusSeconds(1));
            String newer = HttpDates.formatTimestamp(MTIME.plusSeconds(3600));
            w.send(get("/static/hello.txt", "If-Modified-Since: " + eq + "\r\n"));
            Wire.Resp r = w.read();
            assertEquals(304, r.status());
            assertNull(r.header("Content-Length"));
            w.send(get("/static/hello.txt", "If-Modified-Since: " + older + "\r\n"));
            assertEquals(200, w.read().status());
            w.send(get("/static/hello.txt", "If-Modified-Since: " + newer + "\r\n"));
            assertEquals(304, w.read().status());
            w.send(get("/static/hello.txt", "If-Modified-Since: yesterday\r\n"));
            assertEquals("hello, file\n", w.read().text());
            w.send("HEAD /static/hello.txt HTTP/1.1\r\nHost: x\r\nIf-Modified-Since: " + eq + "\r\n\r\n");
            assertEquals(304, w.read(true).status());
            // If-None-Match wins over If-Modified-Since
            w.send(get("/static/hello.txt", "If-None-Match: \"nope\"\r\nIf-Modified-Since: " + eq + "\r\n"));
            assertEquals(200, w.read().status());
            w.send(get("/static/hello.txt", ""));
            assertEquals("hello, file\n", w.read().text());
            w.assertQuiet(200);
        }
    }

    @Test
    void weirdPaths() throws Exception {
        try (Fixtures f = serve()) {
            String[] paths = {"/static/", "/static/%00", "/static/hello.txt%00.png", "/static/a/../../secret.txt",
                    "/static/../secret.txt", "/static/%2e%2e/secret.txt", "/static/..%2fsecret.txt", "/static//etc/passwd",
                    "/static/" + "n".repeat(300), "/static/" + "a/".repeat(3000) + "x", "/static/a", "/static/a/",
                    "/static/%ff%fe", "/static/%", "/static/%zz", "/static/.", "/static/..", "/static/%c0%ae%c0%ae/secret.txt"};
            for (String p : paths) {
                try (Wire w = f.connect()) {
                    w.send(get(p, "Connection: close\r\n"));
                    Wire.Resp r = w.read();
                    assertTrue(r.status() == 400 || r.status() == 403 || r.status() == 404,
                            p.substring(0, Math.min(80, p.length())) + " -> " + r.statusLine());
                    assertFalse(r.text().contains("SECRET"));
                }
            }
            try (Wire w = f.connect()) {
                w.send(get("/static/hello.txt", ""));
                assertEquals("hello, file\n", w.read().text());
            }
        }
    }

    @Test
    void clientDisconnectsMidLargeFileServerSurvives() throws Exception {
        try (Fixtures f = serve()) {
            for (int i = 0; i < 5; i++) {
                Wire w = f.connect();
                if (i % 2 == 0) w.socket.setSoLinger(true, 0); // RST
                w.send(get("/static/big.bin", ""));
                w.line();
                w.in.readNBytes(100_000);
                w.close();
            }
            // Also: a client that never reads (server's send buffer fills) then leaves.
            Wire stuck = f.connect();
            stuck.socket.setReceiveBufferSize(4096);
            stuck.send(get("/static/big.bin", ""));
            stuck.close();

            try (Wire w = f.connect()) {
                w.send(get("/static/big.bin", "") + get("/static/hello.txt", ""));
                Wire.Resp r = w.read();
                assertEquals(200, r.status());
                assertArrayEquals(big, r.body());
                assertEquals("hello, file\n", w.read().text());
            }
        }
    }

    @Test
    void pipelinedBehindLargeFile() throws Exception {
        try (Fixtures f = serve(); Wire w = f.connect()) {
            w.send(get("/static/big.bin", "") + get("/static/hello.txt", "") + get("/static/big.bin", ""));
            assertArrayEquals(big, w.read().body());
            assertEquals("hello, file\n", w.read().text());
            assertArrayEquals(big, w.read().body());
        }
    }
}
