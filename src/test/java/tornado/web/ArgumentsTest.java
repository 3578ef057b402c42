package tornado.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static tornado.web.URLSpec.url;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The input side: getArgument and friends over query strings, urlencoded and multipart bodies;
 * a missing required argument is a 400 that names it.
 */
class ArgumentsTest extends tornado.testing.OnBothConnections {
    /** Answers with what the accessor named by ?show= returns for the argument "a". */
    public static class Show extends RequestHandler {
        @Override
        public void get(String... args) {
            show();
        }

        @Override
        public void post(String... args) {
            show();
        }

        private void show() {
            setHeader("Content-Type", "text/plain; charset=UTF-8");
            String what = getQueryArgument("show", "argument");
            write(switch (what) {
                case "argument" -> getArgument("a");
                case "default" -> String.valueOf(getArgument("a", null));
                case "arguments" -> getArguments("a").toString();
                case "query" -> getQueryArguments("a").toString();
                case "body" -> getBodyArguments("a").toString();
                case "query1" -> getQueryArgument("a");
                case "body1" -> getBodyArgument("a");
                default -> throw new HTTPError(400, "no such accessor %s", what);
            });
        }
    }

    private static AppServer serve() throws Exception {
        return new AppServer(new Application(List.of(url("/", Show.class))));
    }

    private static RawHttp.Response post(AppServer s, String query, String type, String body) throws Exception {
        return s.exchange(RawHttp.request("POST", "/" + query, Map.of("Content-Type", type),
                body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void queryArgumentsLastValueWinsAndValuesAreDecodedAndStripped() throws Exception {
        try (AppServer s = serve()) {
            assertEquals("two", s.get("/?a=one&a=two").text());
            assertEquals("caf\u00e9 au lait", s.get("/?a=+caf%C3%A9+au+lait+").text());
            assertEquals("[one, two]", s.get("/?show=arguments&a=one&a=two").text());
            // Control characters become spaces (then the value is stripped).
            assertEquals("x y", s.get("/?a=x%01y").text());
        }
    }

    @Test
    void aMissingRequiredArgumentIs400NamingIt() throws Exception {
        try (AppServer s = serve()) {
            RawHttp.Response r = s.get("/");
            assertEquals(400, r.status());
            assertEquals("Missing argument a", r.reason());
            assertEquals("<html><title>400: Missing argument a</title><body>400: Missing argument a</body></html>", r.text());
            assertEquals("null", s.get("/?show=default").text());
            assertEquals("[]", s.get("/?show=arguments").text());
        }
    }

    @Test
    void urlencodedBodyArguments() throws Exception {
        try (AppServer s = serve()) {
            String form = "application/x-www-form-urlencoded";
            assertEquals("from body", post(s, "", form, "a=from+body").text());
            // getArgument sees query and body together; the specific accessors keep them apart.
            assertEquals("[q, b]", post(s, "?show=arguments&a=q", form, "a=b").text());
            assertEquals("[q]", post(s, "?show=query&a=q", form, "a=b").text());
            assertEquals("[b]", post(s, "?show=body&a=q", form, "a=b").text());
            assertEquals(400, post(s, "?show=body1&a=q", form, "other=b").status());
            assertEquals(400, post(s, "?show=query1", form, "a=b").status());
        }
    }

    @Test
    void multipartBodyArguments() throws Exception {
        String body = "--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
                + "multi part\r\n"
                + "--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"f.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n"
                + "file content\r\n"
                + "--XyZ--\r\n";
        try (AppServer s = serve()) {
            assertEquals("multi part", post(s, "", "multipart/form-data; boundary=XyZ", body).text());
            assertEquals("[multi part]", post(s, "?show=body", "multipart/form-data; boundary=XyZ", body).text());
        }
    }

    /** Path arguments and pathKwargs, plus the raw request. */
    public static class PathAndRequest extends RequestHandler {
        @Override
        public void get(String... args) {
            write(String.join("|", args) + " " + pathKwargs() + " " + request().method() + " " + request().uri());
        }
    }

    @Test
    void pathArgumentsAndTheRequest() throws Exception {
        try (AppServer s = new AppServer(new Application(List.of(url("/(?<x>[a-z]+)/(?<y>[0-9]+)", PathAndRequest.class))))) {
            assertEquals("ab|12 {x=ab, y=12} GET /ab/12?q=1", s.get("/ab/12?q=1").text());
        }
    }
}
