package tornado.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every file that gets a source page, found once per build.
 *
 * <p>Two roots hold the book's Java: {@code src/main/java} (the chapters) and
 * {@code walkthroughs/} (the programs a reader runs). Their files get pages at
 * {@code src/<package path>/<File>.java.html}, the address a trace row or a map row links to;
 * the two roots never share a package, so one address space serves both. A chapter may also
 * include a file from elsewhere (a test, the pom); such a file gets its page on demand at
 * {@code files/<path from the project root>.html}, so that every included region can link to
 * the line it starts on.
 */
final class SourceTree {
    /** The roots whose Java files each get a page, with the part of the address they map to. */
    static final List<String> ROOTS = List.of("src/main/java", "walkthroughs");

    final Path basedir;
    private final Map<String, SourceFile> byRel = new TreeMap<>();
    private final Map<Path, SourceFile> byPath = new LinkedHashMap<>();

    SourceTree(Path basedir) {
        this.basedir = basedir.toAbsolutePath().normalize();
        for (String root : ROOTS) {
            Path dir = this.basedir.resolve(root);
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    String rel = dir.relativize(p).toString().replace('\\', '/');
                    SourceFile f = new SourceFile(p, rel, "src/" + rel + ".html");
                    byRel.put(rel, f);
                    byPath.put(p, f);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
        }
    }

    /** The file a trace event names ({@code tornado/iostream/IOStream.java}), or null. */
    SourceFile byRel(String rel) {
        return byRel.get(rel);
    }

    /** The page for any file on disk, made on first use for files outside the two roots. */
    synchronized SourceFile forPath(Path path) {
        Path p = path.toAbsolutePath().normalize();
        SourceFile f = byPath.get(p);
        if (f == null) {
            String fromBase = basedir.relativize(p).toString().replace('\\', '/');
            f = new SourceFile(p, fromBase, "files/" + fromBase + ".html");
            byPath.put(p, f);
        }
        return f;
    }

    /** Every file with a page, the roots' files first in path order. */
    synchronized List<SourceFile> all() {
        return new ArrayList<>(byPath.values());
    }

    /** The Java files of {@code src/main/java}: the chapters' code. */
    List<SourceFile> mainFiles() {
        Path main = basedir.resolve("src/main/java");
        return byRel.values().stream().filter(f -> f.path.startsWith(main)).toList();
    }

    /** Package name → its files, for the chapters' packages under {@code src/main/java}. */
    Map<String, List<SourceFile>> mainPackages() {
        Map<String, List<SourceFile>> out = new TreeMap<>();
        for (SourceFile f : mainFiles()) out.computeIfAbsent(f.packageName(), k -> new ArrayList<>()).add(f);
        return out;
    }

    /** The project-relative path of a file, for messages. */
    String show(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(basedir) ? basedir.relativize(abs).toString().replace('\\', '/') : abs.toString();
    }
}
