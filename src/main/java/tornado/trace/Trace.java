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
 *   if (Trace.on) Trace.step(traceId(), Trace.STREAM, "IOStream.read_until", "delimiter=" + show(delimiter));
 * </pre>
 * The guard is the whole cost when tracing is off: one read of a static field. The detail string
 * is built, and the stack walked to find the Java place, only behind it.
 * {@code TraceTest.offCostsNoAllocation} holds us to that by counting the bytes a guarded call
 * allocates, and {@code TraceOffTest} by serving requests on both connections with the trace off.
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

    // tag::depths[]
    // The depths a step is reported at: how far down the chain the code that takes it sits, which
    // the text sink shows as indentation and the site as the indent of a table row. One constant
    // per level, from the loop at the top to the stream's API at the bottom; a step is reported at
    // the level of the code that takes it, so the same layer can appear at several levels (the
    // IOStream's _handle_events is an entry, its read_until a stream call).

    /** The loop's own steps: its poll, and the callbacks and timeouts it takes up (chapter 1). */
    public static final int LOOP = 0;
    /** The loop calling the handler registered for a ready channel: {@code IOLoop.handler_func}. */
    public static final int DISPATCH = 1;
    /**
     * The function the loop called: an I/O handler ({@code netutil.accept_handler},
     * {@code IOStream._handle_events}) or a callback the stream queued
     * ({@code HTTPConnection._on_headers}, {@code _on_write_complete}, a timeout's callback).
     */
    public static final int ENTRY = 2;
    /**
     * What an entry does in its own layer: {@code TCPServer._handle_connection},
     * {@code IOStream._handle_read} and {@code _handle_write}, {@code HTTPConnection.request_callback}.
     */
    public static final int CALL = 3;
    /**
     * One call further in: {@code TCPServer.handle_stream}, {@code IOStream._read_to_buffer},
     * {@code HTTPConnection.write}, {@code finish} and {@code _finish_request}, and
     * {@code Application.__call__} (chapter 5 nests its handler's steps below this one).
     */
    public static final int NESTED = 4;
    /**
     * A call into the stream's API from the layer above ({@code IOStream.read_until},
     * {@code write}, {@code close}, {@code _add_io_state}, {@code _run_callback}): the bottom of
     * every chain, so it is indented deepest.
     */
    public static final int STREAM = 5;
    // end::depths[]

    private static TraceSink sink;
    private static long seq;
    private static long startNanos;

    // Which connections are a client's end: a stream that connects out says so ({@link #client}).
    // Scripted runs put our client and the server on one loop, so the side cannot be read from
    // the thread; every other connection is the server's.
    private static final java.util.Set<Integer> clients = new java.util.HashSet<>();

    // The connection and depth of the last step each thread reported, so that a step taken on
    // behalf of whatever is running (a callback or timeout added) nests under it ({@link #inner}).
    private static final Map<Thread, int[]> lastStep = new WeakHashMap<>();

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
        startNanos = System.nanoTime();
        // Each recording starts its connection numbers at 1 again, so that the tour and the book
        // show c1, c2 for every walkthrough, not numbers left over from the one before.
        connections.clear();
        clients.clear();
        lastStep.clear();
        nextConnection = 1;
        on = s != null;
    }

    /** Switches tracing off; sites go back to costing one field read. */
    public static void off() {
        install(null);
    }

    /** The trace modes {@link #configure} understands, as {@code --help} lists them. */
    public static final String MODES = "text, json, step or off";

    /**
     * Sets tracing up from a walkthrough's flags: {@code mode} is {@code text} (indented lines on
     * stderr), {@code json} (JSON lines on stdout), {@code off}, or {@code step} (text, waiting
     * for Enter after each step); {@code step} also adds pausing to text or json.
     */
    public static void configure(String mode, boolean step) {
        configure(mode, step, false);
    }

    /**
     * As {@link #configure(String, boolean)}; {@code time} starts each text line with the
     * milliseconds since tracing began ({@code --trace-time}). JSON lines always carry the time.
     */
    public static void configure(String mode, boolean step, boolean time) {
        PrintStream err = System.err;
        TraceSink s = switch (mode) {
            case "off", "false", "" -> null;
            case "text", "true", "step" -> new TextSink(err, time);
            case "json" -> new JsonSink(System.out);
            default -> throw new IllegalArgumentException(
                    "unknown trace mode '" + mode + "': use " + MODES);
        };
        if (s == null && (step || mode.equals("step"))) s = new TextSink(err, time);
        if (s != null && (step || mode.equals("step"))) s = new StepSink(s);
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

    /**
     * How many connections have been numbered since the trace was last installed or switched off
     * (counted from the next number to give, not from the weak map, which forgets a channel once
     * it is collected). With the trace off it stays 0: every numbering sits behind
     * {@code if (Trace.on)}, because numbering one costs a lock and a weak map entry
     * ({@code TraceOffTest} holds both connections to it).
     */
    public static synchronized int numberedConnections() {
        return nextConnection - 1;
    }

    /**
     * Marks connection {@code conn} as a client's end, so that its steps are labelled
     * {@code client} in every sink; {@code IOStream.connect} calls this. Call only behind
     * {@code if (Trace.on)}.
     */
    public static synchronized void client(int conn) {
        if (conn > 0) clients.add(conn);
    }

    /**
     * The connection of the step this thread reported last, or 0: for a step taken on behalf of
     * whatever is running now, like a callback or timeout being added. Call only behind
     * {@code if (Trace.on)}.
     */
    public static synchronized int currentConnection() {
        int[] last = lastStep.get(Thread.currentThread());
        return last == null ? 0 : last[0];
    }

    /**
     * Records a step taken on behalf of whatever this thread is running now (a callback or a
     * timeout being added): it belongs to the connection of the step this thread reported last,
     * one level below it, so that it nests under the step that took it; on a thread that has
     * reported nothing it is the loop's. It does not become "the last step" itself, so several
     * in a row stay at one level. Call only behind {@code if (Trace.on)}.
     */
    public static void within(String step, String detail) {
        withinAt(System.nanoTime(), step, detail);
    }

    /**
     * {@link #within}, stamped with {@code nanos} ({@link System#nanoTime}) instead of the time
     * of the call: for a step whose figures count from an earlier moment. The loop's
     * {@code callAt} and {@code callLater} stamp their {@code add_timeout} with the moment the
     * delay counts from, so that the gap a
     * reader sees between it and the timeout firing is never shorter than the delay.
     */
    public static void withinAt(long nanos, String step, String detail) {
        int conn;
        int depth;
        synchronized (Trace.class) {
            int[] last = lastStep.get(Thread.currentThread());
            conn = last == null ? 0 : last[0];
            depth = last == null ? LOOP : last[1] + 1;
        }
        emit(nanos, conn, depth, step, detail, false);
    }

    // tag::step[]
    /**
     * Records one step. {@code step} is the step's name with the layer that takes it
     * ({@code IOStream.write}, {@code HTTPConnection.write}); {@code depth} is the step's place in
     * the chain, one of {@link #LOOP} … {@link #STREAM} (or a layer's own level below them); the
     * Java place is found by walking to the caller's frame, so the line reported is the line that
     * called this.
     */
    public static void step(int conn, int depth, String step, String detail) {
        emit(System.nanoTime(), conn, depth, step, detail, true);
    }

    // `now` is taken by the caller, before the walk to the caller's frame below: a step is stamped
    // when it was reported, not when the walk, which takes time of its own, has ended.
    private static void emit(long now, int conn, int depth, String step, String detail, boolean last) {
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
        Thread thread = Thread.currentThread();
        synchronized (Trace.class) {
            TraceSink s = sink;
            if (s == null) return;
            if (last) lastStep.put(thread, new int[] {conn, depth});
            String side = conn == 0 ? TraceEvent.LOOP : clients.contains(conn) ? TraceEvent.CLIENT : TraceEvent.SERVER;
            s.accept(new TraceEvent(++seq, conn, step, java, file, line,
                    detail == null ? "" : detail, depth, thread.getName(), (now - startNanos) / 1_000, side));
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

    /**
     * A value for a trace detail: its {@code toString}, cut to 40 characters, so that a
     * coroutine's result or a future's ("result HTTPHeaders[…") fits on the trace's line.
     */
    public static String shortly(Object value) {
        String s = String.valueOf(value);
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** {@link #show(byte[], int, int, int)} for a whole array, cut at 60 characters. */
    public static String show(byte[] bytes) {
        return show(bytes, 0, bytes.length, 60);
    }
}
