package tornado.escape;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tornado.trace.Mirrors;

/**
 * Finds URLs in plain text and makes them links: {@code see www.x.org} becomes
 * {@code see <a href="http://www.x.org">www.x.org</a>}.
 *
 * <p>It mirrors {@code escape.linkify}, and uses the same pattern for what counts as a URL: a
 * scheme and one to three slashes, or {@code www.}, then characters up to whitespace, with
 * trailing punctuation left out ({@code (see http://x.org/a.)} links {@code http://x.org/a}) and
 * balanced parentheses kept ({@code http://en.wikipedia.org/wiki/Tornado_(web_server)}). The text
 * is HTML-escaped first, so what is not a link is safe to put in a page, and the pattern allows
 * no {@code &} but the escaped {@code &amp;} and {@code &quot;}, so it never runs into an entity.
 *
 * <p>Tornado's {@code shorten} option (cutting long link texts to about 30 characters) is left out.
 */
@Mirrors("escape.linkify")
public final class Linkify {
    private Linkify() {}

    // Tornado's _URL_RE, in Java's syntax. UNICODE_CHARACTER_CLASS makes \w, \s and \b cover
    // every script, as they do in Python 3.
    private static final Pattern URL = Pattern.compile(
            "\\b((?:([\\w-]+):(/{1,3})|www[.])"
                    + "(?:(?:(?:[^\\s&()]|&amp;|&quot;)*(?:[^!\"#$%&'()*+,.:;<=>?@\\[\\]^`{|}~\\s]))"
                    + "|(?:\\((?:[^\\s&()]|&amp;|&quot;)*\\)))+)",
            Pattern.UNICODE_CHARACTER_CLASS);

    // tag::linkify[]
    /**
     * HTML-escapes {@code text} and wraps each URL in it in an {@code <a>} element.
     *
     * @param requireProtocol    if true, {@code www.x.org} without a scheme is not linked
     * @param permittedProtocols schemes that are linked ({@code http}, {@code https}); a URL
     *                           with any other scheme ({@code javascript:}) stays text
     * @param extraParams        attributes added to every link, such as
     *                           {@code rel="nofollow" class="external"}; inserted as given, so
     *                           never from user input
     */
    @Mirrors("escape.linkify")
    public static String linkify(String text, boolean requireProtocol, List<String> permittedProtocols,
                                 String extraParams) {
        String params = extraParams == null || extraParams.isBlank() ? "" : " " + extraParams.strip();
        String escaped = Escape.xhtmlEscape(text);
        Matcher m = URL.matcher(escaped);
        StringBuilder out = new StringBuilder(escaped.length() + 32);
        int copied = 0;
        while (m.find()) {
            String url = m.group(1);
            String proto = m.group(2);
            out.append(escaped, copied, m.start());
            copied = m.end();
            if ((requireProtocol && proto == null) || (proto != null && !permittedProtocols.contains(proto))) {
                out.append(url);
                continue;
            }
            String href = proto == null ? "http://" + url : url;
            out.append("<a href=\"").append(href).append('"').append(params).append('>')
                    .append(url).append("</a>");
        }
        return out.append(escaped, copied, escaped.length()).toString();
    }
    // end::linkify[]
}
