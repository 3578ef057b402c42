package tornado.site;

import java.util.ArrayList;
import java.util.List;

/**
 * The frame around every page: head, sidebar of chapters, previous / next, footer.
 *
 * <p>Asciidoctor renders each page's body only (no header or footer of its own); the frame is
 * ours, so that every page, AsciiDoc or generated, shares one navigation and one stylesheet,
 * and so that nothing is fetched from outside: no web fonts, no icon font, no script, no CDN.
 */
final class PageTemplate {
    private PageTemplate() {}

    static final String BOOK = "Tornado, read in Java";

    /** One stop on the reading path: its address from the site root and its title as HTML. */
    record Stop(String href, String title, Page page) {}

    /** The reading path: the index, the other site pages, the chapters, then the map. */
    static List<Stop> path(Build b, Page index) {
        List<Stop> out = new ArrayList<>();
        if (index != null) out.add(new Stop(index.href(), index.navTitle, index));
        for (Page p : b.sitePages) out.add(new Stop(p.href(), p.navTitle, p));
        for (Page p : b.chapters) out.add(new Stop(p.href(), p.navTitle, p));
        out.add(new Stop(MapPage.HREF, "Tornado → Java map", null));
        return out;
    }

    /**
     * A whole page. {@code here} is the page's address from the site root (it decides the
     * relative links); {@code body} is its HTML; {@code wide} drops the sidebar (source pages).
     */
    static String page(Build b, Page index, String here, String title, String body, String bodyClass, boolean wide) {
        String root = Html.up(here);
        List<Stop> path = path(b, index);
        StringBuilder h = new StringBuilder(body.length() + 8192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
         .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
         .append("<title>").append(plain(title)).append(title.isEmpty() ? "" : " — ").append(BOOK).append("</title>\n")
         .append("<link rel=\"stylesheet\" href=\"").append(root).append("style.css\">\n</head>\n")
         .append("<body class=\"").append(bodyClass).append(wide ? " wide" : "").append("\">\n");
        h.append("<header class=\"topbar\"><a class=\"brand\" href=\"").append(root).append("index.html\">").append(BOOK)
         .append("</a><nav class=\"toplinks\"><a href=\"").append(root).append("index.html#reading-order\">Chapters</a>")
         .append("<a href=\"").append(root).append("reading-traces.html\">Reading a trace</a>")
         .append("<a href=\"").append(root).append(MapPage.HREF).append("\">Tornado → Java</a>")
         .append("<a href=\"").append(root).append(SourcePages.INDEX).append("\">Source</a></nav></header>\n");
        h.append("<div class=\"layout\">\n");
        if (!wide) h.append(sidebar(b, path, here, root));
        h.append("<main class=\"main\">\n").append(body);
        if (!wide) h.append(prevNext(path, here, root));
        h.append("</main>\n</div>\n<footer class=\"footer\">Rendered from the sources by ")
         .append("<code>mvn -q test-compile exec:exec@site</code>: every listing, trace and table on this site comes from ")
         .append("the code as it is today.</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private static String sidebar(Build b, List<Stop> path, String here, String root) {
        StringBuilder h = new StringBuilder("<nav class=\"sidebar\" aria-label=\"Chapters\">\n");
        h.append("<p class=\"nav-label\">Start</p><ol class=\"nav-pages\">\n");
        for (Stop s : path) {
            if (s.page == null || s.page.kind == Page.Kind.CHAPTER) continue;
            item(h, s, here, root, false);
        }
        h.append("</ol>\n<p class=\"nav-label\">Chapters</p><ol class=\"nav-chapters\">\n");
        for (Stop s : path) {
            if (s.page != null && s.page.kind == Page.Kind.CHAPTER) item(h, s, here, root, true);
        }
        if (b.chapters.isEmpty()) h.append("<li class=\"none\">none written yet</li>\n");
        h.append("</ol>\n<p class=\"nav-label\">Reference</p><ol class=\"nav-pages\">\n");
        h.append(li(root + MapPage.HREF, "Tornado → Java map", here.equals(MapPage.HREF)));
        h.append(li(root + SourcePages.INDEX, "All source files", here.equals(SourcePages.INDEX)));
        h.append("</ol>\n</nav>\n");
        return h.toString();
    }

    private static void item(StringBuilder h, Stop s, String here, String root, boolean sections) {
        boolean current = s.href.equals(here);
        h.append("<li").append(current ? " class=\"current\"" : "").append("><a href=\"").append(root).append(s.href)
         .append("\"").append(current ? " aria-current=\"page\"" : "").append(">").append(s.title).append("</a>");
        if (current && sections && s.page != null && !s.page.sections.isEmpty()) {
            headings(h, s.page.sections, "nav-sections");
        }
        h.append("</li>\n");
    }

    /** A page's sections as nested lists: its subsections sit under each section. */
    private static void headings(StringBuilder h, List<Page.Heading> list, String cls) {
        h.append("<ol class=\"").append(cls).append("\">");
        for (Page.Heading sec : list) {
            h.append("<li><a href=\"#").append(sec.id()).append("\">").append(sec.title()).append("</a>");
            if (!sec.subsections().isEmpty()) headings(h, sec.subsections(), "nav-subsections");
            h.append("</li>");
        }
        h.append("</ol>");
    }

    private static String li(String href, String title, boolean current) {
        return "<li" + (current ? " class=\"current\"" : "") + "><a href=\"" + href + "\">" + title + "</a></li>\n";
    }

    private static String prevNext(List<Stop> path, String here, String root) {
        int at = -1;
        for (int i = 0; i < path.size(); i++) if (path.get(i).href.equals(here)) at = i;
        if (at < 0) return "";
        StringBuilder h = new StringBuilder("<nav class=\"prevnext\" aria-label=\"Previous and next\">");
        if (at > 0) {
            Stop p = path.get(at - 1);
            h.append("<a class=\"prev\" rel=\"prev\" href=\"").append(root).append(p.href)
             .append("\"><span class=\"dir\">← Previous</span><span class=\"name\">").append(p.title).append("</span></a>");
        } else {
            h.append("<span></span>");
        }
        if (at + 1 < path.size()) {
            Stop n = path.get(at + 1);
            h.append("<a class=\"next\" rel=\"next\" href=\"").append(root).append(n.href)
             .append("\"><span class=\"dir\">Next →</span><span class=\"name\">").append(n.title).append("</span></a>");
        }
        return h.append("</nav>\n").toString();
    }

    /** A title as plain text, for {@code <title>}. */
    static String plain(String html) {
        String text = html.replaceAll("<[^>]*>", "");
        return Html.esc(text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&#8217;", "’")
                .replace("&#8212;", "—").replace("&quot;", "\""));
    }
}
