package tornado.testing;

import java.io.File;

/**
 * Whether a program no one here wrote (curl, python3, wrk, bash) is installed, so that a test
 * that needs it can be skipped with a printed reason when it is not, never silently passed.
 */
public final class Programs {
    private Programs() {}

    /** True when an executable file named {@code program} is in one of PATH's directories. */
    public static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, program).canExecute()) return true;
        }
        return false;
    }
}
