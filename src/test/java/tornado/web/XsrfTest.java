package tornado.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tornado.web.URLSpec.url;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The xsrf check with the xsrfCookies setting: every POST, PUT, PATCH and DELETE must carry the
 * _xsrf cookie's value as the _xsrf form field or the X-XSRFToken / X-CSRFToken header.
 */
class XsrfTest extends tornado.testing.OnBothConnections {
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";

    /** GET serves a form with the token; POST, PUT and DELETE say "ok". */
    public static class Form extends RequestHandler {
        @Override
        public void get(String... args) {
            write("<form method=post>" + xsrfFormHtml() + "</form>");
        }

        @Override
        public void post(String... args) {
            write("ok");
        }

        @Override
        public void put(String... args) {
            write("ok");
        }

        @Override
        public void delete(String... args) {
            write("ok");
        }
    }

    private static AppServer serve(boolean on) throws Exception {
        return new AppServer(new Application(List.of(url("/", Form.class)), new Settings().xsrfCookies(on)));
    }

    private static RawHttp.Response send(AppServer s, String method, String cookie, String header, String form) throws Exception {
        StringBuilder b = new StringBuilder(method + " / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n");
        if (cookie != null) b.append("Cookie: _xsrf=").append(cookie).append("\r\n");
        if (header != null) b.append(header).append("\r\n");
        byte[] body = form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
        b.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ").append(body.length).append("\r\n\r\n");
        if (form != null) b.append(form);
        return s.exchange(b.toString());
    }

    @Test
    void getSetsTheCookieAndTheFormCarriesTheSameToken() throws Exception {
        try (AppServer s = serve(true)) {
            RawHttp.Response r = s.get("/");
            assertEquals(200, r.status());
            String cookie = r.header("Set-Cookie");
            assertTrue(cookie.startsWith("_xsrf="), cookie);
            String token = cookie.substring(6, cookie.indexOf(';'));
            assertTrue(token.matches("[0-9a-f]{32}"), token);
            Element input = Jsoup.parse(r.text()).selectFirst("input[name=_xsrf]");
            assertEquals("hidden", input.attr("type"));
            assertEquals(token, input.attr("value"));
            // With the cookie already there, it is reused and not set again.
            RawHttp.Response again = s.exchange("GET / HTTP/1.1\r\nHost: x\r\nCookie: _xsrf=" + TOKEN
                    + "\r\nConnection: close\r\n\r\n");
            assertTrue(again.headers("Set-Cookie").isEmpty());
            assertEquals(TOKEN, Jsoup.parse(again.text()).selectFirst("input[name=_xsrf]").attr("value"));
        }
    }

    @Test
    void missingTokenIs403() throws Exception {
        try (AppServer s = serve(true)) {
            assertEquals(403, send(s, "POST", TOKEN, null, "a=1").status());
            assertEquals(403, send(s, "POST", null, null, "a=1").status());
            assertEquals(403, send(s, "DELETE", TOKEN, null, null).status());
            assertEquals(403, send(s, "PUT", TOKEN, null, "").status());
        }
    }

    @Test
    void wrongTokenIs403() throws Exception {
        try (AppServer s = serve(true)) {
            assertEquals(403, send(s, "POST", TOKEN, null, "_xsrf=" + TOKEN.replace('0', '1')).status());
            assertEquals(403, send(s, "POST", TOKEN, "X-XSRFToken: nope", null).status());
            // A token without the cookie it should match.
            assertEquals(403, send(s, "POST", null, null, "_xsrf=" + TOKEN).status());
        }
    }

    @Test
    void theFormFieldOrEitherHeaderPasses() throws Exception {
        try (AppServer s = serve(true)) {
            assertEquals("ok", send(s, "POST", TOKEN, null, "_xsrf=" + TOKEN).text());
            assertEquals("ok", send(s, "POST", TOKEN, "X-XSRFToken: " + TOKEN, null).text());
            assertEquals("ok", send(s, "DELETE", TOKEN, "X-CSRFToken: " + TOKEN, null).text());
            assertEquals("ok", send(s, "PUT", TOKEN, "x-xsrftoken: " + TOKEN, "").text());
        }
    }

    @Test
    void withTheSettingOffNothingIsChecked() throws Exception {
        try (AppServer s = serve(false)) {
            assertEquals("ok", send(s, "POST", null, null, "a=1").text());
        }
    }

    @Test
    void aPostToAMissingPageIs404Not403() throws Exception {
        try (AppServer s = serve(true)) {
            assertEquals(404, s.exchange(RawHttp.request("POST", "/missing", Map.of(), new byte[0])).status());
        }
    }
}
