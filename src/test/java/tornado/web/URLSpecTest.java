package tornado.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tornado.web.URLSpec.url;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** URLSpec without sockets: patterns, groups, handler factories and reversing. */
class URLSpecTest {

    public static class Plain extends RequestHandler {}

    /** Not static: needs an outer instance, so it has no constructor without arguments. */
    public class Inner extends RequestHandler {}

    public abstract static class Abstract extends RequestHandler {}

    @Test
    void groupsArePositionalOrNamedNeverBoth() {
        URLSpec positional = url("/([0-9]+)/([a-z]+)", Plain.class);
        assertEquals(2, positional.groupCount());
        assertEquals(List.of(), positional.groupNames());
        URLSpec named = url("/(?<b>[0-9]+)/(?<a>[a-z]+)", Plain.class);
        assertEquals(List.of("b", "a"), named.groupNames(), "pattern order, not alphabetical");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> url("/(?<a>[0-9]+)/([a-z]+)", Plain.class));
        assertTrue(e.getMessage().contains("all named or all positional"), e.getMessage());
    }

    @Test
    void badPatternsAndBadHandlerClassesFailWhenTheSpecIsMade() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> url("/([", Plain.class));
        assertTrue(bad.getMessage().contains("not a valid regular expression"), bad.getMessage());
        IllegalArgumentException inner = assertThrows(IllegalArgumentException.class, () -> url("/", Inner.class));
        assertTrue(inner.getMessage().contains("must be declared static"), inner.getMessage());
        IllegalArgumentException abs = assertThrows(IllegalArgumentException.class, () -> url("/", Abstract.class));
        assertTrue(abs.getMessage().contains("abstract"), abs.getMessage());
    }

    @Test
    void everyRequestGetsANewHandler() {
        URLSpec byClass = url("/", Plain.class, Map.of("k", "v"), "home");
        RequestHandler a = byClass.newHandler();
        RequestHandler b = byClass.newHandler();
        assertNotSame(a, b);
        assertTrue(a instanceof Plain);
        assertEquals(Map.of("k", "v"), byClass.kwargs());
        assertEquals("home", byClass.name());
        URLSpec byFactory = url("/", Plain::new);
        assertNotSame(byFactory.newHandler(), byFactory.newHandler());
        assertNull(byFactory.handlerClass());
    }

    @Test
    void reverse() {
        assertEquals("/", url("/", Plain.class).reverse());
        assertEquals("/2012/06/x%20y", url("/([0-9]{4})/([0-9]{2})/(.+)", Plain.class).reverse(2012, "06", "x y"));
        assertEquals("/robots.txt", url("/robots\\.txt", Plain.class).reverse());
        assertEquals("/a/b", url("^/a/(.*)$", Plain.class).reverse("b"));
        // Not flat: a group in a group, a non-capturing group, a class escape outside a group.
        for (String p : List.of("/((a)|b)", "/(?:x)(y)", "/\\d+/(x)")) {
            assertThrows(IllegalStateException.class, () -> url(p, Plain.class).reverse("1", "2"), p);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> url("/(x)/(y)", Plain.class).reverse("only one"));
        assertTrue(e.getMessage().contains("needs 2 argument(s)"), e.getMessage());
    }

    @Test
    void thePatternMatchesTheWholePath() {
        URLSpec spec = url("/a", Plain.class);
        assertTrue(spec.regex().matcher("/a").matches());
        assertTrue(!spec.regex().matcher("/ab").matches() && !spec.regex().matcher("/a\n").matches());
    }
}
