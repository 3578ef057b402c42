package tornado.site;

import java.util.Map;

import org.asciidoctor.ast.StructuralNode;
import org.asciidoctor.extension.BlockMacroProcessor;

/**
 * {@code chapters::[]} lists the chapters in reading order, each with its description, its
 * packages and its walkthroughs. The index uses it, so the reading order is always the chapters
 * that exist, in the order of their file names.
 */
final class ChaptersMacro extends BlockMacroProcessor {
    ChaptersMacro() {
        super("chapters");
    }

    @Override
    public StructuralNode process(StructuralNode parent, String target, Map<String, Object> attributes) {
        Build b = Build.current();
        StringBuilder h = new StringBuilder("<ol class=\"chapter-list\">\n");
        for (Page p : b.chapters) {
            h.append("<li><a class=\"chapter-link\" href=\"").append(p.href()).append("\">").append(p.title).append("</a>");
            if (!p.packages.isEmpty()) {
                h.append(" <span class=\"packages\">");
                for (String pkg : p.packages) h.append("<code>").append(Html.esc(pkg)).append("</code> ");
                h.append("</span>");
            }
            if (!p.description.isEmpty()) h.append("<p>").append(p.description).append("</p>");
            for (Walk w : b.walks) {
                if (!w.chapter().equals(p.stem)) continue;
                h.append("<p class=\"walk\">Walkthrough <code>").append(Html.esc(w.name())).append("</code>: ")
                 .append(Html.esc(w.summary())).append("</p>");
            }
            h.append("</li>\n");
        }
        h.append("</ol>\n");
        if (b.chapters.isEmpty()) h = new StringBuilder("<p class=\"chapter-list empty\">No chapter is written yet.</p>");
        return createBlock(parent, "pass", h.toString());
    }
}
