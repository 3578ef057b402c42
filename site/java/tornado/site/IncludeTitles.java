package tornado.site;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.asciidoctor.ast.Block;
import org.asciidoctor.ast.Document;
import org.asciidoctor.ast.Section;
import org.asciidoctor.ast.StructuralNode;
import org.asciidoctor.extension.Treeprocessor;

/**
 * Runs on each page once Asciidoctor has parsed it, before anything is converted.
 *
 * <p>First, it turns the marker lines {@link CodeIncludes} left in listing blocks into titles:
 * each included region names its file and first line and links to that line of the source
 * page. The block also gets an id, so the source page can link back to where the chapter shows
 * the region. Highlighting happens later, at conversion, so it never sees the markers.
 *
 * <p>Second, on a chapter page, it appends the recorded trace of every walkthrough of the
 * chapter that the text did not place with {@code trace::name[]}.
 */
final class IncludeTitles extends Treeprocessor {

    @Override
    public Document process(Document doc) {
        Build b = Build.current();
        for (String context : List.of(":listing", ":literal")) {
            Map<Object, Object> query = new HashMap<>();
            query.put("context", context);
            for (StructuralNode node : doc.findBy(query)) {
                if (node instanceof Block block) retitle(b, block);
            }
        }
        if (b.page.kind == Page.Kind.CHAPTER) {
            for (Walk w : b.walks) {
                if (!w.chapter().equals(b.page.stem) || b.page.traces.contains(w.name())) continue;
                b.page.traces.add(w.name());
                Section s = createSection(doc, 1, false, new HashMap<>());
                s.setTitle("Recorded trace: " + w.name());
                s.setId("recorded-trace-" + Html.slug(w.name()));
                s.append(createBlock(s, "pass", TraceView.html(b, w, "")));
                doc.append(s);
            }
        }
        return doc;
    }

    private static void retitle(Build b, Block block) {
        List<String> lines = block.getLines();
        List<String> kept = new ArrayList<>(lines.size());
        List<Build.Included> regions = new ArrayList<>();
        for (String line : lines) {
            int n = CodeIncludes.marker(line);
            if (n >= 0 && n < b.included.size()) regions.add(b.included.get(n));
            else kept.add(line);
        }
        if (regions.isEmpty()) return;
        block.setLines(kept);
        if (block.getId() == null || block.getId().isEmpty()) {
            Build.Included first = regions.get(0);
            String base = "code-" + Html.slug(first.tags.isEmpty() ? first.file.fileName() : TagRegions.names(first.tags).get(0));
            String id = base;
            for (int k = 2; !b.page.blockIds.add(id); k++) id = base + "-" + k;
            block.setId(id);
        }
        StringBuilder refs = new StringBuilder();
        for (Build.Included r : regions) {
            r.blockId = block.getId();
            if (!refs.isEmpty()) refs.append(" <span class=\"sep\">+</span> ");
            StringBuilder runs = new StringBuilder();
            for (int[] run : r.runs) runs.append(runs.isEmpty() ? "" : ",").append(run[0]).append('+').append(run[1]);
            int at = r.linkLine();
            refs.append("<a class=\"source-ref\" href=\"").append(r.file.page).append("#L").append(at)
                .append("\" data-file=\"").append(Html.esc(b.sources.show(r.file.path)))
                .append("\" data-runs=\"").append(runs).append("\">")
                .append("<span class=\"file\">").append(Html.esc(r.file.rel)).append("</span>")
                .append(" <span class=\"line\">line ").append(at).append("</span></a>");
        }
        // The author's title (already converted to HTML) stays in front; the whole is passed
        // through, so that neither part is substituted a second time.
        String old = block.getTitle();
        String title = (old == null || old.isEmpty() ? "" : old + " <span class=\"sep\">·</span> ") + refs;
        block.setTitle("+++" + title + "+++");
        block.addRole("included");
    }
}
