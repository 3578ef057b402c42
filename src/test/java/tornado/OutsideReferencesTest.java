package tornado;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No comment or page sends the reader to a file the repository does not hold (ARCHITECTURE.adoc,
 * "Rules a contributor keeps"). The design notes this project started from and the five readers'
 * notes it follows are not shipped, so a citation of them ("the design document, section 3", a
 * note by its number or its file name) is a dead end for the reader. Such a reference cites
 * ARCHITECTURE.adoc, a chapter section, or a step on the site page "The notes this book follows"
 * instead.
 *
 * <p>The patterns are assembled from pieces so that this file does not match them itself.
 */
class OutsideReferencesTest {
    /** What a reference outside the repository looks like, each with what to write instead. */
    static final List<Pattern> OUTSIDE = List.of(
            // The design notes the lead engineer works from.
            Pattern.compile("DESIGN" + "\\.md"),
            // The directory the notes and design live in, outside the repository.
            Pattern.compile("\\.\\./" + "shared|/work/" + "shared"),
            // A readers' note by its file name: three digits, an underscore, sixteen hex digits.
            Pattern.compile("\\b\\d{3}_[0-9a-f]{16}\\b"),
            // A readers' note by its number, as earlier comments wrote it.
            Pattern.compile("(?i)\\bseeds?\\s+\\d{3}\\b"));

    /** The parts of the repository a reader or a contributor reads. */
    static final List<String> ROOTS = List.of("src", "walkthroughs", "chapters", "site", "README.adoc",
            "ARCHITECTURE.adoc", "pom.xml", ".run", ".vscode");

    private static final Set<String> TEXT = Set.of("java", "adoc", "css", "xml", "md", "py", "txt", "json", "properties",
            "html", "svg");

    /** Every line under {@code base} that refers outside the repository, as {@code path:line: text}. */
    static List<String> outsideReferences(Path base) throws IOException {
        List<String> found = new ArrayList<>();
        for (String root : ROOTS) {
            Path start = base.resolve(root);
            if (!Files.exists(start)) continue;
            try (Stream<Path> walk = Files.walk(start)) {
                for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (!TEXT.contains(name.substring(name.lastIndexOf('.') + 1))) continue;
                    List<String> lines;
                    try {
                        lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                    } catch (MalformedInputException notText) {
                        continue;
                    }
                    for (int i = 0; i < lines.size(); i++) {
                        for (Pattern p : OUTSIDE) {
                            Matcher m = p.matcher(lines.get(i));
                            if (m.find()) {
                                found.add(base.relativize(f).toString().replace('\\', '/') + ":" + (i + 1) + ": «"
                                        + m.group() + "» in: " + lines.get(i).strip());
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    @Test
    void nothingInTheRepositoryCitesAFileItDoesNotHold() throws IOException {
        assertEquals(List.of(), outsideReferences(Path.of("")),
                "cite ARCHITECTURE.adoc's sections, a chapter section, or a step of the site page"
                        + " 'The notes this book follows' instead");
    }

    @Test
    void eachFormOfAnOutsideReferenceIsCaught(@TempDir Path tmp) throws IOException {
        Path src = tmp.resolve("src/main/java/x");
        Files.createDirectories(src);
        Files.writeString(src.resolve("X.java"), String.join("\n",
                "// as " + "DESIGN" + ".md §3 says",
                "// see ../" + "shared/notes",
                "// from 003_" + "0123456789abcdef.txt",
                "// as seed " + "000 shows",
                "// Seeds " + "000 and 001 walk through it",
                "// step 4 of the request's path (site page 'The notes this book follows')",
                ""));
        Files.createDirectories(tmp.resolve("chapters"));
        Files.writeString(tmp.resolve("chapters/01-x.adoc"), "In seed " + "003 this is step 4.\n");
        List<String> found = outsideReferences(tmp);
        assertEquals(6, found.size(), String.join("\n", found));
        assertEquals("chapters/01-x.adoc:1: «seed " + "003» in: In seed " + "003 this is step 4.", found.get(5));
    }
}
