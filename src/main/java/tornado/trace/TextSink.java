package tornado.trace;

import java.io.PrintStream;

/**
 * The human sink: one line per step, indented by its depth in the chain, with our Java place at
 * the end in the {@code (File.java:line)} form that IntelliJ, VS Code and Eclipse consoles turn
 * into clickable links. A reader sees the shape of the chain in the indentation, and the column
 * after the connection says whose end of it took the step ({@code server}, {@code client}, or
 * blank for the loop's own steps):
 *
 * <pre>
 *  #5    c1 server      netutil.accept_handler  from 127.0.0.1:51234   at NetUtil.lambda$addAcceptHandler$0(NetUtil.java:171)
 *  #6    c1 server        TCPServer._handle_connection  127.0.0.1:51234   at TCPServer.handleConnection(TCPServer.java:254)
 * </pre>
 *
 * With {@code --trace-time} each line starts with the milliseconds since tracing began, so a
 * timeout's 100 ms shows as a jump in the first column.
 */
@JavaOnly("prints trace events for people")
public final class TextSink implements TraceSink {
    private final PrintStream out;
    private final boolean time;

    public TextSink(PrintStream out) {
        this(out, false);
    }

    /** {@code time}: start each line with the event's time, in milliseconds since tracing began. */
    public TextSink(PrintStream out, boolean time) {
        this.out = out;
        this.time = time;
    }

    /** The event as one line of text, exactly as this sink prints it (the tour uses this too). */
    public static String line(TraceEvent e, boolean time) {
        StringBuilder b = new StringBuilder(160);
        if (time) b.append(String.format("%9.3f ms  ", e.micros() / 1000.0));
        b.append(String.format("#%-4d %-3s %-6s ", e.seq(), e.conn() == 0 ? "--" : "c" + e.conn(), e.side()));
        b.append("  ".repeat(Math.max(0, e.depth())));
        b.append(e.step());
        if (e.detail() != null && !e.detail().isEmpty()) b.append("  ").append(e.detail());
        b.append("   at ").append(e.java());
        return b.toString();
    }

    @Override
    public void accept(TraceEvent e) {
        out.println(line(e, time));
        out.flush();
    }
}
