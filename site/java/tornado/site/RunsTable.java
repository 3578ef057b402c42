package tornado.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tornado.escape.Escape;

/**
 * The benchmarks page's table of every committed full run: one row for each
 * {@code bench/results/YYYY-MM-DD-HHMM.json} that {@code bench/run} wrote without {@code --quick}
 * and that has ratios paired by round (runs from 2026-12-02 02:45 on), oldest first. A row says
 * how fast the machine was that day (the C floor's CPU per kept-alive request: the same few dozen
 * lines of C every day), how many of its load runs were still disturbed when last measured, how
 * far one round's ratio lay from another's (the widest spread of any of its ratios), and the
 * ratios the targets are stated in, each with its lowest and highest round.
 *
 * <p>{@link BenchChart} draws one run in full; this sets the runs side by side, so that a target
 * met or missed in one of them is read against the others. The page's paragraphs tell what each
 * run was for; the figures come from the files, so that no typed figure can disagree with them.
 */
final class RunsTable {
    private RunsTable() {}

    /** Where the runs live, from the project's root. */
    static final String DIR = "bench/results";

    /** A full run's file: the date and time bench.py stamps on it, nothing after (not -connections, not -idle). */
    static final Pattern RUN_FILE = Pattern.compile("\\d{4}-\\d\\d-\\d\\d-\\d{4}\\.json");

    /** One column of ratios: which server against which, in which mode, under what heading. */
    private record Column(String server, String against, String mode, String heading) {}

    private static final List<Column> COLUMNS = List.of(
            new Column("ours-uri-echo", "netty-epoll", "keep_alive", "uri-echo ÷ Netty epoll, kept alive (target ≤ 0.90)"),
            new Column("ours-uri-echo", "floor-c", "keep_alive", "uri-echo ÷ the C floor, kept alive (≤ 1.20)"),
            new Column("ours-hello", "netty-epoll", "keep_alive", "hello ÷ Netty epoll, kept alive (≤ 1.00)"),
            new Column("ours-hello-plain", "netty-epoll", "keep_alive", "hello-plain ÷ Netty epoll, kept alive"),
            new Column("ours-hello", "ours-uri-echo", "keep_alive", "the web layer: hello ÷ uri-echo, kept alive (≤ 1.10)"),
            new Column("ours-hello", "netty-epoll", "close", "hello ÷ Netty epoll, Connection: close (≤ 1.00)"));

    /** The table's HTML, or null (with a problem recorded) when no committed run qualifies. */
    static String html(Build b, String where) {
        Map<?, ?> drawn = BenchMacro.results(b, where, "runs", BenchChart.LATEST, "bench/run");
        if (drawn == null) return null;
        List<Path> files;
        try (Stream<Path> list = Files.list(b.basedir.resolve(DIR))) {
            files = list.filter(p -> RUN_FILE.matcher(p.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            b.problems.add(where, "bench::runs[]: cannot list " + DIR + " (" + e + ")");
            return null;
        }
        StringBuilder t = new StringBuilder("<div class=\"bench bench-runs-wrap\">\n<table class=\"bench-table bench-runs\"><thead><tr>"
                + "<th>run (bench/results/…json), its options, its CPU</th><th>C floor, µs per kept-alive request</th>"
                + "<th>load runs disturbed, when last measured</th><th>widest spread between rounds</th>");
        for (Column c : COLUMNS) t.append("<th>").append(Html.esc(c.heading())).append("</th>");
        t.append("</tr></thead><tbody>\n");
        int rows = 0;
        for (Path f : files) {
            Map<?, ?> run;
            try {
                run = (Map<?, ?>) Escape.jsonDecode(Files.readString(f));
            } catch (IOException | RuntimeException e) {
                b.problems.add(where, "bench::runs[]: cannot read " + DIR + "/" + f.getFileName() + " (" + e + ")");
                continue;
            }
            String command = BenchChart.str(run.get("command")).strip();
            if (!command.startsWith("bench/run") || command.contains("--quick")) continue;
            if (!(run.get("ratios") instanceof List<?> ratios) || ratios.isEmpty()) continue;
            t.append(row(f.getFileName().toString(), run, ratios, run.get("date") != null && run.get("date").equals(drawn.get("date"))));
            rows++;
        }
        if (rows == 0) {
            b.problems.add(where, "bench::runs[]: no full run with ratios in " + DIR + "; run bench/run to write one");
            return null;
        }
        return t.append("</tbody></table>\n</div>\n").toString();
    }

    private static String row(String file, Map<?, ?> run, List<?> ratios, boolean isDrawn) {
        Map<?, ?> servers = (Map<?, ?>) run.get("servers");
        int disturbed = 0, loadRuns = 0;
        for (Object s : servers.values()) {
            for (String mode : List.of("keep_alive", "close")) {
                Map<?, ?> m = BenchChart.summary((Map<?, ?>) s, mode);
                if (m == null) continue;
                disturbed += m.get("disturbed_runs") instanceof Number n ? n.intValue() : 0;
                loadRuns += m.get("runs") instanceof Number n ? n.intValue() : 0;
            }
        }
        double spread = 0;
        for (Object o : ratios) {
            Map<?, ?> r = (Map<?, ?>) o;
            spread = Math.max(spread, ((Number) r.get("max")).doubleValue() - ((Number) r.get("min")).doubleValue());
        }
        // The options a run was given beyond the default ones (--rounds=6, --idle=0) are part of what it was.
        String options = BenchChart.str(run.get("command")).strip().substring("bench/run".length()).strip();
        Map<?, ?> floor = (Map<?, ?>) servers.get("floor-c");
        StringBuilder r = new StringBuilder(isDrawn ? "<tr class=\"drawn\"><td><code>" : "<tr><td><code>").append(Html.esc(file.substring(0, file.length() - ".json".length())))
                .append("</code>").append(options.isEmpty() ? "" : " <code>" + Html.esc(options) + "</code>")
                .append(isDrawn ? " (drawn above)" : "").append("<br>")
                .append(Html.esc(shortCpu(BenchChart.str(((Map<?, ?>) run.get("versions")).get("cpu"))))).append("</td><td>")
                .append(floor == null ? "" : String.format(Locale.ROOT, "%.2f", BenchChart.cpu(floor, "keep_alive"))).append("</td><td>")
                .append(disturbed).append(" of ").append(loadRuns).append("</td><td>")
                .append(String.format(Locale.ROOT, "%.2f", spread)).append("</td>");
        for (Column c : COLUMNS) r.append("<td>").append(ratio(ratios, c)).append("</td>");
        return r.append("</tr>\n").toString();
    }

    /** "Intel(R) Xeon(R) Processor" as "Intel Xeon": the machine's kind, in a narrow cell. */
    private static String shortCpu(String cpu) {
        return cpu.replace("(R)", "").replace("(TM)", "").replace(" Processor", "").replaceAll("\\s+", " ").strip();
    }

    /** The median of a column's ratio and its lowest and highest round; an empty cell for a run without that pair. */
    private static String ratio(List<?> ratios, Column c) {
        for (Object o : ratios) {
            Map<?, ?> r = (Map<?, ?>) o;
            if (c.server().equals(r.get("server")) && c.against().equals(r.get("against")) && c.mode().equals(r.get("mode"))) {
                return BenchChart.num(r.get("median"), "%.2f") + " <span class=\"bench-range\">(" + BenchChart.num(r.get("min"), "%.2f")
                        + "–" + BenchChart.num(r.get("max"), "%.2f") + ")</span>";
            }
        }
        return "";
    }
}
