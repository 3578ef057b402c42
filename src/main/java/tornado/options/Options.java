package tornado.options;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import tornado.trace.Mirrors;

/**
 * A set of command-line options: the place where a program says which flags it takes
 * ({@link #define}), reads them from {@code main}'s arguments ({@link #parseCommandLine}) and
 * explains them ({@link #printHelp}).
 *
 * <p>This mirrors {@code _Options} in Tornado's {@code tornado/options.py}, the dictionary behind
 * the module-level {@code define}, {@code parse_command_line} and {@code options}. Tornado's
 * Hello-world is the whole story: define {@code port}, parse the command line, listen on
 * {@code options.port}. Every walkthrough in this book starts the same way, with {@code --port},
 * {@code --trace} and {@code --step}.
 *
 * <p>Where Java differs:
 * <ul>
 *   <li>Tornado's options are one global dictionary that every module defines into at import time.
 *       Here an {@code Options} is an ordinary object, so two walkthroughs (or two tests) in one
 *       JVM cannot trip over each other's {@code --port}; {@link #options()} still offers the one
 *       global instance for code that wants Tornado's style.</li>
 *   <li>Python reads {@code options.port} through {@code __getattr__}. Java has no such hook, so
 *       {@link #define} hands back a typed {@link Option} and the program keeps it:
 *       {@code port.value()} is an {@code Integer} without a cast.</li>
 *   <li>{@code --help} makes Tornado print the help and call {@code sys.exit(0)}. A library must
 *       not end the JVM (a test runner or the tour may be the caller), so we print and throw
 *       {@link HelpRequested}; the walkthrough's {@code main} catches it and returns.</li>
 *   <li>Beyond Tornado: {@code --name value} (a separate argument) as well as {@code --name=value},
 *       and options with an <em>implicit value</em>, used when the flag comes alone:
 *       {@code --trace} means {@code --trace=text}.</li>
 * </ul>
 */
@Mirrors("options._Options")
public final class Options {

    // tag::state[]
    // Every option, by its normalized name (see normalizeName). A LinkedHashMap, so that an error
    // listing the known options lists them in the order the program defined them.
    private final Map<String, Option<?>> byName = new LinkedHashMap<>();
    // end::state[]

    // Tornado defines --help in every program, so we do too: each Options starts with it.
    private final Option<Boolean> help;

    /** An empty set of options, holding only {@code --help}. */
    public Options() {
        help = define("help", false, Boolean.class, "show this help information");
    }

    // The holder idiom: the global instance is created the first time options() is called, and
    // the JVM's class initialization makes that safe without a lock on every call.
    private static final class Global {
        static final Options INSTANCE = new Options();
    }

    /**
     * The process-wide options, for code written in Tornado's style where every module defines
     * into one dictionary. The walkthroughs and the tests make their own {@code new Options()}
     * instead, so that nothing one of them defines leaks into another.
     */
    @Mirrors("options.options")
    public static Options options() {
        return Global.INSTANCE;
    }

    /**
     * Defines an option; see {@link #define(String, Object, Class, String, Object)}, of which this
     * is the common case: no implicit value, so a non-Boolean option needs a value on the command
     * line and a Boolean one alone means {@code true}.
     */
    @Mirrors({"options.define", "options._Options.define"})
    public <T> Option<T> define(String name, T defaultValue, Class<T> type, String help) {
        return define(name, defaultValue, type, help, null);
    }

    // tag::define[]
    /**
     * Defines the option {@code --name} of the given type, and returns the handle its value is
     * read through.
     *
     * @param name          the name without dashes; {@code -} and {@code _} in it are the same
     *                      ({@code max_body_size} may be given as {@code --max-body-size})
     * @param defaultValue  what {@link Option#value()} returns until the command line sets it;
     *                      may be {@code null}
     * @param type          String, Integer, Long, Double, Boolean, {@link java.time.Duration} or
     *                      an enum; Tornado's {@code type=int} becomes {@code Integer.class}
     * @param help          one line for {@code --help}
     * @param implicitValue the value the option takes when the flag comes without one
     *                      ({@code --trace} alone means {@code "text"}); {@code null} for none
     * @throws OptionsError if the name is taken (after normalizing) or the type is unsupported
     */
    public synchronized <T> Option<T> define(String name, T defaultValue, Class<T> type,
                                             String help, T implicitValue) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isEmpty() || name.startsWith("-") || name.contains("=") || name.isBlank()
                || name.chars().anyMatch(Character::isWhitespace)) {
            throw new OptionsError("'" + name + "' cannot be an option name: it must be non-empty,"
                    + " must not start with '-', and must not contain '=' or whitespace");
        }
        // Refuse a type we could not parse now, at define time, rather than later when a user
        // first passes the flag and gets an error about the program instead of their input.
        if (!ValueParsers.supports(type)) {
            throw new OptionsError("option " + name + " has type " + type.getName()
                    + ", which cannot be parsed from the command line; use String, Integer, Long,"
                    + " Double, Boolean, java.time.Duration or an enum");
        }
        String key = normalizeName(name);
        Option<?> taken = byName.get(key);
        if (taken != null) {
            // Tornado says where the first definition was; a name is the most we can say, but
            // we do say when the clash only exists after normalizing, which is the puzzling case.
            throw new OptionsError("option '" + name + "' already defined"
                    + (taken.name().equals(name) ? "" : " as '" + taken.name() + "'"));
        }
        Option<T> option = new Option<>(name, type, defaultValue, help, implicitValue);
        byName.put(key, option);
        return option;
    }
    // end::define[]

    /**
     * The option called {@code name} ({@code -} and {@code _} alike), for code that did not keep
     * the handle {@link #define} returned. This is Python's {@code options.name}, less the magic.
     *
     * @throws OptionsError if there is no such option
     */
    @Mirrors("options._Options.__getattr__")
    public synchronized Option<?> option(String name) {
        Option<?> option = byName.get(normalizeName(name));
        if (option == null) throw new OptionsError("unrecognized option '" + name + "'; known options: " + knownNames());
        return option;
    }

    /** Every defined option, in the order they were defined. */
    public synchronized List<Option<?>> all() {
        return List.copyOf(byName.values());
    }

    // tag::parse-command-line[]
    /**
     * Reads the options from a program's arguments, sets their values, and returns the arguments
     * that were not options. Help, if asked for, goes to {@code System.out}.
     *
     * @see #parseCommandLine(String[], PrintStream)
     */
    @Mirrors({"options.parse_command_line", "options._Options.parse_command_line"})
    public List<String> parseCommandLine(String... args) {
        return parseCommandLine(args, System.out);
    }

    /**
     * Reads the options from {@code args}, left to right, until the first argument that does not
     * start with {@code -} (or just after a lone {@code --}); that argument and everything after
     * it is returned, untouched, for the program to use.
     *
     * <p>Each option may be written {@code --name=value} or {@code --name value}; a Boolean alone
     * ({@code --debug}) means true, and an option with an implicit value alone takes that value.
     * Unlike Python's {@code sys.argv}, Java's {@code args} does not start with the program's
     * name, so nothing is skipped.
     *
     * @param helpOut where {@code --help} prints the help
     * @return the arguments after the options
     * @throws OptionsError   naming the argument, for an unknown option, a missing value or a
     *                        value that does not parse as the option's type
     * @throws HelpRequested  after printing the help, when {@code --help} was given
     */
    public List<String> parseCommandLine(String[] args, PrintStream helpOut) {
        int i = 0;
        while (i < args.length) {
            String arg = args[i];
            // The first argument that is not an option ends the options, as in Tornado: what
            // follows (file names, say) belongs to the program and is handed back as it is.
            if (!arg.startsWith("-")) break;
            // "--" is the usual "no more options" marker; it is consumed, not returned.
            if (arg.equals("--")) {
                i++;
                break;
            }
            // Tornado strips every leading dash, so -port=1 and --port=1 are the same; so do we.
            String body = stripDashes(arg);
            int eq = body.indexOf('=');
            Option<?> option = lookup(eq < 0 ? body : body.substring(0, eq), arg);
            if (eq >= 0) {
                // --name=value: the value is everything after the first '=', even if empty or
                // itself containing '=' (--header=a=b gives "a=b").
                parseInto(option, body.substring(eq + 1), arg);
                i++;
            } else if (option.implicitValue() != null) {
                // --trace alone: the implicit value. We never take the next argument here, so
                // "--trace file.txt" leaves file.txt for the program.
                option.useImplicitValue();
                i++;
            } else if (option.type() == Boolean.class) {
                // --debug alone: true. Same rule, same reason: a Boolean never eats the next
                // argument, or "--debug false" and "--debug input.txt" would be ambiguous.
                parseInto(option, "true", arg);
                i++;
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                // --name value: the value is the next argument. It may start with a single dash
                // (--offset -5), but not with two: that is the next option, and taking it as a
                // value would hide a forgotten value behind a baffling one.
                parseInto(option, args[i + 1], arg + " " + args[i + 1]);
                i += 2;
            } else {
                throw new OptionsError(arg + ": option " + option.name() + " requires a value;"
                        + " write --" + option.name() + "=VALUE or --" + option.name() + " VALUE");
            }
        }
        // Help is looked at after everything was read, as Tornado does, so a bad option next to
        // --help is still reported rather than silently skipped.
        if (help.value()) {
            printHelp(helpOut);
            throw new HelpRequested();
        }
        return List.copyOf(Arrays.asList(args).subList(i, args.length));
    }
    // end::parse-command-line[]

    // Finds the option for a command-line name, or fails naming the argument as the user typed it.
    private synchronized Option<?> lookup(String name, String arg) {
        Option<?> option = byName.get(normalizeName(name));
        if (option == null) {
            throw new OptionsError("unrecognized command line option " + arg
                    + "; known options: " + knownNames() + " (--help describes them)");
        }
        return option;
    }

    // Parses one value and, if it does not parse, puts the argument as typed in front of the
    // reason: "--port=abc: 'abc' is not a valid Integer for option port: not a whole number".
    private static void parseInto(Option<?> option, String value, String shown) {
        try {
            option.parse(value);
        } catch (OptionsError e) {
            throw new OptionsError(shown + ": " + e.getMessage(), e);
        }
    }

    private String knownNames() {
        List<String> names = new ArrayList<>();
        for (Option<?> o : byName.values()) names.add("--" + o.name());
        return String.join(", ", names);
    }

    // tag::normalize[]
    /**
     * The key an option is filed under: {@code -} becomes {@code _}, so {@code --max-body-size}
     * finds {@code max_body_size} and the reverse. Tornado 2.4 did this for command-line names;
     * 4.3 made it symmetrical, which is what we do: the definition is normalized too.
     */
    static String normalizeName(String name) {
        return name.replace('-', '_');
    }
    // end::normalize[]

    private static String stripDashes(String arg) {
        int i = 0;
        while (i < arg.length() && arg.charAt(i) == '-') i++;
        return arg.substring(i);
    }

    // tag::print-help[]
    /**
     * Prints every option, sorted by name as Tornado does: the flag with its type
     * ({@code --port=Integer}; {@code --trace[=String]} when the value may be left out), then the
     * help text, the default and, if there is one, the implicit value.
     */
    @Mirrors({"options.print_help", "options._Options.print_help"})
    public void printHelp(PrintStream out) {
        List<Option<?>> sorted = new ArrayList<>(all());
        sorted.sort(Comparator.comparing(Option::name));
        StringBuilder text = new StringBuilder("Options:\n\n");
        for (Option<?> o : sorted) {
            String flag = "--" + o.name();
            if (o.implicitValue() != null) flag += "[=" + o.typeName() + "]";
            else if (o.type() != Boolean.class) flag += "=" + o.typeName();
            String description = o.help() == null ? "" : o.help();
            String shownDefault = o.display(o.defaultValue());
            if (!shownDefault.isEmpty()) description += " (default " + shownDefault + ")";
            if (o.implicitValue() != null) {
                description += " (" + flag.substring(0, flag.indexOf('[')) + " alone means "
                        + o.display(o.implicitValue()) + ")";
            }
            appendWrapped(text, flag, description);
        }
        out.print(text);
        out.flush();
    }
    // end::print-help[]

    // Lays one option out in two columns, the flag in the first (30 wide, like Tornado's) and the
    // description wrapped at 79 characters in the second; a flag too long for its column gets a
    // line of its own.
    private static void appendWrapped(StringBuilder text, String flag, String description) {
        final int column = 34;
        final int width = 79 - column;
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : description.split(" ")) {
            if (word.isEmpty()) continue;
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0) lines.add(line.toString());
        String first = "  " + flag;
        if (first.length() >= column || lines.isEmpty()) {
            text.append(first).append('\n');
        } else {
            text.append(first).append(" ".repeat(column - first.length())).append(lines.remove(0)).append('\n');
        }
        for (String rest : lines) text.append(" ".repeat(column)).append(rest).append('\n');
    }
}
