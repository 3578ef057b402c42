package tornado.netutil;

import tornado.trace.Mirrors;

/**
 * Mirrors process.py, which in Tornado forks worker processes that share the listening sockets.
 *
 * <p>Python needs processes to use more than one core, because one interpreter runs one thread
 * of Python at a time (the GIL). The JVM has no such lock, and Java cannot fork a running VM, so
 * the Java answer is threads: {@link TCPServer#start(int)} runs one IOLoop per thread. Each loop
 * is still single-threaded inside, so everything the book says about one loop holds for each.
 *
 * <p>The class is called {@code Processes}, not {@code Process} after the module, because a
 * class named {@code Process} would hide {@link java.lang.Process} in every file of this package.
 */
@Mirrors("process")
public final class Processes {
    private Processes() {}

    /** The number of processors the JVM may use; what {@code start(0)} uses. */
    @Mirrors("process.cpu_count")
    public static int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }
}
