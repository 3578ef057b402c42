package tornado.web;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import tornado.escape.Escape;
import tornado.trace.Mirrors;

/**
 * One row of an application's routing table: a path pattern, the handler that serves it, the
 * arguments that handler's {@code initialize} receives, and optionally a name for
 * {@link Application#reverseUrl}. Mirrors web.py's {@code URLSpec} (and its alias {@code url}).
 *
 * <p>Tornado's {@code add_handlers} turns each {@code (pattern, handler, kwargs)} tuple into
 * one of these. Java has no tuples, so a table is written with the static {@link #url} functions,
 * which read the same way:
 * <pre>
 *   new Application(List.of(
 *       url("/", MainHandler.class),
 *       url("/static/(.*)", StaticFileHandler.class, Map.of("path", "/var/www")),
 *       url("/user/(?&lt;id&gt;[0-9]+)", UserHandler.class, Map.of(), "user")));
 * </pre>
 *
 * <p><b>How a handler is made.</b> Tornado calls {@code handler_class(application, request,
 * **kwargs)} for every request: the class is the factory, and its {@code __init__} stores the
 * application and the request and then calls {@code initialize(**kwargs)}. In Java we split that
 * in two. The spec holds a factory that makes a bare handler (the class's no-argument constructor,
 * found once, here, so that a class without one fails when the application is built rather than
 * on the first request; or any {@link Supplier} you give instead). The application then hands
 * the new handler its application and request and calls {@code initialize(kwargs)}, in that
 * order, exactly as Tornado's constructor does. So a handler's constructor must not touch the
 * request; {@code initialize} and everything after it may.
 *
 * <p><b>Groups.</b> As in Tornado, the groups of a pattern are either all positional or all named
 * ({@code (?<year>[0-9]{4})}); mixing them is refused when the spec is made. The pattern is matched
 * against the whole path: Tornado appends {@code $} and uses {@code re.match}, which anchors at the
 * start; Java's {@link java.util.regex.Matcher#matches()} anchors both ends by itself.
 */
@Mirrors({"web.URLSpec", "web.url"})
public final class URLSpec {
    private final Pattern regex;
    private final Class<? extends RequestHandler> handlerClass;
    private final Supplier<? extends RequestHandler> factory;
    private final Map<String, Object> kwargs;
    private final String name;
    private final int groupCount;
    /**
     * The path this spec matches when its pattern has no regex syntax at all ({@code "/"},
     * {@code "/echo"}), perhaps with a final {@code $}: then the pattern matches exactly that
     * string, and the application compares strings instead of running a Matcher. Null for any
     * other pattern. The Matcher and its arrays were made for every request routed; without
     * them hello allocates 2,218 bytes per request instead of 2,271 (bench/README.adoc, "Per
     * request").
     */
    private final String literal;
    private final List<String> groupNames;
    // The pattern cut at its groups: literal pieces around group i, for reverse(). Null when
    // the pattern is too intricate to rebuild (a group inside a group, a non-capturing group).
    private final List<String> reversePieces;

    /** {@code url(pattern, handler)}: a spec with no initialize arguments and no name. */
    @Mirrors("web.url")
    public static URLSpec url(String pattern, Class<? extends RequestHandler> handlerClass) {
        return new URLSpec(pattern, handlerClass, null, null);
    }

    /** {@code url(pattern, handler, kwargs)}: {@code kwargs} reach the handler's {@code initialize}. */
    @Mirrors("web.url")
    public static URLSpec url(String pattern, Class<? extends RequestHandler> handlerClass,
                              Map<String, ?> kwargs) {
        return new URLSpec(pattern, handlerClass, kwargs, null);
    }

    /** {@code url(pattern, handler, kwargs, name)}: a named spec, for {@link Application#reverseUrl}. */
    @Mirrors("web.url")
    public static URLSpec url(String pattern, Class<? extends RequestHandler> handlerClass,
                              Map<String, ?> kwargs, String name) {
        return new URLSpec(pattern, handlerClass, kwargs, name);
    }

    /** A spec whose handlers come from {@code factory} ({@code MainHandler::new}, a lambda). */
    public static URLSpec url(String pattern, Supplier<? extends RequestHandler> factory) {
        return new URLSpec(pattern, null, factory, null, null);
    }

    /** As {@link #url(String, Supplier)}, with initialize arguments and a name (either may be null). */
    public static URLSpec url(String pattern, Supplier<? extends RequestHandler> factory,
                              Map<String, ?> kwargs, String name) {
        return new URLSpec(pattern, null, factory, kwargs, name);
    }

    /** Tornado's constructor: a pattern, a handler class, its initialize arguments, a name. */
    @Mirrors("web.URLSpec.__init__")
    public URLSpec(String pattern, Class<? extends RequestHandler> handlerClass,
                   Map<String, ?> kwargs, String name) {
        this(pattern, Objects.requireNonNull(handlerClass, "handlerClass"),
                constructorOf(handlerClass), kwargs, name);
    }

    private URLSpec(String pattern, Class<? extends RequestHandler> handlerClass,
                    Supplier<? extends RequestHandler> factory, Map<String, ?> kwargs, String name) {
        Objects.requireNonNull(pattern, "pattern");
        try {
            this.regex = Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("URL pattern " + pattern + " is not a valid regular expression: "
                    + e.getDescription(), e);
        }
        this.handlerClass = handlerClass;
        this.factory = Objects.requireNonNull(factory, "factory");
        this.kwargs = kwargs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
        this.name = name;
        this.groupCount = regex.matcher("").groupCount();
        // Pattern.namedGroups() maps each name to its group number (JDK 20+); sorting by number
        // gives the names in the order they appear, which is the order positional arguments take.
        Map<String, Integer> named = regex.namedGroups();
        if (!named.isEmpty() && named.size() != groupCount) {
            throw new IllegalArgumentException("groups in URL patterns must be either all named or all positional: "
                    + pattern);
        }
        List<String> names = new ArrayList<>(named.keySet());
        names.sort((a, b) -> Integer.compare(named.get(a), named.get(b)));
        this.groupNames = List.copyOf(names);
        this.reversePieces = findGroups(pattern, groupCount);
        String body = pattern.endsWith("$") ? pattern.substring(0, pattern.length() - 1) : pattern;
        this.literal = body.chars().anyMatch(c -> "\\^$.|?*+()[]{}".indexOf(c) >= 0) ? null : body;
    }

    // A Class becomes a factory once, here. A nested class that is not static needs an instance of
    // its outer class and so has no no-argument constructor: say so now, not at the first request.
    private static Supplier<? extends RequestHandler> constructorOf(Class<? extends RequestHandler> cls) {
        if (Modifier.isAbstract(cls.getModifiers())) {
            throw new IllegalArgumentException("handler class " + cls.getName() + " is abstract; route to a concrete subclass");
        }
        Constructor<? extends RequestHandler> c;
        try {
            c = cls.getDeclaredConstructor();
            c.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("handler class " + cls.getName()
                    + " needs a constructor without arguments (a nested class must be declared static);"
                    + " pass initialize arguments in the spec's map instead", e);
        }
        return () -> {
            try {
                return c.newInstance();
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) throw r;
                if (cause instanceof Error err) throw err;
                throw new IllegalStateException("constructor of " + cls.getName() + " failed", cause);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot construct handler " + cls.getName(), e);
            }
        };
    }

    /**
     * Cuts the pattern into the literal pieces between its groups, so that {@link #reverse} can put
     * arguments where the groups were: {@code /([0-9]{4})/([a-z-]+)/} gives {@code "/", "/", "/"}.
     * Like Tornado's {@code _find_groups}, this only understands flat patterns: if the number of
     * {@code (} is not the number of groups (a group in a group, a {@code (?:…)}), the pattern cannot
     * be reversed and we return null. A backslash escape in a literal piece ({@code \.}) is
     * unescaped, as Tornado 4.4's {@code re_unescape} does; Tornado 2.4 left the backslash in.
     */
    @Mirrors({"web.URLSpec._find_groups", "web.URLSpec._find_groups 4.4"})
    private static List<String> findGroups(String pattern, int groups) {
        String p = pattern.startsWith("^") ? pattern.substring(1) : pattern;
        if (p.endsWith("$")) p = p.substring(0, p.length() - 1);
        if (p.chars().filter(c -> c == '(').count() != groups) return null;
        List<String> pieces = new ArrayList<>(groups + 1);
        String[] fragments = p.split("\\(", -1);
        pieces.add(fragments[0]);
        for (int i = 1; i < fragments.length; i++) {
            int close = fragments[i].indexOf(')');
            if (close < 0) return null;
            pieces.add(fragments[i].substring(close + 1));
        }
        for (int i = 0; i < pieces.size(); i++) {
            String literal = unescape(pieces.get(i));
            if (literal == null) return null;
            pieces.set(i, literal);
        }
        return pieces;
    }

    // "\." becomes "."; "\d" or a trailing "\" means the piece is not a literal, so null.
    private static String unescape(String piece) {
        StringBuilder b = new StringBuilder(piece.length());
        for (int i = 0; i < piece.length(); i++) {
            char c = piece.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (i + 1 == piece.length() || Character.isLetterOrDigit(piece.charAt(i + 1))) return null;
            b.append(piece.charAt(++i));
        }
        return b.toString();
    }

    // tag::reverse[]
    /**
     * The path this spec would match with {@code args} in its groups, each URL-escaped (a space as
     * {@code %20}, a {@code ?} as {@code %3F}; a slash stays a slash, as in Tornado), so that the
     * router gives the handler back exactly the strings passed here.
     */
    @Mirrors("web.URLSpec.reverse")
    public String reverse(Object... args) {
        if (reversePieces == null) {
            throw new IllegalStateException("cannot reverse URL pattern " + regex.pattern()
                    + ": only patterns with flat groups can be rebuilt");
        }
        if (args.length != groupCount) {
            throw new IllegalArgumentException("URL pattern " + regex.pattern() + " needs " + groupCount
                    + " argument(s) to reverse, got " + args.length);
        }
        StringBuilder b = new StringBuilder(reversePieces.get(0));
        for (int i = 0; i < args.length; i++) {
            b.append(Escape.urlEscape(String.valueOf(args[i]), false));
            b.append(reversePieces.get(i + 1));
        }
        return b.toString();
    }
    // end::reverse[]

    /** The compiled pattern, matched against the whole request path. */
    public Pattern regex() {
        return regex;
    }

    /** The one path the pattern matches when it is plain text (see the field), or null. */
    public String literal() {
        return literal;
    }

    /** A new handler, not yet given its request; the application does that. */
    RequestHandler newHandler() {
        return factory.get();
    }

    /** The handler class, or null when the spec was made from a factory. */
    public Class<? extends RequestHandler> handlerClass() {
        return handlerClass;
    }

    /** The arguments for the handler's {@code initialize}. */
    public Map<String, Object> kwargs() {
        return kwargs;
    }

    /** The name for {@link Application#reverseUrl}, or null. */
    public String name() {
        return name;
    }

    /** How many groups the pattern has: how many path arguments a handler receives. */
    public int groupCount() {
        return groupCount;
    }

    /** The group names in pattern order; empty when the groups are positional. */
    public List<String> groupNames() {
        return groupNames;
    }

    @Override
    public String toString() {
        return "URLSpec(" + regex.pattern() + ", "
                + (handlerClass != null ? handlerClass.getSimpleName() : "factory")
                + (name != null ? ", name=" + name : "") + ")";
    }
}
