package tornado.site;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems one site build found. The build goes on after the first, so that one run names
 * every missing tag and every unmarked class, and fails at the end with all of them.
 */
final class Problems {
    private final List<String> list = new ArrayList<>();

    /** {@code where} is a place a reader can open: {@code chapters/02-iostream.adoc:41}. */
    synchronized void add(String where, String what) {
        String line = where == null || where.isEmpty() ? what : where + ": " + what;
        if (!list.contains(line)) list.add(line);
    }

    synchronized List<String> all() {
        return new ArrayList<>(list);
    }

    synchronized boolean isEmpty() {
        return list.isEmpty();
    }

    void throwIfAny() {
        List<String> all = all();
        if (!all.isEmpty()) throw new SiteBuildException(all);
    }
}
