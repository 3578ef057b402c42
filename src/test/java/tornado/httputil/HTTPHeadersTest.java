package tornado.httputil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HTTPHeadersTest {

    @Test
    void parsesABlockAsTheConnectionHandsItOver() {
        // What onHeaders passes: everything after the start line, beginning with its CRLF and
        // ending with the CRLF CRLF readUntil found.
        HTTPHeaders h = HTTPHeaders.parse("\r\nHost: example.com\r\nContent-Type: text/html\r\nContent-Length: 42\r\n\r\n");
        assertEquals("example.com", h.get("host"));
        assertEquals("text/html", h.get("CONTENT-TYPE"));
        assertEquals("42", h.get("Content-Length"));
        assertEquals(3, h.size());
        assertEquals(List.of("Host", "Content-Type", "Content-Length"), new ArrayList<>(h.names()));
    }

    @Test
    void repeatedHeadersKeepEveryValueAndGetJoinsWithComma() {
        HTTPHeaders h = HTTPHeaders.parse("Set-Cookie: A=B\r\nX-Other: 1\r\nset-cookie: C=D\r\n");
        assertEquals("A=B,C=D", h.get("Set-Cookie"));
        assertEquals(List.of("A=B", "C=D"), h.getList("SET-COOKIE"));
        List<Map.Entry<String, String>> all = h.getAll();
        assertEquals(List.of(Map.entry("Set-Cookie", "A=B"), Map.entry("Set-Cookie", "C=D"),
                Map.entry("X-Other", "1")), all);
    }

    @Test
    void valuesAreTrimmedOfSpacesAndTabsOnly() {
        HTTPHeaders h = HTTPHeaders.parse("X-A: \t padded \t\r\nX-B:tight\r\nX-C:\r\nX-D: in ner\r\n");
        assertEquals("padded", h.get("X-A"));
        assertEquals("tight", h.get("X-B"));
        assertEquals("", h.get("X-C"));
        assertEquals("in ner", h.get("X-D"));
    }

    @Test
    void colonInValueIsKept() {
        assertEquals("example.com:8080", HTTPHeaders.parse("Host: example.com:8080\r\n").get("Host"));
    }

    @Test
    void bareLfLinesAreAccepted() {
        HTTPHeaders h = HTTPHeaders.parse("A: 1\nB: 2\n\n");
        assertEquals("1", h.get("a"));
        assertEquals("2", h.get("b"));
    }

    @Test
    void lastLineWithoutLineEnding() {
        assertEquals("2", HTTPHeaders.parse("A: 1\r\nB: 2").get("B"));
    }

    @Test
    void obsoleteLineFoldingIsJoinedWithOneSpace() {
        HTTPHeaders h = HTTPHeaders.parse("X-Long: first\r\n   second\r\n\tthird\r\nX-Next: n\r\n");
        assertEquals("first second third", h.get("X-Long"));
        assertEquals("n", h.get("X-Next"));
        // A fold continues the latest value of a repeated name, not the first one.
        HTTPHeaders r = HTTPHeaders.parse("X: a\r\nX: b\r\n c\r\n");
        assertEquals(List.of("a", "b c"), r.getList("X"));
        // An empty fold adds nothing.
        assertEquals("a", HTTPHeaders.parse("X: a\r\n \r\n").get("X"));
    }

    @Test
    void foldOnFirstLineIsRejected() {
        HTTPInputError e = assertThrows(HTTPInputError.class, () -> HTTPHeaders.parse(" X: a\r\n"));
        assertEquals("first header line cannot start with whitespace: ' X: a'", e.getMessage());
        assertEquals(400, e.code());
    }

    @Test
    void lineWithoutColonIsRejectedNamingTheLine() {
        HTTPInputError e = assertThrows(HTTPInputError.class, () -> HTTPHeaders.parse("Host: a\r\nGarbage\r\n"));
        assertEquals("no colon in header line 'Garbage'", e.getMessage());
        assertEquals(400, e.code());
    }

    @Test
    void emptyNameIsRejected() {
        HTTPInputError e = assertThrows(HTTPInputError.class, () -> HTTPHeaders.parse(": value\r\n"));
        assertEquals("empty header name in header line ': value'", e.getMessage());
    }

    @Test
    void whitespaceBeforeColonIsRejected() {
        HTTPInputError e = assertThrows(HTTPInputError.class, () -> HTTPHeaders.parse("Transfer-Encoding : chunked\r\n"));
        assertEquals("whitespace between header name and colon in header line 'Transfer-Encoding : chunked'", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Bad Name: x|invalid character ' ' in header name 'Bad Name'",
            "Bad(Name): x|invalid character '(' in header name 'Bad(Name)'",
            "Bad/Name: x|invalid character '/' in header name 'Bad/Name'",
            "Caf\u00e9: x|invalid character '\\xe9' in header name 'Caf\\xe9'",
    })
    void nameMustBeAToken(String line, String start) {
        HTTPInputError e = assertThrows(HTTPInputError.class, () -> HTTPHeaders.parse(line + "\r\n"));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    @Test
    void controlCharactersInValuesAreRejected() {
        HTTPInputError e = assertThrows(HTTPInputError.class, () -> HTTPHeaders.parse("X: a\rb\r\n"));
        assertEquals("header value contains a bare CR in header line 'X: a\\rb'", e.getMessage());
        e = assertThrows(HTTPInputError.class, () -> HTTPHeaders.parse("X: a\0b\r\n"));
        assertEquals("header value contains a NUL in header line 'X: a\\x00b'", e.getMessage());
        e = assertThrows(HTTPInputError.class, () -> HTTPHeaders.parse("X: a\u0001b\r\n"));
        assertTrue(e.getMessage().startsWith("header value contains control character 0x01"), e.getMessage());
        e = assertThrows(HTTPInputError.class, () -> HTTPHeaders.parse("X: a\u007fb\r\n"));
        assertTrue(e.getMessage().startsWith("header value contains control character 0x7f"), e.getMessage());
        // A CR that is not followed by LF at the end of the last line is a bare CR too.
        assertThrows(HTTPInputError.class, () -> HTTPHeaders.parse("X: a\r"));
        // ... and in a continuation line.
        assertThrows(HTTPInputError.class, () -> HTTPHeaders.parse("X: a\r\n b\0\r\n"));
    }

    @Test
    void tabAndHighBytesAreAllowedInValues() {
        // ISO-8859-1 decoding maps bytes 0x80-0xFF to these chars; they are obs-text, allowed.
        HTTPHeaders h = HTTPHeaders.parse("X: a\tb \u00e9\u00ff\r\n");
        assertEquals("a\tb \u00e9\u00ff", h.get("X"));
    }

    @Test
    void addCannotForgeALine() {
        HTTPHeaders h = new HTTPHeaders();
        HTTPInputError e = assertThrows(HTTPInputError.class, () -> h.add("X-Evil", "a\r\nSet-Cookie: pwned=1"));
        assertEquals("header value contains a bare CR in value 'a\\r\\nSet-Cookie: pwned=1'", e.getMessage());
        assertThrows(HTTPInputError.class, () -> h.set("X-Evil", "a\nb"));
        assertThrows(HTTPInputError.class, () -> h.add("X Evil", "a"));
        assertThrows(HTTPInputError.class, () -> h.set("", "a"));
        assertTrue(h.isEmpty());
    }

    @Test
    void setReplacesAddAppendsRemoveDeletes() {
        HTTPHeaders h = new HTTPHeaders();
        h.add("x-a", "1");
        h.add("X-A", "2");
        assertEquals("1,2", h.get("x-a"));
        h.set("X-a", "3");
        assertEquals(List.of("3"), h.getList("x-a"));
        assertTrue(h.contains("X-A"));
        assertTrue(h.remove("x-A"));
        assertFalse(h.contains("x-a"));
        assertFalse(h.remove("x-a"));
        assertNull(h.get("x-a"));
        assertEquals("dflt", h.get("x-a", "dflt"));
        assertEquals(List.of(), h.getList("x-a"));
    }

    /**
     * The pairs live in two arrays that start with room for eight and double when full. Past
     * eight (and past sixteen), every pair must still be there, in place, with its own value:
     * a new name at the end, another value of an early name right after that name's last one.
     */
    @Test
    void morePairsThanTheFirstArraysHoldKeepTheirOrderAndValues() {
        HTTPHeaders h = new HTTPHeaders();
        List<Map.Entry<String, String>> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            h.add("X-" + i, "v" + i);
            expected.add(Map.entry("X-" + i, "v" + i));
        }
        // Values of early names added once the arrays have grown twice: each goes in after its
        // name's last value, which moves every later pair one place along.
        h.add("x-1", "w1");
        expected.add(2, Map.entry("X-1", "w1"));
        h.add("X-1", "z1");
        expected.add(3, Map.entry("X-1", "z1"));
        h.add("x-7", "w7");
        expected.add(10, Map.entry("X-7", "w7"));
        assertEquals(expected, h.getAll());
        assertEquals(20, h.size());
        assertEquals("v1,w1,z1", h.get("X-1"));
        assertEquals(List.of("v7", "w7"), h.getList("X-7"));
        assertEquals("v19", h.get("X-19"));
        // A copy taken past the first growth is whole and independent.
        HTTPHeaders c = new HTTPHeaders(h);
        c.add("X-0", "w0");
        assertEquals(expected, h.getAll());
        assertEquals(List.of("v0", "w0"), c.getList("X-0"));
        // A parsed block of as many lines gives the same pairs.
        assertEquals(expected, HTTPHeaders.parse(h.toString()).getAll());
    }

    /**
     * Removing a name from the middle closes the gap: the names after it keep their order and
     * each keeps all its values, and the headers go on working as if the name had never been.
     */
    @Test
    void removingANameFromTheMiddleKeepsTheRestInOrder() {
        HTTPHeaders h = HTTPHeaders.parse("A: 1\r\nB: 2\r\nC: 3\r\nB: 4\r\nD: 5\r\nC: 6\r\nE: 7\r\n");
        assertEquals(List.of(Map.entry("A", "1"), Map.entry("B", "2"), Map.entry("B", "4"), Map.entry("C", "3"),
                Map.entry("C", "6"), Map.entry("D", "5"), Map.entry("E", "7")), h.getAll());
        assertTrue(h.remove("b"));
        assertEquals(List.of(Map.entry("A", "1"), Map.entry("C", "3"), Map.entry("C", "6"), Map.entry("D", "5"),
                Map.entry("E", "7")), h.getAll());
        assertEquals(List.of("3", "6"), h.getList("C"));
        assertNull(h.get("B"));
        assertEquals(4, h.size());
        // Another multi-valued name from the middle, then a single one.
        assertTrue(h.remove("C"));
        assertTrue(h.remove("D"));
        assertEquals(List.of(Map.entry("A", "1"), Map.entry("E", "7")), h.getAll());
        assertEquals("A: 1\r\nE: 7\r\n", h.toString());
        // What comes after a removal lands where it should: a removed name comes back at the end,
        // a value of a name still there right after its last one.
        h.add("B", "8");
        h.add("A", "9");
        assertEquals(List.of(Map.entry("A", "1"), Map.entry("A", "9"), Map.entry("E", "7"), Map.entry("B", "8")), h.getAll());
        // set on a multi-valued name in the middle keeps its place and drops its other values.
        h.set("a", "10");
        assertEquals(List.of(Map.entry("A", "10"), Map.entry("E", "7"), Map.entry("B", "8")), h.getAll());
    }

    /**
     * The connection hands {@code parseStrict} its whole head and where the start line ends, so
     * that the block is never copied out: nothing before {@code from} may be read as a header
     * (the start line has no colon and would be a 400), looked at for a bare LF, or quoted.
     */
    @Test
    void parseStrictStartsAtItsOffset() {
        String head = "GET /a\nb HTTP/1.1\r\nHost: a\r\nX: b\r\nX: c\r\n\r\n";
        int eol = head.indexOf("\r\n");
        HTTPHeaders h = HTTPHeaders.parseStrict(head, eol);
        assertEquals(List.of(Map.entry("Host", "a"), Map.entry("X", "b"), Map.entry("X", "c")), h.getAll());
        // From the line after the first header, only the rest is read.
        assertEquals(List.of(Map.entry("X", "b"), Map.entry("X", "c")),
                HTTPHeaders.parseStrict(head, head.indexOf("\r\nX:")).getAll());
        // An error names the bad line, found from the offset on, not an earlier one.
        String bad = "GET / HTTP/1.1\r\nHost: a\r\nBroken\r\n\r\n";
        HTTPInputError e = assertThrows(HTTPInputError.class, () -> HTTPHeaders.parseStrict(bad, bad.indexOf("\r\n")));
        assertEquals("no colon in header line 'Broken'", e.getMessage());
    }

    @Test
    void getListIsUnmodifiable() {
        HTTPHeaders h = HTTPHeaders.parse("X: 1\r\n");
        assertThrows(UnsupportedOperationException.class, () -> h.getList("X").add("2"));
    }

    @Test
    void copyIsIndependent() {
        HTTPHeaders h = HTTPHeaders.parse("X: 1\r\n");
        HTTPHeaders c = new HTTPHeaders(h);
        c.add("X", "2");
        c.add("Y", "3");
        assertEquals("1", h.get("X"));
        assertFalse(h.contains("Y"));
        assertEquals("1,2", c.get("X"));
    }

    @Test
    void toStringIsWireFormatInInsertionOrder() {
        HTTPHeaders h = new HTTPHeaders();
        h.add("content-type", "text/plain");
        h.add("set-cookie", "a=1");
        h.add("Content-Length", "5");
        h.add("Set-Cookie", "b=2");
        assertEquals("Content-Type: text/plain\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length: 5\r\n", h.toString());
        // and it parses back to the same pairs
        assertEquals(h.getAll(), HTTPHeaders.parse(h.toString()).getAll());
    }

    @Test
    void iterationGivesPairs() {
        HTTPHeaders h = HTTPHeaders.parse("A: 1\r\nB: 2\r\nA: 3\r\n");
        List<String> seen = new ArrayList<>();
        for (Map.Entry<String, String> e : h) seen.add(e.getKey() + "=" + e.getValue());
        assertEquals(List.of("A=1", "A=3", "B=2"), seen);
    }

    @ParameterizedTest
    @CsvSource({
            "content-type, Content-Type", "CONTENT-TYPE, Content-Type", "coNtent-TYPE, Content-Type",
            "x-forwarded-for, X-Forwarded-For", "etag, Etag", "WWW-Authenticate, Www-Authenticate",
            "a--b, A--B", "-x, -X", "host, Host", "x_y, X_y", "1a-b2, 1a-B2"
    })
    void normalizesLikeTornado(String in, String out) {
        assertEquals(out, HTTPHeaders.normalizeName(in));
    }

    @Test
    void alreadyNormalizedNamesAreReturnedAsIs() {
        String name = "Content-Length";
        assertSame(name, HTTPHeaders.normalizeName(name));
    }

    // A lookup finds a name exactly when the two normalize alike (they are compared without
    // normalizing the one asked for), so the same pairs as above must find each other, and a
    // name that only a Unicode case rule would fold onto a stored one must not.
    @ParameterizedTest
    @CsvSource({
            "content-type, Content-Type", "CONTENT-TYPE, Content-Type", "coNtent-TYPE, Content-Type",
            "x-forwarded-for, X-Forwarded-For", "a--b, A--B", "-x, -X", "x_y, X_y", "1a-b2, 1a-B2"
    })
    void aLookupFindsEveryNameThatNormalizesAlike(String asked, String stored) {
        HTTPHeaders h = new HTTPHeaders();
        h.add(stored, "v");
        assertEquals("v", h.get(asked));
        assertTrue(h.contains(asked));
        assertEquals(List.of("v"), h.getList(asked));
        HTTPHeaders back = new HTTPHeaders();
        back.add(asked, "w");
        assertEquals("w", back.get(stored));
        assertTrue(back.remove(stored));
        assertFalse(back.contains(asked));
    }

    @Test
    void aLookupFoldsTheCaseOfAsciiLettersOnly() {
        HTTPHeaders h = HTTPHeaders.parse("Host: a\r\nX-Id: b\r\nA-B: c\r\nA^B: d\r\n");
        // U+017F (long s) upper-cases to S and U+0130 (dotted capital I) lower-cases to i, so
        // String.equalsIgnoreCase would take these for Host and X-Id; normalizing does not.
        assertNull(h.get("Ho\u017Ft"));
        assertNull(h.get("X-\u0130d"));
        // Case is the only difference a lookup forgives: '-' and '_' are different names, and
        // so are '^' and '~', which differ by the very bit that tells a letter's two cases apart.
        assertNull(h.get("A_B"));
        assertNull(h.get("A~B"));
        assertEquals("d", h.get("a^b"));
        assertNull(h.get("Hos"));
        assertEquals("c", h.get("a-b"));
    }

    @Test
    void aResponseValueIsCheckedForBothRulesAndTheControlCharacterIsNamedFirst() {
        // Allowed: a tab, and every char up to U+00FF but the controls and DEL.
        assertEquals("a\tb \u00e9\u00ff~", HTTPHeaders.checkResponseValue("header ", "X", "a\tb \u00e9\u00ff~"));
        var del = assertThrows(IllegalArgumentException.class, () -> HTTPHeaders.checkResponseValue("header ", "X", "a\u007fb"));
        assertEquals("refusing header X: its value contains control character 0x7f at index 1", del.getMessage());
        var wide = assertThrows(IllegalArgumentException.class, () -> HTTPHeaders.checkResponseValue("header ", "X", "ab\u0100"));
        assertEquals("refusing header X: its value contains U+0100 at index 2, which header bytes (Latin-1, as Tornado "
                + "writes them) cannot carry", wide.getMessage());
        // A char Latin-1 cannot carry comes first here, but the CR after it is the worse mistake.
        var both = assertThrows(IllegalArgumentException.class, () -> HTTPHeaders.checkResponseValue("header ", "X", "\u0100a\r\nb"));
        assertEquals("refusing header X: its value contains a bare CR at index 2, which would start a new header line "
                + "(header injection)", both.getMessage());
    }

    @Test
    void normalizingIgnoresTheDefaultLocale() {
        java.util.Locale saved = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
            assertEquals("If-Modified-Since", HTTPHeaders.normalizeName("if-modified-since"));
            assertEquals("Ii", HTTPHeaders.normalizeName("II"));
        } finally {
            java.util.Locale.setDefault(saved);
        }
    }

    @Test
    void parseLineAcceptsItsLineEnding() {
        HTTPHeaders h = new HTTPHeaders();
        h.parseLine("A: 1\r\n");
        h.parseLine("B: 2\n");
        h.parseLine("");
        h.parseLine("\r\n");
        assertEquals("1", h.get("A"));
        assertEquals("2", h.get("B"));
        assertEquals(2, h.size());
    }

    @Test
    void hostileLongLineIsQuotedShortly() {
        String junk = "x".repeat(10_000);
        HTTPInputError e = assertThrows(HTTPInputError.class, () -> HTTPHeaders.parse(junk + "\r\n"));
        assertTrue(e.getMessage().length() < 120, e.getMessage());
        assertTrue(e.getMessage().endsWith("...'"), e.getMessage());
    }
}
