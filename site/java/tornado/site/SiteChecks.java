package tornado.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * What the site tests assert, written once and run over two sites: the real one in
 * {@code target/site/} and the small fixture whose every feature is known. Each check returns
 * the list of what is wrong (empty when all is well), so a failing test names every broken link
 * or stale listing at once rather than the first.
 *
 * <p>These read only the rendered HTML and the source files on disk, never the builder's own
 * data: a check that asked the builder what it meant to write could not catch it writing
 * something else.
 */
public final class SiteChecks {
    private final Path site;
    private final Path basedir;
    private final Map<Path, org.jsoup.nodes.Document> docs = new HashMap<>();
    private final Map<Path, Set<String>> ids = new HashMap<>();

    public SiteChecks(Path site, Path basedir) {
        this.site = site.toAbsolutePath().normalize();
        this.basedir = basedir.toAbsolutePath().normalize();
    }

    public org.jsoup.nodes.Document page(String rel) {
        return doc(site.resolve(rel));
    }

    private synchronized org.jsoup.nodes.Document doc(Path p) {
        return docs.computeIfAbsent(p.normalize(), k -> {
            try {
                return Jsoup.parse(k.toFile(), "UTF-8");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private synchronized Set<String> idsOf(Path p) {
        return ids.computeIfAbsent(p.normalize(), k -> {
            Set<String> out = new HashSet<>();
            for (Element e : doc(k).select("[id]")) out.add(e.id());
            for (Element e : doc(k).select("a[name]")) out.add(e.attr("name"));
            return out;
        });
    }

    public List<Path> htmlFiles() {
        try (Stream<Path> walk = Files.walk(site)) {
            return walk.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The chapter stems ({@code 03-netutil}) of {@code chapters/*.adoc}, partials left out. */
    public List<String> chapterStems() {
        Path dir = basedir.resolve("chapters");
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".adoc") && !n.startsWith("_"))
                    .map(n -> n.substring(0, n.length() - ".adoc".length()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every chapter has a page, and the index links to it from its reading order. */
    public List<String> chaptersLinkedFromIndex() {
        List<String> bad = new ArrayList<>();
        org.jsoup.nodes.Document index = page("index.html");
        for (String stem : chapterStems()) {
            if (!Files.isRegularFile(site.resolve(stem + ".html"))) bad.add(stem + ".html: missing");
            if (index.select("main a[href=" + stem + ".html]").isEmpty()) bad.add("index.html does not link to " + stem + ".html");
        }
        return bad;
    }

    /**
     * Every internal link and anchor resolves: {@code a[href]}, SVG links, stylesheets. Nothing is
     * fetched from outside: no external stylesheet, script, image or font, and no script at all.
     */
    public List<String> brokenLinks() {
        List<String> bad = new ArrayList<>();
        for (Path file : htmlFiles()) {
            org.jsoup.nodes.Document d = doc(file);
            String here = site.relativize(file).toString();
            for (Element e : d.select("script")) bad.add(here + ": has a script: " + e.outerHtml());
            for (Element e : d.select("link[href], img[src], iframe[src], source[src], video[src], audio[src]")) {
                String url = e.hasAttr("href") ? e.attr("href") : e.attr("src");
                if (url.contains("//")) bad.add(here + ": fetches " + url);
                else check(file, here, url, bad);
            }
            for (Element e : d.select("a[href], a[xlink:href]")) {
                String url = e.hasAttr("href") ? e.attr("href") : e.attr("xlink:href");
                if (url.startsWith("http://") || url.startsWith("https://") || url.startsWith("mailto:")) continue;
                check(file, here, url, bad);
            }
        }
        try (Stream<Path> walk = Files.walk(site)) {
            for (Path css : walk.filter(p -> p.toString().endsWith(".css")).toList()) {
                String text = Files.readString(css);
                if (text.contains("@import") || Pattern.compile("url\\(\\s*['\"]?(https?:)?//").matcher(text).find()) {
                    bad.add(site.relativize(css) + ": fetches from outside (@import or url(//…))");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bad;
    }

    private void check(Path file, String here, String url, List<String> bad) {
        if (url.isEmpty()) {
            bad.add(here + ": empty link");
            return;
        }
        int hash = url.indexOf('#');
        String path = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? null : URLDecoder.decode(url.substring(hash + 1), StandardCharsets.UTF_8);
        int q = path.indexOf('?');
        if (q >= 0) path = path.substring(0, q);
        Path target = path.isEmpty() ? file : file.getParent().resolve(URLDecoder.decode(path, StandardCharsets.UTF_8)).normalize();
        if (!target.startsWith(site)) {
            bad.add(here + ": " + url + " leads outside the site");
            return;
        }
        if (Files.isDirectory(target)) target = target.resolve("index.html");
        if (!Files.isRegularFile(target)) {
            bad.add(here + ": " + url + " -> no such file");
            return;
        }
        if (fragment != null && !fragment.isEmpty() && target.toString().endsWith(".html") && !idsOf(target).contains(fragment)) {
            bad.add(here + ": " + url + " -> no anchor #" + fragment);
        }
    }

    private static final Pattern RUN = Pattern.compile("(\\d+)\\+(\\d+)");
    private static final Pattern TAG_LINE = Pattern.compile("\\b(tag|end)::\\S+?\\[\\]");

    /**
     * Every listing that names a source region holds exactly the lines of that region, after
     * removing indentation and the tag lines: each included block is verbatim in its file, at the
     * line its title names. Returns the problems and, through {@code counted}, how many blocks
     * it checked.
     */
    public List<String> includedCodeIsVerbatim(int[] counted) {
        List<String> bad = new ArrayList<>();
        int n = 0;
        for (String stem : chapterStems()) {
            Path file = site.resolve(stem + ".html");
            if (!Files.isRegularFile(file)) continue;
            for (Element block : doc(file).select("div.listingblock:has(> div.title a.source-ref)")) {
                n++;
                String where = stem + ".html#" + block.id();
                List<String> expected = new ArrayList<>();
                for (Element ref : block.select("> div.title a.source-ref")) {
                    Path source = basedir.resolve(ref.attr("data-file"));
                    if (!Files.isRegularFile(source)) {
                        bad.add(where + ": names " + ref.attr("data-file") + ", which does not exist");
                        continue;
                    }
                    List<String> lines = readLines(source);
                    Matcher m = RUN.matcher(ref.attr("data-runs"));
                    boolean any = false;
                    while (m.find()) {
                        any = true;
                        int line = Integer.parseInt(m.group(1)), count = Integer.parseInt(m.group(2));
                        for (int k = line; count > 0 && k <= lines.size(); k++) {
                            if (TAG_LINE.matcher(lines.get(k - 1)).find()) continue;
                            expected.add(lines.get(k - 1).strip());
                            count--;
                        }
                    }
                    if (!any) bad.add(where + ": its title does not say which lines it shows");
                    String first = ref.attr("href").replaceAll(".*#L", "");
                    String landing = declarationLandingProblem(lines, ref.attr("data-runs"), Integer.parseInt(first));
                    if (landing != null) bad.add(where + ": " + landing);
                }
                Element pre = block.selectFirst("pre");
                List<String> actual = new ArrayList<>();
                for (String l : (pre == null ? "" : pre.wholeText()).split("\n", -1)) actual.add(l.strip());
                if (!trimBlank(actual).equals(trimBlank(expected))) {
                    bad.add(where + ": the listing is not the source region its title names;\n    listing: "
                            + trimBlank(actual) + "\n    source:  " + trimBlank(expected));
                }
            }
        }
        counted[0] = n;
        return bad;
    }

    private static final Pattern NOT_A_DECLARATION = Pattern.compile("^\\s*(|//.*|/\\*.*|\\*.*|@(?!interface)\\w[\\w.]*(\\(.*\\))?\\s*)$");

    /**
     * A listing's link must land on the declaration line of the first run it shows: inside
     * that run, past the javadoc, comments, blank lines and annotations above it, and not on one
     * of those. Read with a plain line pattern, independently of the builder's lexer. Null when
     * the link is right.
     */
    static String declarationLandingProblem(List<String> lines, String runs, int linked) {
        Matcher m = RUN.matcher(runs);
        if (!m.find()) return "shows no lines";
        int start = Integer.parseInt(m.group(1));
        if (linked < start || linked > lines.size()) return "links to line " + linked + " but shows lines from " + runs;
        String at = lines.get(linked - 1);
        if (NOT_A_DECLARATION.matcher(at).matches() || TAG_LINE.matcher(at).find()) {
            return "links to line " + linked + ", which is not a declaration: " + at.strip();
        }
        for (int k = start; k < linked; k++) {
            String l = lines.get(k - 1);
            // A line inside an annotation's argument list (a mark over several lines) is passed over too.
            boolean passed = NOT_A_DECLARATION.matcher(l).matches() || TAG_LINE.matcher(l).find()
                    || l.strip().startsWith("\"") || l.strip().startsWith("})") || l.strip().startsWith("@");
            if (!passed) return "links to line " + linked + " but the declaration it shows starts at line " + k + ": " + l.strip();
        }
        return null;
    }

    private static List<String> trimBlank(List<String> lines) {
        int a = 0, b = lines.size();
        while (a < b && lines.get(a).isEmpty()) a++;
        while (b > a && lines.get(b - 1).isEmpty()) b--;
        return lines.subList(a, b);
    }

    /** How the source file counts its lines (a final newline does not start another). */
    public static List<String> readLines(Path p) {
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The trace table of walkthrough {@code name} on page {@code stem}.html has {@code chain} in
     * order, on one connection, possibly with other steps between.
     */
    public List<String> traceHasChain(String stem, String name, List<String> chain) {
        List<String> bad = new ArrayList<>();
        Element table = page(stem + ".html").selectFirst("table.trace-table[data-walkthrough=" + name + "]");
        if (table == null) return List.of(stem + ".html: no trace table for walkthrough " + name);
        Map<String, List<String>> byConn = new HashMap<>();
        long prevSeq = -1;
        for (Element row : table.select("tbody tr[data-step]")) {
            byConn.computeIfAbsent(row.attr("data-conn"), k -> new ArrayList<>()).add(row.attr("data-step"));
            long seq = Long.parseLong(row.selectFirst("td.seq").text());
            if (seq <= prevSeq) bad.add(stem + ".html: trace " + name + " is out of order at #" + seq);
            prevSeq = seq;
            if (row.selectFirst("td.java a") == null) bad.add(stem + ".html: trace " + name + " row #" + seq + " links to no source line");
        }
        boolean found = false;
        for (List<String> steps : byConn.values()) {
            int at = 0;
            for (String s : steps) if (at < chain.size() && s.equals(chain.get(at))) at++;
            if (at == chain.size()) found = true;
        }
        if (!found) bad.add(stem + ".html: no connection in trace " + name + " goes through " + chain + "; the steps were " + byConn);
        return bad;
    }

    /**
     * Every section of a page has an id made of its whole title (lower case, each run of other
     * characters one dash, so "Why … cost O(n²)" is not cut to "…-cost-on"), possibly followed by
     * more words; and every sidebar box ("Real world: …") has an id a link can use.
     */
    public List<String> anchorsAreWholeAndBoxesHaveThem() {
        List<String> bad = new ArrayList<>();
        for (String page : pageSources().keySet()) {
            Path html = site.resolve(page);
            if (!Files.isRegularFile(html)) continue;
            Element main = doc(html).selectFirst("main");
            if (main == null) continue;
            for (Element h : main.select("h2, h3, h4, h5")) {
                if (h.closest("aside") != null) continue;
                String want = h.text().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]+", "-").replaceAll("^-+|-+$", "");
                if (!h.id().startsWith(want)) bad.add(page + ": the section \"" + h.text() + "\" has the id #" + h.id()
                        + ", which does not spell its title (give it [#" + want + "])");
            }
            for (Element box : main.select("div.sidebarblock")) {
                if (box.id().isEmpty()) bad.add(page + ": a box with no id: " + box.text().substring(0, Math.min(60, box.text().length())));
            }
        }
        return bad;
    }

    /** One inline code span of an AsciiDoc source: where it is, and the text a reader must see. */
    public record Span(String file, int line, String text) {}

    private static final Pattern BLOCK_DELIMITER = Pattern.compile("^(-{4,}|\\.{4,}|\\+{4,}|/{4,})\\s*$");
    private static final Pattern SKIPPED_LINE = Pattern.compile(
            "^(//(?!//).*|:[\\w!-]+:.*|\\[.*\\]\\s*|[a-z]+::\\S*\\[.*\\]\\s*)$");
    private static final Pattern ADOC_INCLUDE = Pattern.compile("^include::(\\S+\\.adoc)\\[.*\\]\\s*$");
    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*(\\*+|\\.+|-|\\d+\\.)\\s.*");

    /**
     * The inline code spans of an AsciiDoc file as its author wrote them, AsciiDoc partials it
     * includes followed: {@code `x`}, {@code ``x``} and {@code `+x+`}, each with the text inside.
     * Listing, literal, passthrough and comment blocks, literal (indented) paragraphs, comments,
     * attribute entries and block macros hold no prose and are skipped. A span may run over a
     * line break inside its paragraph, as AsciiDoc allows.
     */
    public List<Span> codeSpans(Path adoc) {
        List<Span> out = new ArrayList<>();
        List<String> lines = readLines(adoc);
        String shown = basedir.relativize(adoc.toAbsolutePath().normalize()).toString().replace('\\', '/');
        String open = null;
        StringBuilder para = new StringBuilder();
        List<Integer> starts = new ArrayList<>();
        int paraLine = 0;
        boolean literal = false;
        for (int i = 0; i <= lines.size(); i++) {
            String l = i < lines.size() ? lines.get(i) : "";
            Matcher delim = BLOCK_DELIMITER.matcher(l);
            if (open != null) {
                if (delim.matches() && delim.group(1).equals(open)) open = null;
                continue;
            }
            boolean end = l.isBlank() || delim.matches() || SKIPPED_LINE.matcher(l).matches() || ADOC_INCLUDE.matcher(l).matches();
            if (end) {
                if (!para.isEmpty() && !literal) spansOf(para.toString(), starts, paraLine, shown, out);
                para.setLength(0);
                starts.clear();
                literal = false;
                if (delim.matches()) open = delim.group(1);
                Matcher inc = ADOC_INCLUDE.matcher(l);
                if (inc.matches()) {
                    Path partial = adoc.getParent().resolve(inc.group(1)).normalize();
                    if (Files.isRegularFile(partial)) out.addAll(codeSpans(partial));
                }
                continue;
            }
            if (para.isEmpty()) {
                paraLine = i + 1;
                literal = Character.isWhitespace(l.charAt(0)) && !LIST_ITEM.matcher(l).matches();
            } else {
                para.append('\n');
            }
            starts.add(para.length());
            para.append(l);
        }
        return out;
    }

    /** Asciidoctor's built-in attributes that stand for one character an author cannot type as is. */
    private static final Map<String, String> CHAR_ATTRIBUTES = Map.of(
            "plus", "+", "caret", "^", "backtick", "`", "startsb", "[", "endsb", "]", "vbar", "|", "tilde", "~",
            "apos", "'", "quot", "\"", "amp", "&");

    private static void spansOf(String text, List<Integer> starts, int firstLine, String file, List<Span> out) {
        int i = 0, n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < n && text.charAt(i + 1) == '`') { i += 2; continue; }
            if (c != '`') { i++; continue; }
            String close;
            int from;
            if (text.startsWith("``", i)) { close = "``"; from = i + 2; }
            else if (text.startsWith("`+", i) && text.indexOf("+`", i + 2) + 1 == text.indexOf('`', i + 1)) {
                close = "+`";
                from = i + 2;
            } else { close = "`"; from = i + 1; }
            int to = text.indexOf(close, from);
            if (to < 0) { i++; continue; }
            String inside = text.substring(from, to);
            if (close.equals("``") && inside.startsWith("+") && inside.endsWith("+") && inside.length() >= 2) {
                inside = inside.substring(1, inside.length() - 1);
            }
            // Outside `+…+`, Asciidoctor replaces the built-in character attributes ({plus}…).
            if (close.equals("`")) {
                for (var ch : CHAR_ATTRIBUTES.entrySet()) inside = inside.replace("{" + ch.getKey() + "}", ch.getValue());
            }
            int line = firstLine;
            for (int k = 0; k < starts.size() && starts.get(k) <= i; k++) line = firstLine + k;
            out.add(new Span(file, line, inside));
            i = to + close.length();
        }
    }

    /** The AsciiDoc source of each rendered page: chapters, then the front pages. */
    public Map<String, Path> pageSources() {
        Map<String, Path> out = new java.util.LinkedHashMap<>();
        for (String stem : chapterStems()) out.put(stem + ".html", basedir.resolve("chapters/" + stem + ".adoc"));
        Path dir = basedir.resolve("site");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> list = Files.list(dir)) {
                for (Path p : list.sorted().toList()) {
                    String name = p.getFileName().toString();
                    if (!name.endsWith(".adoc") || name.startsWith("_") || name.equalsIgnoreCase("README.adoc")) continue;
                    out.put(name.substring(0, name.length() - ".adoc".length()) + ".html", p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /**
     * Every inline code span of a page's source appears verbatim as the text of a {@code <code>}
     * of the rendered page, and no backtick is left over in the page's prose. Backticked text is
     * not literal in Asciidoctor: {@code _}, {@code *}, {@code +}, {@code #} and {@code ...} inside
     * it are still read as formatting or replaced, so {@code `HTTPConnection._on_headers`} loses
     * its underscore and italicises the text up to the next one; {@code `+…+`} keeps it whole.
     */
    public List<String> inlineCodeIsVerbatim(int[] counted) {
        List<String> bad = new ArrayList<>();
        int n = 0;
        for (var e : pageSources().entrySet()) {
            Path html = site.resolve(e.getKey());
            if (!Files.isRegularFile(html)) continue;
            Element main = doc(html).selectFirst("main");
            if (main == null) continue;
            // The page's code in document order, aligned with the source's spans (a longest common
            // subsequence), so that a span mangled into another span's text cannot pass for it and
            // one mangled span does not shift every later one. The page has more code than the
            // spans (listing titles, generated tables); a span left unaligned is the one mangled.
            List<String> code = new ArrayList<>();
            for (Element c : main.select("code")) {
                // Generated parts (trace tables, the chapter's file list) are not the author's spans.
                if (c.closest("pre, .trace, .trace-text, aside.chapter-files") == null) code.add(c.text().replaceAll("\\s+", " ").strip());
            }
            List<Span> spans = codeSpans(e.getValue());
            n += spans.size();
            int a = spans.size(), b = code.size();
            int[][] lcs = new int[a + 1][b + 1];
            for (int i = a - 1; i >= 0; i--) {
                String want = spans.get(i).text().replaceAll("\\s+", " ").strip();
                for (int j = b - 1; j >= 0; j--) {
                    lcs[i][j] = want.equals(code.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
                }
            }
            for (int i = 0, j = 0; i < a; ) {
                Span s = spans.get(i);
                if (j < b && s.text().replaceAll("\\s+", " ").strip().equals(code.get(j)) && lcs[i][j] == lcs[i + 1][j + 1] + 1) {
                    i++;
                    j++;
                } else if (j < b && lcs[i][j + 1] >= lcs[i + 1][j]) {
                    j++;
                } else {
                    bad.add(s.file() + ":" + s.line() + ": `" + s.text() + "` does not appear verbatim in " + e.getKey()
                            + " (write it as `+" + s.text() + "+`)");
                    i++;
                }
            }
            org.jsoup.nodes.Element prose = main.clone();
            prose.select("pre, code, svg, .trace, .trace-text").remove();
            String text = prose.text();
            int tick = text.indexOf('`');
            if (tick >= 0) {
                bad.add(e.getKey() + ": a stray backtick in the text: …"
                        + text.substring(Math.max(0, tick - 40), Math.min(text.length(), tick + 40)) + "…");
            }
        }
        counted[0] = n;
        return bad;
    }

    /**
     * Each row of the Tornado → Java map links to a line anchor that exists, on a line that
     * declares the Java piece the row names.
     */
    public List<String> mapRowsLinkToLines(int[] counted) {
        List<String> bad = new ArrayList<>();
        Path map = site.resolve("tornado-map.html");
        int n = 0;
        for (Element row : doc(map).select("table.map-table tbody tr")) {
            n++;
            List<Element> places = row.select("a.java-place");
            if (places.isEmpty()) bad.add("tornado-map.html: row " + row.id() + " links to nothing");
            for (Element a : places) {
                String href = a.attr("href");
                Matcher m = Pattern.compile("^(.*)#L(\\d+)$").matcher(href);
                if (!m.matches()) {
                    bad.add("tornado-map.html: row " + row.id() + " links to " + href + ", not to a line");
                    continue;
                }
                Path target = site.resolve(m.group(1)).normalize();
                if (!Files.isRegularFile(target) || !idsOf(target).contains("L" + m.group(2))) {
                    bad.add("tornado-map.html: row " + row.id() + " links to " + href + ", which does not exist");
                    continue;
                }
                Element line = doc(target).getElementById("L" + m.group(2));
                String text = line == null ? "" : line.select("span.tx").text();
                String javaName = a.text().replace("(…)", "");
                String simple = javaName.substring(javaName.lastIndexOf('.') + 1);
                if (!text.contains(simple)) {
                    bad.add("tornado-map.html: row " + row.id() + " says " + a.text() + " but line " + m.group(2)
                            + " of " + m.group(1) + " reads: " + text);
                }
            }
        }
        counted[0] = n;
        return bad;
    }

    /**
     * The page of each Java file under {@code root} (relative to the project) has one anchor per
     * line of the file, {@code L1} to {@code Ln}, and links back to a chapter.
     */
    public List<String> sourcePagesHaveEveryLine(String root, boolean chapterLink, int[] counted) {
        List<String> bad = new ArrayList<>();
        Path dir = basedir.resolve(root);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path f : files) {
            String rel = dir.relativize(f).toString().replace('\\', '/');
            Path page = site.resolve("src/" + rel + ".html");
            if (!Files.isRegularFile(page)) {
                bad.add(rel + ": no source page");
                continue;
            }
            int lines = readLines(f).size();
            List<Element> anchors = doc(page).select("pre.source [id]");
            int k = 0;
            for (Element e : anchors) {
                if (!e.id().equals("L" + (k + 1))) {
                    bad.add(rel + ": anchor " + (k + 1) + " is #" + e.id());
                    break;
                }
                k++;
            }
            if (k != lines) bad.add(rel + ": " + lines + " lines, " + anchors.size() + " line anchors");
            if (chapterLink && doc(page).select("a.chapter-link").isEmpty()) bad.add(rel + ": its page links to no chapter");
        }
        counted[0] = files.size();
        return bad;
    }
}
