package tornado.trace;

import java.io.PrintStream;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The step trace: the thread a reader pulls to follow one request through the server.
 *
 * <p>Callback code suffers from what the 500 Lines crawler chapter calls <em>stack ripping</em>:
 * when {@code HTTPConnection.onHeaders} runs, the Java stack shows only that the IOLoop ran a
 * callback. Where the bytes came from (which accept, which {@code read_until}) is gone. The
 * trace puts that history back: every chapter reports each step of the chain here, with
 * Tornado's name for the step, the connection it belongs to and the Java line that took it.
 *
 * <h2>How call sites use it</h2>
 * <pre>
 *   if (Trace.on) Trace.step(conn, 2, "read_until", "delimiter=" + show(delimiter));
 * </pre>
 * The guard is the whole cost when tracing is off: one read of a static field. The detail string
 * is built, and the stack walked to find the Java place, only behind it. {@code TraceOffTest}
 * holds us to that by counting the bytes a guarded call allocates.
 *
 * <h2>Switching it on</h2>
 * In code ({@link #install}), from a walkthrough's {@code --trace}, {@code --trace=json} or
 * {@code --step} flags ({@link #configure}), or with the system property
 * {@code -Dtornado.trace=text|json|step}, read once when this class loads.
 */
@JavaOnly("Tornado has no step trace; this is the book's window into the chain")
public final class Trace {
    private Trace() {}

    // tag::on[]
    /**
     * True while a sink is installed. Read at every call site before anything else happens;
     * volatile so that a test switching tracing on from its own thread is seen by the loop's
     * thread without further ceremony.
     */
    public static volatile boolean on;
    // end::on[]

    private static TraceSink sink;
    private static long seq;

    // Connection numbers. Keys are the channels themselves, held weakly so that a closed
    // connection's channel can be collected; we only ever touch this map while tracing is on.
    private static final Map<Object, Integer> connections = new WeakHashMap<>();
    private static int nextConnection = 1;

    private static final StackWalker WALKER = StackWalker.getInstance();

    static {
        String mode = System.getProperty("tornado.trace");
        if (mode != null && !mode.isBlank()) configure(mode, mode.equals("step"));
    }

    /** Starts sending events to {@code s}; {@code null} switches tracing off. */
    public static synchronized void install(TraceSink s) {
        sink = s;
        seq = 0;
        // Each recording starts its connection numbers at 1 again, so that the tour and the book
        // show c1, c2 for every walkthrough, not numbers left over from the one before.
        synchronized (Trace.class) {
            connections.clear();
            nextConnection = 1;
        }
        on = s != null;
    }

    /** Switches tracing off; sites go back to costing one field read. */
    public static void off() {
        install(null);
    }

    /**
     * Sets tracing up from a walkthrough's flags: {@code mode} is {@code text} (indented lines on
     * stderr), {@code json} (JSON lines on stdout), {@code off}, or {@code step} (text, waiting
     * for Enter after each step); {@code step} also adds pausing to text or json.
     */
    public static void configure(String mode, boolean step) {
        PrintStream err = System.err;
        TraceSink s = switch (mode) {
            case "off", "false", "" -> null;
            case "text", "true", "step" -> new TextSink(err);
            case "json" -> new JsonSink(System.out);
            default -> throw new IllegalArgumentException(
                    "unknown trace mode '" + mode + "': use text, json, step or off");
        };
        if (s == null && step) s = new TextSink(err);
        if (s != null && step) s = new StepSink(s);
        install(s);
    }

    // tag::connection-id[]
    /**
     * The small number that names a connection in the trace. The first time a channel is seen it
     * gets the next number; the IOLoop, the accept handler and the stream all ask with the same
     * channel, so their events share the number without passing it along. Listening sockets and
     * anything that is not a connection are 0. Call only behind {@code if (Trace.on)}.
     */
    public static synchronized int connectionId(Object channel) {
        if (!(channel instanceof SocketChannel)) return 0;
        Integer id = connections.get(channel);
        if (id == null) {
            id = nextConnection++;
            connections.put(channel, id);
        }
        return id;
    }
    // end::connection-id[]

    // tag::step[]
    /**
     * Records one step. {@code depth} is the step's place in the chain (ARCHITECTURE.adoc,
     * "The chain"; 0 for the loop's poll, 1 for a handler it dispatches to, and so on down); the
     * Java place is found by walking to the caller's frame, so the line reported is the line that
     * called this.
     */
    public static void step(int conn, int depth, String step, String detail) {
        StackWalker.StackFrame f = WALKER.walk(frames -> frames
                .filter(x -> !x.getClassName().equals(Trace.class.getName()))
                .findFirst().orElse(null));
        String java = "?";
        String file = "?";
        int line = -1;
        if (f != null) {
            String cls = f.getClassName();
            String simple = cls.substring(cls.lastIndexOf('.') + 1);
            line = f.getLineNumber();
            java = simple + "." + f.getMethodName() + "(" + f.getFileName() + ":" + line + ")";
            String pkg = cls.contains(".") ? cls.substring(0, cls.lastIndexOf('.')) : "";
            file = pkg.replace('.', '/') + "/" + f.getFileName();
        }
        String thread = Thread.currentThread().getName();
        synchronized (Trace.class) {
            TraceSink s = sink;
            if (s == null) return;
            s.accept(new TraceEvent(++seq, conn, step, java, file, line,
                    detail == null ? "" : detail, depth, thread));
        }
    }
    // end::step[]

    /**
     * Shows bytes the way a reader wants them in a trace detail: printable ASCII as is, CR and LF
     * as {@code \r} and {@code \n}, anything else as {@code \xNN}, cut to {@code max} characters.
     */
    public static String show(byte[] bytes, int offset, int length, int max) {
        StringBuilder b = new StringBuilder(Math.min(length, max) + 8);
        b.append('"');
        for (int i = 0; i < length; i++) {
            if (b.length() > max) { b.append("…"); break; }
            int c = bytes[offset + i] & 0xff;
            if (c == '\r') b.append("\\r");
            else if (c == '\n') b.append("\\n");
            else if (c == '"' || c == '\\') b.append('\\').append((char) c);
            else if (c >= 0x20 && c < 0x7f) b.append((char) c);
            else b.append(String.format("\\x%02x", c));
        }
        return b.append('"').toString();
    }

    /**
     * A callback's name for a trace detail: for a lambda or method reference, the class that wrote
     * it ("HTTPConnection callback"); for anything else, its class. Lambdas have generated class
     * names ({@code HTTPConnection$$Lambda/0x…}) that would mean nothing to a reader.
     */
    public static String describe(Object callback) {
        String s = callback.getClass().getSimpleName();
        int lambda = s.indexOf("$$Lambda");
        return lambda > 0 ? s.substring(0, lambda) + " callback" : s;
    }

    /** {@link #show(byte[], int, int, int)} for a whole array, cut at 60 characters. */
    public static String show(byte[] bytes) {
        return show(bytes, 0, bytes.length, 60);
    }
}
