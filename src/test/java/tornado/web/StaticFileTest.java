package tornado.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tornado.web.URLSpec.url;

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
import tornado.trace.RecordingSink;
import tornado.trace.Trace;

/**
 * StaticFileHandler: files under a root with their type, caching headers and 304s, HEAD, large
 * files in pieces, and no way out of the root by "..", encoded dots or a symbolic link.
 */
class StaticFileTest extends tornado.testing.OnBothConnections {
    private static final String SECRET = "<project>the secret pom</project>";

    @TempDir
    Path dir;
    Path root;

    @BeforeEach
    void files() throws Exception {
        root = Files.createDirectory(dir.resolve("root"));
        // Beside the root, not in it: what every traversal attempt is after.
        Files.writeString(dir.resolve("pom.xml"), SECRET);
        Files.writeString(root.resolve("hello.txt"), "hello, file\n");
        Files.writeString(root.resolve("style.css"), "body { color: black }");
        Files.writeString(root.resolve("app.js"), "let x = 1;");
        Files.write(root.resolve("blob.zzqq"), new byte[] {1, 2, 3});
        Files.createDirectory(root.resolve("sub"));
        Files.writeString(root.resolve("sub").resolve("index.html"), "<p>index</p>");
        Files.setLastModifiedTime(root.resolve("hello.txt"), FileTime.from(Instant.parse("2020-01-02T03:04:05Z")));
    }

    private AppServer serve() throws Exception {
        return new AppServer(new Application(List.of(
                url("/static/(.*)", StaticFileHandler.class, Map.of("path", root.toString())),
                url("/pages/(.*)", StaticFileHandler.class, Map.of("path", root, "default_filename", "index.html")))));
    }

    @Test
    void servesAFileWithTypeLengthAndCachingHeaders() throws Exception {
        try (AppServer s = serve()) {
            RawHttp.Response r = s.get("/static/hello.txt");
            assertEquals(200, r.status());
            assertEquals("hello, file\n", r.text());
            assertEquals("text/plain", r.header("Content-Type"));
            assertEquals("12", r.header("Content-Length"));
            assertEquals("Thu, 02 Jan 2020 03:04:05 GMT", r.header("Last-Modified"));
            assertEquals("public", r.header("Cache-Control"));
            assertNotNull(r.header("Etag"));
            assertEquals("text/css", s.get("/static/style.css").header("Content-Type"));
            assertEquals("application/javascript", s.get("/static/app.js").header("Content-Type"));
            assertEquals("application/octet-stream", s.get("/static/blob.zzqq").header("Content-Type"));
            // A version argument means the URL changes with the file: cache it for years.
            RawHttp.Response v = s.get("/static/hello.txt?v=abc");
            assertEquals("max-age=" + StaticFileHandler.CACHE_MAX_AGE, v.header("Cache-Control"));
            assertNotNull(v.header("Expires"));
        }
    }

    @Test
    void missingFilesAre404AndDirectories403() throws Exception {
        try (AppServer s = serve()) {
            assertEquals(404, s.get("/static/nope.txt").status());
            assertEquals(403, s.get("/static/sub").status());
            assertEquals(403, s.get("/static/").status());
        }
    }

    @Test
    void ifModifiedSinceGives304() throws Exception {
        try (AppServer s = serve()) {
            String lastModified = s.get("/static/hello.txt").header("Last-Modified");
            RawHttp.Response same = conditional(s, "If-Modified-Since: " + lastModified);
            assertEquals(304, same.status());
            assertEquals(0, same.body().length);
            assertNull(same.header("Content-Length"));
            String later = HttpDates.formatTimestamp(Instant.parse("2021-01-01T00:00:00Z"));
            assertEquals(304, conditional(s, "If-Modified-Since: " + later).status());
            String earlier = HttpDates.formatTimestamp(Instant.parse("2019-01-01T00:00:00Z"));
            RawHttp.Response changed = conditional(s, "If-Modified-Since: " + earlier);
            assertEquals(200, changed.status());
            assertEquals("hello, file\n", changed.text());
            // A date we cannot read is ignored.
            assertEquals(200, conditional(s, "If-Modified-Since: yesterday").status());
        }
    }

    @Test
    void ifNoneMatchGives304AndWinsOverTheDate() throws Exception {
        try (AppServer s = serve()) {
            RawHttp.Response first = s.get("/static/hello.txt");
            String etag = first.header("Etag");
            assertEquals(304, conditional(s, "If-None-Match: " + etag).status());
            // The ETag says changed even though the date says not: the ETag decides.
            RawHttp.Response r = conditional(s, "If-None-Match: \"old\"\r\nIf-Modified-Since: " + first.header("Last-Modified"));
            assertEquals(200, r.status());
            // A file that changes gets another ETag.
            Files.writeString(root.resolve("hello.txt"), "hello, changed file\n");
            assertNotEquals(etag, s.get("/static/hello.txt").header("Etag"));
        }
    }

    @Test
    void headSendsTheHeadersWithoutTheFile() throws Exception {
        try (AppServer s = serve()) {
            RawHttp.Response r = s.exchange("HEAD /static/hello.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertEquals(200, r.status());
            assertEquals("12", r.header("Content-Length"));
            assertEquals("text/plain", r.header("Content-Type"));
            assertEquals(0, r.body().length);
        }
    }

    @Test
    void traversalByDotDotIsRefused() throws Exception {
        try (AppServer s = serve()) {
            for (String path : List.of("/static/../pom.xml", "/static/sub/../../pom.xml",
                    "/static/%2e%2e/pom.xml", "/static/%2E%2E/pom.xml", "/static/..%2fpom.xml",
                    "/static/..%2Fpom.xml", "/static/sub%2f..%2f..%2fpom.xml", "/static/%2e%2e%2fpom.xml")) {
                RawHttp.Response r = s.get(path);
                assertEquals(403, r.status(), path);
                assertFalse(r.text().contains("secret"), path);
            }
        }
    }

    @Test
    void absolutePathsAndNulBytesAreRefused() throws Exception {
        try (AppServer s = serve()) {
            RawHttp.Response abs = s.get("/static/" + dir.resolve("pom.xml").toString().replace("/", "%2F"));
            assertEquals(403, abs.status());
            assertFalse(abs.text().contains("secret"));
            RawHttp.Response nul = s.get("/static/hello.txt%00.png");
            assertEquals(404, nul.status());
        }
    }

    @Test
    void aSymbolicLinkOutOfTheRootIsRefused() throws Exception {
        Files.createSymbolicLink(root.resolve("escape.xml"), dir.resolve("pom.xml"));
        Files.createSymbolicLink(root.resolve("outside"), dir);
        Files.createSymbolicLink(root.resolve("inside.txt"), root.resolve("hello.txt"));
        try (AppServer s = serve()) {
            for (String path : List.of("/static/escape.xml", "/static/outside/pom.xml")) {
                RawHttp.Response r = s.get(path);
                assertEquals(403, r.status(), path);
                assertFalse(r.text().contains("secret"), path);
            }
            // A link that stays inside the root is fine.
            assertEquals("hello, file\n", s.get("/static/inside.txt").text());
        }
    }

    @Test
    void aDirectoryWithADefaultFilename() throws Exception {
        try (AppServer s = serve()) {
            RawHttp.Response redirect = s.get("/pages/sub");
            assertEquals(302, redirect.status());
            assertEquals("/pages/sub/", redirect.header("Location"));
            RawHttp.Response index = s.get("/pages/sub/");
            assertEquals("<p>index</p>", index.text());
            assertEquals("text/html", index.header("Content-Type"));
        }
    }

    @Test
    void aLargeFileIsSentInPiecesAndArrivesWhole() throws Exception {
        byte[] data = new byte[StaticFileHandler.CHUNK_SIZE * 16 + 17];
        new Random(42).nextBytes(data);
        Files.write(root.resolve("big.bin"), data);
        RecordingSink sink = new RecordingSink();
        try (AppServer s = serve()) {
            Trace.install(sink);
            RawHttp.Response r;
            try {
                r = s.get("/static/big.bin");
            } finally {
                Trace.off();
            }
            assertEquals(200, r.status());
            assertEquals(String.valueOf(data.length), r.header("Content-Length"));
            assertNull(r.header("Transfer-Encoding"));
            assertArrayEquals(data, r.body());
            // One flush per 64 KiB piece (the last one by finish()), each read only after the
            // socket took the one before: the file was never held whole.
            long flushes = sink.events().stream().filter(e -> e.step().equals("RequestHandler.flush")).count();
            assertEquals(17, flushes);
        }
    }

    @Test
    void aClientThatDoesNotReadStopsTheFileBeingRead() throws Exception {
        // 64 MiB: far more than the kernel's socket buffers hold (a few MiB on loopback).
        int pieces = 1024;
        byte[] piece = new byte[StaticFileHandler.CHUNK_SIZE];
        new Random(7).nextBytes(piece);
        try (var out = Files.newOutputStream(root.resolve("huge.bin"))) {
            for (int i = 0; i < pieces; i++) out.write(piece);
        }
        java.util.concurrent.atomic.AtomicInteger flushes = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch first = new java.util.concurrent.CountDownLatch(1);
        try (AppServer s = serve(); RawHttp c = new RawHttp(s.port)) {
            Trace.install(e -> {
                if (e.step().equals("RequestHandler.flush")) {
                    flushes.incrementAndGet();
                    first.countDown();
                }
            });
            try {
                c.send("GET /static/huge.bin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                assertTrue(first.await(10, java.util.concurrent.TimeUnit.SECONDS));
                // Let the loop run a few rounds while we read nothing. A handler that read and
                // flushed the whole file at once would be at 1024 flushes already; ours waits for
                // the socket, which fills up after a few MiB.
                for (int i = 0; i < 5; i++) s.loop.run(() -> { });
                int sofar = flushes.get();
                assertTrue(sofar < pieces / 2, "flushed " + sofar + " of " + pieces + " pieces to a client that reads nothing");
            } finally {
                Trace.off();
            }
            RawHttp.Response r = c.read(false);
            assertEquals((long) pieces * piece.length, r.body().length);
            for (int i = 0; i < pieces; i += 97) {
                assertArrayEquals(piece, java.util.Arrays.copyOfRange(r.body(), i * piece.length, (i + 1) * piece.length));
            }
        }
    }

    @Test
    void theStaticPathSettingAddsTheRoutes() throws Exception {
        Files.writeString(root.resolve("robots.txt"), "User-agent: *\n");
        Application app = new Application(List.of(), new Settings().staticPath(root));
        try (AppServer s = new AppServer(app)) {
            assertEquals("hello, file\n", s.get("/static/hello.txt").text());
            assertEquals("User-agent: *\n", s.get("/robots.txt").text());
            assertEquals(404, s.get("/favicon.ico").status());
            assertEquals(403, s.get("/static/../pom.xml").status());
        }
    }

    private static RawHttp.Response conditional(AppServer s, String headers) throws Exception {
        return s.exchange("GET /static/hello.txt HTTP/1.1\r\nHost: x\r\n" + headers + "\r\nConnection: close\r\n\r\n");
    }

    @Test
    void nothingButTheRootIsEverServed() throws Exception {
        // The same attempts through the staticPath setting's route, to be sure the check is in
        // the handler and not in one route's pattern.
        Application app = new Application(List.of(), new Settings().staticPath(root));
        try (AppServer s = new AppServer(app)) {
            for (String path : List.of("/static/../pom.xml", "/static/%2e%2e/pom.xml", "/static/..%2fpom.xml")) {
                RawHttp.Response r = s.get(path);
                assertEquals(403, r.status(), path);
                assertFalse(r.text().contains("secret"));
            }
        }
    }
}
