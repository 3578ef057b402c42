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
 * and that holds ratios paired by round, oldest first. A row says how fast the machine was that
 * day (the C floor's CPU per kept-alive request: the same few dozen lines of C every day), how
 * many of its load runs were still disturbed when last measured, how far one round's ratio lay
 * from another's (the widest spread of any of its ratios, named in the cell, since it is often
 * one the table has no column for), and the ratios the targets are stated in, each with its
 * lowest and highest round.
 *
 * <p>{@link BenchChart} draws one run in full; this sets the runs side by side, so that a target
 * met or missed in one of them is read against the others. The page's paragraphs tell what each
 * run was for; the figures come from the files, so that a typed figure cannot disagree with them.
 *
 * <p>"Full" means what {@code bench/run} gives when not asked for {@code --quick}; a run given
 * {@code --rounds=6} or {@code --idle=0} is still one, and its options are shown beside its name.
 */
final class RunsTable {
    private RunsTable() {}

    /** Where the runs live, from the project's root. */
    static final String DIR = "bench/results";

    /**
     * The name bench.py gives a run's file, a bare stamp of the time the run ended; the files
     * named by hand after a focused run ({@code -idle-2309}, {@code -cpu-split-1645},
     * {@code -0725-carrier}) carry words as well and are not full runs.
     */
    static final Pattern RUN_FILE = Pattern.compile("\\d{4}-\\d\\d-\\d\\d-\\d{4}\\.json");

    /** The command a full run was written by: {@code bench/run} and its options, never {@code --quick}. */
    static boolean fullRun(String command) {
        return command.startsWith("bench/run") && !command.contains("--quick");
    }

    /** The columns of ratios, each found in a run's {@code ratios} by its two servers and its mode. */
    private static final List<Column> COLUMNS = List.of(
            new Column("ours-uri-echo", "netty-epoll", "keep_alive", "uri-echo ÷ Netty epoll, kept alive (target ≤ 0.90)"),
            new Column("ours-uri-echo", "floor-c", "keep_alive", "uri-echo ÷ the C floor, kept alive (≤ 1.20)"),
            new Column("ours-hello", "netty-epoll", "keep_alive", "hello ÷ Netty epoll, kept alive (≤ 1.00)"),
            new Column("ours-hello-plain", "netty-epoll", "keep_alive", "hello-plain ÷ Netty epoll, kept alive"),
            new Column("ours-hello", "ours-uri-echo", "keep_alive", "the web layer: hello ÷ uri-echo, kept alive (≤ 1.10)"),
            new Column("ours-hello", "netty-epoll", "close", "hello ÷ Netty epoll, Connection: close (≤ 1.00)"));

    private record Column(String server, String against, String mode, String heading) {
        boolean is(Map<?, ?> ratio) {
            return server.equals(ratio.get("server")) && against.equals(ratio.get("against")) && mode.equals(ratio.get("mode"));
        }
    }

    /**
     * The table's HTML, or null with a problem recorded: when {@code latest.json} or the directory
     * cannot be read, when no committed run qualifies, or when the run drawn is none of the rows.
     * A file that cannot be read, or is not shaped as bench.py writes its runs, is a problem naming
     * it; a figure a run lacks (an older run without hello-plain, a run without the C floor
     * because the machine had no C compiler) is an empty cell, as in {@link BenchChart}.
     */
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
                + "<th>run (bench/results/…json, named by the time it ended), its options, its CPU</th>"
                + "<th>C floor, µs per kept-alive request</th><th>load runs disturbed, when last measured</th>"
                + "<th>widest spread between rounds, of any of its ratios</th>");
        for (Column c : COLUMNS) t.append("<th>").append(Html.esc(c.heading())).append("</th>");
        t.append("</tr></thead><tbody>\n");
        int rows = 0;
        boolean drawnFound = false;
        for (Path f : files) {
            String name = f.getFileName().toString();
            try {
                Map<?, ?> run = (Map<?, ?>) Escape.jsonDecode(Files.readString(f));
                String command = BenchChart.str(run.get("command")).strip();
                if (!fullRun(command) || !(run.get("ratios") instanceof List<?> ratios) || ratios.isEmpty()) continue;
                boolean isDrawn = run.get("date") != null && run.get("date").equals(drawn.get("date"));
                t.append(row(name, command, run, ratios, isDrawn));
                drawnFound |= isDrawn;
                rows++;
            } catch (IOException | RuntimeException e) {
                // A cast that fails on a file of another shape lands here too, so the problem
                // names the file instead of failing the page with a bare ClassCastException.
                b.problems.add(where, "bench::runs[]: cannot read " + DIR + "/" + name + " (" + e + ")");
            }
        }
        if (rows == 0) {
            b.problems.add(where, "bench::runs[]: no full run with ratios in " + DIR + "; run bench/run to write one");
            return null;
        }
        if (!drawnFound) {
            b.problems.add(where, "bench::runs[]: " + BenchChart.LATEST + " (run of " + drawn.get("date")
                    + ") is none of the runs in " + DIR + "; commit it under its date as well");
        }
        return t.append("</tbody></table>\n</div>\n").toString();
    }

    /** One run's row: its name and options, its CPU, the C floor, its disturbed load runs, its spread, its ratios. */
    private static String row(String file, String command, Map<?, ?> run, List<?> ratios, boolean isDrawn) {
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
        // A ratio read from one round has no spread to show: a run whose load runs were mostly
        // disturbed may have nothing else, and a spread of 0 would call it the steadiest of all.
        Map<?, ?> widest = null;
        for (Object o : ratios) {
            Map<?, ?> r = (Map<?, ?>) o;
            if (r.get("by_round") instanceof List<?> l && l.size() >= 2 && (widest == null || spread(r) > spread(widest))) widest = r;
        }
        String options = command.substring("bench/run".length()).strip();
        Map<?, ?> floor = servers.get("floor-c") instanceof Map<?, ?> f ? BenchChart.summary(f, "keep_alive") : null;
        Object cpu = run.get("versions") instanceof Map<?, ?> v ? v.get("cpu") : null;
        StringBuilder r = new StringBuilder(isDrawn ? "<tr class=\"drawn\"><td><code>" : "<tr><td><code>")
                .append(Html.esc(file.substring(0, file.length() - ".json".length()))).append("</code>")
                .append(options.isEmpty() ? "" : " <code>" + Html.esc(options) + "</code>")
                .append(isDrawn ? " (drawn above)" : "").append("<br>")
                .append(Html.esc(shortCpu(BenchChart.str(cpu)))).append("</td><td>")
                .append(floor == null ? "" : BenchChart.num(floor.get("cpu_us_per_request"), "%.2f")).append("</td><td>")
                .append(disturbed).append(" of ").append(loadRuns).append("</td><td>")
                .append(widest == null ? "no ratio had two rounds" : String.format(Locale.ROOT, "%.2f", spread(widest))
                        + "<br><span class=\"bench-pair\">" + Html.esc(pair(widest)) + "</span>").append("</td>");
        int rounds = run.get("options") instanceof Map<?, ?> o && o.get("rounds") instanceof Number n ? n.intValue() : 0;
        for (Column c : COLUMNS) r.append("<td>").append(ratio(ratios, c, rounds)).append("</td>");
        return r.append("</tr>\n").toString();
    }

    /** A ratio's highest round less its lowest. */
    private static double spread(Map<?, ?> ratio) {
        return ((Number) ratio.get("max")).doubleValue() - ((Number) ratio.get("min")).doubleValue();
    }

    /** A ratio named as the table's headings name theirs: "hello-plain ÷ uri-echo, kept alive". */
    private static String pair(Map<?, ?> ratio) {
        return name(BenchChart.str(ratio.get("server"))) + " ÷ " + name(BenchChart.str(ratio.get("against")))
                + ("close".equals(ratio.get("mode")) ? ", Connection: close" : ", kept alive");
    }

    /** A server's name as the headings write it: our walkthroughs without bench.py's "ours-", the peers in words. */
    private static String name(String server) {
        return switch (server) {
            case "netty-epoll" -> "Netty epoll";
            case "netty-nio" -> "Netty NIO";
            case "floor-c" -> "the C floor";
            default -> server.startsWith("ours-") ? server.substring("ours-".length()) : server;
        };
    }

    /** "Intel(R) Xeon(R) Processor" as "Intel Xeon": the machine's kind, in a narrow cell. */
    private static String shortCpu(String cpu) {
        return cpu.replace("(R)", "").replace("(TM)", "").replace(" Processor", "").replaceAll("\\s+", " ").strip();
    }

    /**
     * The median of a column's ratio and its lowest and highest round, and how many rounds it had
     * when a disturbance or errors on either side left some out; an empty cell for a run without
     * that pair.
     */
    private static String ratio(List<?> ratios, Column c, int rounds) {
        for (Object o : ratios) {
            Map<?, ?> r = (Map<?, ?>) o;
            if (!c.is(r)) continue;
            int counted = r.get("by_round") instanceof List<?> l ? l.size() : 0;
            return BenchChart.num(r.get("median"), "%.2f") + " <span class=\"bench-range\">(" + BenchChart.num(r.get("min"), "%.2f")
                    + "–" + BenchChart.num(r.get("max"), "%.2f")
                    + (counted < rounds ? "; " + counted + " of " + rounds + " rounds" : "") + ")</span>";
        }
        return "";
    }
}
