package tornado.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tornado.web.URLSpec.url;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import tornado.httputil.HttpDates;
import tornado.testing.LogCapture;

/** Cookies in and out: getCookie, setCookie with every attribute, refused values, clearing, signed cookies. */
class CookiesTest extends tornado.testing.OnBothConnections {
    private static AppServer serve(Settings settings, Consumer<RequestHandler> body) throws Exception {
        return new AppServer(new Application(List.of(url("/", OutputTest.Lambda.class, Map.of("body", body))), settings));
    }

    private static AppServer serve(Consumer<RequestHandler> body) throws Exception {
        return serve(new Settings(), body);
    }

    private static RawHttp.Response withCookie(AppServer s, String cookie) throws Exception {
        return s.exchange("GET / HTTP/1.1\r\nHost: x\r\nCookie: " + cookie + "\r\nConnection: close\r\n\r\n");
    }

    @Test
    void getCookieReadsTheRequestsCookies() throws Exception {
        try (AppServer s = serve(h -> h.write(h.getCookie("a") + " " + h.getCookie("missing", "none") + " " + h.cookies().size()))) {
            assertEquals("1 none 2", withCookie(s, "a=1; b=2").text());
        }
    }

    @Test
    void setCookieWithEveryAttribute() throws Exception {
        Instant expires = Instant.ofEpochSecond(2_000_000_000L);
        try (AppServer s = serve(h -> {
            h.setCookie("plain", "v");
            h.setCookie("full", "w", new CookieOptions().domain("example.com").path("/app").expires(expires)
                    .maxAge(Duration.ofHours(1)).httpOnly().secure().sameSite("Lax"));
            h.setCookie("replaced", "first");
            h.setCookie("replaced", "second");
        })) {
            List<String> set = s.get("/").headers("Set-Cookie");
            assertEquals(List.of(
                    "plain=v; Path=/",
                    "full=w; Domain=example.com; expires=" + HttpDates.formatTimestamp(expires)
                            + "; Path=/app; Max-Age=3600; HttpOnly; Secure; SameSite=Lax",
                    "replaced=second; Path=/"), set);
        }
    }

    @Test
    void expiresDaysIsFromNow() throws Exception {
        try (AppServer s = serve(h -> h.setCookie("c", "v", new CookieOptions().expiresDays(2)))) {
            String cookie = s.get("/").header("Set-Cookie");
            String date = cookie.substring(cookie.indexOf("expires=") + 8, cookie.indexOf("; Path"));
            long delta = HttpDates.parseHttpDate(date).orElseThrow().getEpochSecond() - Instant.now().getEpochSecond();
            assertTrue(Math.abs(delta - 2 * 86_400) < 60, cookie);
        }
    }

    @Test
    void valuesThatWouldBreakTheHeaderAreRefused() throws Exception {
        for (String bad : new String[] {"a\r\nSet-Cookie: admin=1", "a\nb", "a;b", "a,b", "a b", "a\"b"}) {
            LogCapture log = LogCapture.on("tornado.application");
            try (AppServer s = serve(h -> h.setCookie("c", bad))) {
                RawHttp.Response r = s.get("/");
                assertEquals(500, r.status(), bad);
                assertTrue(r.headers("Set-Cookie").isEmpty(), bad);
                assertTrue(log.thrown().stream().anyMatch(e -> e instanceof IllegalArgumentException
                        && e.getMessage().contains("invalid cookie value of cookie c")), log.messages().toString());
            } finally {
                log.remove();
            }
        }
        try (AppServer s = serve(h -> h.setCookie("a=b", "v"))) {
            assertEquals(500, s.get("/").status());
        }
        try (AppServer s = serve(h -> h.setCookie("c", "v", new CookieOptions().path("/; Domain=evil.com")))) {
            assertEquals(500, s.get("/").status());
        }
    }

    @Test
    void clearCookieExpiresItInThePast() throws Exception {
        try (AppServer s = serve(h -> h.clearCookie("gone"))) {
            String cookie = s.get("/").header("Set-Cookie");
            assertTrue(cookie.startsWith("gone=; expires="), cookie);
            assertTrue(cookie.contains("Max-Age=0"), cookie);
            String date = cookie.substring(cookie.indexOf("expires=") + 8, cookie.indexOf("; Path"));
            assertTrue(HttpDates.parseHttpDate(date).orElseThrow().isBefore(Instant.now()));
        }
        try (AppServer s = serve(RequestHandler::clearAllCookies)) {
            List<String> set = withCookie(s, "a=1; b=2").headers("Set-Cookie");
            assertEquals(2, set.size());
            assertTrue(set.get(0).startsWith("a=;") && set.get(1).startsWith("b=;"), set.toString());
        }
    }

    @Test
    void secureCookiesRoundTripAndTamperedOnesReadAsNull() throws Exception {
        Settings settings = new Settings().cookieSecret("0123456789abcdef0123456789abcdef");
        try (AppServer s = serve(settings, h -> {
            if (h.getArgument("set", null) != null) h.setSecureCookie("user", "ada lovelace");
            else h.write(String.valueOf(h.getSecureCookie("user")));
        })) {
            String setCookie = s.get("/?set=1").header("Set-Cookie");
            assertTrue(setCookie.contains("expires="), "30 days by default: " + setCookie);
            String value = setCookie.substring("user=".length(), setCookie.indexOf(';'));
            assertEquals("ada lovelace", withCookie(s, "user=" + value).text());

            // The same signed value with another name of the same length in it: the signature no
            // longer checks. ("ada lovelace" and "eve lovelace" in base64.)
            assertTrue(value.contains("YWRhIGxvdmVsYWNl"), value);
            String forged = value.replace("YWRhIGxvdmVsYWNl", "ZXZlIGxvdmVsYWNl");
            assertEquals("null", withCookie(s, "user=" + forged).text());
            assertEquals("null", withCookie(s, "user=ada").text());
            assertEquals("null", s.get("/").text());
        }
    }

    @Test
    void expiredSecureCookiesReadAsNull() throws Exception {
        String secret = "0123456789abcdef0123456789abcdef";
        long old = Instant.now().getEpochSecond() - 40 * 86_400L;
        String stale = SignedValues.create(secret, "user", "ada".getBytes(), old);
        try (AppServer s = serve(new Settings().cookieSecret(secret), h -> h.write(
                h.getSecureCookie("user") + " " + h.getSecureCookie("user", 50)))) {
            assertEquals("null ada", withCookie(s, "user=" + stale).text());
        }
    }

    /** Tornado 4.2's key versions: sign with the current secret, still read the older one's cookies. */
    @Test
    void secureCookiesWithKeyVersionsReadOldSecretsAndSignWithTheCurrentOne() throws Exception {
        Map<Integer, String> keys = Map.of(1, "the secret we used to have", 2, "the secret we have now");
        String old = SignedValues.create(keys, 1, "user", "ada".getBytes(), Instant.now().getEpochSecond());
        try (AppServer s = serve(new Settings().cookieSecrets(keys, 2), h -> {
            if (h.getArgument("set", null) != null) h.setSecureCookie("user", "grace");
            else h.write(h.getSecureCookie("user") + " " + h.getSecureCookieKeyVersion("user"));
        })) {
            assertEquals("ada 1", withCookie(s, "user=" + old).text());
            String setCookie = s.get("/?set=1").header("Set-Cookie");
            String value = setCookie.substring("user=".length(), setCookie.indexOf(';'));
            assertTrue(value.startsWith("2|1:2|"), value);
            assertEquals("grace 2", withCookie(s, "user=" + value).text());
            // Signed under a key version the application does not have: absent.
            String stranger = SignedValues.create(Map.of(3, "someone else's"), 3, "user", "eve".getBytes(), Instant.now().getEpochSecond());
            assertEquals("null 3", withCookie(s, "user=" + stranger).text());
        }
    }

    @Test
    void secureCookiesWithoutASecretAreAClearError() throws Exception {
        LogCapture log = LogCapture.on("tornado.application");
        try (AppServer s = serve(h -> h.setSecureCookie("user", "x"))) {
            assertEquals(500, s.get("/").status());
            assertTrue(log.thrown().stream().anyMatch(e -> e.getMessage().contains("'cookieSecret' setting")));
        } finally {
            log.remove();
        }
    }
}
