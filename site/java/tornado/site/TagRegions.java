package tornado.site;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts tagged regions out of a source file, as AsciiDoc's {@code include::…[tag=name]} does.
 *
 * <p>We do the cutting ourselves, rather than leaving it to Asciidoctor, for two reasons. First,
 * Asciidoctor only warns when a tag is missing and then includes nothing, which is how a book
 * goes stale in silence; here a missing or unterminated tag is an error that names the file and
 * the tag. Second, the site wants to know where each region starts so that the code block can
 * name its file and first line and link to it.
 *
 * <p>The rules are Asciidoctor's: a region runs from the line holding {@code tag::name[]} to the
 * line holding {@code end::name[]}; lines holding any tag directive never appear; a tag used
 * twice contributes both regions.
 */
final class TagRegions {
    private TagRegions() {}

    static final Pattern DIRECTIVE = Pattern.compile("\\b(tag|end)::(\\S+?)\\[\\](?=$|[ \\r])");

    /**
     * A selection of lines: their 1-based numbers in the file (ascending), their text, and the
     * runs they form, a run being lines that follow each other in the file once tag lines are
     * left out.
     */
    record Selection(List<Integer> numbers, List<String> lines, List<int[]> runs) {
        int firstLine() {
            return numbers.isEmpty() ? 1 : numbers.get(0);
        }
    }

    /**
     * The line a run ({@code {first line, number of lines shown}}) ends on in the file: tag lines
     * of nested regions lie inside a run but are not shown, so they are not counted.
     */
    static int lastLine(List<String> file, int[] run) {
        int k = run[0], left = run[1];
        while (k <= file.size()) {
            if (!isDirectiveLine(file.get(k - 1)) && --left <= 0) break;
            k++;
        }
        return Math.min(k, file.size());
    }

    /** Where a link to a run lands: its declaration line (see {@link SourceFile#declarationLine}). */
    static int linkLine(SourceFile f, List<int[]> runs) {
        if (runs.isEmpty()) return 1;
        int[] run = runs.get(0);
        return f.declarationLine(run[0], lastLine(f.lines, run));
    }

    static boolean isDirectiveLine(String line) {
        return DIRECTIVE.matcher(line).find();
    }

    /** The whole file, without tag directive lines. */
    static Selection all(List<String> file) {
        Set<Integer> keep = new TreeSet<>();
        for (int i = 0; i < file.size(); i++) if (!isDirectiveLine(file.get(i))) keep.add(i + 1);
        return select(file, keep);
    }

    /**
     * The lines inside any of {@code tags}, in file order. Throws with a reader's message when a
     * tag is not in the file, is opened and never closed, or closed and never opened.
     */
    static Selection tagged(List<String> file, List<String> tags, String fileName) {
        Set<Integer> keep = new TreeSet<>();
        for (String tag : tags) {
            boolean found = false;
            int open = -1;
            for (int i = 0; i < file.size(); i++) {
                Matcher m = DIRECTIVE.matcher(file.get(i));
                boolean opensHere = false, closesHere = false;
                while (m.find()) {
                    if (!m.group(2).equals(tag)) continue;
                    if (m.group(1).equals("tag")) opensHere = true; else closesHere = true;
                }
                if (opensHere) {
                    if (open >= 0) {
                        throw new IllegalArgumentException("tag '" + tag + "' in " + fileName + " opens again at line "
                                + (i + 1) + " before its end::" + tag + "[] (it opened at line " + (open + 1) + ")");
                    }
                    open = i;
                    found = true;
                } else if (closesHere) {
                    if (open < 0) {
                        throw new IllegalArgumentException("end::" + tag + "[] at line " + (i + 1) + " of " + fileName
                                + " has no tag::" + tag + "[] before it");
                    }
                    open = -1;
                } else if (open >= 0 && !isDirectiveLine(file.get(i))) {
                    keep.add(i + 1);
                }
            }
            if (!found) throw new IllegalArgumentException("no tag '" + tag + "' in " + fileName
                    + " (the source needs '// tag::" + tag + "[]' and '// end::" + tag + "[]' around the region)");
            if (open >= 0) throw new IllegalArgumentException("tag '" + tag + "' in " + fileName + " opens at line "
                    + (open + 1) + " and is never closed with end::" + tag + "[]");
        }
        if (keep.isEmpty()) throw new IllegalArgumentException("tag " + String.join(", ", tags) + " in " + fileName
                + " marks an empty region");
        return select(file, keep);
    }

    private static Selection select(List<String> file, Set<Integer> keep) {
        List<Integer> numbers = new ArrayList<>(keep);
        List<String> lines = new ArrayList<>();
        List<int[]> runs = new ArrayList<>();
        int prev = -1;
        for (int n : numbers) {
            lines.add(file.get(n - 1));
            boolean continues = prev > 0;
            for (int k = prev + 1; continues && k < n; k++) if (!isDirectiveLine(file.get(k - 1))) continues = false;
            if (continues) runs.get(runs.size() - 1)[1]++;
            else runs.add(new int[] {n, 1});
            prev = n;
        }
        return new Selection(numbers, lines, runs);
    }

    /** Splits {@code tag=a} / {@code tags=a;b} (commas also accepted) into names. */
    static List<String> names(String spec) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : spec.split("[;,]")) if (!s.isBlank()) out.add(s.strip());
        return new ArrayList<>(out);
    }

    /**
     * Asciidoctor's {@code indent=N}: remove the indentation all non-blank lines share, then
     * indent by N spaces. Tabs count as four columns, as the source pages show them.
     */
    static List<String> reindent(List<String> lines, int indent) {
        List<String> expanded = lines.stream().map(l -> l.replace("\t", "    ")).toList();
        int common = Integer.MAX_VALUE;
        for (String l : expanded) {
            if (l.isBlank()) continue;
            int i = 0;
            while (i < l.length() && l.charAt(i) == ' ') i++;
            common = Math.min(common, i);
        }
        if (common == Integer.MAX_VALUE) common = 0;
        String pad = " ".repeat(indent);
        List<String> out = new ArrayList<>();
        for (String l : expanded) out.add(l.isBlank() ? "" : pad + l.substring(common));
        return out;
    }
}
