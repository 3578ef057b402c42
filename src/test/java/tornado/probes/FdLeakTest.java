package tornado.probes;

import static org.junit.jupiter.api.Assertions.*;
import static tornado.web.URLSpec.url;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tornado.testing.OnBothConnections;
import tornado.web.Application;
import tornado.web.StaticFileHandler;

/**
 * Probes StaticFileHandler's file handles: downloads aborted by a close or a reset, and complete
 * ones, must leave no descriptor open on the served file (counted through /proc/self/fd).
 */
class FdLeakTest extends OnBothConnections {
    @TempDir
    Path dir;

    static long openFdsTo(Path target) throws Exception {
        long n = 0;
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    if (Files.readSymbolicLink(fd).toString().equals(target.toString())) n++;
                } catch (Exception ignored) {
                }
            }
        }
        return n;
    }

    @Test
    void abortedDownloadsDoNotLeakFileHandles() throws Exception {
        Path big = dir.resolve("big.bin");
        Files.write(big, new byte[8 * 1024 * 1024]);
        Path real = big.toRealPath();
        try (Fixtures f = Fixtures.app(new Application(List.of(url("/static/(.*)", StaticFileHandler.class, Map.of("path", dir.toString())))))) {
            for (int i = 0; i < 20; i++) {
                Wire w = f.connect();
                if (i % 2 == 0) w.socket.setSoLinger(true, 0);
                w.send("GET /static/big.bin HTTP/1.1\r\nHost: x\r\n\r\n");
                w.line();
                w.in.readNBytes(70_000 * (1 + i % 3));
                w.close();
            }
            // complete downloads too
            for (int i = 0; i < 3; i++) {
                try (Wire w = f.connect()) {
                    w.send("GET /static/big.bin HTTP/1.1\r\nHost: x\r\n\r\n");
                    assertEquals(8 * 1024 * 1024, w.read().body().length);
                }
            }
            // let the server notice every close: one more full round trip
            long open = -1;
            for (int tries = 0; tries < 200; tries++) {
                try (Wire w = f.connect()) {
                    w.send("HEAD /static/big.bin HTTP/1.1\r\nHost: x\r\n\r\n");
                    w.read(true);
                }
                open = openFdsTo(real);
                if (open == 0) break;
                f.lt.run(() -> { });
            }
            assertEquals(0, open, "file handles left open on " + real);
        }
    }
}
