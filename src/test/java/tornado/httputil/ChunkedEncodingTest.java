package tornado.httputil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkedEncodingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0|0", "5|5", "a|10", "A|10", "ff|255", "FF|255", "1f4|500", "00000005|5",
            "7fffffffffffffff|9223372036854775807", "000000000000000f|15",
            "5;name|5", "5;name=value|5", "5 ; name = value|5", "5;a=1;b=2;c|5",
            "5;name=\"quoted ; value\"|5", "5;name=\"esc \\\" quote\"|5", "5\t;x|5", "0;last|0"
    })
    void valid(String line, long size) {
        assertEquals(size, ChunkedEncoding.parseChunkSize(line));
        assertEquals(size, ChunkedEncoding.parseChunkSize(line + "\r\n"));
    }

    @Test
    void bytesVersion() {
        byte[] b = "xx1A;ext\r\nyy".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(26, ChunkedEncoding.parseChunkSize(b, 2, 8));
    }

    @Test
    void emptyLine() {
        assertEquals("empty chunk-size line: expected the chunk's size in hex",
                assertThrows(HTTPInputError.class, () -> ChunkedEncoding.parseChunkSize("\r\n")).getMessage());
        assertThrows(HTTPInputError.class, () -> ChunkedEncoding.parseChunkSize(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "+5", " 5", "g", ";x", "0x10", "x"})
    void mustStartWithHexDigit(String line) {
        HTTPInputError e = assertThrows(HTTPInputError.class, () -> ChunkedEncoding.parseChunkSize(line));
        assertEquals(400, e.code());
        assertTrue(e.getMessage().startsWith("chunk size must start with a hex digit")
                || e.getMessage().startsWith("unexpected 'x' after chunk size"), e.getMessage());
    }

    @Test
    void prefix0xIsRejectedAtTheX() {
        assertEquals("unexpected 'x' after chunk size in '0x10'",
                assertThrows(HTTPInputError.class, () -> ChunkedEncoding.parseChunkSize("0x10")).getMessage());
    }

    @Test
    void tooManyDigits() {
        HTTPInputError e = assertThrows(HTTPInputError.class, () -> ChunkedEncoding.parseChunkSize("00000000000000001"));
        assertEquals("chunk size '00000000000000001' has more than 16 hex digits", e.getMessage());
        assertThrows(HTTPInputError.class, () -> ChunkedEncoding.parseChunkSize("1".repeat(1000)));
    }

    @Test
    void overflowingSize() {
        HTTPInputError e = assertThrows(HTTPInputError.class, () -> ChunkedEncoding.parseChunkSize("8000000000000000"));
        assertEquals("chunk size '8000000000000000' is too large; the limit is 7fffffffffffffff (hex)", e.getMessage());
        assertThrows(HTTPInputError.class, () -> ChunkedEncoding.parseChunkSize("ffffffffffffffff"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'5 '|trailing whitespace in chunk-size line '5 '",
            "5x|unexpected 'x' after chunk size in '5x'",
            "5;|chunk extension without a name in '5;'",
            "5;=v|chunk extension without a name in '5;=v'",
            "5;a=|chunk extension without a value after '=' in '5;a='",
            "5;a=\"open|unterminated or invalid quoted string in chunk extension '5;a=\"open'",
            "5;a b|unexpected 'b' after chunk size in '5;a b'",
            "5;a=b c|unexpected 'c' after chunk size in '5;a=b c'",
    })
    void badExtensions(String line, String message) {
        assertEquals(message, assertThrows(HTTPInputError.class, () -> ChunkedEncoding.parseChunkSize(line)).getMessage());
    }

    @Test
    void bareCrOrLfIsRejected() {
        assertThrows(HTTPInputError.class, () -> ChunkedEncoding.parseChunkSize("5\r"));
        assertThrows(HTTPInputError.class, () -> ChunkedEncoding.parseChunkSize("5\n"));
        assertThrows(HTTPInputError.class, () -> ChunkedEncoding.parseChunkSize("5\r\r\n"));
        assertThrows(HTTPInputError.class, () -> ChunkedEncoding.parseChunkSize("5;a=\"x\ry\""));
        assertThrows(HTTPInputError.class, () -> ChunkedEncoding.parseChunkSize("5\0"));
    }
}
