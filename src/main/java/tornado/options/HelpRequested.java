package tornado.options;

import tornado.trace.JavaOnly;

/**
 * {@code --help} was given: the help has been printed and the program should now stop, with
 * success.
 *
 * <p>Tornado prints the help and calls {@code sys.exit(0)} right inside
 * {@code parse_command_line}. Java's equivalent, {@code System.exit}, would end the whole JVM,
 * and the caller of a walkthrough's {@code main} may be the tour, a test or the site build. So
 * {@link Options#parseCommandLine} throws this instead, and {@code main} ends the way it wants to:
 * <pre>
 *   try {
 *       options.parseCommandLine(args);
 *   } catch (HelpRequested done) {
 *       return;                       // the help is printed; exit status 0
 *   }
 * </pre>
 * It is not an {@link OptionsError}: nothing went wrong, so a {@code catch (OptionsError e)} that
 * prints a usage error must not catch it.
 */
@JavaOnly("Tornado calls sys.exit(0) after --help; a Java library must not end the JVM, so it signals the caller")
public final class HelpRequested extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HelpRequested() {
        // No stack trace: this is a signal that control should return to main, not a fault.
        super("help requested", null, false, false);
    }
}
