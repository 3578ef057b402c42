package tornado.iostream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * The delimiter search of the read buffer: the end of the first of two delimiters, found again
 * when it straddles two arrivals, with the search resumed where it stopped.
 */
class ReadBufferTest {
    private static final byte[] LF_CRLF = {'\n', '\r', '\n'};
    private static final byte[] LF_LF = {'\n', '\n'};

    private static void add(ReadBuffer buffer, String text) {
        buffer.append(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static int endIn(String text) {
        ReadBuffer buffer = new ReadBuffer();
        add(buffer, text);
        return buffer.findEnd(LF_CRLF, LF_LF);
    }

    @Test
    void theFirstOfTwoDelimitersEndsTheSearch() {
        assertEquals("GET / HTTP/1.1\r\nHost: x\r\n\r\n".length(), endIn("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET"));
        assertEquals("GET / HTTP/1.1\nHost: x\n\n".length(), endIn("GET / HTTP/1.1\nHost: x\n\nGET"));
        assertEquals("a\n\n".length(), endIn("a\n\nb\n\r\n"));
        assertEquals("a\n\r\n".length(), endIn("a\n\r\nb\n\n"));
        assertEquals(-1, endIn("GET / HTTP/1.1\r\nHost: x\r\n"));
    }

    @Test
    void aDelimiterSplitAcrossArrivalsIsFoundOnceItIsWhole() {
        for (String[] pieces : new String[][] {{"Host: x\r\n\r", "\nrest"}, {"Host: x\r\n", "\r\n"}, {"Host: x\n", "\n"},
                {"Host: x", "\n", "\r", "\n"}}) {
            ReadBuffer buffer = new ReadBuffer();
            for (int i = 0; i < pieces.length - 1; i++) {
                add(buffer, pieces[i]);
                assertEquals(-1, buffer.findEnd(LF_CRLF, LF_LF), String.join("|", pieces));
            }
            add(buffer, pieces[pieces.length - 1]);
            String whole = String.join("", pieces);
            int expected = whole.indexOf('\n') + (whole.charAt(whole.indexOf('\n') + 1) == '\n' ? 2 : 3);
            assertEquals(expected, buffer.findEnd(LF_CRLF, LF_LF), String.join("|", pieces));
        }
    }

    @Test
    void oneDelimiterAloneIsTheUsualSearch() {
        ReadBuffer buffer = new ReadBuffer();
        add(buffer, "one\r");
        assertEquals(-1, buffer.findEnd(new byte[] {'\r', '\n'}, null));
        add(buffer, "\ntwo\r\n");
        assertEquals(5, buffer.findEnd(new byte[] {'\r', '\n'}, null));
    }
}
