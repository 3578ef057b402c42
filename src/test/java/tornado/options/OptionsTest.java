package tornado.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class OptionsTest {

    enum Mode { TEXT, JSON, READ_ONLY }

    private final ByteArrayOutputStream helpBytes = new ByteArrayOutputStream();
    private final PrintStream helpOut = new PrintStream(helpBytes, true, StandardCharsets.UTF_8);

    private String help() {
        return helpBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void seedHelloWorldDefinesPortAndReadsIt() {
        // Tornado's Hello world: define("port", default=8888, type=int); parse_command_line(); options.port
        String[] args = {"--port=9000"};
        // tag::seed-hello[]
        Options options = new Options();
        Option<Integer> port = options.define("port", 8888, Integer.class, "run on the given port");
        options.parseCommandLine(args);
        int listenOn = port.value();
        // end::seed-hello[]
        assertEquals(9000, listenOn);
        assertEquals(8888, port.defaultValue());
    }

    @Test
    void defaultStaysWhenNotGiven() {
        Options options = new Options();
        Option<String> host = options.define("host", "127.0.0.1", String.class, "address");
        Option<Integer> none = options.define("none", null, Integer.class, "no default");
        options.parseCommandLine();
        assertEquals("127.0.0.1", host.value());
        assertNull(none.value());
    }

    @Test
    void nameSpaceValueForm() {
        Options options = new Options();
        Option<Integer> port = options.define("port", 8888, Integer.class, "port");
        Option<String> name = options.define("name", "", String.class, "name");
        assertEquals(List.of("rest"), options.parseCommandLine("--port", "9001", "--name", "x y", "rest"));
        assertEquals(9001, port.value());
        assertEquals("x y", name.value());
    }

    @Test
    void nameSpaceValueAcceptsNegativeNumberButNotAnotherOption() {
        Options options = new Options();
        Option<Integer> offset = options.define("offset", 0, Integer.class, "offset");
        options.define("port", 1, Integer.class, "port");
        options.parseCommandLine("--offset", "-5");
        assertEquals(-5, offset.value());
        OptionsError e = assertThrows(OptionsError.class, () -> options.parseCommandLine("--offset", "--port=3"));
        assertEquals("--offset: option offset requires a value; write --offset=VALUE or --offset VALUE", e.getMessage());
    }

    @Test
    void missingValueAtEndIsAnError() {
        Options options = new Options();
        options.define("port", 8888, Integer.class, "port");
        OptionsError e = assertThrows(OptionsError.class, () -> options.parseCommandLine("--port"));
        assertTrue(e.getMessage().contains("requires a value"), e.getMessage());
    }

    @Test
    void valueMayBeEmptyOrContainEquals() {
        Options options = new Options();
        Option<String> header = options.define("header", "d", String.class, "a header");
        options.parseCommandLine("--header=a=b");
        assertEquals("a=b", header.value());
        options.parseCommandLine("--header=");
        assertEquals("", header.value());
    }

    @Test
    void bareBooleanIsTrueAndDoesNotEatNextArgument() {
        Options options = new Options();
        Option<Boolean> debug = options.define("debug", false, Boolean.class, "debug mode");
        assertEquals(List.of("false"), options.parseCommandLine("--debug", "false"));
        assertTrue(debug.value());
        options.parseCommandLine("--debug=false");
        assertFalse(debug.value());
        options.parseCommandLine("--debug=YES");
        assertTrue(debug.value());
    }

    @Test
    void booleanTypoIsAnErrorNotTrue() {
        Options options = new Options();
        Option<Boolean> debug = options.define("debug", false, Boolean.class, "debug mode");
        OptionsError e = assertThrows(OptionsError.class, () -> options.parseCommandLine("--debug=flase"));
        assertEquals("--debug=flase: 'flase' is not a valid Boolean for option debug:"
                + " use true or false (also t/f, yes/no, y/n, on/off, 1/0)", e.getMessage());
        assertFalse(debug.value());
    }

    @Test
    void implicitValueWhenAloneExplicitWhenGiven() {
        Options options = new Options();
        // tag::implicit[]
        Option<String> trace = options.define("trace", "off", String.class, "trace the chain", "text");
        // end::implicit[]
        Option<Boolean> step = options.define("step", false, Boolean.class, "pause after each step");
        assertEquals("off", trace.value());
        assertEquals(List.of("file.txt"), options.parseCommandLine("--trace", "file.txt"));
        assertEquals("text", trace.value());
        options.parseCommandLine("--trace=json", "--step");
        assertEquals("json", trace.value());
        assertTrue(step.value());
    }

    @Test
    void dashesAndUnderscoresAreAlike() {
        Options options = new Options();
        Option<Long> max = options.define("max_body_size", 100L, Long.class, "limit");
        Option<Integer> idle = options.define("idle-timeout", 1, Integer.class, "seconds");
        options.parseCommandLine("--max-body-size=5", "--idle_timeout", "7");
        assertEquals(5L, max.value());
        assertEquals(7, idle.value());
        assertSame(max, options.option("max-body-size"));
        assertSame(idle, options.option("idle_timeout"));
    }

    @Test
    void singleDashWorksAsInTornado() {
        Options options = new Options();
        Option<Integer> port = options.define("port", 1, Integer.class, "port");
        options.parseCommandLine("-port=2");
        assertEquals(2, port.value());
    }

    @Test
    void firstNonOptionEndsOptions() {
        Options options = new Options();
        Option<Integer> port = options.define("port", 1, Integer.class, "port");
        List<String> rest = options.parseCommandLine("--port=2", "serve", "--port=3");
        assertEquals(List.of("serve", "--port=3"), rest);
        assertEquals(2, port.value());
    }

    @Test
    void doubleDashEndsOptionsAndIsConsumed() {
        Options options = new Options();
        Option<Integer> port = options.define("port", 1, Integer.class, "port");
        assertEquals(List.of("--port=3", "x"), options.parseCommandLine("--port=2", "--", "--port=3", "x"));
        assertEquals(2, port.value());
    }

    @Test
    void unknownOptionIsNamedWithKnownOnes() {
        Options options = new Options();
        options.define("port", 1, Integer.class, "port");
        OptionsError e = assertThrows(OptionsError.class, () -> options.parseCommandLine("--prot=80"));
        assertEquals("unrecognized command line option --prot=80; known options: --help, --port"
                + " (--help describes them)", e.getMessage());
    }

    @Test
    void badIntegerSaysWhatAndWhich() {
        Options options = new Options();
        options.define("port", 8888, Integer.class, "port");
        OptionsError e = assertThrows(OptionsError.class, () -> options.parseCommandLine("--port=abc"));
        assertEquals("--port=abc: 'abc' is not a valid Integer for option port: not a whole number", e.getMessage());
        e = assertThrows(OptionsError.class, () -> options.parseCommandLine("--port", "99999999999"));
        assertEquals("--port 99999999999: '99999999999' is not a valid Integer for option port:"
                + " out of range [-2147483648, 2147483647]", e.getMessage());
        e = assertThrows(OptionsError.class, () -> options.parseCommandLine("--port= 80"));
        assertTrue(e.getMessage().endsWith("not a whole number"), e.getMessage());
    }

    @Test
    void typesParse() {
        Options options = new Options();
        Option<Double> ratio = options.define("ratio", 0.5, Double.class, "ratio");
        Option<Duration> timeout = options.define("timeout", Duration.ofSeconds(10), Duration.class, "t");
        Option<Mode> mode = options.define("mode", Mode.TEXT, Mode.class, "mode");
        options.parseCommandLine("--ratio=2.5e1", "--timeout=1h 30m", "--mode=read-only");
        assertEquals(25.0, ratio.value());
        assertEquals(Duration.ofMinutes(90), timeout.value());
        assertEquals(Mode.READ_ONLY, mode.value());
        OptionsError e = assertThrows(OptionsError.class, () -> options.parseCommandLine("--mode=xml"));
        assertEquals("--mode=xml: 'xml' is not a valid text|json|read_only for option mode:"
                + " choose one of text, json, read_only", e.getMessage());
        e = assertThrows(OptionsError.class, () -> options.parseCommandLine("--timeout=10x"));
        assertTrue(e.getMessage().startsWith("--timeout=10x: '10x' is not a valid Duration for option timeout:"
                + " unknown unit 'x'"), e.getMessage());
    }

    @Test
    void definingTwiceIsAnErrorEvenAfterNormalizing() {
        Options options = new Options();
        options.define("max_size", 1, Integer.class, "a");
        OptionsError e = assertThrows(OptionsError.class, () -> options.define("max_size", 2, Integer.class, "b"));
        assertEquals("option 'max_size' already defined", e.getMessage());
        e = assertThrows(OptionsError.class, () -> options.define("max-size", 2, Integer.class, "b"));
        assertEquals("option 'max-size' already defined as 'max_size'", e.getMessage());
        assertThrows(OptionsError.class, () -> options.define("help", true, Boolean.class, "again"));
    }

    @Test
    void badNamesAndUnsupportedTypesAreRefusedAtDefineTime() {
        Options options = new Options();
        assertThrows(OptionsError.class, () -> options.define("", 1, Integer.class, "x"));
        assertThrows(OptionsError.class, () -> options.define("--port", 1, Integer.class, "x"));
        assertThrows(OptionsError.class, () -> options.define("a=b", 1, Integer.class, "x"));
        assertThrows(OptionsError.class, () -> options.define("a b", 1, Integer.class, "x"));
        OptionsError e = assertThrows(OptionsError.class,
                () -> options.define("list", null, java.util.List.class, "x"));
        assertTrue(e.getMessage().contains("cannot be parsed from the command line"), e.getMessage());
    }

    @Test
    void optionLookupOfUnknownNameFails() {
        Options options = new Options();
        OptionsError e = assertThrows(OptionsError.class, () -> options.option("nope"));
        assertEquals("unrecognized option 'nope'; known options: --help", e.getMessage());
    }

    @Test
    void helpPrintsEveryOptionAndSignals() {
        Options options = new Options();
        options.define("port", 8888, Integer.class, "run on the given port");
        options.define("trace", "off", String.class, "trace the chain: text or json", "text");
        options.define("timeout", Duration.ofMillis(1500), Duration.class, "idle timeout");
        options.define("step", false, Boolean.class, "pause after each step");
        options.define("mode", Mode.JSON, Mode.class, null);
        assertThrows(HelpRequested.class, () -> options.parseCommandLine(new String[] {"--help"}, helpOut));
        String text = help();
        assertTrue(text.startsWith("Options:\n\n"), text);
        assertTrue(text.contains("  --port=Integer                  run on the given port (default 8888)\n"), text);
        assertTrue(text.contains("  --trace[=String]                trace the chain: text or json (default off)\n"
                + " ".repeat(34) + "(--trace alone means text)\n"), text);
        assertTrue(text.contains("  --timeout=Duration              idle timeout (default 1s500ms)\n"), text);
        assertTrue(text.contains("  --step                          pause after each step (default false)\n"), text);
        assertTrue(text.contains("  --help                          show this help information (default false)\n"), text);
        assertTrue(text.contains("  --mode=text|json|read_only      (default json)\n"), text);
        // Sorted by name, as Tornado prints them.
        assertTrue(text.indexOf("--help") < text.indexOf("--mode")
                && text.indexOf("--mode") < text.indexOf("--port")
                && text.indexOf("--port") < text.indexOf("--step")
                && text.indexOf("--step") < text.indexOf("--timeout")
                && text.indexOf("--timeout") < text.indexOf("--trace"), text);
    }

    // How a walkthrough's main uses the two signals: help ends it quietly with status 0, a usage
    // error is printed and ends it with status 2.
    static int mainLike(Options options, String[] args, PrintStream out, PrintStream err) {
        // tag::main-help[]
        try {
            options.parseCommandLine(args, out);
        } catch (HelpRequested done) {
            return 0;
        } catch (OptionsError e) {
            err.println(e.getMessage());
            return 2;
        }
        // end::main-help[]
        return 0;
    }

    @Test
    void mainStyleHandling() {
        Options options = new Options();
        options.define("port", 8888, Integer.class, "port");
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        assertEquals(0, mainLike(options, new String[] {"--help"}, helpOut, err));
        assertTrue(help().contains("--port=Integer"));
        assertEquals("", errBytes.toString(StandardCharsets.UTF_8));
        Options other = new Options();
        other.define("port", 8888, Integer.class, "port");
        assertEquals(2, mainLike(other, new String[] {"--port=x"}, helpOut, err));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).startsWith("--port=x: 'x' is not a valid Integer"));
    }

    @Test
    void helpIsNotAnError() {
        // A main that turns OptionsError into "usage error, exit 2" must not catch --help.
        assertFalse(OptionsError.class.isAssignableFrom(HelpRequested.class));
    }

    @Test
    void badOptionNextToHelpIsStillReported() {
        Options options = new Options();
        assertThrows(OptionsError.class, () -> options.parseCommandLine(new String[] {"--help", "--bogus"}, helpOut));
        assertEquals("", help());
    }

    @Test
    void longHelpWrapsAndLongFlagsGetTheirOwnLine() {
        Options options = new Options();
        options.define("a_really_long_option_name_indeed", "x", String.class,
                "this help text is long enough that it has to be wrapped onto a second line of the help");
        options.printHelp(helpOut);
        String[] lines = help().split("\n");
        for (String line : lines) assertTrue(line.length() <= 79, "too long: " + line);
        String all = help();
        assertTrue(all.contains("  --a_really_long_option_name_indeed=String\n" + " ".repeat(34) + "this help"), all);
    }

    @Test
    void setFromCodeAndNullBringsDefaultBack() {
        Options options = new Options();
        Option<Integer> port = options.define("port", 8888, Integer.class, "port");
        port.set(1);
        assertEquals(1, port.value());
        port.set(null);
        assertEquals(8888, port.value());
        assertEquals("--port=8888", port.toString());
    }

    @Test
    void globalInstanceIsOneAndHasHelp() {
        assertSame(Options.options(), Options.options());
        assertEquals("help", Options.options().option("help").name());
    }

    @Test
    void allListsInDefinitionOrder() {
        Options options = new Options();
        options.define("b", 1, Integer.class, "b");
        options.define("a", 1, Integer.class, "a");
        List<String> names = options.all().stream().map(Option::name).toList();
        assertEquals(List.of("help", "b", "a"), names);
    }
}
