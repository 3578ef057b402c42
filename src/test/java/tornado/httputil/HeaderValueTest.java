package tornado.httputil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HeaderValueTest {

    @Test
    void contentTypeWithBoundary() {
        HeaderValue v = HeaderValue.parse("multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW");
        assertEquals("multipart/form-data", v.value());
        assertEquals("----WebKitFormBoundary7MA4YWxkTrZu0gW", v.param("boundary"));
        assertEquals("----WebKitFormBoundary7MA4YWxkTrZu0gW", v.param("BOUNDARY"));
    }

    @Test
    void quotedValuesWithSemicolonsAndEscapes() {
        HeaderValue v = HeaderValue.parse("form-data; name=\"a;b\"; filename=\"x \\\"y\\\" \\\\z.txt\"");
        assertEquals("form-data", v.value());
        assertEquals("a;b", v.param("name"));
        assertEquals("x \"y\" \\z.txt", v.param("filename"));
    }

    @Test
    void namesAreLowerCasedValuesKeepCase() {
        HeaderValue v = HeaderValue.parse("Form-Data; NAME=Field; Other = \"Spaced Out\" ");
        assertEquals("Form-Data", v.value());
        assertEquals(List.of("name", "other"), new ArrayList<>(v.params().keySet()));
        assertEquals("Field", v.param("name"));
        assertEquals("Spaced Out", v.param("other"));
    }

    @Test
    void extendedNotationWinsWhicheverComesFirst() {
        HeaderValue v = HeaderValue.parse("form-data; filename*=UTF-8''%E2%82%AC%20rates.txt; filename=\"EUR rates.txt\"; name=f");
        assertEquals("\u20ac rates.txt", v.param("filename"));
        HeaderValue w = HeaderValue.parse("attachment; filename=\"plain.txt\"; filename*=utf-8'en'T%C3%A4st.txt");
        assertEquals("T\u00e4st.txt", w.param("filename"));
        HeaderValue latin = HeaderValue.parse("attachment; filename*=iso-8859-1''%E9t%E9.txt");
        assertEquals("\u00e9t\u00e9.txt", latin.param("filename"));
        HeaderValue unknown = HeaderValue.parse("attachment; filename*=no-such-charset''%C3%A9");
        assertEquals("\u00e9", unknown.param("filename"));
        // Not in the charset'lang'value form: kept as an ordinary parameter under its own name.
        HeaderValue odd = HeaderValue.parse("attachment; title*=plain");
        assertEquals("plain", odd.param("title*"));
    }

    @Test
    void valuelessParametersAreSkippedAndMissingOnesAreNull() {
        HeaderValue v = HeaderValue.parse("text/html; charset=utf-8; flag");
        assertEquals(Map.of("charset", "utf-8"), v.params());
        assertNull(v.param("missing"));
        assertEquals("", HeaderValue.parse("").value());
        assertEquals(Map.of(), HeaderValue.parse("text/plain").params());
    }
}
