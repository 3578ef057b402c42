package tornado.ioloop;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import tornado.trace.JavaOnly;

/**
 * Loads every class that lies in a directory of the class path, once per process, before the
 * first loop runs, so that no class of the server is first needed when the process is out of
 * file descriptors.
 *
 * <p>The JVM loads a class the first time code uses it, and a class in a directory is a file of
 * its own, which takes a descriptor to open. Out of descriptors (a flood of connections, the
 * case chapter 3's accept pause is for), that open fails, and the JVM remembers the failure at
 * the place in the code that asked (JVMS §5.4.3): the same line fails forever, even once
 * descriptors are free again. On a server that had not yet closed a connection, the first
 * client to hang up at the limit met a stream whose close needed a class not loaded yet; the
 * close failed before the socket was let go, the loop was told about that socket again at every
 * poll, and the log grew by megabytes a second while nothing was served again. Tornado has no
 * such failure: Python imports a module whole when it starts.
 *
 * <p>Loading the book's 165 classes from {@code target/classes} took 75 to 180 ms, once, on a
 * quiet and on a busy machine. A jar is one file, kept open once its first class is read, so the
 * classes of a jar are left to load when needed. Classes are loaded, not initialized: no static
 * initializer runs early, and one that opens a file of its own when it does run (time-zone data,
 * say) can still fail at the limit; none of the book's does. A class that cannot be loaded (one
 * that needs a library the class path lacks) is skipped; it would fail the same way later. A
 * directory with more than {@link #MOST} class files (a class path of {@code .} started from a
 * large tree) is loaded only that far, so that the first loop is not kept from serving for long.
 */
@JavaOnly("Python imports whole modules at start; a JVM reads each class file when first used")
final class ClassPreloader {
    private static final Logger log = Logger.getLogger("tornado.general");
    /** The most class files loaded from one directory. */
    static final int MOST = 10_000;
    private static boolean done;

    private ClassPreloader() {}

    /**
     * Loads them, the first time it is called in this process; later calls do nothing. The
     * loops of {@code TCPServer.start(n)} start on threads of their own at once: the lock makes
     * every one of them wait until the first has loaded everything.
     */
    static synchronized void loadOnce() {
        if (done) return;
        done = true;
        ClassLoader loader = ClassPreloader.class.getClassLoader();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (entry.isEmpty()) continue;
            Path dir = Path.of(entry);
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(f -> f.getFileName().toString().endsWith(".class")).limit(MOST)
                        .forEach(f -> load(binaryName(dir.relativize(f)), loader));
            } catch (IOException | UncheckedIOException e) {
                // Whatever was not loaded now loads when first used, as it would have anyway.
                log.log(Level.FINE, "Could not list the classes under " + dir, e);
            }
        }
    }

    // tornado/ioloop/IOLoop$Handler.class, under a directory, is the class tornado.ioloop.IOLoop$Handler.
    private static String binaryName(Path relative) {
        String path = relative.toString().replace(File.separatorChar, '.');
        return path.substring(0, path.length() - ".class".length());
    }

    private static void load(String name, ClassLoader loader) {
        if (name.endsWith("module-info") || name.endsWith("package-info")) return;
        try {
            Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            log.log(Level.FINE, "Not loaded ahead: " + name, e);
        }
    }
}
