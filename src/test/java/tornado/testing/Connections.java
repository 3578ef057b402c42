package tornado.testing;

import tornado.http1connection.HTTP1ServerConnection;
import tornado.httpserver.ConnectionFactory;

/**
 * Which HTTP connection the test servers ({@code TestServer}, {@code AppServer}) make: chapter 4's
 * callback chain or chapter 7's coroutine. A server-behaviour test class runs once per connection
 * with
 * <pre>
 *   &#64;ParameterizedClass(name = "{0} connection")
 *   &#64;ValueSource(strings = {"callback", "coroutine"})
 *   class KeepAliveTest {
 *       &#64;Parameter String connection;
 *       &#64;BeforeEach void onConnection() { Connections.use(connection); }
 * </pre>
 * so that the same assertions hold both connections to the same behaviour. Tests run one at a
 * time (no parallel execution is configured), so one static choice is enough.
 */
public final class Connections {
    private static volatile ConnectionFactory current = ConnectionFactory.CALLBACK;
    private static volatile String name = "callback";

    private Connections() {}

    /** Chooses {@code callback} or {@code coroutine} for the servers the next tests make. */
    public static void use(String connection) {
        current = switch (connection) {
            case "callback" -> ConnectionFactory.CALLBACK;
            case "coroutine" -> HTTP1ServerConnection.FACTORY;
            default -> throw new IllegalArgumentException("no connection named " + connection);
        };
        name = connection;
    }

    public static ConnectionFactory current() {
        return current;
    }

    public static String name() {
        return name;
    }
}
