package tornado.site;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

import org.asciidoctor.ast.StructuralNode;
import org.asciidoctor.extension.BlockMacroProcessor;

import tornado.escape.Escape;

/**
 * {@code bench::latest[]} on a line of its own puts the run the page draws there
 * ({@code bench/results/latest.json}): its picture and its table ({@link BenchChart});
 * {@code bench::runs[]} a row for every committed full run ({@link RunsTable});
 * {@code bench::syscalls[]} the last committed count of system calls ({@link SyscallTable}).
 * Without a results file the build fails, saying which command writes it.
 */
final class BenchMacro extends BlockMacroProcessor {
    BenchMacro() {
        super("bench");
    }

    @Override
    public StructuralNode process(StructuralNode parent, String target, Map<String, Object> attributes) {
        Build b = Build.current();
        String where = b.where(parent.getSourceLocation());
        String html = switch (target) {
            case "latest" -> BenchChart.html(b, where);
            case "syscalls" -> SyscallTable.html(b, where);
            case "runs" -> RunsTable.html(b, where);
            default -> {
                b.problems.add(where, "bench::" + target + "[]: only bench::latest[] (the run drawn, latest.json), "
                        + "bench::runs[] (every committed full run, a row each) and "
                        + "bench::syscalls[] (the last count of system calls) exist");
                yield null;
            }
        };
        return html == null ? null : createBlock(parent, "pass", html);
    }

    /**
     * A committed results file, decoded, for {@code bench::target[]}; or null, with a problem
     * recorded that names the file and the command that writes it.
     */
    static Map<?, ?> results(Build b, String where, String target, String file, String command) {
        try {
            return (Map<?, ?>) Escape.jsonDecode(Files.readString(b.basedir.resolve(file)));
        } catch (IOException | RuntimeException e) {
            b.problems.add(where, "bench::" + target + "[]: cannot read " + file + " (" + e + "); run " + command + " to write it");
            return null;
        }
    }
}
