package tornado.site;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sets the tracing lines of a chapter's listings apart: every {@code if (Trace.on) Trace.step(…)}
 * statement of an included region (and an {@code if (Trace.on …) { … }} block holding one) is
 * wrapped in {@code <span class="trace-line">}, which the stylesheet dims, so that the logic of
 * a method reads first and the bookkeeping second. Nothing is removed: the listing stays the
 * source region, line for line, and the source pages show every line as it is.
 *
 * <p>It runs on the converted HTML, because the lines only exist as lines once Rouge has
 * highlighted them. A line is only wrapped when its own tags balance, so a comment or text
 * block running over several lines is never cut in two.
 */
final class TraceLines {
    private TraceLines() {}

    private static final Pattern INCLUDED = Pattern.compile(
            "(<div[^>]*class=\"listingblock[^\"]*\\bincluded\\b[^\"]*\"[^>]*>.*?<pre[^>]*><code[^>]*>)(.*?)(</code></pre>)",
            Pattern.DOTALL);
    private static final Pattern STARTS = Pattern.compile("^\\s*(if \\((?:[\\w.]*\\.)?Trace\\.on\\b|(?:[\\w.]*\\.)?Trace\\.step\\()");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    /** The page's HTML with the trace lines of its included listings marked. */
    static String mark(String html) {
        Matcher m = INCLUDED.matcher(html);
        StringBuilder out = new StringBuilder(html.length() + 1024);
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + markLines(m.group(2)) + m.group(3)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String markLines(String code) {
        String[] lines = code.split("\n", -1);
        StringBuilder out = new StringBuilder(code.length() + 256);
        int depth = 0; // open parentheses and braces of the statement being marked; -1: none
        boolean inside = false;
        for (int i = 0; i < lines.length; i++) {
            String html = lines[i];
            String text = plain(html);
            if (!inside && STARTS.matcher(text).find() && balanced(html)) {
                inside = true;
                depth = 0;
            }
            if (inside && balanced(html)) {
                out.append("<span class=\"trace-line\">").append(html).append("</span>");
                depth += nesting(text);
                String t = text.strip();
                if (depth <= 0 && (t.endsWith(";") || t.endsWith("}"))) inside = false;
            } else {
                inside = false;
                out.append(html);
            }
            if (i + 1 < lines.length) out.append('\n');
        }
        return out.toString();
    }

    /** Whether the line's span tags open and close within it. */
    private static boolean balanced(String html) {
        int open = 0;
        Matcher m = TAG.matcher(html);
        while (m.find()) {
            String t = m.group();
            if (t.startsWith("</")) open--;
            else if (!t.endsWith("/>")) open++;
            if (open < 0) return false;
        }
        return open == 0;
    }

    /** Opened minus closed parentheses and braces, outside string literals. */
    private static int nesting(String text) {
        int n = 0;
        boolean str = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (str) {
                if (c == '\\') i++;
                else if (c == '"') str = false;
            } else if (c == '"') {
                str = true;
            } else if (c == '(' || c == '{') {
                n++;
            } else if (c == ')' || c == '}') {
                n--;
            }
        }
        return n;
    }

    private static String plain(String html) {
        return TAG.matcher(html).replaceAll("").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
    }
}
