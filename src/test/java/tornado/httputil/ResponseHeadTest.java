package tornado.httputil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The one builder of a response's status line and headers, on strings, without a server. */
class ResponseHeadTest {

    private static String head(int code, String reason, HTTPHeaders headers, List<String> cookies) {
        return new String(ResponseHead.format(code, reason, headers, cookies), StandardCharsets.UTF_8);
    }

    @Test
    void statusLineHeadersCookiesAndTheEmptyLine() {
        HTTPHeaders h = new HTTPHeaders();
        h.set("Content-Type", "text/plain");
        h.add("Vary", "Accept");
        h.add("Vary", "Cookie");
        assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nVary: Accept\r\nVary: Cookie\r\n"
                        + "Set-Cookie: a=1; Path=/\r\nSet-Cookie: b=2\r\n\r\n",
                head(200, null, h, List.of("a=1; Path=/", "b=2")));
    }

    @Test
    void theReasonIsTheStandardOneUnlessGiven() {
        assertEquals("HTTP/1.1 404 Not Found\r\n\r\n", head(404, null, new HTTPHeaders(), List.of()));
        assertEquals("HTTP/1.1 404 Nobody Here\r\n\r\n", head(404, "Nobody Here", new HTTPHeaders(), List.of()));
        assertEquals("HTTP/1.1 599 Unknown\r\n\r\n", head(599, null, new HTTPHeaders(), List.of()));
    }

    @Test
    void everyKnownCodeHasItsOwnPhraseAndACodeOutsideTheTableIsUnknown() {
        // The standard lines are made once, in a table by code; each must still be its own.
        Responses.all().forEach((code, phrase) ->
                assertEquals("HTTP/1.1 " + code + " " + phrase + "\r\n\r\n", head(code, null, new HTTPHeaders(), List.of())));
        assertEquals("HTTP/1.1 99 Unknown\r\n\r\n", head(99, null, new HTTPHeaders(), List.of()));
        assertEquals("HTTP/1.1 600 Unknown\r\n\r\n", head(600, null, new HTTPHeaders(), List.of()));
        assertEquals("HTTP/1.1 200 Fine\r\n\r\n", head(200, "Fine", new HTTPHeaders(), List.of()));
    }

    @Test
    void onlyInformationalNoContentAndNotModifiedHaveNoBody() {
        for (int code : new int[] {100, 101, 103, 204, 304}) assertFalse(ResponseHead.bodyAllowed(code), "" + code);
        for (int code : new int[] {200, 201, 206, 301, 302, 400, 404, 500}) assertTrue(ResponseHead.bodyAllowed(code), "" + code);
    }

    @Test
    void headerBytesAreLatin1AndACharLatin1CannotCarryIsWrittenAsAQuestionMark() {
        // HTTPHeaders.set takes a value with a char above U+00FF (RequestHandler's checks refuse
        // one, HTTPHeaders does not); HTTPHeaders notes it, and the head is encoded as text:
        // é is its one byte, € and the two halves of 😀 become '?', the body is copied as it is.
        HTTPHeaders h = new HTTPHeaders();
        h.set("X-Plain", "caf\u00e9");
        h.set("X-Wide", "5 \u20ac \ud83d\ude00");
        byte[] body = {1, 2, (byte) 0xff};
        byte[] expected = "HTTP/1.1 200 OK\r\nX-Plain: caf\u00e9\r\nX-Wide: 5 ? ?\r\n\r\n\u0001\u0002\u00ff"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(List.of(), diff(expected, ResponseHead.format(200, null, h, List.of(), body)));
        // After the wide value has gone, the same head as a Latin-1 one.
        h.remove("X-Wide");
        HTTPHeaders plain = new HTTPHeaders();
        plain.set("X-Plain", "caf\u00e9");
        assertEquals(List.of(), diff(ResponseHead.format(200, null, plain, List.of(), body),
                ResponseHead.format(200, null, h, List.of(), body)));
    }

    // The positions where two byte arrays differ, and a length mismatch, for a readable failure.
    private static List<String> diff(byte[] a, byte[] b) {
        List<String> out = new java.util.ArrayList<>();
        if (a.length != b.length) out.add("length " + a.length + " vs " + b.length);
        for (int i = 0; i < Math.min(a.length, b.length); i++) if (a[i] != b[i]) out.add(i + ": " + a[i] + " vs " + b[i]);
        return out;
    }

    @Test
    void aResponseValueWithALineBreakIsRefusedNamingWhatAndWhere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HTTPHeaders.checkResponseValue("header X-Name", "ok\r\nSet-Cookie: admin=1"));
        assertEquals("refusing header X-Name: its value contains a bare CR at index 2, which would start a new "
                + "header line (header injection)", e.getMessage());
        assertEquals("tab\tis fine", HTTPHeaders.checkResponseValue("header X", "tab\tis fine"));
        // The same rule refuses the same character in a header a client sends, as a 400.
        assertEquals(2, HTTPHeaders.invalidValueChar("ok\u0001"));
        assertThrows(HTTPInputError.class, () -> HTTPHeaders.parse("X: ok\u0001\r\n"));
    }
}
