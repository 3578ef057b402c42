package tornado.site;

import java.util.Map;

import org.asciidoctor.ast.StructuralNode;
import org.asciidoctor.extension.BlockMacroProcessor;

/**
 * {@code trace::tcp-echo[]} on a line of its own puts the recorded trace of walkthrough
 * {@code tcp-echo} there: picture, table and transcript (see {@link TraceView}).
 *
 * <p>A chapter that does not place its walkthrough's trace gets it anyway, at its end
 * ({@link IncludeTitles} appends it); placing it lets the prose around it refer to the steps.
 * An unknown name, or the same trace twice on one page, fails the build.
 */
final class TraceMacro extends BlockMacroProcessor {
    TraceMacro() {
        super("trace");
    }

    @Override
    public StructuralNode process(StructuralNode parent, String target, Map<String, Object> attributes) {
        Build b = Build.current();
        Walk w = b.walk(target);
        String where = b.where(parent.getSourceLocation());
        if (w == null) {
            b.problems.add(where, "trace::" + target + "[]: no walkthrough named '" + target + "'; there are: " + b.walkNames());
            return null;
        }
        if (!b.page.traces.add(w.name())) {
            b.problems.add(where, "trace::" + target + "[] is placed twice on this page");
            return null;
        }
        // limit=N shows only the story's first N steps (chapter 6's three-styles runs its job
        // three times over: the first run tells the story, the rest repeat it).
        int limit;
        try {
            limit = Integer.parseInt(String.valueOf(attributes.getOrDefault("limit", "0")).strip());
        } catch (NumberFormatException e) {
            b.problems.add(where, "trace::" + target + "[limit=" + attributes.get("limit") + "]: limit must be a whole number of steps");
            return null;
        }
        return createBlock(parent, "pass", TraceView.html(b, w, "", limit));
    }
}
