package tornado.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Refuses a Java place typed by hand into a page: {@code IOStream.java:164} in a trace pasted
 * from a console, or {@code IOStream.java.html#L164} in a link. Such a number is right on the
 * day it is typed and wrong after the next edit of the file, and nothing would say so; the book
 * promises that every trace and line it shows is today's. A page shows a recorded trace with
 * {@code tracetext::NAME[…]} or {@code trace::NAME[]}, and links to code with
 * {@code src:FILE[tag=…]}, which the build computes from the source as it is.
 *
 * <p>Every AsciiDoc file the site renders is read, the chapters' partials included, and comment
 * lines too (a comment holding a place would be copied back into the text one day).
 */
final class HandTyped {
    private HandTyped() {}

    private static final Pattern PLACE = Pattern.compile("\\b[A-Za-z_$][\\w$]*\\.java(?::\\d+|\\.html#L\\d+)");

    /**
     * Adds a problem for every hand-typed place in the AsciiDoc files of {@code chapters/} and
     * {@code site/}, and in the repository's own {@code README.adoc} and {@code ARCHITECTURE.adoc}
     * (the README is a page of the site too, and a reader copies its commands and lines).
     */
    static void check(Path basedir, SourceTree sources, Problems problems) {
        List<Path> files = new java.util.ArrayList<>();
        for (String dir : List.of("chapters", "site")) {
            Path d = basedir.resolve(dir);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> list = Files.list(d)) {
                for (Path f : list.filter(p -> p.toString().endsWith(".adoc")).sorted().toList()) {
                    // site/README.adoc is the authors' guide, not a page: it shows the forms as examples.
                    if (dir.equals("site") && f.getFileName().toString().equalsIgnoreCase("README.adoc")) continue;
                    files.add(f);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String top : List.of("README.adoc", "ARCHITECTURE.adoc")) {
            if (Files.isRegularFile(basedir.resolve(top))) files.add(basedir.resolve(top));
        }
        for (Path f : files) {
            try {
                List<String> lines = SourceFile.splitLines(Files.readString(f).replace("\r\n", "\n"));
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = PLACE.matcher(lines.get(i));
                    while (m.find()) {
                        problems.add(sources.show(f) + ":" + (i + 1), "'" + m.group() + "' is a Java place typed by hand;"
                                + " it goes stale when the code moves. Show a recorded trace with tracetext::NAME[steps=…]"
                                + " or link to the code with src:FILE[tag=…]");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
