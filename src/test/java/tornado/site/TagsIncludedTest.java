package tornado.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every tagged region in the book's sources ({@code // tag::name[]}) is shown by some page: an
 * {@code include::…[tag=name]} or a {@code src:…[tag=name]} link in a chapter, the README or a
 * site page. A tag nobody includes is a promise to the reader that no page keeps; it is removed
 * or included. Read from the files, without rendering the site.
 */
class TagsIncludedTest {
    private static final Pattern INCLUDE = Pattern.compile("include::([^\\[\\s]+)\\[([^\\]]*)\\]");
    private static final Pattern SRC = Pattern.compile("src:([^\\[\\s]+)\\[([^\\]]*)\\]");
    private static final Pattern TAG_ATTR = Pattern.compile("tags?=([\\w;,-]+)");
    private static final Pattern TAG = Pattern.compile("//\\s*tag::([\\w-]+)\\[\\]");

    @Test
    void everyTaggedRegionIsIncludedSomewhere() throws IOException {
        // Which (file name, tag) pairs the pages use. File names are enough: the book's sources
        // have no two files of the same name that both carry tags.
        Set<String> used = new HashSet<>();
        List<Path> pages = new ArrayList<>();
        for (String dir : List.of("chapters", "site")) {
            try (Stream<Path> s = Files.walk(Path.of(dir))) {
                s.filter(p -> p.toString().endsWith(".adoc")).forEach(pages::add);
            }
        }
        try (Stream<Path> s = Files.list(Path.of("."))) {
            s.filter(p -> p.toString().endsWith(".adoc")).forEach(pages::add);
        }
        for (Path page : pages) {
            String text = Files.readString(page);
            for (Pattern p : List.of(INCLUDE, SRC)) {
                Matcher m = p.matcher(text);
                while (m.find()) {
                    String file = Path.of(m.group(1)).getFileName().toString();
                    Matcher t = TAG_ATTR.matcher(m.group(2));
                    while (t.find()) {
                        for (String tag : t.group(1).split("[;,]")) used.add(file + "#" + tag);
                    }
                }
            }
        }
        List<String> unused = new ArrayList<>();
        for (String dir : List.of("src/main/java", "walkthroughs")) {
            try (Stream<Path> s = Files.walk(Path.of(dir))) {
                for (Path source : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = TAG.matcher(Files.readString(source));
                    while (m.find()) {
                        String key = source.getFileName() + "#" + m.group(1);
                        if (!used.contains(key)) unused.add(source + " tag " + m.group(1));
                    }
                }
            }
        }
        assertEquals(List.of(), unused, "tagged regions that no page includes: include them or remove the tags");
    }
}
