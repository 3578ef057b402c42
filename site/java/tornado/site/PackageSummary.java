package tornado.site;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first sentence of a package's {@code package-info.java}, as HTML: what the index says
 * about a chapter when its page gives no {@code :description:}. Every package opens with such a
 * sentence ("Chapter 2, iostream: a buffered, non-blocking socket driven by callbacks."), so
 * the reading order describes each chapter in the code's own words and stays in step with it.
 */
final class PackageSummary {
    private PackageSummary() {}

    private static final Pattern INLINE_TAG = Pattern.compile("\\{@(code|link|linkplain|literal)\\s+([^}]*)}");

    /** The summary, or "" when the package has no package-info or it has no javadoc. */
    static String of(SourceTree sources, String pkg) {
        SourceFile info = sources.byRel(pkg.replace('.', '/') + "/package-info.java");
        if (info == null) return "";
        int start = info.text.indexOf("/**");
        int end = start < 0 ? -1 : info.text.indexOf("*/", start);
        if (end < 0) return "";
        StringBuilder text = new StringBuilder();
        for (String line : info.text.substring(start + 3, end).split("\n")) {
            String l = line.strip();
            if (l.startsWith("*")) l = l.substring(1).strip();
            if (l.startsWith("<p>") || l.startsWith("@")) break;
            text.append(l).append(' ');
        }
        String s = text.toString().strip();
        // The first sentence: up to a full stop followed by a space (or the end).
        Matcher stop = Pattern.compile("\\.(\\s|$)").matcher(s);
        if (stop.find()) s = s.substring(0, stop.start() + 1);
        // "Chapter 2, iostream: what it builds." keeps what it builds; the index shows the title.
        Matcher head = Pattern.compile("^(Chapter|Appendix)\\s+\\w+,[^:]{1,40}:\\s*").matcher(s);
        if (head.find()) s = s.substring(head.end());
        if (s.isEmpty()) return "";
        s = Character.toUpperCase(s.charAt(0)) + s.substring(1);
        StringBuilder html = new StringBuilder();
        Matcher m = INLINE_TAG.matcher(s);
        int at = 0;
        while (m.find()) {
            html.append(Html.esc(s.substring(at, m.start()).replaceAll("<[^>]+>", "")));
            String shown = m.group(2).strip();
            if (m.group(1).startsWith("link")) {
                // {@link a.b.C label} shows the label; {@link a.b.C} the simple name.
                int space = shown.indexOf(' ');
                shown = space > 0 ? shown.substring(space + 1) : shown.substring(shown.lastIndexOf('.') + 1);
            }
            html.append("<code>").append(Html.esc(shown)).append("</code>");
            at = m.end();
        }
        html.append(Html.esc(s.substring(at).replaceAll("<[^>]+>", "")));
        return html.toString();
    }
}
