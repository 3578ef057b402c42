package tornado.site;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmarks page's table of system calls, from the last committed run of
 * {@code bench/run --syscalls} ({@code bench/results/syscalls.json}): for each server and each
 * kind of connection, the calls its serving threads made per request, by name, and one request's
 * calls in the order they came. Where {@link BenchChart} says how much each server spends, this
 * says on what, in the kernel's names.
 */
final class SyscallTable {
    private SyscallTable() {}

    /** Where the counts live, from the project's root. */
    static final String FILE = "bench/results/syscalls.json";

    /** The table's HTML, or null (with a problem recorded) without the file. */
    static String html(Build b, String where) {
        Map<?, ?> run = BenchMacro.results(b, where, "syscalls", FILE, "bench/run --syscalls");
        if (run == null) return null;
        Map<?, ?> versions = (Map<?, ?>) run.get("versions");
        StringBuilder t = new StringBuilder("<div class=\"bench\">\n<p class=\"bench-run\">Counted on ")
                .append(Html.esc(String.valueOf(run.get("date")))).append(", ")
                .append(String.format(Locale.ROOT, "%.0f", ((Number) run.get("requests")).doubleValue()))
                .append(" requests of each kind, one at a time; ").append(Html.esc(String.valueOf(versions.get("jdk"))))
                .append(", kernel ").append(Html.esc(String.valueOf(versions.get("kernel")))).append(". Command: <code>")
                .append(Html.esc(String.valueOf(run.get("command")).strip())).append("</code></p>\n")
                .append("<table class=\"bench-table syscalls\"><thead><tr><th>server</th><th>connection</th>"
                        + "<th>calls per request</th><th>by name</th><th>other threads' calls per request</th>"
                        + "<th>one request's calls, in order, from its read to the next request's read</th></tr></thead><tbody>\n");
        for (Object o : ((Map<?, ?>) run.get("servers")).values()) {
            Map<?, ?> server = (Map<?, ?>) o;
            for (String mode : List.of("close", "keep_alive")) {
                if (!(server.get(mode) instanceof Map<?, ?> m)) continue;
                StringBuilder names = new StringBuilder();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) m.get("per_request")).entrySet()) {
                    names.append(names.isEmpty() ? "" : ", ").append(Html.esc(String.valueOf(e.getKey()))).append(' ')
                         .append(number(e.getValue()));
                }
                StringBuilder turn = new StringBuilder();
                for (Object call : (List<?>) m.get("sequence")) turn.append(turn.isEmpty() ? "" : " ").append(Html.esc(String.valueOf(call)));
                t.append("<tr><td>").append(Html.esc(String.valueOf(server.get("label")))).append("</td><td>")
                 .append(mode.equals("close") ? "close" : "keep-alive").append("</td><td>").append(number(m.get("total")))
                 .append("</td><td>").append(names).append("</td><td>").append(number(m.get("other_threads")))
                 .append("</td><td><code>").append(turn).append("</code></td></tr>\n");
            }
        }
        return t.append("</tbody></table>\n</div>\n").toString();
    }

    /** 3 as "3", 2.95 as "2.95": counts are whole numbers most of the time. */
    private static String number(Object o) {
        double d = ((Number) o).doubleValue();
        return d == Math.rint(d) ? String.format(Locale.ROOT, "%.0f", d) : String.format(Locale.ROOT, "%.2f", d);
    }
}
