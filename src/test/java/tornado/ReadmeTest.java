package tornado;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;

import tornado.options.PrettyLogging;

/**
 * The README's "Use it in your own program" is code a reader copies: the application compiles
 * against the library as it is, and the logging.properties line is the one PrettyLogging means.
 */
class ReadmeTest {
    private static final String README = read();

    private static String read() {
        try {
            return Files.readString(Path.of("README.adoc"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The listing (between two "----" lines) that contains {@code marker}. */
    private static String listing(String marker) {
        int at = README.indexOf(marker);
        assertTrue(at >= 0, "README.adoc has no listing with " + marker);
        int start = README.lastIndexOf("----\n", at) + 5;
        return README.substring(start, README.indexOf("----\n", at));
    }

    @Test
    void theTinyAppCompilesAgainstTheLibrary() throws Exception {
        Path dir = Files.createTempDirectory("readme-app");
        try {
            Path source = dir.resolve("HelloApp.java");
            Files.writeString(source, listing("public class HelloApp"));
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            int status = javac.run(null, null, errors, "--release", "21", "-cp", Path.of("target", "classes").toString(),
                    "-d", dir.toString(), source.toString());
            assertEquals(0, status, errors.toString(StandardCharsets.UTF_8));
            assertTrue(Files.exists(dir.resolve("HelloApp$MainHandler.class")));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theLoggingPropertiesGiveTheSameFormatAsTheCall() {
        assertTrue(listing("handlers=java.util.logging.ConsoleHandler").lines()
                .anyMatch(PrettyLogging.PROPERTIES_LINE::equals), "README's logging.properties differs from PrettyLogging.PROPERTIES_LINE");
    }
}
