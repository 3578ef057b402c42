package tornado.walkthroughs;

import tornado.options.HelpRequested;
import tornado.options.Option;
import tornado.options.Options;
import tornado.options.OptionsError;
import tornado.trace.Trace;

/**
 * The flags every walkthrough takes, read through our own {@code options} (Appendix A), exactly
 * as a Tornado program reads {@code --port} with {@code define} and {@code parse_command_line}:
 * <pre>
 *   --port=N          where to listen (default 8888)
 *   --address=HOST    which interface (default 127.0.0.1; "" for all)
 *   --trace           the step trace as indented text on stderr
 *   --trace=json      the step trace as JSON lines on stdout
 *   --step            the text trace, pausing for Enter after each step
 * </pre>
 * A walkthrough may define more options on {@link #options()} before calling {@link #parse}.
 */
public record WalkthroughFlags(Options options, int port, String address) {

    /**
     * Parses {@code args} for walkthrough {@code name} and switches tracing on as asked. Returns
     * null after printing help for {@code --help}; an unknown flag or a bad value prints the error
     * and the help, then exits with status 2.
     */
    public static WalkthroughFlags parse(String name, String[] args) {
        return parse(name, args, new Options());
    }

    public static WalkthroughFlags parse(String name, String[] args, Options options) {
        Option<Integer> port = options.define("port", 8888, Integer.class, "the port to listen on");
        Option<String> address = options.define("address", "127.0.0.1", String.class,
                "the address to listen on (\"\" for every interface)");
        Option<String> trace = options.define("trace", "off", String.class,
                "trace each step of the chain: text (stderr) or json (stdout)", "text");
        Option<Boolean> step = options.define("step", false, Boolean.class,
                "with the trace, wait for Enter after every step");
        try {
            options.parseCommandLine(args, System.err);
        } catch (HelpRequested help) {
            return null;
        } catch (OptionsError e) {
            System.err.println(name + ": " + e.getMessage());
            options.printHelp(System.err);
            System.exit(2);
        }
        if (port.value() < 0 || port.value() > 65535) {
            System.err.println(name + ": --port must be between 0 and 65535, got " + port.value());
            System.exit(2);
        }
        Trace.configure(trace.value(), step.value());
        return new WalkthroughFlags(options, port.value(), address.value());
    }
}
