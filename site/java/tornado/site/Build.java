package tornado.site;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.asciidoctor.ast.Cursor;
import org.asciidoctor.log.LogRecord;
import org.asciidoctor.log.Severity;

/**
 * Everything one site build knows, shared by the builder and by the AsciidoctorJ extensions.
 *
 * <p>The extensions are registered once on the one Asciidoctor instance of the JVM (creating an
 * instance costs seconds of JRuby start-up), while a test JVM may build several sites with it:
 * the real one and small fixtures. So the extensions hold no state of their own; they ask
 * {@link #current()} for the build that is running. Builds run one at a time
 * ({@link SiteBuilder#build} is synchronized), which is what makes a single static field enough.
 */
final class Build {
    private static volatile Build current;

    final Path basedir;
    final SourceTree sources;
    final Problems problems;
    final Marks marks;
    final List<Walk> walks;
    final List<Page> chapters = new ArrayList<>();
    final List<Page> sitePages = new ArrayList<>();
    /** Every region a page included, indexed by the number its marker line carries. */
    final List<Included> included = new ArrayList<>();
    /** The page Asciidoctor is loading now. */
    Page page;

    /** One included region: where it came from, and (once the block is known) where it went. */
    static final class Included {
        final SourceFile file;
        final String tags;
        final List<int[]> runs;
        final Page page;
        final String from;
        String blockId;

        Included(SourceFile file, String tags, List<int[]> runs, Page page, String from) {
            this.file = file;
            this.tags = tags;
            this.runs = runs;
            this.page = page;
            this.from = from;
        }

        int firstLine() {
            return runs.isEmpty() ? 1 : runs.get(0)[0];
        }

        /** Where the listing's link lands: the declaration line of its first run. */
        int linkLine() {
            return TagRegions.linkLine(file, runs);
        }
    }

    Build(Path basedir, SourceTree sources, Problems problems, Marks marks, List<Walk> walks) {
        this.basedir = basedir;
        this.sources = sources;
        this.problems = problems;
        this.marks = marks;
        this.walks = walks;
    }

    static Build current() {
        Build b = current;
        if (b == null) throw new IllegalStateException("a book extension ran outside a site build");
        return b;
    }

    static void begin(Build b) {
        current = b;
    }

    static void end() {
        current = null;
    }

    Walk walk(String name) {
        for (Walk w : walks) if (w.name().equals(name)) return w;
        return null;
    }

    String walkNames() {
        List<String> names = new ArrayList<>();
        for (Walk w : walks) names.add(w.name());
        return names.isEmpty() ? "(none yet)" : String.join(", ", names);
    }

    Page chapter(String stem) {
        for (Page p : chapters) if (p.stem.equals(stem)) return p;
        return null;
    }

    /** The chapter that declares {@code pkg} in its {@code :packages:}, or null. */
    Page chapterOfPackage(String pkg) {
        for (Page p : chapters) if (p.packages.contains(pkg)) return p;
        return null;
    }

    /** The chapter a source file belongs to: its package's, or its walkthrough's. */
    Page chapterOf(SourceFile f) {
        Page p = chapterOfPackage(f.packageName());
        if (p != null) return p;
        for (Walk w : walks) if (f.rel.equals(w.file())) return chapter(w.chapter());
        return null;
    }

    /** A place for a message: {@code chapters/02-iostream.adoc:41}. */
    String where(String file, int line) {
        String shown = file == null ? (page == null ? "" : sources.show(page.file)) : sources.show(Path.of(file));
        return line > 0 ? shown + ":" + line : shown;
    }

    String where(Cursor c) {
        if (c == null) return where(null, 0);
        String file = c.getFile() != null ? c.getFile() : c.getPath();
        if (file == null || file.equals("<stdin>")) return where(null, c.getLineNumber());
        return where(file, c.getLineNumber());
    }

    /**
     * Asciidoctor's own complaints. It only warns where a book should stop (an unterminated
     * block, a reference to an attribute nobody set, a section out of sequence), so every
     * warning and error fails the build.
     */
    void log(LogRecord r) {
        if (r.getSeverity() == Severity.WARN || r.getSeverity() == Severity.ERROR || r.getSeverity() == Severity.FATAL) {
            problems.add(where(r.getCursor()), "Asciidoctor: " + r.getMessage());
        }
    }
}
