package tornado.httputil;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BodyArgumentsTest {

    private Map<String, List<String>> args;
    private Map<String, List<HTTPFile>> files;

    @BeforeEach
    void fresh() {
        args = new LinkedHashMap<>();
        files = new LinkedHashMap<>();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    @Test
    void urlencodedAppendsToExistingArguments() {
        args.put("a", new java.util.ArrayList<>(List.of("from-query")));
        BodyArguments.parseBodyArguments("application/x-www-form-urlencoded", ascii("a=1&b=x+y&c=%E2%82%AC"), args, files);
        assertEquals(Map.of("a", List.of("from-query", "1"), "b", List.of("x y"), "c", List.of("\u20ac")), args);
        assertEquals(Map.of(), files);
    }

    @Test
    void urlencodedWithCharsetParameterAndOddCase() {
        BodyArguments.parseBodyArguments("Application/X-WWW-Form-Urlencoded; charset=UTF-8", ascii("k=v"), args, files);
        assertEquals(Map.of("k", List.of("v")), args);
    }

    @Test
    void otherTypesAreLeftAlone() {
        BodyArguments.parseBodyArguments("application/json", ascii("{\"a\":1}"), args, files);
        BodyArguments.parseBodyArguments("", ascii("a=1"), args, files);
        BodyArguments.parseBodyArguments(null, ascii("a=1"), args, files);
        BodyArguments.parseBodyArguments("text/plain", ascii("a=1"), args, files);
        assertEquals(Map.of(), args);
    }

    @Test
    void contentEncodingOnAFormIs415() {
        HTTPHeaders h = HTTPHeaders.parse("Content-Encoding: gzip\r\n");
        HTTPInputError e = assertThrows(HTTPInputError.class, () ->
                BodyArguments.parseBodyArguments("application/x-www-form-urlencoded", ascii("a=1"), args, files, h));
        assertEquals(415, e.code());
        assertEquals("unsupported Content-Encoding 'gzip' on a application/x-www-form-urlencoded body", e.getMessage());
        // Not a form: not our business.
        BodyArguments.parseBodyArguments("application/octet-stream", ascii("x"), args, files, h);
    }

    // A browser-shaped multipart body: a text field, a binary file holding every byte value and
    // the tricky sequences (CRLF, "--", a near-boundary), and a second value for the text field.
    private static final String B = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

    private static byte[] binaryPayload() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 256; i++) out.write(i);
        out.writeBytes(ascii("\r\n--" + B.substring(0, 20) + "\r\n\r\n--\r\n"));
        for (int i = 255; i >= 0; i--) out.write(i);
        return out.toByteArray();
    }

    private static byte[] browserBody(byte[] payload) {
        return concat(
                ascii("--" + B + "\r\n"),
                ascii("Content-Disposition: form-data; name=\"title\"\r\n\r\n"),
                "caf\u00e9 \u20ac".getBytes(StandardCharsets.UTF_8),
                ascii("\r\n--" + B + "\r\n"),
                ascii("Content-Disposition: form-data; name=\"upload\"; filename=\"data.bin\"\r\n"),
                ascii("Content-Type: application/octet-stream\r\n\r\n"),
                payload,
                ascii("\r\n--" + B + "\r\n"),
                ascii("Content-Disposition: form-data; name=\"title\"\r\n\r\n"),
                ascii("second"),
                ascii("\r\n--" + B + "--\r\n"));
    }

    @Test
    void multipartWithABinaryFileKeepsEveryByte() {
        byte[] payload = binaryPayload();
        BodyArguments.parseBodyArguments("multipart/form-data; boundary=" + B, browserBody(payload), args, files);
        assertEquals(Map.of("title", List.of("caf\u00e9 \u20ac", "second")), args);
        assertEquals(1, files.get("upload").size());
        HTTPFile f = files.get("upload").get(0);
        assertEquals("data.bin", f.filename());
        assertEquals("application/octet-stream", f.contentType());
        assertArrayEquals(payload, f.body());
        assertEquals(new HTTPFile("data.bin", "application/octet-stream", payload.clone()), f);
        assertEquals("HTTPFile[filename=data.bin, contentType=application/octet-stream, " + payload.length + " bytes]", f.toString());
    }

    @Test
    void quotedBoundaryPreambleEpilogueAndPadding() {
        byte[] body = concat(
                ascii("This is the preamble; ignore it.\r\n"),
                ascii("--simple\t \r\n"),
                ascii("Content-Disposition: form-data; name=a\r\n\r\n1"),
                ascii("\r\n--simple--"),
                ascii("\r\nThis is the epilogue."));
        BodyArguments.parseBodyArguments("multipart/form-data; boundary=\"simple\"", body, args, files);
        assertEquals(Map.of("a", List.of("1")), args);
        // The boundary may also be passed quoted straight to parseMultipartFormData.
        fresh();
        BodyArguments.parseMultipartFormData("\"simple\"", body, args, files);
        assertEquals(Map.of("a", List.of("1")), args);
    }

    @Test
    void fileWithoutContentTypeAndSeveralFilesUnderOneName() {
        byte[] body = ascii("--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n\r\nA\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"b.txt\"\r\nContent-Type: text/plain\r\n\r\nB\r\n"
                + "--b--\r\n");
        BodyArguments.parseMultipartFormData("b", body, args, files);
        List<HTTPFile> f = files.get("f");
        assertEquals(2, f.size());
        assertEquals(new HTTPFile("a.txt", "application/unknown", ascii("A")), f.get(0));
        assertEquals(new HTTPFile("b.txt", "text/plain", ascii("B")), f.get(1));
    }

    @Test
    void emptyFilenameIsAnArgumentAndEmptyValuesWork() {
        byte[] body = ascii("--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"e\"\r\n\r\n\r\n--b--");
        BodyArguments.parseMultipartFormData("b", body, args, files);
        assertEquals(Map.of("f", List.of(""), "e", List.of("")), args);
        assertEquals(Map.of(), files);
    }

    @Test
    void nonAsciiFilenames() {
        byte[] body = concat(ascii("--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\""),
                "r\u00e9sum\u00e9.pdf".getBytes(StandardCharsets.UTF_8),
                ascii("\"\r\n\r\nX\r\n--b\r\nContent-Disposition: form-data; name=\"g\"; filename*=UTF-8''%E2%82%AC.txt\r\n\r\nY\r\n--b--"));
        BodyArguments.parseMultipartFormData("b", body, args, files);
        assertEquals("r\u00e9sum\u00e9.pdf", files.get("f").get(0).filename());
        assertEquals("\u20ac.txt", files.get("g").get(0).filename());
    }

    @Test
    void noPartsAtAll() {
        BodyArguments.parseMultipartFormData("b", ascii("--b--\r\n"), args, files);
        assertEquals(Map.of(), args);
    }

    private HTTPInputError malformed(String body) {
        return assertThrows(HTTPInputError.class, () -> BodyArguments.parseMultipartFormData("b", ascii(body), args, files));
    }

    @Test
    void malformedMultipartIsA400NamingThePart() {
        assertEquals("multipart body has no opening boundary --b", malformed("nothing here").getMessage());
        assertEquals("multipart body ends without the final boundary --b--",
                malformed("--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1").getMessage());
        assertEquals("multipart body ends without the final boundary --b--", malformed("--b").getMessage());
        assertEquals("multipart boundary line is not followed by CRLF", malformed("--bx\r\n--b--").getMessage());
        assertEquals("multipart part 1 has no blank line after its headers",
                malformed("--b\r\nContent-Disposition: form-data; name=a\r\n--b--").getMessage());
        assertEquals("multipart part 1 has no Content-Disposition header",
                malformed("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--").getMessage());
        assertEquals("multipart part 1 has no Content-Disposition header", malformed("--b\r\n\r\nx\r\n--b--").getMessage());
        assertEquals("multipart part 2 has Content-Disposition 'attachment', not form-data",
                malformed("--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n"
                        + "--b\r\nContent-Disposition: attachment; name=x\r\n\r\n2\r\n--b--").getMessage());
        assertEquals("multipart part 1 has no name in its Content-Disposition",
                malformed("--b\r\nContent-Disposition: form-data; filename=a\r\n\r\n1\r\n--b--").getMessage());
        assertEquals("multipart part 1: no colon in header line 'garbage'",
                malformed("--b\r\ngarbage\r\n\r\n1\r\n--b--").getMessage());
        assertEquals(400, malformed("--b\r\n\r\n--b--").code());
    }

    @Test
    void boundaryLimits() {
        HTTPInputError e = assertThrows(HTTPInputError.class,
                () -> BodyArguments.parseMultipartFormData("x".repeat(71), ascii("--x--"), args, files));
        assertEquals("multipart boundary must be 1 to 70 characters, got 71", e.getMessage());
        assertThrows(HTTPInputError.class, () -> BodyArguments.parseMultipartFormData("\"\"", ascii("----"), args, files));
        e = assertThrows(HTTPInputError.class,
                () -> BodyArguments.parseBodyArguments("multipart/form-data", ascii("--b--"), args, files));
        assertEquals("multipart/form-data without a boundary parameter in Content-Type 'multipart/form-data'", e.getMessage());
        assertThrows(HTTPInputError.class,
                () -> BodyArguments.parseBodyArguments("multipart/form-data; boundary=", ascii("--b--"), args, files));
    }

    @Test
    void hostileBodyIsParsedInLinearTime() {
        // 8 MiB of near-misses: CR LF "--" and most of the boundary, over and over, inside one
        // file. A parser that rescans from each candidate, or splits and rejoins, takes far longer.
        String boundary = "x".repeat(70);
        byte[] nearMiss = ascii("\r\n--" + "x".repeat(69) + "y");
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        while (payload.size() < 8 << 20) payload.writeBytes(nearMiss);
        byte[] body = concat(ascii("--" + boundary + "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"big\"\r\n\r\n"),
                payload.toByteArray(), ascii("\r\n--" + boundary + "--\r\n"));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                BodyArguments.parseBodyArguments("multipart/form-data; boundary=" + boundary, body, args, files));
        assertEquals(payload.size(), files.get("f").get(0).body().length);
    }

    @Test
    void manySmallPartsAreFine() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20_000; i++) b.append("--b\r\nContent-Disposition: form-data; name=\"n\"\r\n\r\n").append(i).append("\r\n");
        b.append("--b--");
        byte[] body = ascii(b.toString());
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> BodyArguments.parseMultipartFormData("b", body, args, files));
        assertEquals(20_000, args.get("n").size());
        assertEquals("19999", args.get("n").get(19_999));
        assertTrue(files.isEmpty());
    }
}
