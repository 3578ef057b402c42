package tornado.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tornado.walkthroughs.Walkthrough;
import tornado.walkthroughs.Walkthroughs;

/**
 * The real book, rendered once into {@code target/site/} (see {@link RenderedSite}) and read
 * back with jsoup: the promises of the book's site (ARCHITECTURE.adoc, "Rules a contributor
 * keeps", and site/README.adoc), checked on every build.
 */
class SiteTest {
    static Path site;
    static Path base;
    static SiteChecks checks;

    @BeforeAll
    static void render() {
        site = RenderedSite.get();
        base = RenderedSite.basedir();
        checks = new SiteChecks(site, base);
    }

    @Test
    void everyChapterHasAPageLinkedFromTheIndex() {
        assertFalse(checks.chapterStems().isEmpty(), "no chapters/*.adoc found in " + base);
        assertEquals(List.of(), checks.chaptersLinkedFromIndex());
    }

    @Test
    void noInternalLinkOrAnchorIsBrokenAndNothingComesFromOutside() {
        assertTrue(checks.htmlFiles().size() > 10, "suspiciously few pages: " + checks.htmlFiles());
        assertEquals(List.of(), checks.brokenLinks());
    }

    @Test
    void everyIncludedCodeBlockIsVerbatimInItsSourceFile() {
        int[] n = {0};
        assertEquals(List.of(), checks.includedCodeIsVerbatim(n));
        // Every include of a code file in the chapters must have become a checked block; a
        // listing that lost its title would otherwise escape the check above.
        int includes = 0;
        Pattern include = Pattern.compile("^include::(?!.*\\.adoc\\[)\\S+\\[", Pattern.MULTILINE);
        for (String stem : checks.chapterStems()) {
            try {
                Matcher m = include.matcher(Files.readString(base.resolve("chapters/" + stem + ".adoc")));
                while (m.find()) includes++;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        assertTrue(n[0] >= includes, "the chapters include " + includes + " code regions, but only " + n[0]
                + " listings name their source");
    }

    @Test
    void everyInlineCodeSpanOfAPageIsVerbatimInItsHtml() {
        int[] n = {0};
        assertEquals(List.of(), checks.inlineCodeIsVerbatim(n));
        assertTrue(n[0] > 300, "only " + n[0] + " inline code spans found in the pages' sources");
    }

    @Test
    void theReadmesKeepTheirInlineCodeVerbatimToo(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        // README.adoc and site/README.adoc are not pages of the site, but a forge renders them
        // with Asciidoctor too: render each the same way and run the same check over it.
        RenderedSite.get();
        for (String readme : List.of("README.adoc", "site/README.adoc")) {
            Path book = tmp.resolve(readme.replace('/', '-'));
            Files.createDirectories(book.resolve("site"));
            Files.createDirectories(book.resolve("out"));
            Files.copy(base.resolve(readme), book.resolve("site/readme-page.adoc"));
            Path file = book.resolve("site/readme-page.adoc");
            org.asciidoctor.Options options = SiteBuilder.options(book.resolve("site"));
            options.setToFile(false);
            String html;
            // The book's extensions run on every document and ask for the build that is running:
            // give them one of their own, as SiteBuilder.build does, one build at a time.
            synchronized (SiteBuilder.class) {
                SourceTree tree = new SourceTree(book);
                Problems problems = new Problems();
                Build b = new Build(book, tree, problems, Marks.scan(tree, problems), List.of());
                b.page = new Page("readme-page", file, Page.Kind.SITE);
                Build.begin(b);
                try {
                    html = SiteBuilder.asciidoctor().convertFile(file.toFile(), options);
                } finally {
                    Build.end();
                }
            }
            Files.writeString(book.resolve("out/readme-page.html"), "<html><body><main>" + html + "</main></body></html>");
            int[] n = {0};
            assertEquals(List.of(), new SiteChecks(book.resolve("out"), book).inlineCodeIsVerbatim(n), readme);
            assertTrue(n[0] > 20, readme + ": only " + n[0] + " spans");
        }
    }

    @Test
    void everySectionIdSpellsItsTitleAndEveryBoxHasAnId() {
        assertEquals(List.of(), checks.anchorsAreWholeAndBoxesHaveThem());
    }

    @Test
    void theSidebarListsTheSubsectionsOfThePage() {
        Element nav = checks.page("04-httpserver.html").selectFirst("nav.sidebar li.current");
        assertNotNull(nav, "the sidebar marks the current chapter");
        List<String> subs = nav.select("ol.nav-sections > li > ol.nav-subsections a").eachAttr("href");
        assertTrue(subs.contains("#_on_headers") && subs.contains("#tcp_nodelay"), "subsections in the sidebar: " + subs);
    }

    @Test
    void everyRecordedTraceTableHasTheChainInOrder() {
        List<Walkthrough> walks = Walkthroughs.all();
        // Only a book with no walkthrough at all may skip this; once one exists, it is checked.
        assumeFalse(walks.isEmpty(), "no walkthroughs yet");
        List<String> bad = new ArrayList<>();
        for (Walkthrough w : walks) {
            bad.addAll(checks.traceHasChain(w.chapter(), w.name(), expectedChain(w)));
        }
        assertEquals(List.of(), bad);
    }

    /**
     * The chain a walkthrough's trace must show. Over HTTP (its chapter teaches httpserver or
     * web) it is the chain of ARCHITECTURE.adoc, accept … request_callback … _finish_request; below HTTP, the
     * TCP server's: accept, then a read_until that waits for the client, then the write back.
     */
    private List<String> expectedChain(Walkthrough w) {
        List<String> packages = new ArrayList<>();
        for (Element e : checks.page(w.chapter() + ".html").select("aside.chapter-files .pkg code")) packages.add(e.text());
        boolean http = packages.stream().anyMatch(p -> p.equals("tornado.httpserver") || p.equals("tornado.web"));
        return http ? List.of("netutil.accept_handler", "HTTPConnection.request_callback", "HTTPConnection._finish_request") : List.of("netutil.accept_handler", "IOStream.read_until", "IOStream.write");
    }

    @Test
    void everyRowOfTheTornadoToJavaMapLinksToAnExistingLine() {
        int[] n = {0};
        assertEquals(List.of(), checks.mapRowsLinkToLines(n));
        assertTrue(n[0] > 20, "the map has only " + n[0] + " rows");
    }

    @Test
    void theMapNamesEachModuleOnceAndItsTablesScrollInTheirOwnBox() {
        var map = checks.page("tornado-map.html");
        // The module is the heading of its section; a column repeating it on every row is noise.
        assertTrue(map.select("table.map-table th").eachText().stream().noneMatch(t -> t.contains("module")),
                map.select("table.map-table thead").first().outerHtml());
        assertTrue(map.select("table.map-table td.module").isEmpty());
        // On a narrow screen a table scrolls inside its box instead of widening the whole page.
        for (Element table : map.select("table.map-table")) {
            assertTrue(table.parent().hasClass("table-scroll"), "a map table outside a .table-scroll box");
        }
    }

    @Test
    void theIndexLinksTheArchitectureAndTheNotesPages() {
        var index = checks.page("index.html");
        for (String page : List.of("architecture.html", "seeds.html")) {
            assertTrue(Files.isRegularFile(site.resolve(page)), page + " was not rendered");
            assertFalse(index.select("main a[href=" + page + "]").isEmpty(), "the index's text does not link to " + page);
            assertFalse(index.select("nav.sidebar a[href=" + page + "]").isEmpty(), "the sidebar does not list " + page);
        }
        var architecture = checks.page("architecture.html");
        for (String id : List.of("the-chapters-bottom-up", "the-chain", "the-trace", "rules-a-contributor-keeps")) {
            assertNotNull(architecture.getElementById(id), "architecture.html has no section #" + id);
        }
    }

    @Test
    void theNotesPageSaysWhatEachNoteCoversAndPlacesEveryStep() {
        var seeds = checks.page("seeds.html");
        assertEquals(5, seeds.select("main h2").size(), "one section per note: " + seeds.select("main h2").eachText());
        for (int n = 1; n <= 9; n++) {
            Element step = seeds.getElementById("step-" + n);
            assertNotNull(step, "seeds.html has no #step-" + n);
            // The anchor names the step's own entry: what Tornado's code does there, then where
            // our code does it, as a link to a chapter section.
            assertFalse(step.select("dd a[href~=^(0\\d|A)-[a-z]+\\.html#]").isEmpty(),
                    "step " + n + " links to no chapter section: " + step.outerHtml());
        }
    }

    @Test
    void seedStepsAreWordsNotTraceNumbers() throws Exception {
        // "#4" is a trace's sequence number (`#4 handler_func`); the numbered places of the
        // request's path in Tornado's code are written "step 4", "steps 2 and 3", so the two are
        // never confused.
        Pattern hashStep = Pattern.compile("(?i)\\bsteps?\\s+#\\d|#\\d+\\s*(?:and|–|-)\\s*#\\d");
        List<String> bad = new ArrayList<>();
        List<Path> texts = new ArrayList<>();
        try (var files = Files.list(base.resolve("chapters"))) {
            files.filter(p -> p.toString().endsWith(".adoc")).sorted().forEach(texts::add);
        }
        try (var files = Files.list(base.resolve("site"))) {
            files.filter(p -> p.toString().endsWith(".adoc")).sorted().forEach(texts::add);
        }
        for (Path f : texts) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                if (hashStep.matcher(lines.get(i)).find()) bad.add(base.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).strip());
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void noBareLinkLosesItsClosingParenthesis() {
        // Asciidoctor's autolink stops before a final ')': a URL such as .../Tornado_(web_server)
        // in the text must be passed through whole, or the link opens a page that does not exist.
        List<String> bad = new ArrayList<>();
        for (Path f : checks.htmlFiles()) {
            if (f.toString().contains("/src/") || f.toString().contains("/files/")) continue;
            for (Element a : checks.page(site.relativize(f).toString()).select("a[href^=http]")) {
                String href = a.attr("href");
                if (href.chars().filter(c -> c == '(').count() != href.chars().filter(c -> c == ')').count()) {
                    bad.add(site.relativize(f) + ": " + href);
                }
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void everyMirrorsMarkInTheSourceHasARowInTheMap() throws Exception {
        // Read the marks with a plain pattern, independently of the builder's scanner.
        Pattern mark = Pattern.compile("@(?:tornado\\.trace\\.)?Mirrors\\(\\{?([^)]*?)\\}?\\)");
        Pattern str = Pattern.compile("\"([^\"]+)\"");
        List<String> missing = new ArrayList<>();
        var map = checks.page("tornado-map.html");
        try (var files = Files.walk(base.resolve("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    String code = line.strip();
                    if (code.startsWith("*") || code.startsWith("//")) continue;
                    Matcher m = mark.matcher(code);
                    while (m.find()) {
                        Matcher s = str.matcher(m.group(1));
                        while (s.find()) {
                            String name = s.group(1).split(" ")[0];
                            String id = "m-" + name.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
                            if (map.getElementById(id) == null) missing.add(base.relativize(f) + ": " + name);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyMainSourceFileHasAPageWithOneAnchorPerLine() {
        int[] n = {0};
        assertEquals(List.of(), checks.sourcePagesHaveEveryLine("src/main/java", true, n));
        assertTrue(n[0] > 10, "only " + n[0] + " main files");
        assertEquals(List.of(), checks.sourcePagesHaveEveryLine("walkthroughs", false, n));
    }

    @Test
    void theSourceIndexListsCodeNotTheChaptersOwnPartials() {
        List<String> listed = checks.page("src/index.html").select("main ul.file-list a").eachText();
        assertTrue(listed.stream().noneMatch(t -> t.endsWith(".adoc")), "AsciiDoc files among the sources: " + listed);
    }

    @Test
    void chaptersAreChainedByPreviousAndNext() {
        List<String> stems = checks.chapterStems();
        for (int i = 0; i + 1 < stems.size(); i++) {
            Element next = checks.page(stems.get(i) + ".html").selectFirst("nav.prevnext a.next");
            assertTrue(next != null && next.attr("href").equals(stems.get(i + 1) + ".html"),
                    stems.get(i) + ".html: its next link should lead to " + stems.get(i + 1) + ".html");
            Element prev = checks.page(stems.get(i + 1) + ".html").selectFirst("nav.prevnext a.prev");
            assertTrue(prev != null && prev.attr("href").equals(stems.get(i) + ".html"),
                    stems.get(i + 1) + ".html: its previous link should lead to " + stems.get(i) + ".html");
        }
    }

    @Test
    void theReadingTracesPageShowsTodaysTrace() {
        var page = checks.page("reading-traces.html");
        assertFalse(page.select("main h1").isEmpty());
        if (!Walkthroughs.all().isEmpty()) {
            Element pre = page.selectFirst(".trace-text pre");
            assertTrue(pre != null && pre.text().contains(" at "), "the page should show a recorded text trace");
        }
    }

    @Test
    void theBenchmarksPageShowsTheIdleSplitAndTheRatiosOfTheLastRun() throws Exception {
        var run = (java.util.Map<?, ?>) tornado.escape.Escape.jsonDecode(Files.readString(base.resolve(BenchChart.LATEST)));
        var page = checks.page("benchmarks.html");
        // The idle table: our hello's row gives the heap and both halves of it, as the run has them.
        var idle = (java.util.Map<?, ?>) ((java.util.Map<?, ?>) ((java.util.Map<?, ?>) run.get("servers")).get("ours-hello")).get("idle");
        var owners = (java.util.Map<?, ?>) idle.get("heap_by_owner");
        Element row = page.select("table.bench-table tr").stream()
                .filter(tr -> tr.text().startsWith("ours: hello (chapter 5") && tr.select("td").size() == 7)
                .findFirst().orElseThrow(() -> new AssertionError("no idle row for ours-hello in " + page.select("table.bench-table").text()));
        // Not eachText(), which leaves out cells without text (the compact-headers cell of an older run).
        List<String> cells = row.select("td").stream().map(Element::text).toList();
        assertEquals(String.format(java.util.Locale.ROOT, "%,.0f", ((Number) idle.get("heap_bytes_per_connection")).doubleValue()), cells.get(2));
        assertEquals(String.format(java.util.Locale.ROOT, "%,.0f", ((Number) owners.get("ours")).doubleValue()), cells.get(3));
        assertEquals(String.format(java.util.Locale.ROOT, "%,.0f", ((Number) owners.get("jdk")).doubleValue()), cells.get(4));
        // The last cell: the same server restarted with compact object headers, when the run has that part.
        var compact = (java.util.Map<?, ?>) ((java.util.Map<?, ?>) ((java.util.Map<?, ?>) run.get("servers")).get("ours-hello")).get("idle_compact_headers");
        assertEquals(compact == null ? "" : String.format(java.util.Locale.ROOT, "%,.0f", ((Number) compact.get("heap_bytes_per_connection")).doubleValue()), cells.get(6));
        // The ratios table: one row per comparison and mode, each round's ratio listed.
        var ratios = (List<?>) run.get("ratios");
        assertNotNull(ratios, "latest.json has no ratios: python3 bench/bench.py --summarise=" + BenchChart.LATEST);
        Element table = page.select("table.bench-table").stream().filter(t -> t.text().contains("median of the rounds"))
                .findFirst().orElseThrow(() -> new AssertionError("no ratios table"));
        assertEquals(ratios.size(), table.select("tbody tr").size());
        var first = (java.util.Map<?, ?>) ratios.get(0);
        assertEquals(((List<?>) first.get("by_round")).size(), table.selectFirst("tbody tr td:last-child").text().split(" ").length);
    }

    @Test
    void theBenchmarksPageHasARowForEveryCommittedFullRunWithItsFiguresAndTheDrawnOneMarked() throws Exception {
        var page = checks.page("benchmarks.html");
        Element table = page.selectFirst("table.bench-runs");
        assertNotNull(table, "no table of every run on the Benchmarks page");
        // Each column of ratios, as its heading begins, and the pair and mode it must show.
        List<String[]> columns = List.of(
                new String[] {"uri-echo ÷ Netty epoll, kept alive", "ours-uri-echo", "netty-epoll", "keep_alive"},
                new String[] {"uri-echo ÷ the C floor, kept alive", "ours-uri-echo", "floor-c", "keep_alive"},
                new String[] {"hello ÷ Netty epoll, kept alive", "ours-hello", "netty-epoll", "keep_alive"},
                new String[] {"hello-plain ÷ Netty epoll, kept alive", "ours-hello-plain", "netty-epoll", "keep_alive"},
                new String[] {"the web layer: hello ÷ uri-echo, kept alive", "ours-hello", "ours-uri-echo", "keep_alive"},
                new String[] {"hello ÷ Netty epoll, Connection: close", "ours-hello", "netty-epoll", "close"});
        List<String> headings = table.select("thead th").stream().map(Element::text).toList();
        assertEquals(4 + columns.size(), headings.size(), "headings: " + headings);
        for (int c = 0; c < columns.size(); c++) {
            assertTrue(headings.get(4 + c).startsWith(columns.get(c)[0]), "column " + (4 + c) + " is " + headings.get(4 + c));
        }
        var latest = (java.util.Map<?, ?>) tornado.escape.Escape.jsonDecode(Files.readString(base.resolve(BenchChart.LATEST)));
        List<Element> rows = table.select("tbody tr");
        List<String> names = new ArrayList<>();
        int drawn = 0;
        try (var files = Files.list(base.resolve(RunsTable.DIR))) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (!RunsTable.RUN_FILE.matcher(name).matches()) continue;
                var run = (java.util.Map<?, ?>) tornado.escape.Escape.jsonDecode(Files.readString(f));
                var ratios = run.get("ratios") instanceof List<?> r ? r : List.of();
                if (!RunsTable.fullRun(String.valueOf(run.get("command")).strip()) || ratios.isEmpty()) continue;
                // Rows come oldest first, one for each such file.
                assertTrue(names.size() < rows.size(), "no row for " + name + " after " + names);
                Element row = rows.get(names.size());
                names.add(name.replace(".json", ""));
                List<String> cells = row.select("td").stream().map(Element::text).toList();
                assertEquals(names.getLast(), row.selectFirst("td code").text());
                boolean isDrawn = run.get("date").equals(latest.get("date"));
                if (isDrawn) drawn++;
                // The first cell: the run's name, the options it was given, the mark of the run
                // drawn, then the kind of CPU (its model's name, shortened).
                String options = String.valueOf(run.get("command")).strip().substring("bench/run".length()).strip();
                String prefix = names.getLast() + (options.isEmpty() ? "" : " " + options) + (isDrawn ? " (drawn above)" : "");
                assertTrue(cells.get(0).startsWith(prefix + " "), name + ": " + cells.get(0));
                String cpu = String.valueOf(((java.util.Map<?, ?>) run.get("versions")).get("cpu")).replace("(R)", "");
                String shown = cells.get(0).substring(prefix.length()).strip();
                assertTrue(!shown.isEmpty() && cpu.contains(shown), name + ": CPU shown as '" + shown + "' for " + cpu);
                // The C floor, and the load runs disturbed out of all, summed over every server and mode.
                var servers = (java.util.Map<?, ?>) run.get("servers");
                var floor = (java.util.Map<?, ?>) ((java.util.Map<?, ?>) ((java.util.Map<?, ?>) servers.get("floor-c")).get("summary")).get("keep_alive");
                assertEquals(String.format(java.util.Locale.ROOT, "%.2f", ((Number) floor.get("cpu_us_per_request")).doubleValue()), cells.get(1), name);
                int disturbed = 0, all = 0;
                for (Object s : servers.values()) {
                    for (Object m : ((java.util.Map<?, ?>) ((java.util.Map<?, ?>) s).get("summary")).values()) {
                        disturbed += ((Number) ((java.util.Map<?, ?>) m).get("disturbed_runs")).intValue();
                        all += ((Number) ((java.util.Map<?, ?>) m).get("runs")).intValue();
                    }
                }
                assertEquals(disturbed + " of " + all, cells.get(2), name);
                // The widest spread of any ratio read from two rounds or more, and which ratio it is,
                // named as the headings name theirs.
                java.util.function.ToDoubleFunction<java.util.Map<?, ?>> spread =
                        r -> ((Number) r.get("max")).doubleValue() - ((Number) r.get("min")).doubleValue();
                var widest = ratios.stream().map(o -> (java.util.Map<?, ?>) o).filter(r -> ((List<?>) r.get("by_round")).size() >= 2)
                        .max(java.util.Comparator.comparingDouble(spread));
                java.util.function.Function<Object, String> shortName = server -> switch (String.valueOf(server)) {
                    case "netty-epoll" -> "Netty epoll";
                    case "netty-nio" -> "Netty NIO";
                    case "floor-c" -> "the C floor";
                    default -> String.valueOf(server).replaceFirst("^ours-", "");
                };
                assertEquals(widest.map(r -> String.format(java.util.Locale.ROOT, "%.2f ", spread.applyAsDouble(r)) + shortName.apply(r.get("server"))
                        + " ÷ " + shortName.apply(r.get("against")) + ("close".equals(r.get("mode")) ? ", Connection: close" : ", kept alive"))
                        .orElse("no ratio had two rounds"), cells.get(3), name);
                // Each column: the median, then the lowest and highest round, of its own pair and mode.
                int rounds = ((Number) ((java.util.Map<?, ?>) run.get("options")).get("rounds")).intValue();
                for (int c = 0; c < columns.size(); c++) {
                    String[] col = columns.get(c);
                    var ratio = ratios.stream().map(o -> (java.util.Map<?, ?>) o)
                            .filter(r -> col[1].equals(r.get("server")) && col[2].equals(r.get("against")) && col[3].equals(r.get("mode")))
                            .findFirst();
                    String expected = ratio.map(r -> String.format(java.util.Locale.ROOT, "%.2f (%.2f–%.2f", ((Number) r.get("median")).doubleValue(),
                            ((Number) r.get("min")).doubleValue(), ((Number) r.get("max")).doubleValue())
                            + (((List<?>) r.get("by_round")).size() < rounds ? "; " + ((List<?>) r.get("by_round")).size() + " of " + rounds + " rounds" : "")
                            + ")").orElse("");
                    assertEquals(expected, cells.get(4 + c), name + ", " + col[0]);
                }
            }
        }
        assertEquals(names.size(), rows.size(), "rows beyond the committed full runs: " + rows.size() + " for " + names);
        assertEquals(1, drawn, "rows marked as the run drawn");
    }

    @Test
    void theBenchmarksPageListsEveryServersSystemCallsAsCounted() throws Exception {
        var run = (java.util.Map<?, ?>) tornado.escape.Escape.jsonDecode(Files.readString(base.resolve(SyscallTable.FILE)));
        var servers = (java.util.Map<?, ?>) run.get("servers");
        var page = checks.page("benchmarks.html");
        Element table = page.selectFirst("table.syscalls");
        assertNotNull(table, "no table of system calls on the Benchmarks page");
        // A row per server and kind of connection, in the file's order.
        assertEquals(2 * servers.size(), table.select("tbody tr").size());
        var hello = (java.util.Map<?, ?>) ((java.util.Map<?, ?>) servers.get("ours-hello")).get("close");
        Element row = table.selectFirst("tbody tr");
        // Not eachText(), which leaves out cells without text (the compact-headers cell of an older run).
        List<String> cells = row.select("td").stream().map(Element::text).toList();
        assertEquals(((java.util.Map<?, ?>) servers.get("ours-hello")).get("label"), cells.get(0));
        assertEquals("close", cells.get(1));
        double total = ((Number) hello.get("total")).doubleValue();
        assertEquals(total, Double.parseDouble(cells.get(2)), 0.005);
        assertEquals(((List<?>) hello.get("sequence")).size(), cells.get(5).split(" ").length);
    }
}
