package tornado.site;

import java.util.HashMap;
import java.util.Map;

import org.asciidoctor.ast.PhraseNode;
import org.asciidoctor.ast.StructuralNode;
import org.asciidoctor.extension.InlineMacroProcessor;

/**
 * {@code src:tornado/iostream/IOStream.java[]} links to a source page;
 * {@code src:tornado/iostream/IOStream.java[tag=read-until]} links to the declaration line of a
 * tagged region (as a listing's link does, see {@link SourceFile#declarationLine}), and {@code src:…[some text]} sets the link's text (the file's name by default). The
 * path is under {@code src/main/java} or {@code walkthroughs/}; a missing file or tag fails the
 * build, as an include would.
 */
final class SrcMacro extends InlineMacroProcessor {
    SrcMacro() {
        super("src");
    }

    @Override
    public PhraseNode process(StructuralNode parent, String target, Map<String, Object> attributes) {
        Build b = Build.current();
        SourceFile f = b.sources.byRel(target);
        String where = b.where(parent.getSourceLocation());
        String text = attributes.containsKey("1") ? String.valueOf(attributes.get("1"))
                : attributes.containsKey("text") ? String.valueOf(attributes.get("text")) : null;
        if (f == null) {
            b.problems.add(where, "src:" + target + "[]: no such file under src/main/java or walkthroughs");
            return createPhraseNode(parent, "quoted", text == null ? target : text);
        }
        int line = 1;
        Object tag = attributes.get("tag");
        if (tag != null) {
            try {
                // The same landing rule as a listing's link: the declaration, not the javadoc above it.
                line = TagRegions.linkLine(f, TagRegions.tagged(f.lines, TagRegions.names(String.valueOf(tag)), f.rel).runs());
            } catch (IllegalArgumentException e) {
                b.problems.add(where, "src:" + target + "[tag=" + tag + "]: " + e.getMessage());
            }
        }
        if (text == null || text.startsWith("tag=")) text = f.fileName();
        Map<String, Object> options = new HashMap<>();
        options.put("type", ":link");
        options.put("target", f.page + (tag == null ? "" : "#L" + line));
        Map<String, Object> attrs = new HashMap<>();
        attrs.put("role", "src");
        return createPhraseNode(parent, "anchor", text, attrs, options);
    }
}
