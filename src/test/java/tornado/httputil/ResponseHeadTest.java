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
    void onlyInformationalNoContentAndNotModifiedHaveNoBody() {
        for (int code : new int[] {100, 101, 103, 204, 304}) assertFalse(ResponseHead.bodyAllowed(code), "" + code);
        for (int code : new int[] {200, 201, 206, 301, 302, 400, 404, 500}) assertTrue(ResponseHead.bodyAllowed(code), "" + code);
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
