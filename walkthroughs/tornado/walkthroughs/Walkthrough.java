package tornado.walkthroughs;

/**
 * One runnable demo of a chapter. Each walkthrough can be run two ways:
 * <ul>
 *   <li>as a program ({@link #serve}): it listens on {@code --port} (default {@link #defaultPort},
 *       a different one for each walkthrough, so that several can run at once) and serves until
 *       stopped, with the trace flags {@code --trace}, {@code --trace=json} and {@code --step};</li>
 *   <li>scripted and in-process ({@link #runScripted}): it listens on an ephemeral loopback port,
 *       our own client sends it the chapter's scripted request, and it stops again. The tour, the
 *       integration tests and the site build (which records the trace into the chapter) use this.</li>
 * </ul>
 */
public interface Walkthrough {
    /** The name a reader types: {@code tcp-echo}, {@code uri-echo}, {@code hello}. */
    String name();

    /** The chapter it belongs to, as the stem of its file in {@code chapters/}: {@code 03-netutil}. */
    String chapter();

    /** One sentence: what it shows. */
    String summary();

    /** Where {@link #serve} listens without {@code --port}: tcp-echo 8888, uri-echo 8889, hello 8890. */
    int defaultPort();

    /** Serves until the process is stopped; {@code args} are the command-line flags. */
    void serve(String[] args) throws Exception;

    /**
     * Starts on an ephemeral port on 127.0.0.1, sends the scripted request with our own client,
     * waits (with a bounded timeout) for every answer, stops, and returns what the client saw.
     * Tracing is whatever the caller installed, or, under {@link Walkthroughs#record}, the
     * recording that {@link Running#start} installs once the server listens; this method itself
     * neither installs nor removes a sink.
     */
    String runScripted() throws Exception;
}
