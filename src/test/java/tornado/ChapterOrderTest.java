package tornado;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Keeps the chapters self-contained (ARCHITECTURE.adoc, "The chapters, bottom-up"): a chapter
 * package may use the chapters below it and never one above it. This reads every main source file's imports and fully qualified
 * references to {@code tornado.*} and fails on any that reaches up or sideways into a chapter
 * that comes later, so a wrong-way import fails the build instead of waiting for a reviewer.
 */
class ChapterOrderTest {
    /** The packages in reading order. A package may use only those before it in this list. */
    static final List<String> ORDER = List.of(
            "trace", "options", "ioloop", "iostream", "netutil", "httputil", "httpserver", "escape", "web",
            "concurrent", "gen", "locks", "queues", "http1connection");

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\\n]|\\\\.)*\"");
    private static final Pattern REF = Pattern.compile("\\btornado\\.([a-z0-9]+)\\b");

    @Test
    void everyChapterUsesOnlyEarlierChapters() throws IOException {
        Path root = Path.of("src/main/java/tornado");
        List<String> problems = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = root.relativize(file).getName(0).toString();
                int rank = ORDER.indexOf(pkg);
                if (rank < 0) {
                    problems.add(file + ": package tornado." + pkg + " is not in the chapter order of ChapterOrderTest");
                    continue;
                }
                checked++;
                // String literals may name things like the "tornado.application" logger; only code counts.
                String source = STRING.matcher(Files.readString(file)).replaceAll("\"\"");
                Matcher m = REF.matcher(source);
                while (m.find()) {
                    String used = m.group(1);
                    int usedRank = ORDER.indexOf(used);
                    if (usedRank > rank) {
                        problems.add(file + " (chapter tornado." + pkg + ") uses tornado." + used + ", a later chapter");
                    }
                    if (usedRank < 0 && !used.equals(pkg)) {
                        problems.add(file + " uses tornado." + used + ", which is not a chapter");
                    }
                }
            }
        }
        assertTrue(checked > 10, "found too few sources to check: " + checked);
        assertEquals(List.of(), problems);
    }
}
