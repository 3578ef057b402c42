package tornado.site;

import java.util.Map;

import org.asciidoctor.ast.StructuralNode;
import org.asciidoctor.extension.BlockMacroProcessor;

/**
 * {@code tracetext::NAME[]} shows a walkthrough's recorded trace as the console shows it with
 * {@code --trace} ({@code format=json}: with {@code --trace=json}), cut to {@code limit} lines.
 * With no name, {@code prefer="uri-echo,hello"} picks the first of those that exists, then any
 * walkthrough at all; with none yet, it says so. The page on reading traces uses this so that
 * its example is always today's output, not a copy.
 */
final class TraceTextMacro extends BlockMacroProcessor {
    TraceTextMacro() {
        super("tracetext");
    }

    @Override
    public StructuralNode process(StructuralNode parent, String target, Map<String, Object> attributes) {
        Build b = Build.current();
        Walk w = null;
        if (target != null && !target.isEmpty()) {
            w = b.walk(target);
            if (w == null) {
                b.problems.add(b.where(parent.getSourceLocation()), "tracetext::" + target
                        + "[]: no walkthrough named '" + target + "'; there are: " + b.walkNames());
                return null;
            }
        } else {
            Object prefer = attributes.get("prefer");
            if (prefer != null) {
                for (String name : String.valueOf(prefer).split(",")) {
                    if (w == null) w = b.walk(name.strip());
                }
            }
            if (w == null && !b.walks.isEmpty()) w = b.walks.get(0);
        }
        if (w == null) {
            return createBlock(parent, "pass", "<div class=\"trace-text empty\"><p>No walkthrough is written yet,"
                    + " so there is no trace to show here; this example appears once the first one exists.</p></div>");
        }
        int limit = 0;
        try {
            limit = Integer.parseInt(String.valueOf(attributes.getOrDefault("limit", "0")).strip());
        } catch (NumberFormatException e) {
            b.problems.add(b.where(parent.getSourceLocation()), "tracetext: limit must be a number");
        }
        boolean json = "json".equals(attributes.get("format"));
        String text = json ? TraceView.json(w.events(), limit) : TraceView.text(w.events(), limit);
        String flag = json ? "--trace=json" : "--trace";
        return createBlock(parent, "pass", "<div class=\"listingblock trace-text\"><div class=\"title\">"
                + "<code>mvn -q compile exec:exec -Dwalk=" + Html.esc(w.name()) + " -Dargs=" + flag
                + "</code>, as recorded by this build</div><div class=\"content\"><pre>" + Html.esc(text)
                + "</pre></div></div>");
    }
}
