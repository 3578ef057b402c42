package tornado.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A server-behaviour test class that extends this runs all its tests twice, once on chapter 4's
 * callback connection and once on chapter 7's coroutine connection, so that the same assertions
 * hold both to the same behaviour ({@link Connections} makes the test servers use the one of the
 * current run). Where the two are meant to differ, a test says so with an assumption and a reason.
 */
@ParameterizedClass(name = "{0} connection")
@ValueSource(strings = {"callback", "coroutine"})
public abstract class OnBothConnections {
    /** Which connection serves this run: {@code callback} or {@code coroutine}. */
    @Parameter
    protected String connection;

    @BeforeEach
    void onConnection() {
        Connections.use(connection);
    }

    @AfterEach
    void backToCallback() {
        Connections.use("callback");
    }
}
