package tornado.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The names Tornado defines, one list per release, read from {@code site/tornado-symbols/}: the
 * facts a {@code @Mirrors} mark is checked against, so the map cannot claim a Tornado that never
 * was.
 *
 * <p>Each list is a file named after the release it was generated from ({@code 2.4.1.txt}), one
 * name per line ({@code iostream.IOStream.read_until}), made by {@code symbols.py} in the same
 * directory from Tornado's own source at that tag; a line starting with {@code #} is a comment.
 *
 * <p>Which list a mark is checked against follows from its version, the number after the
 * space ({@code "httputil.HTTPHeaders 4.0"}): the list of the oldest release we have that is
 * not older than that version and has the same major number. A mark with no version means
 * 2.4.1, the release this book follows. So with lists for 2.4.1, 3.0.2, 3.1.1, 3.2.2, 4.0.2,
 * 4.4.3, 4.5.3, 5.1.1 and 6.5.7 (the last patch release of each minor version a mark names, and
 * the newest 6.x), a mark of 3.0 is checked against 3.0.2, one of 4.4.2 against 4.4.3, one of 5.0
 * against 5.1.1 and one of 6.0 against 6.5.7. A version no list covers (4.6, say) is itself an error: add the list
 * with {@code symbols.py} rather than trusting the mark. A mark of a minor version with no list
 * of its own (4.2, say) is checked against a later one of the same major (4.4.3), which may
 * know names 4.2 did not: add that version's list when the difference matters.
 */
final class Symbols {
    static final String DIR = "site/tornado-symbols";
    /** What a mark without a version mirrors. */
    static final String DEFAULT_VERSION = "2.4.1";

    /** Release (as numbers) → the names it defines, oldest release first. */
    private final TreeMap<List<Integer>, Set<String>> lists = new TreeMap<>(Symbols::compare);
    private final TreeMap<List<Integer>, String> files = new TreeMap<>(Symbols::compare);

    /** Reads every list under {@code basedir}; a missing directory is reported, not thrown. */
    static Symbols load(Path basedir, Problems problems) {
        Symbols s = new Symbols();
        Path dir = basedir.resolve(DIR);
        if (!Files.isDirectory(dir)) {
            problems.add(DIR, "missing: the lists of the names Tornado defines, which every @Mirrors mark is checked"
                    + " against (generate them with symbols.py)");
            return s;
        }
        try (Stream<Path> list = Files.list(dir)) {
            for (Path f : list.filter(p -> p.getFileName().toString().matches("\\d+(\\.\\d+)*\\.txt")).sorted().toList()) {
                String name = f.getFileName().toString();
                List<Integer> release = numbers(name.substring(0, name.length() - ".txt".length()));
                Set<String> names = new HashSet<>();
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    String l = line.strip();
                    if (!l.isEmpty() && !l.startsWith("#")) names.add(l);
                }
                s.lists.put(release, names);
                s.files.put(release, DIR + "/" + name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        if (s.lists.isEmpty()) problems.add(DIR, "holds no list (a file such as 2.4.1.txt)");
        return s;
    }

    /** The list file a mark of {@code version} ("" for none) is checked against, or null if none covers it. */
    String fileFor(String version) {
        List<Integer> release = releaseFor(version);
        return release == null ? null : files.get(release);
    }

    /** Whether the release that covers {@code version} defines {@code name}; false if no release covers it. */
    boolean defines(String version, String name) {
        List<Integer> release = releaseFor(version);
        return release != null && lists.get(release).contains(name);
    }

    /** Names of that release ending in the same last part as {@code name}: what the mark may have meant. */
    List<String> sameMember(String version, String name) {
        List<Integer> release = releaseFor(version);
        List<String> out = new ArrayList<>();
        if (release == null) return out;
        String last = name.substring(name.lastIndexOf('.') + 1);
        String module = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        for (String n : lists.get(release)) {
            if (n.endsWith("." + last) && n.startsWith(module + ".")) out.add(n);
        }
        out.sort(null);
        return out.size() > 3 ? out.subList(0, 3) : out;
    }

    /** The releases we have lists for, for messages: "2.4.1, 3.0.2, …". */
    String releases() {
        List<String> out = new ArrayList<>();
        for (List<Integer> r : lists.keySet()) out.add(String.join(".", r.stream().map(String::valueOf).toList()));
        return String.join(", ", out);
    }

    private List<Integer> releaseFor(String version) {
        List<Integer> v = numbers(version.isEmpty() ? DEFAULT_VERSION : version);
        for (List<Integer> r : lists.keySet()) {
            if (r.get(0).equals(v.get(0)) && compare(r, v) >= 0) return r;
        }
        return null;
    }

    private static List<Integer> numbers(String version) {
        return Arrays.stream(version.split("\\.")).map(Integer::valueOf).toList();
    }

    /** Compares releases number by number; a missing number counts as 0 (4.0 = 4.0.0). */
    private static int compare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int x = i < a.size() ? a.get(i) : 0, y = i < b.size() ? b.get(i) : 0;
            if (x != y) return Integer.compare(x, y);
        }
        return 0;
    }
}
