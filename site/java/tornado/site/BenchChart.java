package tornado.site;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmarks page's picture and table, drawn from the committed run of {@code bench/run}
 * that {@code bench/results/latest.json} holds (the run chosen to be drawn, not always the
 * newest: bench/README.adoc says when a run replaces it): for each server, its CPU time per
 * request on a keep-alive connection and with {@code Connection: close}, as two bars, and a
 * table of every figure the run recorded, with the command that produced them.
 *
 * <p>CPU time per request is the figure drawn, not requests per second: on a small machine the
 * load generator saturates first, so throughput hides differences that the server's own CPU time
 * shows. Like {@link SequenceSvg}, it is drawn by hand: a few rectangles need no library.
 */
final class BenchChart {
    private BenchChart() {}

    /** Where the results live, from the project's root. */
    static final String LATEST = "bench/results/latest.json";

    private static final int LABEL = 370, BAR = 12, GAP = 8, WIDTH = 900, SCALE_W = WIDTH - LABEL - 90;
    private static final String KEEP = "#1f6fb2", CLOSE = "#c2571a";

    /** The HTML of the picture and the table, or null (with a problem recorded) without results. */
    static String html(Build b, String where) {
        Map<?, ?> run = BenchMacro.results(b, where, "latest", LATEST, "bench/run");
        if (run == null) return null;
        Map<?, ?> servers = (Map<?, ?>) run.get("servers");
        Map<?, ?> versions = (Map<?, ?>) run.get("versions");
        StringBuilder h = new StringBuilder("<div class=\"bench\">\n");
        h.append("<p class=\"bench-run\">Run of ").append(Html.esc(str(run.get("date")))).append(" on ")
         .append(Html.esc(str(versions.get("cpu")))).append(", ").append(num(versions.get("cpus"), "%.0f"))
         .append(" CPUs, ").append(Boolean.TRUE.equals(run.get("pinned")) ? "server pinned to CPU 0 and wrk to CPU 1" : "not pinned")
         .append("; ").append(Html.esc(str(versions.get("jdk")))).append(", Netty ").append(Html.esc(str(versions.get("netty"))))
         .append(", Tornado ").append(Html.esc(str(versions.get("python_tornado")))).append(". Command: <code>")
         .append(Html.esc(str(run.get("command")).strip())).append("</code></p>\n");
        h.append(svg(servers));
        h.append(table(servers));
        if (run.get("ratios") instanceof List<?> ratios && !ratios.isEmpty()) h.append(ratios(ratios));
        return h.append("</div>\n").toString();
    }

    /** Two bars per server: CPU µs per request, keep-alive above, {@code Connection: close} below. */
    private static String svg(Map<?, ?> servers) {
        double max = 0;
        for (Object s : servers.values()) {
            for (String mode : List.of("keep_alive", "close")) max = Math.max(max, cpu((Map<?, ?>) s, mode));
        }
        if (max == 0) max = 1;
        int rowH = 2 * BAR + GAP + 6, top = 30;
        int height = top + servers.size() * rowH + 10;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bench-chart\" viewBox=\"0 0 ").append(WIDTH).append(' ')
         .append(height).append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
         .append("\" role=\"img\" aria-label=\"Server CPU time per request, microseconds\" font-family=\"sans-serif\" font-size=\"12\">\n");
        s.append("<rect x=\"").append(LABEL).append("\" y=\"6\" width=\"12\" height=\"12\" fill=\"").append(KEEP).append("\"/>")
         .append("<text x=\"").append(LABEL + 16).append("\" y=\"16\">keep-alive</text>");
        s.append("<rect x=\"").append(LABEL + 110).append("\" y=\"6\" width=\"12\" height=\"12\" fill=\"").append(CLOSE).append("\"/>")
         .append("<text x=\"").append(LABEL + 126).append("\" y=\"16\">Connection: close</text>");
        s.append("<text x=\"").append(LABEL + 290).append("\" y=\"16\" fill=\"#555\">server CPU µs per request (shorter is better)</text>\n");
        int y = top;
        for (var e : servers.entrySet()) {
            Map<?, ?> v = (Map<?, ?>) e.getValue();
            s.append("<text x=\"").append(LABEL - 8).append("\" y=\"").append(y + BAR + 4).append("\" text-anchor=\"end\">")
             .append(Html.esc(str(v.get("label")))).append("</text>\n");
            int by = y;
            for (String mode : List.of("keep_alive", "close")) {
                double c = cpu(v, mode);
                int w = (int) Math.round(SCALE_W * c / max);
                s.append("<rect x=\"").append(LABEL).append("\" y=\"").append(by).append("\" width=\"").append(Math.max(w, 1))
                 .append("\" height=\"").append(BAR).append("\" fill=\"").append(mode.equals("close") ? CLOSE : KEEP).append("\"/>")
                 .append("<text x=\"").append(LABEL + w + 4).append("\" y=\"").append(by + BAR - 2).append("\">")
                 .append(c == 0 ? "no run" : String.format(Locale.ROOT, "%.1f", c)).append(errorsMark(v, mode)).append("</text>\n");
                by += BAR + 2;
            }
            y += rowH;
        }
        return s.append("</svg>\n").toString();
    }

    /** Every figure of the run, server by server, and the idle-connection memory. */
    private static String table(Map<?, ?> servers) {
        Map<?, ?> netty = (Map<?, ?>) servers.get("netty-epoll");
        StringBuilder t = new StringBuilder("<table class=\"bench-table\"><thead><tr><th>server</th><th>connection</th>"
                + "<th>req/s</th><th>CPU µs/request</th><th>× Netty epoll</th><th>quiet runs only</th><th>p50 ms</th><th>p99 ms</th>"
                + "<th>errors</th><th>disturbed runs</th></tr></thead><tbody>\n");
        for (Object o : servers.values()) {
            Map<?, ?> v = (Map<?, ?>) o;
            for (String mode : List.of("keep_alive", "close")) {
                Map<?, ?> m = summary(v, mode);
                if (m == null) continue;
                double base = netty == null ? 0 : cpu(netty, mode);
                t.append("<tr><td>").append(Html.esc(str(v.get("label")))).append("</td><td>")
                 .append(mode.equals("close") ? "close" : "keep-alive").append("</td><td>").append(num(m.get("rps"), "%,.0f"))
                 .append("</td><td>").append(num(m.get("cpu_us_per_request"), "%.2f")).append("</td><td>")
                 .append(base == 0 ? "" : String.format(Locale.ROOT, "%.2f", cpu(v, mode) / base)).append("</td><td>")
                 .append(quiet(m, netty == null ? null : summary(netty, mode))).append("</td><td>")
                 .append(num(m.get("p50_ms"), "%.2f")).append("</td><td>").append(num(m.get("p99_ms"), "%.2f"))
                 .append("</td><td>").append(num(m.get("errors_total"), "%.0f")).append("</td><td>")
                 .append(num(m.get("disturbed_runs"), "%.0f")).append(" of ").append(num(m.get("runs"), "%.0f")).append("</td></tr>\n");
            }
        }
        t.append("</tbody></table>\n");
        List<String> idle = new ArrayList<>();
        for (Object o : servers.values()) {
            Map<?, ?> v = (Map<?, ?>) o;
            if (!(v.get("idle") instanceof Map<?, ?> i)) continue;
            // Runs before the class histogram have no split: those cells stay empty.
            Map<?, ?> owners = i.get("heap_by_owner") instanceof Map<?, ?> h ? h : Map.of();
            Object own = owners.containsKey("netty") ? owners.get("netty") : owners.get("ours");
            idle.add("<tr><td>" + Html.esc(str(v.get("label"))) + "</td><td>" + num(i.get("connections"), "%,.0f") + "</td><td>"
                    + num(i.get("heap_bytes_per_connection"), "%,.0f") + "</td><td>" + num(own, "%,.0f") + "</td><td>"
                    + num(owners.get("jdk"), "%,.0f") + "</td><td>" + num(i.get("rss_bytes_per_connection"), "%,.0f")
                    + "</td><td>" + num(compactHeap(v), "%,.0f") + "</td></tr>\n");
        }
        if (!idle.isEmpty()) {
            t.append("<table class=\"bench-table\"><thead><tr><th>server</th><th>idle keep-alive connections</th>"
                    + "<th>heap bytes per connection, after GC</th><th>of which the server's own classes (tornado.*, io.netty.*)</th>"
                    + "<th>of which JDK classes (java.*, sun.*, arrays: whoever made them)</th><th>RSS bytes per connection</th>"
                    + "<th>heap bytes per connection, the server restarted with -XX:+UseCompactObjectHeaders</th></tr></thead><tbody>\n");
            idle.forEach(t::append);
            t.append("</tbody></table>\n");
        }
        return t.toString();
    }

    /** The heap per idle connection measured again with compact object headers; null for runs before that part, and for servers not on the JVM. */
    private static Object compactHeap(Map<?, ?> server) {
        return server.get("idle_compact_headers") instanceof Map<?, ?> c ? c.get("heap_bytes_per_connection") : null;
    }

    /** The comparisons the targets are stated in, round by round ({@code ratios}: bench/README.adoc says why). */
    private static String ratios(List<?> ratios) {
        StringBuilder t = new StringBuilder("<table class=\"bench-table\"><thead><tr><th>CPU per request, server ÷ the one it is set against</th><th>connection</th>"
                + "<th>median of the rounds' ratios</th><th>lowest round</th><th>highest round</th><th>every round</th></tr></thead><tbody>\n");
        for (Object o : ratios) {
            Map<?, ?> r = (Map<?, ?>) o;
            StringBuilder every = new StringBuilder();
            if (r.get("by_round") instanceof List<?> rounds) {
                for (Object x : rounds) every.append(every.isEmpty() ? "" : " ").append(num(x, "%.2f"));
            }
            t.append("<tr><td>").append(Html.esc(str(r.get("what")))).append("</td><td>")
             .append("close".equals(r.get("mode")) ? "close" : "keep-alive").append("</td><td>").append(num(r.get("median"), "%.2f"))
             .append("</td><td>").append(num(r.get("min"), "%.2f")).append("</td><td>").append(num(r.get("max"), "%.2f"))
             .append("</td><td>").append(every).append("</td></tr>\n");
        }
        return t.append("</tbody></table>\n").toString();
    }

    /**
     * The median CPU per request over the runs no other process disturbed, and its ratio to
     * Netty's over the same kind of runs: on a shared machine, the fairer comparison.
     */
    private static String quiet(Map<?, ?> m, Map<?, ?> netty) {
        if (!(m.get("cpu_us_per_request_quiet") instanceof Number q)) return "no quiet run";
        String text = String.format(Locale.ROOT, "%.2f", q.doubleValue());
        if (netty != null && netty.get("cpu_us_per_request_quiet") instanceof Number b) {
            text += String.format(Locale.ROOT, " (%.2f×)", q.doubleValue() / b.doubleValue());
        }
        return text;
    }

    /** A server's medians for one mode of a run ({@code summary}), or null when the run has none for it. */
    static Map<?, ?> summary(Map<?, ?> server, String mode) {
        return server.get("summary") instanceof Map<?, ?> s && s.get(mode) instanceof Map<?, ?> m ? m : null;
    }

    /** A server's median CPU µs per request in one mode of a run, or 0 when it has none. */
    static double cpu(Map<?, ?> server, String mode) {
        Map<?, ?> m = summary(server, mode);
        return m != null && m.get("cpu_us_per_request") instanceof Number n ? n.doubleValue() : 0;
    }

    /** A run with errors is marked on its bar, never shown as if it were clean. */
    private static String errorsMark(Map<?, ?> server, String mode) {
        Map<?, ?> m = summary(server, mode);
        return m != null && m.get("errors_total") instanceof Number n && n.doubleValue() > 0
                ? " (" + String.format(Locale.ROOT, "%,.0f", n.doubleValue()) + " errors)" : "";
    }

    /** A number of a results file in {@code format}; an empty cell for anything else (a figure an older run lacks). */
    static String num(Object o, String format) {
        return o instanceof Number n ? String.format(Locale.ROOT, format, n.doubleValue()) : "";
    }

    /** A field of a results file as text; an empty one when it is missing. */
    static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }
}
