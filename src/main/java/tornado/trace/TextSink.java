package tornado.trace;

import java.io.PrintStream;

/**
 * The human sink: one line per step, indented by its depth in the chain, with our Java place at
 * the end in the {@code (File.java:line)} form that IntelliJ, VS Code and Eclipse consoles turn
 * into clickable links. A reader sees the shape of the chain (ARCHITECTURE.adoc, "The chain")
 * in the indentation:
 *
 * <pre>
 *  #5  c1  accept           from 127.0.0.1:51234          at NetUtil.acceptHandler(NetUtil.java:97)
 *  #6  c1    _handle_connection                           at TCPServer.handleConnection(TCPServer.java:140)
 * </pre>
 */
@JavaOnly("prints trace events for people")
public final class TextSink implements TraceSink {
    private final PrintStream out;

    public TextSink(PrintStream out) {
        this.out = out;
    }

    @Override
    public void accept(TraceEvent e) {
        StringBuilder b = new StringBuilder(160);
        b.append(String.format("#%-4d c%-3d ", e.seq(), e.conn()));
        b.append("  ".repeat(Math.max(0, e.depth())));
        b.append(e.step());
        if (e.detail() != null && !e.detail().isEmpty()) b.append("  ").append(e.detail());
        b.append("   at ").append(e.java());
        out.println(b);
        out.flush();
    }
}
