package tornado.site;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The source pages: every file of the book whole, one anchor per line ({@code #L142}), comments
 * set apart from code, and links both ways: up to the chapter that teaches the file, across to
 * the chapter block that shows a region, and to the Tornado → Java map from each marked line.
 *
 * <p>These pages are written directly as HTML, not pushed through Asciidoctor: a few thousand
 * lines of Java would cost seconds of JRuby for no gain, and the anchors and classes we want
 * are simpler to write than to coax out of a converter. The highlighting is deliberately
 * modest (comments, strings, keywords, annotations): the prose in the comments is what a reader
 * of this book comes for, so it gets the strongest contrast.
 */
final class SourcePages {
    private SourcePages() {}

    static final String INDEX = "src/index.html";

    private static final Pattern WORDS = Pattern.compile(
            "@[A-Za-z_][\\w.]*|\\b(abstract|assert|boolean|break|byte|case|catch|char|class|continue|default|do|double|"
            + "else|enum|extends|final|finally|float|for|if|implements|import|instanceof|int|interface|long|native|new|"
            + "package|private|protected|public|record|return|short|static|super|switch|synchronized|this|throw|throws|"
            + "transient|try|var|void|volatile|while|yield|sealed|permits|true|false|null)\\b");

    /** Writes every page; returns page path → HTML. */
    static Map<String, String> render(Build b, Page index) {
        Map<String, String> out = new HashMap<>();
        Map<SourceFile, List<Build.Included>> shown = new HashMap<>();
        for (Build.Included inc : b.included) {
            if (inc.blockId != null) shown.computeIfAbsent(inc.file, k -> new ArrayList<>()).add(inc);
        }
        Map<SourceFile, List<Marks.Mirror>> marks = new HashMap<>();
        for (Marks.Mirror m : b.marks.mirrors) marks.computeIfAbsent(m.file(), k -> new ArrayList<>()).add(m);
        for (SourceFile f : b.sources.all()) {
            String body = page(b, f, shown.getOrDefault(f, List.of()), marks.getOrDefault(f, List.of()));
            out.put(f.page, PageTemplate.page(b, index, f.page, f.fileName(), body, "source-page", true));
        }
        out.put(INDEX, PageTemplate.page(b, index, INDEX, "Source files", indexBody(b), "source-index", false));
        return out;
    }

    private static String page(Build b, SourceFile f, List<Build.Included> shown, List<Marks.Mirror> mirrors) {
        String root = Html.up(f.page);
        Page chapter = b.chapterOf(f);
        // A file outside the chapters' packages (a test a chapter quotes) belongs to the page
        // that includes it.
        if (chapter == null && !shown.isEmpty()) chapter = shown.get(0).page;
        StringBuilder h = new StringBuilder(f.text.length() * 3 + 4096);
        h.append("<div class=\"source-head\">\n<p class=\"crumbs\"><a href=\"").append(root).append("index.html\">Home</a> › ");
        if (chapter != null) {
            h.append("<a href=\"").append(root).append(chapter.href()).append("\">").append(chapter.navTitle).append("</a> › ");
        } else {
            h.append("<a href=\"").append(root).append(INDEX).append("\">Source files</a> › ");
        }
        h.append("<code>").append(Html.esc(f.rel)).append("</code></p>\n<h1>").append(Html.esc(f.fileName())).append("</h1>\n");
        h.append("<p class=\"source-meta\">");
        if (!f.packageName().isEmpty() && f.page.startsWith("src/")) {
            h.append("package <code>").append(Html.esc(f.packageName())).append("</code> · ");
        }
        h.append(f.lines.size()).append(" lines");
        if (chapter != null) {
            h.append(" · taught in <a class=\"chapter-link\" href=\"").append(root).append(chapter.href()).append("\">")
             .append(chapter.title).append("</a>");
        }
        h.append("</p>\n</div>\n");

        // Which lines a chapter shows, and where each shown region starts.
        Map<Integer, Build.Included> regionStart = new HashMap<>();
        boolean[] inRegion = new boolean[f.lines.size() + 2];
        for (Build.Included inc : shown) {
            for (int[] run : inc.runs) {
                regionStart.putIfAbsent(run[0], inc);
                for (int k = run[0]; k < run[0] + run[1] && k <= f.lines.size(); k++) inRegion[k] = true;
            }
        }
        Map<Integer, List<Marks.Mirror>> markAt = new HashMap<>();
        for (Marks.Mirror m : mirrors) markAt.computeIfAbsent(m.line(), k -> new ArrayList<>()).add(m);

        h.append("<pre class=\"source\"><code>");
        for (int n = 1; n <= f.lines.size(); n++) {
            String line = f.lines.get(n - 1);
            List<String> classes = new ArrayList<>();
            classes.add("line");
            if (inRegion[n]) classes.add("shown");
            if (TagRegions.isDirectiveLine(line)) classes.add("tagline");
            h.append("<span class=\"").append(String.join(" ", classes)).append("\" id=\"L").append(n).append("\">");
            h.append("<a class=\"ln\" href=\"#L").append(n).append("\">").append(n).append("</a>");
            h.append("<span class=\"tx\">");
            highlight(f, f.lineStart(n), f.lineStart(n) + line.length(), h);
            h.append("</span>");
            Build.Included inc = regionStart.get(n);
            List<Marks.Mirror> here = markAt.get(n);
            if (inc != null || here != null) {
                h.append("<span class=\"notes\">");
                if (here != null) {
                    java.util.Set<String> named = new java.util.HashSet<>();
                    for (Marks.Mirror m : here) {
                        if (!named.add(m.tornado())) continue;
                        h.append("<a class=\"to-map\" href=\"").append(root).append(MapPage.HREF).append('#')
                         .append(MapPage.rowId(m)).append("\" title=\"mirrors Tornado's ").append(Html.esc(m.tornado()))
                         .append("\">").append(Html.esc(m.tornado())).append("</a>");
                    }
                }
                if (inc != null) {
                    h.append("<a class=\"shown-in\" href=\"").append(root).append(inc.page.href()).append('#').append(inc.blockId)
                     .append("\" title=\"the chapter shows this region\">shown in ").append(PageTemplate.plain(inc.page.navTitle))
                     .append("</a>");
                }
                h.append("</span>");
            }
            h.append("</span>");
        }
        h.append("</code></pre>\n");
        return h.toString();
    }

    /** Appends text[from, to) with spans for comments, strings, keywords and annotations. */
    private static void highlight(SourceFile f, int from, int to, StringBuilder h) {
        int i = from;
        while (i < to) {
            byte kind = f.kinds[i];
            int j = i;
            while (j < to && f.kinds[j] == kind) j++;
            if (kind == SourceFile.COMMENT) {
                boolean doc = isJavadoc(f, i);
                h.append("<span class=\"").append(doc ? "c doc" : "c").append("\">");
                Html.esc(f.text, i, j, h);
                h.append("</span>");
            } else if (kind == SourceFile.STRING) {
                h.append("<span class=\"s\">");
                Html.esc(f.text, i, j, h);
                h.append("</span>");
            } else if (f.rel.endsWith(".java")) {
                Matcher m = WORDS.matcher(f.text).region(i, j);
                int at = i;
                while (m.find()) {
                    Html.esc(f.text, at, m.start(), h);
                    h.append(f.text.charAt(m.start()) == '@' ? "<span class=\"a\">" : "<span class=\"k\">");
                    Html.esc(f.text, m.start(), m.end(), h);
                    h.append("</span>");
                    at = m.end();
                }
                Html.esc(f.text, at, j, h);
            } else {
                Html.esc(f.text, i, j, h);
            }
            i = j;
        }
    }

    /** Whether the comment covering {@code at} is a javadoc comment ({@code /**}). */
    private static boolean isJavadoc(SourceFile f, int at) {
        int start = at;
        while (start > 0 && f.kinds[start - 1] == SourceFile.COMMENT) start--;
        return f.text.startsWith("/**", start) && !f.text.startsWith("/**/", start);
    }

    private static String indexBody(Build b) {
        String root = Html.up(INDEX);
        StringBuilder h = new StringBuilder("<div class=\"sect0\"><h1>Source files</h1>\n<p>Every file of the book, whole and"
                + " line-numbered. The chapters show regions of these files; the trace tables and the Tornado → Java map link"
                + " to their lines.</p>\n");
        List<SourceFile> placed = new ArrayList<>();
        for (Page p : b.chapters) {
            if (p.packages.isEmpty()) continue;
            h.append("<h2><a href=\"").append(root).append(p.href()).append("\">").append(p.title).append("</a></h2>\n");
            for (String pkg : p.packages) {
                List<SourceFile> files = new ArrayList<>(b.sources.mainPackages().getOrDefault(pkg, List.of()));
                files.sort(java.util.Comparator.comparing((SourceFile f) -> !f.fileName().equals("package-info.java")));
                h.append("<p class=\"pkg\"><code>").append(Html.esc(pkg)).append("</code></p>\n");
                list(h, files, root, false);
                placed.addAll(files);
            }
        }
        List<SourceFile> rest = new ArrayList<>();
        for (SourceFile f : b.sources.all()) if (!placed.contains(f)) rest.add(f);
        if (!rest.isEmpty()) {
            h.append("<h2 id=\"other\">Walkthroughs and other files</h2>\n");
            list(h, rest, root, true);
        }
        return h.append("</div>\n").toString();
    }

    private static void list(StringBuilder h, List<SourceFile> files, String root, boolean paths) {
        h.append("<ul class=\"file-list").append(paths ? " paths" : "").append("\">\n");
        for (SourceFile f : files) {
            h.append("<li><a href=\"").append(root).append(f.page).append("\"><code>").append(Html.esc(paths ? f.rel : f.fileName()))
             .append("</code></a> <span class=\"count\">").append(f.lines.size()).append(" lines</span></li>\n");
        }
        h.append("</ul>\n");
    }
}
