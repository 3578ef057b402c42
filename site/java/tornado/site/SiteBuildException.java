package tornado.site;

import java.util.List;

/** The site did not build; the message lists every problem, one per line, each with its place. */
public final class SiteBuildException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    SiteBuildException(List<String> problems) {
        super("the site did not build (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + "):\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
