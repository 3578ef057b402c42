package tornado.trace;

/**
 * One step of the chain, as the trace records it (ARCHITECTURE.adoc, "The trace").
 *
 * <p>{@code step} is Tornado's own name for the step ({@code read_until}, {@code _on_headers}),
 * so a reader holding Tornado's source can find it; {@code java} is where our code took the step,
 * in the {@code Class.method(File.java:line)} form that IDE consoles turn into links; {@code file}
 * and {@code line} say the same for programs (the site links each row to its source line).
 * {@code conn} is a small connection number (0 for the loop itself and for listening sockets),
 * and {@code depth} is how far down the chain (ARCHITECTURE.adoc, "The chain") the step sits,
 * which the text sink uses for indentation.
 */
@JavaOnly("Tornado has no step trace; it is this book's cure for stack ripping (chapter 0)")
public record TraceEvent(long seq, int conn, String step, String java, String file, int line,
                         String detail, int depth, String thread) {

    /** The event as one line of JSON, with the field order the issue and the site rely on. */
    public String toJson() {
        StringBuilder b = new StringBuilder(160);
        b.append("{\"seq\":").append(seq)
         .append(",\"conn\":").append(conn)
         .append(",\"step\":"); Json.quote(step, b);
        b.append(",\"java\":"); Json.quote(java, b);
        b.append(",\"file\":"); Json.quote(file, b);
        b.append(",\"line\":").append(line)
         .append(",\"detail\":"); Json.quote(detail, b);
        b.append(",\"depth\":").append(depth)
         .append(",\"thread\":"); Json.quote(thread, b);
        return b.append('}').toString();
    }

    /** Reads back a line written by {@link #toJson()}; the tests and the site use this. */
    public static TraceEvent fromJson(String line) {
        java.util.Map<String, Object> m = Json.parseFlatObject(line);
        return new TraceEvent(((Number) m.get("seq")).longValue(), ((Number) m.get("conn")).intValue(),
                (String) m.get("step"), (String) m.get("java"), (String) m.get("file"),
                ((Number) m.get("line")).intValue(), (String) m.get("detail"),
                ((Number) m.get("depth")).intValue(), (String) m.get("thread"));
    }
}
