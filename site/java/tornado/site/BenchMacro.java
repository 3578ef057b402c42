package tornado.site;

import java.util.Map;

import org.asciidoctor.ast.StructuralNode;
import org.asciidoctor.extension.BlockMacroProcessor;

/**
 * {@code bench::latest[]} on a line of its own puts the last committed benchmark run there: its
 * picture and its table ({@link BenchChart}). Without a results file the build fails, saying
 * which command writes it.
 */
final class BenchMacro extends BlockMacroProcessor {
    BenchMacro() {
        super("bench");
    }

    @Override
    public StructuralNode process(StructuralNode parent, String target, Map<String, Object> attributes) {
        Build b = Build.current();
        String where = b.where(parent.getSourceLocation());
        if (!target.equals("latest")) {
            b.problems.add(where, "bench::" + target + "[]: only bench::latest[] exists (the last committed run)");
            return null;
        }
        String html = BenchChart.html(b, where);
        return html == null ? null : createBlock(parent, "pass", html);
    }
}
