package tornado.site;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Tornado → Java map, generated from the {@code @Mirrors} marks: one row per Tornado class
 * or function named anywhere in the code, with every Java declaration that mirrors it, each
 * linked to its line. A second table lists what is ours alone ({@code @JavaOnly}) and why.
 *
 * <p>Modules come in the order of the chapters that first mirror them, so the map reads in the
 * book's order; within a module, rows are sorted by Tornado name. The versions column says which
 * Tornado the mark names: 2.4.1 (the release this book follows) unless the mark carries a later
 * version. Every mark was checked against the names its release defines ({@link Symbols}), so
 * a row never claims a Tornado that never had that name.
 */
final class MapPage {
    private MapPage() {}

    static final String HREF = "tornado-map.html";

    static String rowId(Marks.Mirror m) {
        return "m-" + Html.slug(m.module() + "-" + m.name());
    }

    static String render(Build b, Page index) {
        // Module → Tornado name → marks.
        Map<String, Map<String, List<Marks.Mirror>>> byModule = new LinkedHashMap<>();
        List<Marks.Mirror> sorted = new ArrayList<>(b.marks.mirrors);
        sorted.sort(Comparator.comparingInt((Marks.Mirror m) -> chapterIndex(b, m.file())).thenComparing(Marks.Mirror::module));
        for (Marks.Mirror m : sorted) {
            byModule.computeIfAbsent(m.module(), k -> new TreeMap<>(String.CASE_INSENSITIVE_ORDER))
                    .computeIfAbsent(m.name(), k -> new ArrayList<>()).add(m);
        }
        StringBuilder h = new StringBuilder(16384);
        h.append("<div class=\"sect0\"><h1>Tornado → Java map</h1>\n");
        h.append("<p>Every piece of Tornado this code mirrors, generated from the <code>@Mirrors</code> marks in the source")
         .append(" (so it cannot fall behind the code), with the Java that plays its part. Names are Tornado’s own, as in")
         .append(" <code>tornado/ioloop.py</code>: <code>ioloop.IOLoop.add_handler</code> is the method <code>add_handler</code>")
         .append(" of class <code>IOLoop</code> in module <code>ioloop</code>. Several Java declarations under one name are")
         .append(" overloads or pieces that together do its job. The version is Tornado’s: 2.4.1 is the release this book follows;")
         .append(" a later number marks a piece Tornado added or reshaped later, mirrored as that release has it. The build")
         .append(" checks every name against the names that release defines, generated from Tornado’s own source.</p>\n");
        h.append("<p class=\"map-modules\">Modules: ");
        boolean first = true;
        for (String module : byModule.keySet()) {
            h.append(first ? "" : " · ").append("<a href=\"#module-").append(Html.slug(module)).append("\"><code>")
             .append(Html.esc(module)).append("</code></a>");
            first = false;
        }
        if (!b.marks.own.isEmpty()) h.append(first ? "" : " · ").append("<a href=\"#java-only\">ours alone</a>");
        h.append("</p>\n");
        int rows = 0;
        for (var module : byModule.entrySet()) {
            h.append("<h2 id=\"module-").append(Html.slug(module.getKey())).append("\"><code>").append(Html.esc(module.getKey()))
             .append("</code> <span class=\"pyfile\">tornado/").append(Html.esc(module.getKey().replace('.', '/')))
             .append(".py</span></h2>\n");
            // The module is the section's heading, so the rows name only what is inside it. The
            // box scrolls sideways by itself on a narrow screen rather than widening the page.
            h.append("<div class=\"table-scroll\"><table class=\"map-table\"><thead><tr><th>Tornado name</th><th>version</th>")
             .append("<th>Java</th></tr></thead><tbody>\n");
            for (var row : module.getValue().entrySet()) {
                Marks.Mirror one = row.getValue().get(0);
                Set<String> versions = new LinkedHashSet<>();
                for (Marks.Mirror m : row.getValue()) versions.add(m.version().isEmpty() ? Symbols.DEFAULT_VERSION : m.version());
                h.append("<tr id=\"").append(rowId(one)).append("\"><td class=\"name\">")
                 .append(one.name().isEmpty() ? "<em>the module</em>"
                        : "<code>" + Html.esc(one.name()) + "</code>").append("</td>")
                 .append("<td class=\"version\">").append(Html.esc(String.join(" · ", versions))).append("</td><td class=\"java\">");
                Set<String> seen = new LinkedHashSet<>();
                for (Marks.Mirror m : row.getValue()) {
                    String key = m.file().rel + ":" + m.line();
                    if (!seen.add(key)) continue;
                    h.append("<div class=\"place\"><a class=\"java-place\" href=\"").append(m.file().page).append("#L").append(m.line())
                     .append("\"><code>").append(Html.esc(m.javaName())).append("</code></a> <span class=\"where\">")
                     .append(Html.esc(m.file().fileName())).append(':').append(m.line()).append(" · ").append(m.kind())
                     .append("</span></div>");
                }
                h.append("</td></tr>\n");
                rows++;
            }
            h.append("</tbody></table></div>\n");
        }
        if (rows == 0) h.append("<p>No code carries a <code>@Mirrors</code> mark yet.</p>\n");
        if (!b.marks.own.isEmpty()) {
            h.append("<h2 id=\"java-only\">Ours alone</h2>\n<p>Types and methods with no counterpart in Tornado (<code>@JavaOnly</code>),")
             .append(" and why Java needs them.</p>\n<div class=\"table-scroll\"><table class=\"map-table own\"><thead><tr><th>Java</th><th>why</th></tr>")
             .append("</thead><tbody>\n");
            List<Marks.Own> own = new ArrayList<>(b.marks.own);
            own.sort(Comparator.comparingInt((Marks.Own o) -> chapterIndex(b, o.file())).thenComparing(o -> o.file().rel));
            for (Marks.Own o : own) {
                h.append("<tr><td class=\"java\"><a class=\"java-place\" href=\"").append(o.file().page).append("#L").append(o.line())
                 .append("\"><code>").append(Html.esc(o.javaName())).append("</code></a> <span class=\"where\">")
                 .append(Html.esc(o.file().packageName())).append("</span></td><td>").append(Html.esc(o.reason()))
                 .append("</td></tr>\n");
            }
            h.append("</tbody></table></div>\n");
        }
        h.append("</div>\n");
        return PageTemplate.page(b, index, HREF, "Tornado → Java map", h.toString(), "map-page", false);
    }

    private static int chapterIndex(Build b, SourceFile f) {
        Page p = b.chapterOf(f);
        return p == null ? Integer.MAX_VALUE : b.chapters.indexOf(p);
    }
}
