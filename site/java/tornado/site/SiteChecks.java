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
                    if (!ref.attr("data-runs").startsWith(first + "+")) {
                        bad.add(where + ": links to line " + first + " but shows lines from " + ref.attr("data-runs"));
                    }
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
