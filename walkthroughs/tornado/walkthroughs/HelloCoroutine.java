package tornado.walkthroughs;

/**
 * Chapter 7's walkthrough: chapter 5's hello application, unchanged, served by chapter 7's
 * coroutine connection ({@code HTTP1ServerConnection}), so that the trace shows Tornado 4.x's
 * chain where {@code hello} shows 2.4's:
 * <pre>
 *   mvn -q compile exec:exec -Dwalk=hello-coroutine -Dargs="--trace"
 *   (the same as -Dwalk=hello -Dargs="--connection=coroutine --trace")
 *   curl -i http://127.0.0.1:8893/
 *   curl --data-binary @pom.xml http://127.0.0.1:8893/upload-sha256      (streamed, hashed as it arrives)
 * </pre>
 */
public final class HelloCoroutine implements Walkthrough {
    @Override
    public String name() {
        return "hello-coroutine";
    }

    @Override
    public String chapter() {
        return "07-http1connection";
    }

    @Override
    public int defaultPort() {
        return 8893;
    }

    @Override
    public String summary() {
        return "the hello application on Tornado 4.x's coroutine connection: HTTP1ServerConnection, HTTP1Connection, delegates";
    }

    @Override
    public void serve(String[] args) throws Exception {
        String[] withConnection = new String[args.length + 1];
        withConnection[0] = "--connection=coroutine";
        System.arraycopy(args, 0, withConnection, 1, args.length);
        new Hello().serveAs(this, withConnection);
    }

    /** {@code GET /} on the coroutine connection, and the raw response: the trace the chapter shows. */
    @Override
    public String runScripted() throws Exception {
        try (Running r = Running.start(loop -> WalkthroughFlags.listen(Hello.application(), loop, 0, "127.0.0.1", "coroutine"))) {
            return ScriptedClient.get(r, "/").replace("\r\n", "\n");
        }
    }
}
