package tornado.walkthroughs;

/**
 * A mistake on the command line (an unknown flag, a bad value, a port already taken, a
 * walkthrough that does not exist), said in one plain sentence: what was wrong and what would be
 * right. {@link Walkthroughs#main} prints it and exits with status 2, the status of a usage error,
 * with no stack trace: the reader made a typo, the program did not crash.
 */
public final class UsageError extends RuntimeException {
    public UsageError(String sentence) {
        super(sentence, null, false, false);
    }
}
