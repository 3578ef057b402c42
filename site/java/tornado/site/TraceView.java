package tornado.site;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import tornado.trace.TextSink;
import tornado.trace.TraceEvent;

/**
 * A recorded trace as the chapter shows it: the sequence picture, then the table (step, Tornado
 * name, Java place linked to its source line, detail), then what the client saw.
 *
 * <p>The HTML is written here and handed to Asciidoctor as a passthrough block: a table of
 * links and indents is easier to get exactly right as HTML than as AsciiDoc table markup, and
 * the tests read the same classes and ids ({@code table.trace-table}, {@code tr[data-step]}).
 */
final class TraceView {
    private TraceView() {}

    static String idPrefix(Walk w) {
        return "trace-" + Html.slug(w.name()) + "-";
    }

    /** {@code root} leads from the page to the site root ("" for the AsciiDoc pages). */
    static String html(Build b, Walk w, String root) {
        return html(b, w, root, 0);
    }

    /**
     * As {@link #html(Build, Walk, String)}, showing only the first {@code limit} steps when
     * {@code limit} is positive and the story is longer: a story of a thousand steps is a picture
     * no reader can follow, and the caption says how many there were and how to see them all.
     */
    static String html(Build b, Walk whole, String root, int limit) {
        Walk w = limit > 0 && whole.events().size() > limit
                ? new Walk(whole.name(), whole.chapter(), whole.summary(), whole.events().subList(0, limit),
                        whole.transcript(), whole.file())
                : whole;
        String prefix = idPrefix(w);
        Set<Integer> conns = new LinkedHashSet<>();
        for (TraceEvent e : w.events()) if (e.conn() > 0) conns.add(e.conn());
        StringBuilder h = new StringBuilder(8192);
        h.append("<div class=\"trace\" id=\"trace-").append(Html.slug(w.name())).append("\" data-walkthrough=\"")
         .append(Html.esc(w.name())).append("\">\n");
        h.append("<p class=\"trace-caption\">Recorded when this page was built: the walkthrough <code>")
         .append(Html.esc(w.name())).append("</code> ran in the build's JVM on a free port of 127.0.0.1, our own client sent it ")
         .append("its scripted request, and the trace recorded ").append(whole.events().size())
         .append(" steps (the server's, our client's and the loop's own) on ")
         .append(conns.size()).append(conns.size() == 1 ? " connection end" : " connection ends")
         .append(" (a TCP connection between our client and the server is seen from both: c1 is one end, c2 the other)")
         .append(w == whole ? "" : "; the first " + limit + " of them are shown here")
         .append(". Run it yourself with <code>mvn -q compile exec:exec -Dwalk=").append(Html.esc(w.name()))
         .append(" -Dargs=--trace</code>. <a href=\"").append(root).append("reading-traces.html\">How to read a trace</a>.</p>\n");
        h.append("<p class=\"trace-legend\">Each row is one step: <b>server</b> rows are the walkthrough's own,"
                + " <b>client</b> rows are our scripted client's (it shares the server's loop, so both appear in one story),"
                + " and rows with no connection are the loop's own work: its poll, and the callbacks and timeouts it takes up."
                + " The time is milliseconds since the recording started.</p>\n");
        for (TraceNotes.Note note : TraceNotes.notes(w.events(), prefix)) {
            h.append("<p class=\"trace-note\" data-rows=\"").append(note.first()).append(' ').append(note.then())
             .append("\">").append(note.html()).append("</p>\n");
        }
        h.append("<div class=\"trace-picture\">").append(SequenceSvg.svg(w.events(), prefix)).append("</div>\n");
        h.append("<div class=\"trace-scroll\"><table class=\"trace-table\" data-walkthrough=\"").append(Html.esc(w.name()))
         .append("\">\n<thead><tr><th class=\"seq\">#</th><th class=\"time\">ms</th><th class=\"conn\">conn</th>")
         .append("<th class=\"side\">end</th><th class=\"step\">Tornado step</th>")
         .append("<th class=\"java\">Java place</th><th class=\"detail\">detail</th></tr></thead>\n<tbody>\n");
        for (TraceEvent e : w.events()) {
            h.append("<tr id=\"").append(prefix).append(e.seq()).append("\" data-step=\"").append(Html.esc(e.step()))
             .append("\" data-conn=\"").append(e.conn()).append("\" data-depth=\"").append(e.depth())
             .append("\" data-side=\"").append(e.conn() == 0 ? "loop" : e.side()).append("\">");
            h.append("<td class=\"seq\"><a href=\"#").append(prefix).append(e.seq()).append("\">").append(e.seq()).append("</a></td>");
            h.append("<td class=\"time\">").append(String.format(java.util.Locale.ROOT, "%.3f", e.micros() / 1000.0)).append("</td>");
            h.append("<td class=\"conn\">").append(e.conn() == 0 ? "–" : "c" + e.conn()).append("</td>");
            h.append("<td class=\"side\">").append(e.conn() == 0 ? "loop" : Html.esc(e.side())).append("</td>");
            h.append("<td class=\"step\" style=\"padding-left:").append(0.5 + 1.1 * Math.max(0, e.depth()))
             .append("em\"><code>").append(Html.esc(e.step())).append("</code></td>");
            h.append("<td class=\"java\" title=\"thread ").append(Html.esc(e.thread())).append("\">");
            SourceFile f = e.file() == null ? null : b.sources.byRel(e.file());
            if (f != null && e.line() > 0 && e.line() <= f.lines.size()) {
                h.append("<a href=\"").append(root).append(f.page).append("#L").append(e.line()).append("\">")
                 .append(Html.esc(e.java())).append("</a>");
            } else {
                h.append(Html.esc(e.java()));
            }
            h.append("</td><td class=\"detail\">").append(Html.esc(e.detail())).append("</td></tr>\n");
        }
        h.append("</tbody></table></div>\n");
        if (w.transcript() != null && !w.transcript().isBlank()) {
            h.append("<details class=\"transcript\"><summary>What our client sent and received</summary><pre>")
             .append(Html.esc(w.transcript())).append("</pre></details>\n");
        }
        h.append("</div>\n");
        return h.toString();
    }

    /** The trace exactly as {@code --trace} prints it on a console. */
    static String text(List<TraceEvent> events, int limit) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        TextSink sink = new TextSink(out);
        int n = 0;
        for (TraceEvent e : events) {
            if (limit > 0 && n++ >= limit) { out.println("…"); break; }
            sink.accept(e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The trace exactly as {@code --trace=json} prints it. */
    static String json(List<TraceEvent> events, int limit) {
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (TraceEvent e : events) {
            if (limit > 0 && n++ >= limit) { b.append("…\n"); break; }
            b.append(e.toJson()).append('\n');
        }
        return b.toString();
    }
}
