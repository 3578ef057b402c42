package tornado.httputil;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tornado.trace.Mirrors;

/**
 * The header fields of one HTTP message: names compared without regard to case, each name with
 * one or more values, in the order they arrived.
 *
 * <p>This mirrors {@code HTTPHeaders} in {@code tornado/httputil.py}. In the chain it is the
 * second thing {@code HTTPConnection.onHeaders} does with the block that
 * {@code readUntil("\r\n\r\n")} delivered: the first line is the start line
 * ({@link RequestStartLine#parse}), and everything after it goes to {@link #parse}. The request
 * object keeps the result; the application reads {@code Content-Type} or {@code Cookie} from it,
 * and the response's headers are built in another one.
 *
 * <p>Names are stored in Tornado's {@code Http-Header-Case}: {@code content-TYPE} is filed and
 * shown as {@code Content-Type}, which is also what makes lookups case-insensitive. A name given
 * several times keeps every value: {@link #getList} returns them all, and {@link #get} joins them
 * with a comma, as Tornado's {@code headers["X"]} does (RFC 9110 §5.3 makes the joined form
 * mean the same as the separate lines, except for {@code Set-Cookie}, which is why
 * {@code getList} exists).
 *
 * <p>Where Java differs: Tornado's class is a {@code dict}; ours is an {@code Iterable} of
 * name-value pairs with the dictionary's operations as methods ({@code h["X"] = v} is
 * {@link #set}, {@code del h["X"]} is {@link #remove}, {@code "X" in h} is {@link #contains}). It
 * is not thread-safe: one connection on one loop owns it.
 */
@Mirrors("httputil.HTTPHeaders")
public final class HTTPHeaders implements Iterable<Map.Entry<String, String>> {

    // tag::block-end[]
    /**
     * Where a header block ends: at a line feed followed by an empty line. The empty line ends
     * in CRLF in every well-formed block ({@code "\n\r\n"}, the last three bytes of
     * {@code "\r\n\r\n"}), or in a bare LF ({@code "\n\n"}). Both connections read up to
     * the first of the two, which is where Tornado 4's {@code read_until_regex(b"\r?\n\r?\n")}
     * ends its match; the strict parser ({@link #parseStrict}) then answers a bare LF with 400
     * at once. Tornado 2.4 reads up to {@code "\r\n\r\n"} alone, and with it a client that
     * ends its lines in bare LFs (a request typed into {@code nc}) waited a minute, for the
     * header timeout, for a CRLF CRLF that never came. Arrays that are never changed.
     */
    public static final byte[] BLOCK_END = {'\n', '\r', '\n'};
    /** The other end of a header block, a bare-LF empty line: see {@link #BLOCK_END}. */
    public static final byte[] BLOCK_END_BARE_LF = {'\n', '\n'};
    // end::block-end[]

    // tag::storage[]
    // Every (name, value) pair, in two parallel arrays: names[i] (normalized) goes with
    // values[i]. The values of one name sit next to each other, in arrival order, where the name
    // first appeared: a response goes out with its headers in the order the handler set them,
    // and a test can predict the bytes. A lookup is a scan, which for the dozen headers a
    // request carries is as quick as a hash and allocates nothing. This replaced a LinkedHashMap
    // of lists, which cost a map, its table, an entry and a list per name (and the strict parser
    // now reads the block in place): the bytes allocated per request fell from 4,460 to 3,571
    // for hello and from 2,114 to 1,806 for uri-echo (bench/README.adoc, "Per request").
    private String[] names;
    private String[] values;
    private int count;
    // end::storage[]

    // The name of the most recent line, for obsolete line folding (see parseLine).
    private String lastKey;

    // Whether every value stored so far is Latin-1, one byte per char: checkValue notes it as
    // it looks at each char anyway, so that ResponseHead can write the values without looking
    // at them again (ResponseHead.format). Removing a value does not set it back; a head is then
    // only made the slower way, which gives the same bytes.
    private boolean latin1 = true;

    /** No headers. */
    public HTTPHeaders() {
        names = new String[8];
        values = new String[8];
    }

    /** A copy of {@code other}; changing one does not change the other. */
    @Mirrors("httputil.HTTPHeaders.copy")
    public HTTPHeaders(HTTPHeaders other) {
        names = other.names.clone();
        values = other.values.clone();
        count = other.count;
        latin1 = other.latin1;
    }

    /**
     * Parses a header block: the text after the request's start line, up to and including the
     * empty line that ends it. Lines end with CRLF; a bare LF is accepted too (RFC 9112 §2.2
     * allows it and Tornado does it), and empty lines are skipped, so the block may begin with
     * the CRLF that ended the start line and end with the CRLF CRLF that {@code readUntil} found.
     *
     * <p>The text is expected as the connection decoded it: ISO-8859-1, one char per byte, so any
     * byte a client sends survives into the value unchanged and nothing can fail to decode.
     *
     * @throws HTTPInputError (400) naming the offending line: no colon, an empty name, a name
     *                        that is not a token (which includes a space before the colon), a
     *                        value holding a control character such as a bare CR or a NUL, or
     *                        a continuation line with nothing to continue
     */
    @Mirrors("httputil.HTTPHeaders.parse")
    public static HTTPHeaders parse(String block) {
        HTTPHeaders headers = new HTTPHeaders();
        int start = 0;
        // One pass over the block, line by line: indexOf never looks at a character twice.
        while (start < block.length()) {
            int lf = block.indexOf('\n', start);
            int end = lf < 0 ? block.length() : lf;
            // The CR of a CRLF goes with the LF; a CR without an LF after it stays in the line,
            // where parseLine refuses it.
            int lineEnd = lf >= 0 && end > start && block.charAt(end - 1) == '\r' ? end - 1 : end;
            headers.parseLine(block, start, lineEnd);
            start = end + 1;
        }
        return headers;
    }

    /** {@link #parseStrict(String, int)} of the whole of {@code block}. */
    @Mirrors("httputil.HTTPHeaders.parse")
    public static HTTPHeaders parseStrict(String block) {
        return parseStrict(block, 0);
    }

    // tag::parse-strict[]
    /**
     * Parses the header block of a request, or a chunked body's trailer section, as a server
     * should read it when it cannot know what the proxies in front of it did: RFC 9112's grammar
     * with none of its leniencies. The block is what {@link #parse} takes, starting at
     * {@code from} in {@code text} (the connection passes the whole head and the end of its
     * start line, which saves copying the block out of it). Beyond {@link #parse}'s checks:
     * <ul>
     *   <li>every line ends with CRLF: a bare LF is a 400, as a bare CR already is. A front end
     *       that ends a header block at {@code \n\n}, or splits {@code Host: a\nX: b} into two
     *       headers, would otherwise frame the request differently from us;</li>
     *   <li>no obsolete line folding: a line that starts with a space or a tab is a 400 (RFC 9112
     *       §5.2 allows either rejecting or joining; folds on {@code Transfer-Encoding} or
     *       {@code Content-Length} are a request-smuggling lever, so we reject).</li>
     * </ul>
     * Tornado 2.4 through 6.x accept both; this is where we are stricter, for the reason given.
     *
     * @throws HTTPInputError (400) naming the offending line
     */
    @Mirrors("httputil.HTTPHeaders.parse")
    public static HTTPHeaders parseStrict(String text, int from) {
        HTTPHeaders headers = new HTTPHeaders();
        int start = from;
        while (start < text.length()) {
            int crlf = text.indexOf("\r\n", start);
            int end = crlf < 0 ? text.length() : crlf;
            int lf = text.indexOf('\n', start);
            if (lf >= 0 && lf < end) {
                throw new HTTPInputError("header line ends with a bare LF (only CRLF ends a line): "
                        + HTTPInputError.quote(text.substring(start, end)));
            }
            if (end > start && isWhitespace(text.charAt(start))) {
                throw new HTTPInputError("obsolete line folding (a header line starting with whitespace) is not accepted: "
                        + HTTPInputError.quote(text.substring(start, end)));
            }
            headers.parseLine(text, start, end);
            start = crlf < 0 ? text.length() : crlf + 2;
        }
        return headers;
    }
    // end::parse-strict[]

    /**
     * Adds one header line, with or without its line ending.
     *
     * <p>A line that starts with a space or tab continues the previous line's value: that is
     * HTTP/1.0's "obsolete line folding". RFC 9112 §5.2 lets a server either reject it (400) or
     * replace the fold with a space; we replace, as Tornado 2.4 through 6.x do, because the
     * folded value is unambiguous once joined and old clients and proxies still fold. A fold on
     * the very first line has nothing to continue and is rejected.
     *
     * @throws HTTPInputError (400) as described for {@link #parse}
     */
    @Mirrors("httputil.HTTPHeaders.parse_line")
    public void parseLine(String line) {
        // Take off the line ending: "\r\n", or a lone "\n". A CR anywhere else stays in the line
        // and is refused below as a control character, since a bare CR is how header-injection
        // and request-smuggling attempts hide a line break from one parser but not another.
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\n') {
            end--;
            if (end > 0 && line.charAt(end - 1) == '\r') end--;
        }
        parseLine(line, 0, end);
    }

    // tag::parse-line[]
    // One line without its ending: text[start, end). The parsers hand over where a line lies in
    // the block rather than a copy of it, so a line costs two strings, its name and its value.
    private void parseLine(String text, int start, int end) {
        if (end == start) return;
        if (isWhitespace(text.charAt(start))) {
            // A continuation line: join it to the last value with one space.
            if (lastKey == null) {
                throw new HTTPInputError("first header line cannot start with whitespace: "
                        + HTTPInputError.quote(text.substring(start, end)));
            }
            String more = trimWhitespace(text, start, end);
            checkValue(more, text, start, end);
            if (!more.isEmpty()) {
                int last = lastIndexOf(lastKey);
                values[last] = values[last] + " " + more;
            }
            return;
        }
        int colon = text.indexOf(':', start);
        if (colon < 0 || colon >= end) {
            throw new HTTPInputError("no colon in header line " + HTTPInputError.quote(text.substring(start, end)));
        }
        String name = text.substring(start, colon);
        // RFC 9110 §5.5: the spaces and tabs around a value are not part of it.
        String value = trimWhitespace(text, colon + 1, end);
        checkName(name, text, start, end);
        checkValue(value, text, start, end);
        addChecked(name, value);
    }
    // end::parse-line[]

    /**
     * Adds a value for {@code name}, after any it already has.
     *
     * @throws HTTPInputError (400) if the name is not a token or the value holds a control
     *                        character other than tab; the same rules a parsed line meets, so a
     *                        handler cannot put a CR LF into a response header and forge a line
     */
    @Mirrors("httputil.HTTPHeaders.add")
    public void add(String name, String value) {
        checkName(name, null, 0, 0);
        checkValue(value, null, 0, 0);
        addChecked(name, value);
    }

    // A new name goes at the end; another value of a name goes right after its last one.
    private void addChecked(String name, String value) {
        String key = normalizeName(name);
        lastKey = key;
        int last = lastIndexOf(key);
        insert(last < 0 ? count : last + 1, key, value);
    }

    /**
     * Replaces every value of {@code name} with {@code value}: Python's {@code h[name] = value}.
     * The name keeps its place if it had one.
     *
     * @throws HTTPInputError as for {@link #add}
     */
    @Mirrors("httputil.HTTPHeaders.__setitem__")
    public void set(String name, String value) {
        checkName(name, null, 0, 0);
        checkValue(value, null, 0, 0);
        String key = normalizeName(name);
        int first = indexOf(key);
        if (first < 0) {
            insert(count, key, value);
        } else {
            values[first] = value;
            delete(first + 1, runLength(first) - 1);
        }
    }

    /**
     * The value of {@code name}, or {@code null} if it is absent. A name given several times
     * answers with its values joined by a comma, in arrival order: {@code "a,b"}.
     */
    @Mirrors({"httputil.HTTPHeaders.get", "httputil.HTTPHeaders.__getitem__"})
    public String get(String name) {
        int first = find(name);
        if (first < 0) return null;
        int n = runLength(first);
        return n == 1 ? values[first] : String.join(",", Arrays.asList(values).subList(first, first + n));
    }

    /** The value of {@code name}, or {@code otherwise} if it is absent. */
    @Mirrors("httputil.HTTPHeaders.get")
    public String get(String name, String otherwise) {
        String v = get(name);
        return v == null ? otherwise : v;
    }

    /** Every value given for {@code name}, in arrival order; empty if none. Unmodifiable. */
    @Mirrors("httputil.HTTPHeaders.get_list")
    public List<String> getList(String name) {
        int first = find(name);
        if (first < 0) return List.of();
        int n = runLength(first);
        return n == 1 ? List.of(values[first]) : List.of(Arrays.copyOfRange(values, first, first + n));
    }

    /** True if {@code name} has at least one value. */
    @Mirrors("httputil.HTTPHeaders.__contains__")
    public boolean contains(String name) {
        return find(name) >= 0;
    }

    /** Removes every value of {@code name}; returns whether there was any. */
    @Mirrors("httputil.HTTPHeaders.__delitem__")
    public boolean remove(String name) {
        int first = find(name);
        if (first < 0) return false;
        delete(first, runLength(first));
        return true;
    }

    /** The distinct names, normalized, in the order they first appeared. Unmodifiable snapshot. */
    public Set<String> names() {
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) distinct.add(names[i]);
        return Collections.unmodifiableSet(distinct);
    }

    /** The number of distinct names (Python's {@code len(headers)}). */
    public int size() {
        int distinct = 0;
        for (int i = 0; i < count; i++) if (i == 0 || !names[i].equals(names[i - 1])) distinct++;
        return distinct;
    }

    /** True if there are no headers at all. */
    public boolean isEmpty() {
        return count == 0;
    }

    /**
     * Every (name, value) pair: a name given twice appears twice. Names come in the order they
     * first appeared, each with all its values. Unmodifiable snapshot.
     */
    @Mirrors("httputil.HTTPHeaders.get_all")
    public List<Map.Entry<String, String>> getAll() {
        List<Map.Entry<String, String>> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) all.add(Map.entry(names[i], values[i]));
        return Collections.unmodifiableList(all);
    }

    /** Iterates {@link #getAll()}: a snapshot, so the headers may change meanwhile. */
    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
        return getAll().iterator();
    }

    // The pairs by position, for ResponseHead, which writes them as bytes without an entry
    // object per pair.
    boolean allLatin1() {
        return latin1;
    }

    int pairCount() {
        return count;
    }

    String nameAt(int i) {
        return names[i];
    }

    String valueAt(int i) {
        return values[i];
    }

    /**
     * The headers as they go on the wire: one {@code Name: value} line per pair, each ended by
     * CRLF. Tornado 6's {@code __str__} ends lines with a bare LF, which is fine for printing; we
     * use CRLF so that the response writer can send exactly this text.
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) b.append(names[i]).append(": ").append(values[i]).append("\r\n");
        return b.toString();
    }

    // tag::find[]
    // Where the pairs of the name a caller looks up begin, or -1. The stored names are normalized;
    // the one asked for is compared with each as normalizeName would compare it, without being
    // normalized first: two names normalize alike exactly when they have the same length and
    // their chars differ at most in the case of ASCII letters (a '-', which decides the case of
    // the letter after it, must then be in the same place in both). Most lookups are of a name
    // that is absent (a response's Etag, a request's Transfer-Encoding) and are then decided by
    // the lengths alone, or else by the first char that differs; a name the program set from a
    // literal is found as the same string. A response of chapter 5's hello makes about twenty
    // lookups, and normalizing each name first was the largest single method in its JFR
    // profile: 14 % of the server's Java samples (bench/profile hello). Ten lookups in a hello
    // response's five headers took 203 ns that way and take 88 ns this way (bench/HeadCost.java).
    private int find(String name) {
        for (int i = 0; i < count; i++) {
            String key = names[i];
            if (key == name || (key.length() == name.length() && sameName(key, name))) return i;
        }
        return -1;
    }

    private static boolean sameName(String key, String name) {
        for (int i = 0; i < key.length(); i++) {
            char a = key.charAt(i), b = name.charAt(i);
            if (a != b && !(asciiLetter(a) && (a ^ 0x20) == b)) return false;
        }
        return true;
    }

    private static boolean asciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
    // end::find[]

    // Where the pairs of a normalized name begin, or -1.
    private int indexOf(String key) {
        for (int i = 0; i < count; i++) if (names[i].equals(key)) return i;
        return -1;
    }

    // Where the pairs of a normalized name end (the last one), or -1.
    private int lastIndexOf(String key) {
        for (int i = count - 1; i >= 0; i--) if (names[i].equals(key)) return i;
        return -1;
    }

    // How many values the name at `first` has: they follow one another from there.
    private int runLength(int first) {
        int end = first + 1;
        while (end < count && names[end].equals(names[first])) end++;
        return end - first;
    }

    private void insert(int at, String key, String value) {
        if (count == names.length) {
            names = Arrays.copyOf(names, count * 2);
            values = Arrays.copyOf(values, count * 2);
        }
        System.arraycopy(names, at, names, at + 1, count - at);
        System.arraycopy(values, at, values, at + 1, count - at);
        names[at] = key;
        values[at] = value;
        count++;
    }

    private void delete(int at, int n) {
        if (n == 0) return;
        System.arraycopy(names, at + n, names, at, count - at - n);
        System.arraycopy(values, at + n, values, at, count - at - n);
        Arrays.fill(names, count - n, count, null);
        Arrays.fill(values, count - n, count, null);
        count -= n;
    }

    // tag::normalize[]
    /**
     * {@code Http-Header-Case}: each dash-separated word capitalized, the rest lower-case, so
     * {@code coNtent-TYPE} becomes {@code Content-Type}. Every name is stored in this form, and a
     * lookup finds exactly the names that normalize as the one it asks for (see {@code find}),
     * which is what makes every lookup case-insensitive.
     *
     * <p>Tornado 2.4 first matches the name against a regular expression for "already in the
     * form", which it nearly always is for the names a program looks up, and remembers every
     * answer in a dictionary that is never emptied (later versions bound it to 1000 names). We
     * make the same check with a plain loop, and then return the very same string: the common
     * lookup costs one scan, no allocation and no cache a client could fill with made-up names.
     * Only ASCII letters change case, so the server's behaviour does not depend on the JVM's
     * default locale (a Turkish locale upper-cases {@code i} to {@code İ}).
     */
    @Mirrors("httputil.HTTPHeaders._normalize_name")
    public static String normalizeName(String name) {
        if (isNormalized(name)) return name;
        char[] out = new char[name.length()];
        boolean startOfWord = true;
        for (int i = 0; i < out.length; i++) {
            char c = name.charAt(i);
            if (startOfWord && c >= 'a' && c <= 'z') c = (char) (c - 32);
            else if (!startOfWord && c >= 'A' && c <= 'Z') c = (char) (c + 32);
            out[i] = c;
            startOfWord = c == '-';
        }
        return new String(out);
    }
    // end::normalize[]

    private static boolean isNormalized(String name) {
        boolean startOfWord = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (startOfWord ? (c >= 'a' && c <= 'z') : (c >= 'A' && c <= 'Z')) return false;
            startOfWord = c == '-';
        }
        return true;
    }

    // tag::checks[]
    // RFC 9110 §5.1: a field name is a token, one or more of these characters. Anything else,
    // including a space before the colon (RFC 9112 §5.1 says to reject "Host : x" outright, as
    // proxies have disagreed about whose header that is), makes the request malformed.
    private static void checkName(String name, String text, int start, int end) {
        if (name.isEmpty()) throw new HTTPInputError("empty header name" + where(text, start, end));
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (isTchar(c)) continue;
            if (isWhitespace(c) && trimWhitespace(name.substring(i)).isEmpty()) {
                throw new HTTPInputError("whitespace between header name and colon" + where(text, start, end));
            }
            throw new HTTPInputError("invalid character " + HTTPInputError.quote(String.valueOf(c))
                    + " in header name " + HTTPInputError.quote(name) + where(text, start, end));
        }
    }

    // A value may hold anything but control characters; tab is allowed inside. Refusing CR, LF
    // and NUL is what keeps one header from turning into two, on the way in and on the way out.
    // The same look at each char notes whether the value is Latin-1 (see `latin1`).
    private void checkValue(String value, String text, int start, int end) {
        int all = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isControl(c)) {
                throw new HTTPInputError("header value contains " + describeControl(c) + " in "
                        + (text == null ? "value " + HTTPInputError.quote(value)
                                        : "header line " + HTTPInputError.quote(text.substring(start, end))));
            }
            all |= c;
        }
        if (all > 0xff) latin1 = false;
    }

    // The end of an error message about a name: the line text[start, end) it was on, if any.
    // Made only for the message, never for a line that is fine.
    private static String where(String text, int start, int end) {
        return text == null ? "" : " in header line " + HTTPInputError.quote(text.substring(start, end));
    }

    /**
     * The index of the first character in {@code value} that no header value may hold (a
     * control character other than tab, or DEL), or -1 if there is none. The one rule for header
     * values, whichever way they travel: {@link #checkValue} applies it to what a client sends,
     * {@link #checkResponseValue} to what a handler is about to send.
     */
    public static int invalidValueChar(String value) {
        for (int i = 0; i < value.length(); i++) if (isControl(value.charAt(i))) return i;
        return -1;
    }

    // The characters no header value may hold: the controls but tab, and DEL.
    private static boolean isControl(char c) {
        return (c < 0x20 && c != '\t') || c == 0x7f;
    }
    // end::checks[]

    /**
     * Refuses a value a handler is about to put into a response ({@code what} names it: a
     * header, the reason phrase) with an {@link IllegalArgumentException}: a bad value there is
     * the program's mistake, not the client's, so it becomes a 500 and a log entry with the
     * stack, not a 400. A CR or LF would end the line early, and whatever followed would be read
     * by the client as headers of the handler's making: header injection.
     */
    public static String checkResponseValue(String what, String value) {
        return checkResponseValue(what, "", value);
    }

    /**
     * {@link #checkResponseValue(String, String)} for a value named {@code what + name} ("header
     * " and the header's name): the two are joined only for the message, not for every header a
     * handler sets.
     */
    public static String checkResponseValue(String what, String name, String value) {
        // One look at each char for both rules, and which rule a bad value breaks is worked out
        // only once there is one. With a pass per rule, checking the values hello sets (its
        // 42-char Etag above all) took 21 % of the server's Java samples (JFR, bench/profile hello);
        // the Etag's check took 129 ns that way and takes 52 ns this way (bench/HeadCost.java).
        for (int j = 0; j < value.length(); j++) {
            char c = value.charAt(j);
            if (c < 0x20 || c >= 0x7f) {
                if (c == '\t' || (c > 0x7f && c <= 0xff)) continue;
                throw refused(what, name, value);
            }
        }
        return value;
    }

    // Why checkResponseValue refuses `value`: a control character anywhere comes first, as the
    // worse mistake; otherwise a char above U+00FF.
    private static IllegalArgumentException refused(String what, String name, String value) {
        int i = invalidValueChar(value);
        if (i >= 0) {
            char c = value.charAt(i);
            return new IllegalArgumentException("refusing " + what + name + ": its value contains " + describeControl(c)
                    + " at index " + i + (c == '\r' || c == '\n'
                            ? ", which would start a new header line (header injection)" : ""));
        }
        // Header bytes are Latin-1, one byte per char, as Tornado writes them (ResponseHead.format):
        // a char above U+00FF has no byte there, so it is refused here, when the value is set.
        int j = 0;
        while (value.charAt(j) <= 0xff) j++;
        return new IllegalArgumentException("refusing " + what + name + ": its value contains U+"
                + String.format("%04X", (int) value.charAt(j)) + " at index " + j
                + ", which header bytes (Latin-1, as Tornado writes them) cannot carry");
    }

    /** A control character named for an error message: "a bare CR", "a NUL", "control character 0x1b". */
    static String describeControl(char c) {
        return c == '\r' ? "a bare CR" : c == '\n' ? "a bare LF" : c == 0 ? "a NUL"
                : "control character " + String.format("0x%02x", (int) c);
    }

    /** Whether {@code c} may appear in a token (RFC 9110 §5.6.2): a header name, a cookie name. */
    public static boolean isTchar(char c) {
        return c < TCHAR.length && TCHAR[c];
    }

    // The token characters as a table over ASCII: letters, digits and fifteen marks. Every
    // char of every header name is tested, and looking the marks up in a string took an indexOf
    // call for each '-' in a name: setting hello's five response headers and writing the head
    // took 241 ns with it and 224 ns with the table (bench/HeadCost.java).
    private static final boolean[] TCHAR = new boolean[128];
    static {
        for (char c = 'a'; c <= 'z'; c++) TCHAR[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) TCHAR[c] = true;
        for (char c = '0'; c <= '9'; c++) TCHAR[c] = true;
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) TCHAR[c] = true;
    }

    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    // Strips spaces and tabs (HTTP's "optional whitespace") from both ends, and nothing else:
    // String.strip() would also remove other Unicode spaces, which HTTP does not treat as such.
    static String trimWhitespace(String s) {
        return trimWhitespace(s, 0, s.length());
    }

    // The same, of s[start, end): one substring, not one for the range and another for the trim.
    private static String trimWhitespace(String s, int start, int end) {
        int a = start;
        int b = end;
        while (a < b && isWhitespace(s.charAt(a))) a++;
        while (b > a && isWhitespace(s.charAt(b - 1))) b--;
        return s.substring(a, b);
    }

    /**
     * Whether the {@code Connection} header lists {@code option} ({@code close},
     * {@code keep-alive}), in any case. {@code Connection} is a comma-separated list of options
     * (RFC 9110 §7.6.1), so a client may send {@code Connection: TE, close}; Tornado compares the
     * whole value. Both chapters' keep-alive rules ask this.
     */
    public boolean hasConnectionOption(String option) {
        int first = indexOf("Connection");
        if (first < 0) return false;
        int n = runLength(first);
        for (int i = first; i < first + n; i++) {
            // Each comma-separated token, stripped as String.strip() would, compared in place: the
            // keep-alive rule asks this of every request, and split() made an array and a
            // string per token each time.
            String value = values[i];
            int start = 0;
            while (true) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? value.length() : comma;
                int a = start;
                int b = end;
                while (a < b && Character.isWhitespace(value.charAt(a))) a++;
                while (b > a && Character.isWhitespace(value.charAt(b - 1))) b--;
                if (b - a == option.length() && value.regionMatches(true, a, option, 0, b - a)) return true;
                if (comma < 0) break;
                start = comma + 1;
            }
        }
        return false;
    }
}
