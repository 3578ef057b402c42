package tornado.site;

/** Escaping for the HTML the site writes itself (source pages, trace tables, the map). */
final class Html {
    private Html() {}

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        esc(s, 0, s.length(), b);
        return b.toString();
    }

    static void esc(String s, int from, int to, StringBuilder b) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
    }

    /** A string fit for an HTML id: lower case letters, digits and dashes. */
    static String slug(String s) {
        String out = s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return out.isEmpty() ? "x" : out;
    }

    /** The way from a page at {@code page} (relative to the site root) back up to the root. */
    static String up(String page) {
        int depth = 0;
        for (int i = 0; i < page.length(); i++) if (page.charAt(i) == '/') depth++;
        return "../".repeat(depth);
    }
}
