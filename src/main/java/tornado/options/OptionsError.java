package tornado.options;

import tornado.trace.Mirrors;

/**
 * The command line (or a definition) was wrong: an unknown option, a missing value, a value that
 * is not of the option's type, a name defined twice.
 *
 * <p>It mirrors {@code tornado.options.Error}. The message is written for the person at the
 * terminal: it quotes the argument as they typed it and says what was expected, for example
 * {@code --port=abc: 'abc' is not a valid Integer for option port: not a whole number}. A
 * walkthrough's {@code main} prints it and exits with status 2, as command-line tools do for
 * usage errors.
 *
 * <p>Unchecked, as Python's exceptions are: a program has nothing sensible to do with a bad
 * command line but report it, and a checked exception would make every {@code main} declare it.
 */
@Mirrors("options.Error")
public class OptionsError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OptionsError(String message) {
        super(message);
    }

    public OptionsError(String message, Throwable cause) {
        super(message, cause);
    }
}
