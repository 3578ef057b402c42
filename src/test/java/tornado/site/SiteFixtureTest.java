package tornado.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tornado.trace.TraceEvent;

/**
 * The site builder on a fixture book whose every feature is known
 * ({@code src/test/resources/site-fixture}): two chapters, a partial, nested tags, marks of every
 * kind, and two walkthroughs given as recorded events. The same jsoup checks as
 * {@link SiteTest} run over it, so they are exercised even before the real book has a
 * walkthrough; then each way the build must fail is provoked on a copy, and each check is shown
 * to fail on a site tampered with.
 */
class SiteFixtureTest {
    static final Path FIXTURE = RenderedSite.basedir().resolve("src/test/resources/site-fixture");
    static Path site;
    static SiteChecks checks;

    static TraceEvent ev(long seq, int conn, String step, String file, int line, int depth) {
        String cls = file.substring(file.lastIndexOf('/') + 1, file.length() - ".java".length());
        return new TraceEvent(seq, conn, step, cls + ".m(" + cls + ".java:" + line + ")", file, line, "detail " + seq, depth, "main");
    }

    static List<Walk> walks(String chapter) {
        String beta = "fixture/beta/Beta.java", alpha = "fixture/alpha/Alpha.java", walk = "fixture/walks/FixWalk.java";
        List<TraceEvent> echo = List.of(
                ev(1, 0, "poll", beta, 12, 0),
                ev(2, 1, "accept", beta, 20, 1),
                ev(3, 1, "read_until", alpha, 21, 2),
                ev(4, 0, "poll", beta, 12, 0),
                ev(5, 1, "_on_headers", alpha, 31, 1),
                ev(6, 1, "request_callback", walk, 8, 2),
                ev(7, 1, "write", alpha, 22, 3),
                ev(8, 1, "_finish_request", alpha, 31, 2));
        List<TraceEvent> two = List.of(ev(1, 0, "poll", beta, 12, 0), ev(2, 2, "accept", beta, 20, 1));
        return List.of(new Walk("fix-echo", chapter, "echoes a line", echo, "> hello\n< hello\n", walk),
                new Walk("fix-two", "01-beta", "accepts", two, "", null));
    }

    @BeforeAll
    static void render() {
        Path out = RenderedSite.basedir().resolve("target/site-fixture");
        site = SiteBuilder.build(FIXTURE, out, Walk.given(walks("01-beta"))).out();
        checks = new SiteChecks(site, FIXTURE);
    }

    @Test
    void theFixturePassesEveryCheckOfTheRealSite() {
        assertEquals(List.of("00-alpha", "01-beta"), checks.chapterStems());
        assertEquals(List.of(), checks.chaptersLinkedFromIndex());
        assertEquals(List.of(), checks.brokenLinks());
        int[] n = {0};
        assertEquals(List.of(), checks.includedCodeIsVerbatim(n));
        assertEquals(4, n[0], "listings that name their source");
        assertEquals(List.of(), checks.traceHasChain("01-beta", "fix-echo",
                List.of("accept", "read_until", "request_callback", "_finish_request")));
        assertEquals(List.of(), checks.mapRowsLinkToLines(n));
        assertEquals(9, n[0], "rows in the map: eight Tornado names and one type of our own");
        assertEquals(List.of(), checks.sourcePagesHaveEveryLine("src/main/java", true, n));
        assertEquals(2, n[0]);
        assertEquals(List.of(), checks.sourcePagesHaveEveryLine("walkthroughs", true, n));
        assertEquals(List.of(), checks.inlineCodeIsVerbatim(n));
        assertEquals(8, n[0], "inline code spans in the fixture's pages");
        assertEquals(List.of(), checks.anchorsAreWholeAndBoxesHaveThem());
    }

    @Test
    void anIncludedRegionNamesItsFileAndFirstLineAndLinksThere() {
        Element block = checks.page("00-alpha.html").selectFirst("div.listingblock:has(a.source-ref)");
        Element ref = block.selectFirst("a.source-ref");
        // The region starts at its javadoc (line 19); the link lands on the declaration, past
        // the javadoc and the mark, where the map's row for the same method lands too.
        assertEquals("src/fixture/alpha/Alpha.java.html#L21", ref.attr("href"));
        assertEquals("fixture/alpha/Alpha.java line 21", ref.text());
        assertEquals(ref.attr("href"), checks.page("tornado-map.html").selectFirst("#m-web-requesthandler-write a.java-place")
                .attr("href"), "the listing and the map land on the same line");
        String code = block.selectFirst("pre").wholeText();
        assertTrue(code.startsWith("/** Says hello"), "indent=0 removes the common indentation: " + code);
        assertFalse(code.contains("tag::inner"), "tag lines of a nested region never show: " + code);
        assertNotNull(block.selectFirst("pre.rouge span"), "the listing is highlighted by rouge");
    }

    @Test
    void aListingDimsItsTraceLinesAndTheSourcePageDoesNot() {
        Element block = checks.page("00-alpha.html").select("div.listingblock").get(1);
        var dimmed = block.select("span.trace-line");
        assertEquals(2, dimmed.size(), "the trace statement, over its two lines: " + block.outerHtml());
        assertTrue(dimmed.get(0).text().contains("Trace.step(0, 1, \"count\","), dimmed.get(0).text());
        assertEquals("\"n=\" + n);", dimmed.get(1).text().strip());
        assertFalse(block.select("span.trace-line").text().contains("return"), "the logic is not dimmed");
        assertTrue(checks.page("src/fixture/alpha/Alpha.java.html").select(".trace-line").isEmpty(),
                "the source page shows every line alike");
    }

    @Test
    void anAuthorsTitleIsKeptBesideTheSourceReference() {
        Element titled = checks.page("00-alpha.html").select("div.listingblock").get(1);
        String title = titled.selectFirst("div.title").text();
        assertTrue(title.startsWith("Greeting and counting"), title);
        assertTrue(titled.selectFirst("a.source-ref").attr("data-runs").contains(","), "two tags, two runs");
    }

    @Test
    void theSourcePageSetsCommentsApartAndLinksBackToTheChapterBlock() {
        var page = checks.page("src/fixture/alpha/Alpha.java.html");
        Element line23 = page.getElementById("L23");
        assertEquals("String s = \"hello, \" + who + \" // not a comment\";", line23.selectFirst("span.tx").text().strip());
        assertTrue(line23.select("span.c").isEmpty(), "a // inside a string is not a comment");
        assertFalse(page.getElementById("L18").select("span.c").isEmpty(), "a tag line is a comment");
        assertFalse(page.getElementById("L6").select("span.c.doc").isEmpty(), "javadoc is marked as such");
        Element back = page.getElementById("L19").selectFirst("a.shown-in");
        assertNotNull(back, "the first line of a shown region links to where the chapter shows it");
        assertTrue(back.attr("href").startsWith("../../../00-alpha.html#code-"), back.attr("href"));
        assertEquals("../../../00-alpha.html", page.selectFirst("a.chapter-link").attr("href"));
        assertEquals("../../../01-beta.html", checks.page("src/fixture/walks/FixWalk.java.html")
                .selectFirst("a.chapter-link").attr("href"), "a walkthrough's file links to its walkthrough's chapter");
    }

    @Test
    void theMapHasTheMarksOfCodeAndNothingFromCommentsOrStrings() {
        var map = checks.page("tornado-map.html");
        assertNull(map.getElementById("m-not-a-mark"));
        assertNull(map.getElementById("m-iostream-nothing"));
        Element flush = map.getElementById("m-web-requesthandler-flush");
        assertEquals("2.4.1 · 4.0", flush.selectFirst("td.version").text());
        assertEquals("Alpha.count(…)", flush.selectFirst("a.java-place").text());
        assertEquals("Alpha(…)", map.getElementById("m-web-requesthandler-init").selectFirst("a.java-place").text());
        assertEquals("Beta.Inner.bind(…)", map.getElementById("m-netutil-bind-sockets").selectFirst("a.java-place").text());
        assertEquals("Beta.Inner", map.getElementById("m-netutil").selectFirst("a.java-place").text());
        assertEquals("Alpha.METHODS", map.getElementById("m-web-requesthandler-supported-methods").selectFirst("a.java-place").text());
        assertFalse(map.select("#java-only + p + .table-scroll a.java-place:contains(Beta)").isEmpty(), "Beta is listed as ours alone");
    }

    @Test
    void aWalkthroughTheChapterDoesNotPlaceIsAppended() {
        var page = checks.page("01-beta.html");
        assertNotNull(page.getElementById("recorded-trace-fix-two"));
        assertNotNull(page.selectFirst("table.trace-table[data-walkthrough=fix-two]"));
        assertEquals(1, page.select("table.trace-table[data-walkthrough=fix-echo]").size());
        assertNotNull(page.selectFirst("#trace-fix-echo svg.sequence"), "the trace has its picture");
    }

    @Test
    void theSrcMacroLinksToTheFirstLineOfATag() {
        var links = checks.page("00-alpha.html").select("a[href^=src/fixture/alpha/Alpha.java.html]");
        // Past the tag line and the mark: the declaration of count.
        assertTrue(links.stream().anyMatch(a -> a.attr("href").endsWith("#L31") && a.text().equals("Alpha.java")),
                links.toString());
        assertFalse(checks.page("00-alpha.html").select("a[href=src/fixture/beta/Beta.java.html]:contains(the beta file)").isEmpty());
    }

    @Test
    void theTraceTextMacroPrintsTheConsoleForm() {
        var pres = checks.page("reading-traces.html").select(".trace-text pre");
        assertEquals(3, pres.size());
        assertTrue(pres.get(0).text().startsWith("#1"), pres.get(0).text());
        assertTrue(pres.get(1).text().startsWith("{\"seq\":1,"), pres.get(1).text());
        // steps=…: the first line of each named step, on the connection that takes them all.
        List<String> lines = pres.get(2).wholeText().lines().toList();
        assertEquals(3, lines.size(), pres.get(2).wholeText());
        assertTrue(lines.get(0).startsWith("#2") && lines.get(0).contains("accept"), lines.get(0));
        assertTrue(lines.get(1).startsWith("#3") && lines.get(1).contains("read_until"), lines.get(1));
        assertTrue(lines.get(2).startsWith("#8") && lines.get(2).contains("_finish_request"), lines.get(2));
    }

    // ----- the build fails, naming the place -----

    @TempDir
    Path tmp;

    private Path copy() throws IOException {
        Path to = tmp.resolve("book");
        try (Stream<Path> walk = Files.walk(FIXTURE)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(FIXTURE.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
        return to;
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.contains(from), file + " should contain " + from);
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    }

    private String failure(Path book, List<Walk> walks) {
        SiteBuildException e = assertThrows(SiteBuildException.class,
                () -> SiteBuilder.build(book, tmp.resolve("out"), Walk.given(walks)));
        return e.getMessage();
    }

    private String failure(Path book) {
        return failure(book, walks("01-beta"));
    }

    private static void assertHas(String message, String... parts) {
        for (String p : parts) assertTrue(message.contains(p), "expected «" + p + "» in:\n" + message);
    }

    @Test
    void anIncludeOfAMissingFileFailsNamingTheChapterLineAndFile() throws IOException {
        Path book = copy();
        edit(book.resolve("chapters/00-alpha.adoc"), "alpha/Alpha.java[tag=greet,", "alpha/Missing.java[tag=greet,");
        assertHas(failure(book), "chapters/00-alpha.adoc:11", "file not found: src/main/java/fixture/alpha/Missing.java");
    }

    @Test
    void anIncludeOfAMissingTagFailsNamingTheFileAndTag() throws IOException {
        Path book = copy();
        edit(book.resolve("chapters/00-alpha.adoc"), "[tag=greet,", "[tag=nosuch,");
        assertHas(failure(book), "chapters/00-alpha.adoc:11", "no tag 'nosuch' in src/main/java/fixture/alpha/Alpha.java");
    }

    @Test
    void aMissingTagInsideAPartialNamesThePartial() throws IOException {
        Path book = copy();
        edit(book.resolve("chapters/_shared.adoc"), "[tag=count]", "[tag=counting]");
        assertHas(failure(book), "chapters/_shared.adoc:7", "no tag 'counting'");
    }

    @Test
    void aPartialCanBeIncludedAtALowerLevelAndOptionally() throws IOException {
        Path book = copy();
        edit(book.resolve("chapters/00-alpha.adoc"), "include::_shared.adoc[]",
                "include::_shared.adoc[leveloffset=+1]\n\ninclude::_absent.adoc[opts=optional]");
        Path out = SiteBuilder.build(book, tmp.resolve("out"), Walk.given(walks("01-beta"))).out();
        var page = new SiteChecks(out, book).page("00-alpha.html");
        assertNotNull(page.selectFirst("h3#counting"), "leveloffset=+1 makes the partial's == a ===");
    }

    @Test
    void aTagNeverClosedFails() throws IOException {
        Path book = copy();
        edit(book.resolve("src/main/java/fixture/alpha/Alpha.java"), "    // end::count[]\n", "");
        assertHas(failure(book), "tag 'count'", "never closed");
    }

    @Test
    void aPackageWithoutAChapterFails() throws IOException {
        Path book = copy();
        Path gamma = book.resolve("src/main/java/fixture/gamma/Gamma.java");
        Files.createDirectories(gamma.getParent());
        Files.writeString(gamma, "package fixture.gamma;\n@tornado.trace.JavaOnly(\"fixture\")\nclass Gamma {}\n");
        assertHas(failure(book), "src/main/java/fixture/gamma", "package fixture.gamma has no chapter page",
                ":packages: fixture.gamma");
    }

    @Test
    void aChapterNamingAPackageThatDoesNotExistFails() throws IOException {
        Path book = copy();
        edit(book.resolve("chapters/01-beta.adoc"), ":packages: fixture.beta", ":packages: fixture.beta, fixture.betta");
        assertHas(failure(book), "chapters/01-beta.adoc", "fixture.betta, which has no Java files");
    }

    @Test
    void aMarkThatNamesNothingFails() throws IOException {
        Path book = copy();
        Path alpha = book.resolve("src/main/java/fixture/alpha/Alpha.java");
        edit(alpha, "@Mirrors(\"web.RequestHandler.write\")", "@Mirrors(\"\")");
        edit(alpha, "@Mirrors(\"web.RequestHandler.__init__\")", "@Mirrors(\"RequestHandler\")");
        edit(alpha, "@Mirrors(\"web.RequestHandler.SUPPORTED_METHODS\")", "@Mirrors(\"wbe.RequestHandler.SUPPORTED_METHODS\")");
        assertHas(failure(book),
                "src/main/java/fixture/alpha/Alpha.java:20: @Mirrors on Alpha.greet(…) names nothing",
                "src/main/java/fixture/alpha/Alpha.java:14: @Mirrors(\"RequestHandler\") on Alpha(…) is not of the form",
                "'wbe' is not a Tornado module");
    }

    @Test
    void aMarkNamingWhatItsTornadoDoesNotDefineFails() throws IOException {
        // The fixture's lists (site/tornado-symbols/) are cut from the book's: in 2.4.1 read_until
        // belongs to IOStream, BaseIOStream only came with 3.0; the map must not claim otherwise.
        Path book = copy();
        Path beta = book.resolve("src/main/java/fixture/beta/Beta.java");
        edit(beta, "@Mirrors(\"iostream.IOStream.read_until\")", "@Mirrors(\"iostream.BaseIOStream.read_until\")");
        edit(beta, "@Mirrors(\"netutil.bind_sockets\")", "@Mirrors(\"netutil.bind_sockets 5.1\")");
        edit(book.resolve("src/main/java/fixture/alpha/Alpha.java"), "\"web.RequestHandler.flush 4.0\"",
                "\"web.RequestHandler.flush_all 4.0\"");
        assertHas(failure(book),
                "src/main/java/fixture/beta/Beta.java:11: @Mirrors(\"iostream.BaseIOStream.read_until\") on Beta.toString(…):"
                        + " Tornado 2.4.1 defines no iostream.BaseIOStream.read_until (checked against"
                        + " site/tornado-symbols/2.4.1.txt); it does define iostream.IOStream.read_until",
                "src/main/java/fixture/beta/Beta.java:19: @Mirrors(\"netutil.bind_sockets 5.1\") on Beta.Inner.bind(…):"
                        + " no list of Tornado's names covers version 5.1 (there are 2.4.1, 4.5.3)",
                "src/main/java/fixture/alpha/Alpha.java:30: @Mirrors(\"web.RequestHandler.flush_all 4.0\") on Alpha.count(…):"
                        + " Tornado 4.0 defines no web.RequestHandler.flush_all (checked against site/tornado-symbols/4.5.3.txt)");
    }

    @Test
    void aBookWithoutTornadosNamesFails() throws IOException {
        Path book = copy();
        try (Stream<Path> lists = Files.list(book.resolve("site/tornado-symbols"))) {
            for (Path f : lists.toList()) Files.delete(f);
        }
        Files.delete(book.resolve("site/tornado-symbols"));
        assertHas(failure(book), "site/tornado-symbols: missing: the lists of the names Tornado defines");
    }

    @Test
    void aChapterClassWithoutAMarkFails() throws IOException {
        Path book = copy();
        edit(book.resolve("src/main/java/fixture/beta/Beta.java"), "@JavaOnly(\"a fixture with no Tornado counterpart\")\n", "");
        assertHas(failure(book), "src/main/java/fixture/beta/Beta.java:7: Beta carries neither @Mirrors");
    }

    /**
     * A chapter whose header says {@code :marks: methods} asks a mark of every public method of
     * its packages: one with neither fails the build, naming its line; an {@code @Override}, a
     * marked method and a method that is not public pass.
     */
    @Test
    void aPublicMethodWithoutAMarkFailsWhereTheChapterAsksForIt() throws IOException {
        Path book = copy();
        edit(book.resolve("chapters/00-alpha.adoc"), ":packages: fixture.alpha\n", ":packages: fixture.alpha\n:marks: methods\n");
        edit(book.resolve("src/main/java/fixture/alpha/Alpha.java"), "    // tag::count[]\n",
                "    public static <T> java.util.List<T> plain(T one) {\n        return java.util.List.of(one);\n    }\n\n"
                        + "    @Override\n    public String toString() {\n        return \"alpha\";\n    }\n\n"
                        + "    // tag::count[]\n");
        String message = failure(book);
        assertHas(message, "src/main/java/fixture/alpha/Alpha.java:29: public method Alpha.plain(…) carries neither @Mirrors",
                "chapters/00-alpha.adoc (:marks: methods) asks it of every public method of its packages");
        assertFalse(message.contains("Alpha.toString"), message);
        assertFalse(message.contains("Alpha.greet"), message);
        assertFalse(message.contains("Alpha.count"), message);
    }

    @Test
    void aTraceOfAnUnknownWalkthroughFails() throws IOException {
        Path book = copy();
        edit(book.resolve("chapters/01-beta.adoc"), "trace::fix-echo[]", "trace::fix-echho[]");
        assertHas(failure(book), "chapters/01-beta.adoc", "no walkthrough named 'fix-echho'; there are: fix-echo, fix-two");
    }

    @Test
    void aWalkthroughOfAChapterThatDoesNotExistFails() throws IOException {
        assertHas(failure(copy(), walks("07-nothing")), "walkthrough fix-echo", "no chapters/07-nothing.adoc");
    }

    @Test
    void anAsciidoctorWarningFailsTheBuild() throws IOException {
        Path book = copy();
        edit(book.resolve("chapters/00-alpha.adoc"), "A region included by tag:", "A region {unset-attribute} included:");
        assertHas(failure(book), "chapters/00-alpha.adoc", "Asciidoctor:", "unset-attribute");
    }

    @Test
    void aJavaPlaceTypedByHandFails() throws IOException {
        Path book = copy();
        edit(book.resolve("chapters/00-alpha.adoc"), "A region included by tag:",
                "A region included by tag, as the console showed it once: at Alpha.greet(Alpha.java:21)");
        edit(book.resolve("chapters/_shared.adoc"), "A partial, included", "See src/fixture/alpha/Alpha.java.html#L31. A partial, included");
        assertHas(failure(book), "chapters/00-alpha.adoc:7: 'Alpha.java:21' is a Java place typed by hand",
                "chapters/_shared.adoc:3: 'Alpha.java.html#L31' is a Java place typed by hand", "tracetext::NAME[steps=");
    }

    @Test
    void aTraceExcerptOfStepsNoConnectionTakesFails() throws IOException {
        Path book = copy();
        edit(book.resolve("site/reading-traces.adoc"), "steps=\"accept,read_until,_finish_request\"", "steps=\"accept,connect\"");
        assertHas(failure(book), "site/reading-traces.adoc", "no connection of the recorded trace takes all of these steps");
    }

    @Test
    void everyProblemIsReportedInOneRun() throws IOException {
        Path book = copy();
        edit(book.resolve("chapters/00-alpha.adoc"), "[tag=greet,", "[tag=nosuch,");
        edit(book.resolve("chapters/01-beta.adoc"), "trace::fix-echo[]", "trace::nope[]");
        SiteBuildException e = assertThrows(SiteBuildException.class,
                () -> SiteBuilder.build(book, tmp.resolve("out"), Walk.given(walks("01-beta"))));
        assertEquals(2, e.problems().size(), e.getMessage());
    }

    @Test
    void theBuildWillNotWipeADirectoryThatIsNotASite() throws IOException {
        Path out = tmp.resolve("precious");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "keep me");
        assertThrows(SiteBuildException.class, () -> SiteBuilder.build(FIXTURE, out, Walk.given(walks("01-beta"))));
        assertEquals("keep me", Files.readString(out.resolve("notes.txt")));
    }

    // ----- and the checks fail on a site that is wrong -----

    private SiteChecks tampered(String page, String from, String to) throws IOException {
        Path copy = Files.createTempDirectory(tmp, "site");
        try (Stream<Path> walk = Files.walk(site)) {
            for (Path p : walk.toList()) {
                Path target = copy.resolve(site.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
        edit(copy.resolve(page), from, to);
        return new SiteChecks(copy, FIXTURE);
    }

    @Test
    void theChecksCatchACodeBlockThatIsNotTheSource() throws IOException {
        var bad = tampered("00-alpha.html", "count</span><span class=\"o\">(", "count2</span><span class=\"o\">(");
        List<String> problems = bad.includedCodeIsVerbatim(new int[1]);
        assertFalse(problems.isEmpty());
        assertHas(problems.get(0), "00-alpha.html", "not the source region");
    }

    @Test
    void theChecksCatchABrokenLinkAnAnchorAndAnOutsideFetch() throws IOException {
        var bad = tampered("00-alpha.html", "<main class=\"main\">",
                "<main class=\"main\"><a href=\"nope.html\">x</a><a href=\"01-beta.html#nope\">y</a>"
                + "<link rel=\"stylesheet\" href=\"https://cdn.example/x.css\">");
        String all = String.join("\n", bad.brokenLinks());
        assertHas(all, "nope.html -> no such file", "01-beta.html#nope -> no anchor #nope", "fetches https://cdn.example/x.css");
    }

    @Test
    void theChecksCatchAMissingLineAnchor() throws IOException {
        var bad = tampered("src/fixture/alpha/Alpha.java.html", "id=\"L5\"", "id=\"X5\"");
        assertFalse(bad.sourcePagesHaveEveryLine("src/main/java", true, new int[1]).isEmpty());
    }

    @Test
    void theChecksCatchATraceOutOfOrder() throws IOException {
        var bad = tampered("01-beta.html", "data-step=\"request_callback\"", "data-step=\"request_callbackx\"");
        assertFalse(bad.traceHasChain("01-beta", "fix-echo", List.of("accept", "request_callback", "_finish_request")).isEmpty());
    }

    @Test
    void theChecksCatchAListingLinkThatLandsOnItsJavadoc() throws IOException {
        var bad = tampered("00-alpha.html", "Alpha.java.html#L21", "Alpha.java.html#L19");
        String all = String.join("\n", bad.includedCodeIsVerbatim(new int[1]));
        assertHas(all, "00-alpha.html#code-greet: links to line 19, which is not a declaration: /** Says hello");
        var annotation = tampered("00-alpha.html", "Alpha.java.html#L21", "Alpha.java.html#L20");
        assertHas(String.join("\n", annotation.includedCodeIsVerbatim(new int[1])), "links to line 20, which is not a declaration: @Mirrors");
    }

    @Test
    void theChecksCatchASectionIdCutShortAndABoxWithoutOne() throws IOException {
        var bad = tampered("01-beta.html", "<h2 id=\"the-walkthrough\">", "<h2 id=\"the-walk\">");
        assertHas(String.join("\n", bad.anchorsAreWholeAndBoxesHaveThem()),
                "01-beta.html: the section \"The walkthrough\" has the id #the-walk", "[#the-walkthrough]");
        var box = tampered("01-beta.html", "<main class=\"main\">", "<main class=\"main\"><div class=\"sidebarblock\">Real world</div>");
        assertHas(String.join("\n", box.anchorsAreWholeAndBoxesHaveThem()), "01-beta.html: a box with no id: Real world");
    }

    @Test
    void theChecksCatchAMapRowOnTheWrongLine() throws IOException {
        var bad = tampered("tornado-map.html", "Alpha.java.html#L31", "Alpha.java.html#L30");
        List<String> problems = new ArrayList<>(bad.mapRowsLinkToLines(new int[1]));
        assertFalse(problems.isEmpty());
        assertHas(problems.get(0), "Alpha.count(…)");
    }

    @Test
    void theChecksCatchAnInlineCodeSpanThatAsciiDocMangles() throws IOException {
        Path book = copy();
        // Backticks alone: the underscore pairs with the next one as italics, the asterisks
        // with each other as bold, and a closing backtick before an apostrophe closes nothing.
        Path beta = book.resolve("chapters/01-beta.adoc");
        edit(beta, "`+HTTPConnection._on_headers+`", "`HTTPConnection._on_headers`");
        edit(beta, "`+OPTIONS *+` keeps `+*+`", "`OPTIONS *` keeps `*`");
        edit(beta, "`+__call__+`’s", "`__call__`'s");
        Path out = SiteBuilder.build(book, tmp.resolve("out"), Walk.given(walks("01-beta"))).out();
        String all = String.join("\n", new SiteChecks(out, book).inlineCodeIsVerbatim(new int[1]));
        assertHas(all, "chapters/01-beta.adoc:11: `HTTPConnection._on_headers` does not appear verbatim in 01-beta.html",
                "`OPTIONS *` does not appear verbatim", "`__call__` does not appear verbatim", "`read_until` does not appear verbatim");
    }

    private static void assertNull(Object o) {
        org.junit.jupiter.api.Assertions.assertNull(o);
    }
}
