package tornado.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One file the book shows: its text, its lines, and for Java files which characters are code,
 * comment or string literal.
 *
 * <p>The site needs that classification twice. The source pages colour comments apart from code
 * (a reader skimming {@code IOStream.java} reads the prose first), and the Tornado → Java map
 * must find {@code @Mirrors} only where it is code: the javadoc of {@code Mirrors} itself
 * mentions the mark, and a string may hold anything. A full Java parser would be a dependency
 * for a job that a forty-line scanner does exactly: Java's comments and literals are the only
 * places where code-looking text is not code, and they are lexically simple.
 *
 * <p>{@code rel} is the path under its source root ({@code tornado/iostream/IOStream.java}): the
 * form the trace records in {@code TraceEvent.file} and the form the source page's address is
 * built from. {@code page} is that address relative to the site root.
 */
final class SourceFile {
    static final byte CODE = 0, COMMENT = 1, STRING = 2;

    final Path path;
    final String rel;
    final String page;
    final String text;
    final List<String> lines;
    /** Per character of {@link #text}: {@link #CODE}, {@link #COMMENT} or {@link #STRING}. */
    final byte[] kinds;
    private final int[] lineStarts;

    SourceFile(Path path, String rel, String page) {
        this.path = path;
        this.rel = rel;
        this.page = page;
        try {
            // Normalise line ends once, so that offsets, lines and the rendered page agree.
            this.text = Files.readString(path, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        this.lines = splitLines(text);
        this.lineStarts = new int[lines.size() + 1];
        int at = 0;
        for (int i = 0; i < lines.size(); i++) {
            lineStarts[i] = at;
            at += lines.get(i).length() + 1;
        }
        lineStarts[lines.size()] = text.length();
        this.kinds = rel.endsWith(".java") ? lex(text) : new byte[text.length()];
    }

    /** The lines as an editor counts them: a final newline does not start another line. */
    static List<String> splitLines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (start < text.length()) out.add(text.substring(start));
        return out;
    }

    String fileName() {
        return rel.substring(rel.lastIndexOf('/') + 1);
    }

    /** {@code tornado.iostream} for {@code tornado/iostream/IOStream.java}; "" at the root. */
    String packageName() {
        int slash = rel.lastIndexOf('/');
        return slash < 0 ? "" : rel.substring(0, slash).replace('/', '.');
    }

    /** The 1-based line holding character {@code offset}. */
    int lineOf(int offset) {
        int lo = 0, hi = lines.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) lo = mid; else hi = mid - 1;
        }
        return lo + 1;
    }

    /**
     * The line a link to a region or a declaration starting at {@code line} lands on: the first
     * line, at or after it and not past {@code last}, whose code is not an annotation. Blank
     * lines, comments (the javadoc above a method), tag lines and annotations with their
     * arguments, over as many lines as they take, are passed over, so that a listing's link and
     * the map's link to the same method both land on {@code public void readUntil(…)}. A region
     * with no such line links to its first line.
     */
    int declarationLine(int line, int last) {
        last = Math.min(last, lines.size());
        int i = lineStart(Math.max(1, line)), end = last < lines.size() ? lineStart(last + 1) : text.length();
        while (i < end) {
            char c = text.charAt(i);
            if (kinds[i] != CODE || Character.isWhitespace(c)) { i++; continue; }
            if (c != '@' || text.startsWith("@interface", i)) return lineOf(i);
            // An annotation: its name, then its arguments in balanced parentheses, if any.
            i++;
            while (i < end && (Character.isJavaIdentifierPart(text.charAt(i)) || text.charAt(i) == '.')) i++;
            int j = i;
            while (j < end && (kinds[j] != CODE || Character.isWhitespace(text.charAt(j)))) j++;
            if (j < end && text.charAt(j) == '(') {
                int depth = 0;
                for (i = j; i < end; i++) {
                    if (kinds[i] != CODE) continue;
                    if (text.charAt(i) == '(') depth++;
                    else if (text.charAt(i) == ')' && --depth == 0) { i++; break; }
                }
            }
        }
        return Math.max(1, line);
    }

    int lineStart(int line) {
        return lineStarts[line - 1];
    }

    /**
     * Classifies every character. Text blocks, strings and character literals are STRING, line
     * and block comments (javadoc included) are COMMENT; escapes are honoured so that
     * {@code "\""} and {@code '"'} do not open a string that swallows the rest of the file.
     */
    static byte[] lex(String s) {
        byte[] k = new byte[s.length()];
        int i = 0, n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            int start = i;
            byte kind;
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                while (i < n && s.charAt(i) != '\n') i++;
                kind = COMMENT;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                kind = COMMENT;
            } else if (c == '"' && s.startsWith("\"\"\"", i)) {
                i += 3;
                while (i < n && !s.startsWith("\"\"\"", i)) i += s.charAt(i) == '\\' ? 2 : 1;
                i = Math.min(n, i + 3);
                kind = STRING;
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < n && s.charAt(i) != c && s.charAt(i) != '\n') i += s.charAt(i) == '\\' ? 2 : 1;
                i = Math.min(n, i + 1);
                kind = STRING;
            } else {
                i++;
                continue;
            }
            for (int j = start; j < i; j++) k[j] = kind;
        }
        return k;
    }
}
