package tornado.testing;

import tornado.http1connection.HTTP1ServerConnection;
import tornado.httpserver.ConnectionFactory;

/**
 * Which HTTP connection the test servers ({@code TestServer}, {@code AppServer}) make: chapter 4's
 * callback chain or chapter 7's coroutine. A server-behaviour test class that extends
 * {@link OnBothConnections} runs once per connection, and this is how each run tells the servers
 * which. Tests run one at a time (no parallel execution is configured), so one static choice is
 * enough.
 */
public final class Connections {
    private static volatile ConnectionFactory current = ConnectionFactory.CALLBACK;
    private static volatile String name = "callback";

    private Connections() {}

    /** Chooses {@code callback} or {@code coroutine} for the servers the next tests make. */
    public static void use(String connection) {
        current = named(connection);
        name = connection;
    }

    /**
     * The connection called {@code callback} or {@code coroutine}: what {@link #use} chooses, and
     * what a server in a JVM of its own (the probes' {@code ServerMain}) is told to make by name.
     */
    public static ConnectionFactory named(String connection) {
        return switch (connection) {
            case "callback" -> ConnectionFactory.CALLBACK;
            case "coroutine" -> HTTP1ServerConnection.FACTORY;
            default -> throw new IllegalArgumentException("no connection named " + connection);
        };
    }

    public static ConnectionFactory current() {
        return current;
    }

    public static String name() {
        return name;
    }
}
