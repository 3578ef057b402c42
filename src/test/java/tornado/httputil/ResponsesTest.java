package tornado.httputil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ResponsesTest {

    @Test
    void commonPhrases() {
        assertEquals("OK", Responses.responses(200));
        assertEquals("Not Found", Responses.responses(404));
        assertEquals("Bad Request", Responses.responses(400));
        assertEquals("Content Too Large", Responses.responses(413));
        assertEquals("Request Header Fields Too Large", Responses.responses(431));
        assertEquals("Not Implemented", Responses.responses(501));
        assertEquals("HTTP Version Not Supported", Responses.responses(505));
    }

    @Test
    void everyRfc9110StatusIsThere() {
        // RFC 9110 §15, all defined codes except 306 and 418 which it marks "(Unused)".
        List<Integer> rfc9110 = List.of(100, 101, 200, 201, 202, 203, 204, 205, 206, 300, 301, 302, 303, 304,
                305, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415,
                416, 417, 421, 422, 426, 500, 501, 502, 503, 504, 505);
        for (int code : rfc9110) assertTrue(Responses.all().containsKey(code), "missing " + code);
    }

    @Test
    void unknownCodes() {
        assertNull(Responses.responses(299));
        assertNull(Responses.responses(306));
        assertEquals("Unknown", Responses.reason(299));
        assertEquals("OK", Responses.reason(200));
    }

    @Test
    void phrasesAreSafeForAStatusLine() {
        for (var e : Responses.all().entrySet()) {
            assertTrue(e.getKey() >= 100 && e.getKey() <= 599);
            assertTrue(e.getValue().chars().allMatch(c -> c >= 0x20 && c < 0x7f), e.getValue());
        }
    }
}
