package tornado.web;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tornado.trace.JavaOnly;

/**
 * What reflection tells us once about a handler class: which HTTP methods it implements (for the
 * {@code Allow} header of a 405) and which of them are {@link Asynchronous}. Python answers
 * both questions for free ({@code getattr} finds the method, the decorator already ran); Java
 * has to look, and looking costs microseconds, so the answer is computed the first time a class
 * is used and kept in a {@link ClassValue}, which is the JDK's thread-safe cache keyed by class.
 */
@JavaOnly("Python's getattr and decorators answer these questions; Java asks reflection once per class")
final class HandlerMethods {
    /** HTTP method name → the Java method that serves it. */
    static final List<String> JAVA_NAMES = List.of("get", "head", "post", "delete", "patch", "put", "options");

    private static final ClassValue<HandlerMethods> CACHE = new ClassValue<>() {
        @Override
        protected HandlerMethods computeValue(Class<?> type) {
            return new HandlerMethods(type);
        }
    };

    private final Set<String> implemented = new HashSet<>();
    private final Set<String> asynchronous = new HashSet<>();

    private HandlerMethods(Class<?> type) {
        for (String name : JAVA_NAMES) {
            Method m;
            try {
                m = type.getMethod(name, String[].class);
            } catch (NoSuchMethodException e) {
                continue; // every handler inherits all seven; keep the compiler content
            }
            if (m.getDeclaringClass() != RequestHandler.class) implemented.add(name);
            if (m.isAnnotationPresent(Asynchronous.class)) asynchronous.add(name);
        }
        // Our head() runs get() when a handler does not define its own (see RequestHandler.head),
        // so a handler with get answers HEAD too, and finishes it as get would.
        if (!implemented.contains("head") && implemented.contains("get")) {
            implemented.add("head");
            if (asynchronous.contains("get")) asynchronous.add("head");
        }
    }

    static HandlerMethods of(Class<?> type) {
        return CACHE.get(type);
    }

    /** True when the method serving {@code httpMethod} (e.g. "GET") will finish the request itself. */
    boolean isAsynchronous(String httpMethod) {
        // The set is usually empty (no @Asynchronous method): then there is nothing to look up,
        // and the lower-cased copy of the method name, made for every request, is not made.
        return !asynchronous.isEmpty() && asynchronous.contains(httpMethod.toLowerCase(java.util.Locale.ROOT));
    }

    /** The methods this class answers, among {@code supported}, for an {@code Allow} header. */
    String allow(Set<String> supported) {
        List<String> out = new ArrayList<>();
        for (String name : JAVA_NAMES) {
            String http = name.toUpperCase(java.util.Locale.ROOT);
            if (implemented.contains(name) && supported.contains(http)) out.add(http);
        }
        return String.join(", ", out);
    }
}
