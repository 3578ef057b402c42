package tornado.site;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.asciidoctor.ast.Document;
import org.asciidoctor.extension.IncludeProcessor;
import org.asciidoctor.extension.PreprocessorReader;

/**
 * Every {@code include::} of the book goes through here.
 *
 * <p>Asciidoctor alone would warn about a missing file or tag and go on with a hole in the
 * chapter. Here both are problems that fail the build, named by the chapter line, the file and
 * the tag. For a code file (anything that is not AsciiDoc) we also remember where the region
 * came from: the lines we hand back start with a marker line, {@code //@@site-include:N}, which
 * {@link IncludeTitles} replaces by the block's title (file, first line, link to the source
 * page). A marker that lands outside a listing block is an AsciiDoc line comment, so it
 * vanishes on its own.
 *
 * <p>Supported attributes: {@code tag}, {@code tags} (a list separated by {@code ;}),
 * {@code indent}, {@code leveloffset} and {@code opts=optional}. Anything else ({@code lines},
 * say) is refused: the book includes code by tag, so that a region follows its code when the
 * code moves.
 */
final class CodeIncludes extends IncludeProcessor {
    static final String MARKER = "//@@site-include:";
    static final Pattern MARKER_LINE = Pattern.compile("^//@@site-include:(\\d+)$");
    private static final Set<String> ALLOWED = Set.of("tag", "tags", "indent", "leveloffset", "opts");
    private static final Set<String> ADOC = Set.of("adoc", "asciidoc", "asc", "ad");

    @Override
    public boolean handles(String target) {
        return true;
    }

    @Override
    public void process(Document doc, PreprocessorReader reader, String target, Map<String, Object> attributes) {
        Build b = Build.current();
        // The reader has already consumed the directive: its line is the one before the current.
        String where = b.where(reader.getFile(), reader.getLineNumber() - 1);
        String directive = "include::" + target + "[" + show(attributes) + "]";
        for (String key : attributes.keySet()) {
            // Asciidoctor also spells opts=optional as an attribute "optional-option".
            if (!ALLOWED.contains(key) && !key.endsWith("-option")) {
                b.problems.add(where, directive + ": the book does not use '" + key
                        + "' in includes (allowed: tag, tags, indent, leveloffset, opts=optional); include by tag");
                return;
            }
        }
        Path dir = Path.of(reader.getDir() == null ? b.basedir.toString() : reader.getDir());
        Path file = dir.resolve(target).normalize();
        if (!Files.isRegularFile(file)) {
            if (attributes.containsKey("optional-option")
                    || String.valueOf(attributes.getOrDefault("opts", "")).contains("optional")) return;
            b.problems.add(where, directive + ": file not found: " + b.sources.show(file));
            return;
        }
        // A code file gets a source page (its listing links there); an AsciiDoc partial is part
        // of the chapter that includes it and gets none.
        boolean code = !ADOC.contains(extension(file));
        SourceFile source = code ? b.sources.forPath(file) : new SourceFile(file, b.sources.show(file), "");
        TagRegions.Selection sel;
        String tags = "";
        try {
            Object tagSpec = attributes.containsKey("tag") ? attributes.get("tag") : attributes.get("tags");
            if (tagSpec != null) {
                tags = String.valueOf(tagSpec);
                sel = TagRegions.tagged(source.lines, TagRegions.names(tags), b.sources.show(file));
            } else {
                sel = TagRegions.all(source.lines);
            }
        } catch (IllegalArgumentException e) {
            b.problems.add(where, directive + ": " + e.getMessage());
            return;
        }
        List<String> lines = sel.lines();
        if (attributes.containsKey("indent")) {
            try {
                lines = TagRegions.reindent(lines, Integer.parseInt(String.valueOf(attributes.get("indent")).strip()));
            } catch (NumberFormatException e) {
                b.problems.add(where, directive + ": indent must be a number of spaces");
            }
        }
        List<String> out = new ArrayList<>();
        if (code) {
            synchronized (b.included) {
                b.included.add(new Build.Included(source, tags, sel.runs(), b.page, where));
                out.add(MARKER + (b.included.size() - 1));
            }
        }
        out.addAll(lines);
        // The line number handed to Asciidoctor is where the region starts in its file, so that
        // a warning about an included AsciiDoc partial points at the right line of the partial.
        reader.pushInclude(String.join("\n", out), file.toString(), target,
                code ? Math.max(1, sel.firstLine() - 1) : sel.firstLine(), attributes);
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }

    private static String show(Map<String, Object> attributes) {
        Map<String, Object> sorted = new LinkedHashMap<>(attributes);
        List<String> parts = new ArrayList<>();
        sorted.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(",", parts);
    }

    /** The marker number on a line, or -1. */
    static int marker(String line) {
        Matcher m = MARKER_LINE.matcher(line.strip());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }
}
