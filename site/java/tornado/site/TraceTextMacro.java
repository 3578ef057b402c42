package tornado.site;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.asciidoctor.ast.StructuralNode;
import org.asciidoctor.extension.BlockMacroProcessor;

import tornado.trace.TraceEvent;

/**
 * {@code tracetext::NAME[]} shows a walkthrough's recorded trace as the console shows it with
 * {@code --trace} ({@code format=json}: with {@code --trace=json}), cut to {@code limit} lines.
 * With no name, {@code prefer="uri-echo,hello"} picks the first of those that exists, then any
 * walkthrough at all; with none yet, it says so. {@code steps="accept,read_until"} shows only
 * the first line of each named step, on the first connection that takes them all. The pages use
 * this so that an example is always today's output, not a copy: a trace or a line number typed
 * by hand goes stale as soon as the code moves ({@link HandTyped} refuses them).
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
        List<TraceEvent> events = w.events();
        Object steps = attributes.get("steps");
        if (steps != null) {
            List<String> names = List.of(String.valueOf(steps).strip().split("\\s*,\\s*"));
            events = firstOfEach(events, names);
            if (events.isEmpty()) {
                b.problems.add(b.where(parent.getSourceLocation()), "tracetext::" + w.name() + "[steps=" + steps
                        + "]: no connection of the recorded trace takes all of these steps");
                return null;
            }
        }
        boolean json = "json".equals(attributes.get("format"));
        String text = json ? TraceView.json(events, limit) : TraceView.text(events, limit);
        String flag = json ? "--trace=json" : "--trace";
        return createBlock(parent, "pass", "<div class=\"listingblock trace-text\"><div class=\"title\">"
                + "<code>mvn -q compile exec:exec -Dwalk=" + Html.esc(w.name()) + " -Dargs=" + flag
                + "</code>, as recorded by this build" + (steps == null ? "" : " (" + events.size() + " of its lines)")
                + "</div><div class=\"content\"><pre>" + Html.esc(text) + "</pre></div></div>");
    }

    /**
     * The first event of each named step, in trace order, on the first connection that takes
     * every one of them; empty when none does.
     */
    static List<TraceEvent> firstOfEach(List<TraceEvent> events, List<String> steps) {
        Set<Integer> conns = new LinkedHashSet<>();
        for (TraceEvent e : events) conns.add(e.conn());
        for (int conn : conns) {
            Map<String, TraceEvent> first = new LinkedHashMap<>();
            for (TraceEvent e : events) {
                if (e.conn() == conn && steps.contains(e.step())) first.putIfAbsent(e.step(), e);
            }
            if (first.size() == steps.size()) {
                List<TraceEvent> out = new ArrayList<>(first.values());
                out.sort(Comparator.comparingLong(TraceEvent::seq));
                return out;
            }
        }
        return List.of();
    }
}
