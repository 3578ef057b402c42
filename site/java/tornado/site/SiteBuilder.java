package tornado.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Attributes;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;
import org.asciidoctor.ast.Document;
import org.asciidoctor.ast.Section;
import org.asciidoctor.ast.StructuralNode;
import org.asciidoctor.extension.JavaExtensionRegistry;

/**
 * Renders the book into a directory: {@code mvn -q test-compile exec:exec@site} runs
 * {@code SiteBuilder <project dir> <out dir>} and the site lands in {@code target/site/}.
 *
 * <p>What goes in: {@code site/index.adoc} and any other {@code site/*.adoc} (the front pages),
 * the repository's {@code ARCHITECTURE.adoc} (as {@code architecture.html}),
 * {@code site/style.css}, every {@code chapters/*.adoc} whose name does not start with
 * {@code _} (those are partials other chapters include), the Java under {@code src/main/java}
 * and {@code walkthroughs/}, and a fresh run of every walkthrough. What comes out: one page per
 * AsciiDoc file, one per source file, the Tornado → Java map and an index of the sources.
 *
 * <p>The build stops with every problem it found, each with its place, when: an include finds
 * no file or no tag; Asciidoctor warns (an unset attribute, an unterminated block, …); a package
 * under {@code src/main/java} has no chapter declaring it; a chapter declares a package that
 * does not exist; a walkthrough names a chapter that does not exist or fails to run; a
 * {@code @Mirrors} mark names nothing; a chapter class carries no mark; a page holds a Java
 * place typed by hand ({@link HandTyped}).
 *
 * <p>JRuby's start is the cost of a build (several seconds of CPU); everything else is fast. So
 * there is one Asciidoctor instance per JVM, created on first use and shared by every build in
 * it, with the book's extensions registered once ({@link Build} explains how they find the
 * build that is running).
 */
public final class SiteBuilder {
    private SiteBuilder() {}

    /** The repository's architecture, at its root; rendered as {@code architecture.html}. */
    static final String ARCHITECTURE = "ARCHITECTURE.adoc";

    /** What one build did, and how long it took. */
    public record Report(Path out, int pages, int sourcePages, int walkthroughs, long millis, long walkMillis,
                         long startMillis, long renderMillis) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "site: %d pages, %d source pages, %d walkthrough trace%s in %.1f s"
                    + " (recording %.1f s, Asciidoctor start %.1f s, AsciiDoc pages %.1f s) -> %s", pages, sourcePages,
                    walkthroughs, walkthroughs == 1 ? "" : "s", millis / 1000.0, walkMillis / 1000.0, startMillis / 1000.0,
                    renderMillis / 1000.0, out.resolve("index.html"));
        }
    }

    private static Asciidoctor asciidoctor;

    /** The JVM's one Asciidoctor, with the book's extensions; created on first use. */
    static synchronized Asciidoctor asciidoctor() {
        if (asciidoctor == null) {
            Asciidoctor a = Asciidoctor.Factory.create();
            JavaExtensionRegistry r = a.javaExtensionRegistry();
            r.includeProcessor(new CodeIncludes());
            r.treeprocessor(new IncludeTitles());
            r.blockMacro(new TraceMacro());
            r.blockMacro(new TraceTextMacro());
            r.blockMacro(new ChaptersMacro());
            r.blockMacro(new BenchMacro());
            r.inlineMacro(new SrcMacro());
            a.registerLogHandler(record -> {
                try {
                    Build.current().log(record);
                } catch (IllegalStateException outsideABuild) {
                    System.err.println("asciidoctor: " + record.getSeverity() + " " + record.getMessage());
                }
            });
            asciidoctor = a;
        }
        return asciidoctor;
    }

    public static void main(String[] args) {
        // Recording the walkthroughs keeps their access log quiet; anything else they log (a
        // warning, an error) comes in Tornado's one-line format, as when they run on their own.
        tornado.options.PrettyLogging.enablePrettyLogging();
        if (args.length != 2) {
            System.err.println("usage: SiteBuilder <project dir> <output dir>");
            System.exit(2);
        }
        int status = 0;
        try {
            Report r = build(Path.of(args[0]), Path.of(args[1]), Walk.recorded());
            System.out.println(r);
        } catch (SiteBuildException e) {
            System.err.println(e.getMessage());
            status = 1;
        } finally {
            synchronized (SiteBuilder.class) {
                if (asciidoctor != null) asciidoctor.shutdown();
            }
        }
        // The walkthroughs may leave daemon-less threads behind if one misbehaves; the build is done.
        System.exit(status);
    }

    /** Builds the site of the project at {@code basedir} into {@code out}, replacing what was there. */
    public static synchronized Report build(Path basedir, Path out, Walk.Source walkSource) {
        long t0 = System.nanoTime();
        basedir = basedir.toAbsolutePath().normalize();
        out = out.toAbsolutePath().normalize();
        Problems problems = new Problems();
        SourceTree sources = new SourceTree(basedir);
        Marks marks = Marks.scan(sources, problems);
        HandTyped.check(basedir, sources, problems);
        long w0 = System.nanoTime();
        List<Walk> walks = walkSource.record(problems);
        long walkMillis = (System.nanoTime() - w0) / 1_000_000;
        Build b = new Build(basedir, sources, problems, marks, walks);

        long s0 = System.nanoTime();
        Asciidoctor a = asciidoctor();
        long startMillis = (System.nanoTime() - s0) / 1_000_000;

        long r0 = System.nanoTime();
        Page index = null;
        Path siteDir = basedir.resolve("site");
        Build.begin(b);
        try {
            for (Path f : adocFiles(basedir.resolve("chapters"))) {
                Page p = new Page(stem(f), f, Page.Kind.CHAPTER);
                b.chapters.add(p);
                load(a, b, p);
            }
            // The repository's own architecture, kept at the root where a contributor looks
            // first, is a page of the book too: the code's comments cite its sections.
            Path architecture = basedir.resolve(ARCHITECTURE);
            if (Files.isRegularFile(architecture)) {
                Page p = new Page("architecture", architecture, Page.Kind.SITE);
                b.sitePages.add(p);
                load(a, b, p);
            }
            for (Path f : adocFiles(siteDir)) {
                String stem = stem(f);
                if (stem.equals("index") || stem.equalsIgnoreCase("README")) continue;
                Page p = new Page(stem, f, Page.Kind.SITE);
                b.sitePages.add(p);
                load(a, b, p);
            }
            Path indexFile = siteDir.resolve("index.adoc");
            if (Files.isRegularFile(indexFile)) {
                index = new Page("index", indexFile, Page.Kind.INDEX);
                load(a, b, index);
            } else {
                problems.add(sources.show(indexFile), "missing: the site's front page");
            }
            checkChapters(b);
            List<Page> all = new ArrayList<>(b.chapters);
            all.addAll(b.sitePages);
            if (index != null) all.add(index);
            for (Page p : all) {
                if (p.doc == null) continue;
                b.page = p;
                try {
                    p.body = TraceLines.mark(p.doc.convert());
                } catch (RuntimeException e) {
                    problems.add(sources.show(p.file), "Asciidoctor failed to convert it: " + e);
                }
            }
        } finally {
            b.page = null;
            Build.end();
        }

        long renderMillis = (System.nanoTime() - r0) / 1_000_000;
        Map<String, String> files = new LinkedHashMap<>();
        List<Page> pages = new ArrayList<>();
        if (index != null) pages.add(index);
        pages.addAll(b.sitePages);
        pages.addAll(b.chapters);
        for (Page p : pages) {
            String body = p.body;
            if (p.kind == Page.Kind.CHAPTER) body += chapterFiles(b, p);
            String cls = p.kind == Page.Kind.CHAPTER ? "chapter" : p.kind == Page.Kind.INDEX ? "index" : "site-page";
            files.put(p.href(), PageTemplate.page(b, index, p.href(), p.kind == Page.Kind.INDEX ? "" : p.title, body, cls, false));
        }
        files.put(MapPage.HREF, MapPage.render(b, index));
        Map<String, String> sourcePages = SourcePages.render(b, index);
        files.putAll(sourcePages);
        write(out, files, siteDir, problems);
        problems.throwIfAny();
        return new Report(out, pages.size() + 1, sourcePages.size() - 1, walks.size(),
                (System.nanoTime() - t0) / 1_000_000, walkMillis, startMillis, renderMillis);
    }

    private static void load(Asciidoctor a, Build b, Page p) {
        b.page = p;
        try {
            Document doc = a.loadFile(p.file.toFile(), options(p.file.getParent()));
            p.doc = doc;
            String title = doc.getDoctitle();
            if (title == null || title.isBlank()) {
                b.problems.add(b.sources.show(p.file), "has no title: its first line should be '= The title'");
                title = p.stem;
            }
            p.title = title;
            p.navTitle = attr(doc, "navtitle", title);
            p.description = Html.esc(attr(doc, "description", ""));
            p.marksMethods = attr(doc, "marks", "").strip().equals("methods");
            String packages = attr(doc, "packages", "").strip();
            p.packages = packages.isEmpty() ? List.of() : List.of(packages.split("[,\\s]+"));
            if (p.description.isEmpty() && !p.packages.isEmpty()) p.description = PackageSummary.of(b.sources, p.packages.get(0));
            for (StructuralNode n : doc.getBlocks()) {
                if (n instanceof Section s && s.getLevel() == 1 && s.getId() != null) {
                    List<Page.Heading> subsections = new ArrayList<>();
                    for (StructuralNode c : s.getBlocks()) {
                        if (c instanceof Section sub && sub.getLevel() == 2 && sub.getId() != null) {
                            subsections.add(new Page.Heading(sub.getId(), sub.getTitle(), List.of()));
                        }
                    }
                    p.sections.add(new Page.Heading(s.getId(), s.getTitle(), subsections));
                }
            }
        } catch (RuntimeException e) {
            b.problems.add(b.sources.show(p.file), "Asciidoctor failed to load it: " + e);
        }
    }

    private static String attr(Document doc, String name, String otherwise) {
        Object v = doc.getAttribute(name);
        return v == null ? otherwise : String.valueOf(v);
    }

    /** The options every page is loaded with. */
    static Options options(Path dir) {
        Attributes attributes = Attributes.builder()
                .sourceHighlighter("rouge")
                .attribute("rouge-css", "class")
                .showTitle(true)
                .setAnchors(true)
                .attribute("idprefix", "")
                .attribute("idseparator", "-")
                .attribute("outfilesuffix", ".html")
                .attribute("attribute-missing", "warn")
                .attribute("source-language", "java")
                .attribute("nofooter", "")
                .attribute("xrefstyle", "short")
                .experimental(true)
                .build();
        return Options.builder()
                .safe(SafeMode.UNSAFE)
                .standalone(false)
                .sourcemap(true)
                .baseDir(dir.toFile())
                .attributes(attributes)
                .build();
    }

    /**
     * The chapter ↔ package convention: each chapter's header says which packages it teaches
     * ({@code :packages: tornado.iostream}); every package under {@code src/main/java} must be
     * taught by exactly one chapter, and every package a chapter names must exist.
     */
    private static void checkChapters(Build b) {
        Map<String, List<SourceFile>> packages = b.sources.mainPackages();
        for (String pkg : packages.keySet()) {
            List<String> by = new ArrayList<>();
            for (Page p : b.chapters) if (p.packages.contains(pkg)) by.add(b.sources.show(p.file));
            String dir = "src/main/java/" + pkg.replace('.', '/');
            if (by.isEmpty()) {
                b.problems.add(dir, "package " + pkg + " has no chapter page: add ':packages: " + pkg
                        + "' to the header of the chapter in chapters/ that teaches it");
            } else if (by.size() > 1) {
                b.problems.add(dir, "package " + pkg + " is claimed by more than one chapter: " + String.join(", ", by));
            }
        }
        for (Page p : b.chapters) {
            for (String pkg : p.packages) {
                if (!packages.containsKey(pkg)) {
                    b.problems.add(b.sources.show(p.file), ":packages: names " + pkg
                            + ", which has no Java files under src/main/java");
                }
            }
        }
        for (Marks.Unmarked m : b.marks.unmarked) {
            Page p = b.chapterOf(m.file());
            if (p != null && p.marksMethods) {
                b.problems.add(b.sources.show(m.file().path) + ":" + m.line(), "public method " + m.javaName()
                        + " carries neither @Mirrors(\"module.name\") nor @JavaOnly(\"why\"); "
                        + b.sources.show(p.file) + " (:marks: methods) asks it of every public method of its packages");
            }
        }
        for (Walk w : b.walks) {
            if (b.chapter(w.chapter()) == null) {
                b.problems.add("walkthrough " + w.name(), "its chapter is '" + w.chapter() + "', but there is no chapters/"
                        + w.chapter() + ".adoc");
            }
        }
    }

    /** After a chapter's text: the files of its packages, each linking to its source page. */
    private static String chapterFiles(Build b, Page p) {
        if (p.packages.isEmpty()) return "";
        StringBuilder h = new StringBuilder("<aside class=\"chapter-files\"><h2 id=\"chapter-files\">The code of this chapter</h2>");
        for (String pkg : p.packages) {
            h.append("<p class=\"pkg\"><code>").append(Html.esc(pkg)).append("</code></p><ul class=\"file-list\">");
            List<SourceFile> files = new ArrayList<>(b.sources.mainPackages().getOrDefault(pkg, List.of()));
            // package-info.java first: it says what the package builds and in which order to read it.
            files.sort(Comparator.comparing((SourceFile f) -> !f.fileName().equals("package-info.java")));
            for (SourceFile f : files) {
                h.append("<li><a href=\"").append(f.page).append("\"><code>").append(Html.esc(f.fileName()))
                 .append("</code></a> <span class=\"count\">").append(f.lines.size()).append(" lines</span></li>");
            }
            h.append("</ul>");
        }
        return h.append("</aside>\n").toString();
    }

    private static List<Path> adocFiles(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(f -> f.getFileName().toString().endsWith(".adoc"))
                    .filter(f -> !f.getFileName().toString().startsWith("_"))
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(f -> f.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stem(Path f) {
        String name = f.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    private static final String MARK = ".tornado-site";
    private static final Set<String> ASSETS = Set.of("css", "svg", "png", "jpg", "gif", "ico");

    /**
     * Replaces the output directory's contents. It only ever deletes a directory that is empty
     * or that an earlier build marked as a site, so a wrong path on the command line cannot wipe
     * anything else.
     */
    private static void write(Path out, Map<String, String> files, Path siteDir, Problems problems) {
        try {
            if (Files.isDirectory(out)) {
                boolean empty;
                try (Stream<Path> s = Files.list(out)) {
                    empty = s.findAny().isEmpty();
                }
                if (!empty && !Files.exists(out.resolve(MARK))) {
                    problems.add(out.toString(), "not replaced: it is neither empty nor a site an earlier build wrote");
                    return;
                }
                try (Stream<Path> walk = Files.walk(out)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) if (!p.equals(out)) Files.delete(p);
                }
            }
            Files.createDirectories(out);
            Files.writeString(out.resolve(MARK), "written by tornado.site.SiteBuilder; the next build replaces this directory\n");
            for (var e : files.entrySet()) {
                Path p = out.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
            }
            boolean css = false;
            if (Files.isDirectory(siteDir)) {
                try (Stream<Path> list = Files.list(siteDir)) {
                    for (Path f : list.filter(Files::isRegularFile).toList()) {
                        String name = f.getFileName().toString();
                        String ext = name.substring(name.lastIndexOf('.') + 1);
                        if (!ASSETS.contains(ext)) continue;
                        Files.copy(f, out.resolve(name));
                        if (name.equals("style.css")) css = true;
                    }
                }
            }
            if (!css) problems.add("site/style.css", "missing: every page links to it");
        } catch (IOException e) {
            problems.add(out.toString(), "cannot write the site: " + e);
        }
    }
}
