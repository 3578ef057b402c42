package tornado.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The real site in a real browser: Debian's headless Chromium, driven through its chromedriver.
 * What jsoup cannot see is layout, so this is where it is checked, at a desktop width (1280 px)
 * and a phone's (420 px): that an anchored link lands with its target below the sticky top bar
 * rather than under it, and that a sequence picture is either whole in its box or scrolls in
 * its own box, never cut off and never widening the page.
 *
 * <p>Skipped, with the reason, on a machine without {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver} ({@code apt-get install chromium chromium-driver}; {@code .ci/run}
 * installs them). The driver is given by path, so Selenium never tries to download one.
 * With {@code -Dsite.screenshots=DIR} the test also leaves a PNG of each width and page there.
 */
class SiteInBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium"), DRIVER = Path.of("/usr/bin/chromedriver");
    static final int[] WIDTHS = {1280, 420};

    static ChromeDriver browser;
    static Path site;
    static SiteChecks checks;
    static Path profile;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "no " + (Files.isExecutable(CHROMIUM) ? DRIVER : CHROMIUM)
                + " on this machine (Debian: apt-get install chromium chromium-driver); skipping the browser checks of the site");
        site = RenderedSite.get();
        checks = new SiteChecks(site, RenderedSite.basedir());
        profile = Files.createTempDirectory("site-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The flags the project's toolchain notes give for a quiet headless Chromium: no network
        // of its own, no first-run work, a fresh profile.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().withTimeout(Duration.ofSeconds(30)).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) browser.quit();
        if (profile != null) {
            // The browser's profile of this run: nothing in it is wanted afterwards.
            try (var walk = Files.walk(profile)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    /** Sets the viewport (not the window) to {@code width} × 900 CSS pixels. */
    private static void width(int width) {
        browser.manage().window().setSize(new Dimension(width, 900));
        JavascriptExecutor js = browser;
        long inner = ((Number) js.executeScript("return window.innerWidth")).longValue();
        if (inner != width) browser.manage().window().setSize(new Dimension(2 * width - (int) inner, 900));
    }

    /** Opens a page of the site, at {@code #fragment} if given, once layout has settled. */
    private static void open(String rel) {
        browser.get(site.resolve(rel.replaceAll("#.*", "")).toUri() + (rel.contains("#") ? rel.substring(rel.indexOf('#')) : ""));
        // Two animation frames: the browser has laid out the page and scrolled to the fragment.
        browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " requestAnimationFrame(() => requestAnimationFrame(() => done(true)));");
    }

    /** Where the target of the fragment and the top bar are in the viewport, in CSS pixels. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> landing(String id) {
        return (Map<String, Object>) browser.executeScript(
                "const t = document.getElementById(arguments[0]); const bar = document.querySelector('.topbar');"
                + " if (!t) return {missing: true};"
                + " const r = t.getBoundingClientRect();"
                + " return {top: r.top, bottom: r.bottom, bar: bar ? bar.getBoundingClientRect().bottom : 0,"
                + " height: window.innerHeight};", id);
    }

    private static double num(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).doubleValue();
    }

    /**
     * A sample of every kind of anchored link the site has, taken from the pages themselves: a
     * listing's link to a source line, a trace row's link to a source line, a trace's sequence
     * number, the sidebar's section and subsection links, a box, a map row, a map link from a
     * source line.
     */
    private static List<String> anchoredLinks() {
        Set<String> out = new LinkedHashSet<>();
        for (String page : List.of("02-iostream.html", "04-httpserver.html", "05-web.html")) {
            var d = checks.page(page);
            take(out, page, d.select("a.source-ref"), 2);
            take(out, page, d.select("table.trace-table td.java a"), 2);
            take(out, page, d.select("table.trace-table td.seq a"), 2);
            take(out, page, d.select("nav.sidebar ol.nav-sections > li > a"), 2);
            take(out, page, d.select("nav.sidebar ol.nav-subsections a"), 2);
        }
        out.add("04-httpserver.html#real-world-tornado-4-0");
        var map = checks.page("tornado-map.html");
        take(out, "tornado-map.html", map.select("a.java-place"), 3);
        var source = checks.page("src/tornado/iostream/IOStream.java.html");
        take(out, "src/tornado/iostream/IOStream.java.html", source.select("a.to-map"), 2);
        take(out, "src/tornado/iostream/IOStream.java.html", source.select("a.shown-in"), 2);
        return new ArrayList<>(out);
    }

    /** Up to {@code n} links of a kind, spread over the page (the last ones too), as site paths. */
    private static void take(Set<String> out, String page, List<Element> links, int n) {
        if (links.isEmpty()) return;
        for (int k = 0; k < n; k++) {
            Element a = links.get(k == 0 ? 0 : links.size() - 1 - (k - 1) * (links.size() / Math.max(1, n)));
            String href = a.attr("href");
            if (!href.contains("#")) continue;
            String path = href.startsWith("#") ? page : Path.of(page).resolveSibling(href.substring(0, href.indexOf('#')))
                    .normalize().toString().replace('\\', '/');
            out.add(path + href.substring(href.indexOf('#')));
        }
    }

    @Test
    void everyKindOfAnchoredLinkLandsBelowTheTopBar() {
        List<String> links = anchoredLinks();
        assertTrue(links.size() >= 20, "too few anchored links sampled: " + links);
        List<String> bad = new ArrayList<>();
        for (int w : WIDTHS) {
            width(w);
            for (String link : links) {
                open(link);
                Map<String, Object> at = landing(link.substring(link.indexOf('#') + 1));
                if (at.containsKey("missing")) {
                    bad.add(w + " px " + link + ": no such element");
                } else if (num(at, "top") < num(at, "bar") - 0.5 || num(at, "top") >= num(at, "height")) {
                    bad.add(w + " px " + link + ": the target's top is at " + num(at, "top") + " px, the top bar ends at "
                            + num(at, "bar") + " px, the window is " + num(at, "height") + " px high");
                }
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void aSequencePictureIsWholeOnADesktopAndScrollsInItsOwnBoxOnAPhone() {
        List<String> pages = new ArrayList<>();
        for (String stem : checks.chapterStems()) {
            if (!checks.page(stem + ".html").select(".trace-picture svg").isEmpty()) pages.add(stem + ".html");
        }
        assertTrue(pages.size() >= 3, "chapters with a sequence picture: " + pages);
        List<String> bad = new ArrayList<>();
        for (int w : WIDTHS) {
            width(w);
            for (String page : pages) {
                open(page);
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> boxes = (List<Map<String, Object>>) browser.executeScript(
                        "return [...document.querySelectorAll('.trace-picture')].map(b => ({id: b.parentElement.id,"
                        + " scroll: b.scrollWidth, client: b.clientWidth, overflow: getComputedStyle(b).overflowX,"
                        + " page: document.documentElement.scrollWidth, window: window.innerWidth}))");
                for (Map<String, Object> b : boxes) {
                    String where = w + " px " + page + " #" + b.get("id") + ": ";
                    double scroll = num(b, "scroll"), client = num(b, "client");
                    if (num(b, "page") > num(b, "window") + 1) bad.add(where + "the page is wider than the window: " + b);
                    if (w >= 1280 && scroll > client + 1) bad.add(where + "the picture is cut off (it is " + scroll
                            + " px wide in a box of " + client + " px)");
                    if (w < 1280 && scroll > client + 1 && !List.of("auto", "scroll").contains(b.get("overflow"))) {
                        bad.add(where + "the picture is wider than its box, which does not scroll: " + b);
                    }
                }
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void screenshotsForAPersonToLookAt() throws Exception {
        String dir = System.getProperty("site.screenshots");
        assumeTrue(dir != null && !dir.isBlank(), "no -Dsite.screenshots=DIR given; no screenshots taken");
        Path out = Files.createDirectories(Path.of(dir));
        String[][] shots = {
            {"chapter", "05-web.html#the-recorded-trace"},
            {"source", "src/tornado/iostream/IOStream.java.html#L180"},
            {"trace", "03-netutil.html#the-recorded-trace"},
            {"listing", "02-iostream.html#code-write"},
        };
        for (int w : WIDTHS) {
            width(w);
            for (String[] s : shots) {
                open(s[1]);
                File png = browser.getScreenshotAs(OutputType.FILE);
                Files.copy(png.toPath(), out.resolve(s[0] + "-" + w + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
