package tornado.site;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.asciidoctor.ast.Document;

/**
 * One page of the book rendered from AsciiDoc: the index, another page of {@code site/}, or a
 * chapter. All such pages sit at the root of the site, so a link written on one works on every
 * other; only the generated source pages live deeper.
 */
final class Page {
    enum Kind { INDEX, SITE, CHAPTER }

    final String stem;
    final Path file;
    final Kind kind;

    Document doc;
    /** The title as HTML (it may hold inline markup), and the shorter one the sidebar shows. */
    String title = "";
    String navTitle = "";
    String description = "";
    /** For a chapter: the packages it teaches, from its {@code :packages:} attribute. */
    List<String> packages = List.of();
    /** For a chapter whose header says {@code :marks: methods}: every public method of its packages carries a mark. */
    boolean marksMethods;
    /** One section for the sidebar: its id, its title as HTML, and its own subsections. */
    record Heading(String id, String title, List<Heading> subsections) {}

    /** Level-1 sections with their level-2 subsections, for the sidebar. */
    final List<Heading> sections = new ArrayList<>();
    String body = "";

    /** Walkthroughs whose trace this page shows, placed by {@code trace::name[]} or appended. */
    final Set<String> traces = new LinkedHashSet<>();
    final Set<String> blockIds = new HashSet<>();

    Page(String stem, Path file, Kind kind) {
        this.stem = stem;
        this.file = file;
        this.kind = kind;
    }

    String href() {
        return stem + ".html";
    }

    @Override
    public String toString() {
        return stem;
    }
}
