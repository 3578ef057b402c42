package tornado.site;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real site, rendered once per test JVM into {@code target/site/} and shared by every site
 * test. Rendering costs seconds (JRuby's start above all), so no test renders it again; a build
 * that failed fails every test that asks for it, with the build's own list of problems.
 */
public final class RenderedSite {
    private RenderedSite() {}

    private static Path site;
    private static RuntimeException failure;
    private static SiteBuilder.Report report;

    /** The project directory: Maven's {@code basedir}, or the working directory surefire starts in. */
    public static Path basedir() {
        String b = System.getProperty("basedir");
        Path p = Path.of(b != null ? b : System.getProperty("user.dir")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(p.resolve("pom.xml"))) {
            throw new IllegalStateException("not the project directory (no pom.xml): " + p);
        }
        return p;
    }

    /** {@code target/site/}, rendered on first call. */
    public static synchronized Path get() {
        if (site == null && failure == null) {
            try {
                Path base = basedir();
                report = SiteBuilder.build(base, base.resolve("target/site"), Walk.recorded());
                System.out.println(report);
                site = report.out();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) throw failure;
        return site;
    }

    public static synchronized SiteBuilder.Report report() {
        get();
        return report;
    }
}
