package tornado.walkthroughs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tornado.options.Option;
import tornado.options.Options;
import tornado.trace.TextSink;
import tornado.trace.TraceEvent;

/**
 * The front door of the book: {@code mvn -q compile exec:exec}. It runs every walkthrough once,
 * scripted, with our own client, and prints the traced chain with a plain sentence the first time
 * each kind of step appears; then it keeps every walkthrough serving (tcp-echo on 8888, uri-echo
 * on 8889, hello on 8890 by default, each walkthrough's own default port) so the reader can try
 * {@code nc} and {@code curl}.
 * {@code --exit} stops after the story, for scripts.
 */
public final class Tour {
    private Tour() {}

    /** One sentence per step name: what just happened and what happens next. */
    static final Map<String, String> SENTENCES = Map.ofEntries(
            Map.entry("IOLoop.poll", "The IOLoop wakes from its poll: the selector reports channels that are ready (step 1 of the request's path)."),
            Map.entry("IOLoop.handler_func", "The loop finds the handler registered for that channel and calls it (steps 2-3)."),
            Map.entry("IOLoop.add_callback", "A callback is handed to the loop (add_callback): it runs at the top of the loop's next iteration, not now."),
            Map.entry("IOLoop.add_timeout", "A callback is scheduled for a deadline (add_timeout): until then the loop is free to serve everyone else."),
            Map.entry("IOLoop._callbacks", "A new iteration of the loop begins by running the callbacks added since the last one (how many, and whose)."),
            Map.entry("IOLoop._timeouts", "A timeout's deadline has passed, so the loop runs its callback: this is what ends a wait."),
            Map.entry("IOLoop.run_before_poll", "An action is handed to the loop for when the work in hand is done, before it polls again: here, a stream's flush."),
            Map.entry("IOLoop._before_poll", "The loop has done the work in hand and, before it polls, runs the actions handed to it: the queued bytes leave now."),
            Map.entry("netutil.accept_handler", "The listening socket's accept handler accepts the new connection."),
            Map.entry("TCPServer._handle_connection", "TCPServer wraps the new socket in an IOStream on this loop."),
            Map.entry("TCPServer.handle_stream", "...and hands the stream to the server's own handleStream."),
            Map.entry("IOStream.connect", "Our client starts a non-blocking connect; the loop will say when it is done."),
            Map.entry("IOStream._handle_connect", "The connect finished: the client's connect callback is queued."),
            Map.entry("IOStream.read_until", "Someone asks the stream for everything up to a delimiter, and gets a callback later, not an answer now."),
            Map.entry("IOStream.read_until_regex", "Someone asks the stream for everything up to a regex match."),
            Map.entry("IOStream.read_bytes", "Someone asks the stream for exactly N bytes (a request body, say)."),
            Map.entry("IOStream.read_until_close", "Someone asks the stream for everything until the peer closes."),
            Map.entry("IOStream._add_io_state", "The stream asks the loop to watch its socket for what it now waits for: READ for a pending read, WRITE for a connect or queued bytes (step 4)."),
            Map.entry("IOStream._handle_events", "The loop calls the stream's handler: its socket is readable or writable (step 5)."),
            Map.entry("IOStream._handle_read", "The stream reads from the socket..."),
            Map.entry("IOStream._read_to_buffer", "...bytes move from the kernel into the stream's read buffer (step 6)..."),
            Map.entry("IOStream._read_from_buffer", "...and the stream checks whether the buffer now satisfies the pending read (step 7)."),
            Map.entry("IOStream._run_callback", "It does: the bytes are cut out and the read's callback is queued for the loop's next pass (step 8)."),
            Map.entry("IOStream.write", "Bytes are queued on the stream; one flush, run by the loop before its next poll, sends them with whatever else is written meanwhile."),
            Map.entry("IOStream._handle_write", "The queued bytes go to the kernel in one write system call."),
            Map.entry("IOStream.close", "The stream closes its socket."),
            Map.entry("IOStream.max_bytes", "The delimiter did not come within the limit: the reader is told while the stream is still open, so it can answer."),
            Map.entry("HTTPConnection._on_headers", "HTTPConnection parses the start line and headers into an HTTPRequest (step 9: the callback runs)."),
            Map.entry("HTTPConnection._on_request_body", "The body has arrived; form arguments and files are parsed from it."),
            Map.entry("HTTPConnection.request_callback", "The request goes to the application's callback: a function such as Tornado's handle_request example, or an Application."),
            Map.entry("HTTPConnection.write", "Response bytes go from the request to its connection, which hands them to IOStream.write."),
            Map.entry("HTTPConnection.finish", "The response is complete; the connection waits until the stream has sent its last byte."),
            Map.entry("HTTPConnection._on_write_complete", "The stream has sent everything that was written."),
            Map.entry("HTTPConnection._finish_request", "HTTPConnection decides keep-alive or close; on keep-alive it reads the next request's headers."),
            Map.entry("HTTPConnection.100-continue", "The client asked before sending its body (Expect: 100-continue); the server says go ahead."),
            Map.entry("HTTPConnection._read_chunked_body", "The body comes in chunks (Transfer-Encoding: chunked); each chunk-size line is read, then the chunk."),
            Map.entry("HTTPConnection.error", "The request broke a rule or a limit: the server answers with a 4xx or 5xx and will close the connection."),
            Map.entry("HTTPConnection.lingering_close", "After an error answer the server stops sending and discards what the client still sends, so the answer is not lost to a reset."),
            Map.entry("HTTPConnection.idle_timeout", "The connection sat idle too long waiting for a request: it is closed."),
            Map.entry("HTTPConnection.header_timeout", "A request's header block did not arrive whole in time, however its bytes were spaced: the connection is closed."),
            Map.entry("HTTPConnection.body_timeout", "No byte of the body arrived for too long: the connection is closed."),
            Map.entry("Application.__call__", "Application matches the host and path to a handler class and creates one."),
            Map.entry("RequestHandler._execute", "RequestHandler._execute runs prepare, then the method for the HTTP verb."),
            Map.entry("RequestHandler.get", "The handler's get runs: this is the user's code."),
            Map.entry("RequestHandler.post", "The handler's post runs: this is the user's code."),
            Map.entry("RequestHandler.finish", "The handler finishes its response: what it wrote is flushed to the connection."),
            Map.entry("RequestHandler.flush", "RequestHandler.flush writes the status line, headers and body through the request."),
            Map.entry("gen.coroutine", "A coroutine starts: its body runs at once, on a thread of its own, up to its first wait (chapter 6)."),
            Map.entry("Runner.handle_yield", "The coroutine awaits a future: if it is not done yet, the coroutine parks and the loop's turn goes on."),
            Map.entry("Runner.run", "The future it awaited is done, so the loop hands the turn back and the coroutine goes on after its await."),
            Map.entry("Future.set_result", "The coroutine returned: its value completes the Future that calling it gave back."),
            Map.entry("Future.set_exception", "The coroutine threw: the exception completes its Future and is thrown again where someone awaits it."),
            Map.entry("Future._set_done", "A Future is done: its done-callbacks are handed to the loop, never run inside set_result.")
    );

    /**
     * A walkthrough whose story is longer than this many steps shows only its beginning here (the
     * three-styles job runs three times, about 900 steps); the rest is one command away.
     */
    private static final int STORY_LIMIT = 250;

    public static void main(String[] args) throws Exception {
        Options options = new Options();
        Option<Boolean> freePorts = options.define("free-ports", false, Boolean.class,
                "after the tour, serve every walkthrough on a free port instead of its own (tcp-echo 8888, uri-echo 8889, hello 8890, …)");
        Option<Boolean> exit = options.define("exit", false, Boolean.class, "exit after the tour instead of serving");
        if (!WalkthroughFlags.parseOrHelp("tour", args, options)) return;

        List<Walkthrough> all = Walkthroughs.all();
        say("Tornado, read in Java: the tour.");
        say("Each walkthrough below runs once in-process, on a free port, and our own client sends it a");
        say("scripted request. Every step is printed: the milliseconds since the run began, seq,");
        say("connection, whose end of it took the step (server: the walkthrough; client: our own");
        say("client, sharing the server's loop; blank: the loop itself), Tornado's name for the step,");
        say("a detail, and the Java line that took it (clickable in an IDE console).");
        for (Walkthrough w : all) {
            say("");
            say("=== " + w.chapter() + " · " + w.name() + ": " + w.summary());
            Walkthroughs.Recorded run = Walkthroughs.record(w.name());
            List<TraceEvent> events = run.events();
            if (events.size() > STORY_LIMIT) {
                print(events.subList(0, 60));
                say("   … and " + (events.size() - 60) + " more steps: see them all with"
                        + " `mvn -q compile exec:exec -Dwalk=" + w.name() + " -Dargs=--trace`, or read " + w.chapter() + " on the site");
            } else {
                print(events);
            }
            say("--- what the client saw:");
            for (String line : run.transcript().split("\n", -1)) say("    " + line);
        }
        say("");
        Path site = Path.of("target", "site", "index.html");
        say(Files.exists(site)
                ? "The book is at " + site.toAbsolutePath().toUri()
                : "Render the book with `mvn -q test-compile exec:exec@site`; it lands in target/site/index.html.");
        if (exit.value()) return;

        say("");
        say("Now serving every walkthrough (Ctrl-C to stop):");
        for (Walkthrough w : all) {
            int mine = freePorts.value() ? 0 : w.defaultPort();
            Thread t = new Thread(() -> {
                try {
                    w.serve(new String[] {"--port=" + mine});
                } catch (java.io.IOException e) {
                    String sentence = Walkthroughs.cannotListen(e);
                    System.err.println(w.name() + ": " + (sentence != null ? sentence : "stopped: " + e));
                } catch (Exception e) {
                    System.err.println(w.name() + " stopped: " + e);
                }
            }, w.name());
            t.start();
            if (mine == 0) say("  " + w.name() + " on a free port (the line it prints says which)");
            else say("  " + w.name() + " on 127.0.0.1:" + mine + "   try: " + tryCommand(w.name(), mine));
        }
    }

    static String tryCommand(String name, int port) {
        return switch (name) {
            case "tcp-echo" -> "nc -N 127.0.0.1 " + port;
            case "hello", "hello-coroutine" -> "curl -i http://127.0.0.1:" + port + "/later";
            case "gen-hello", "three-styles" -> "curl -i 'http://127.0.0.1:" + port + "/sleep?ms=500'";
            default -> "curl -i http://127.0.0.1:" + port + "/anything?x=1";
        };
    }

    private static void print(List<TraceEvent> events) {
        Set<String> explained = new HashSet<>();
        for (TraceEvent e : events) {
            say(TextSink.line(e, true));
            String sentence = SENTENCES.get(e.step());
            if (sentence != null && explained.add(e.step())) {
                say("                               " + "  ".repeat(e.depth()) + "↳ " + sentence);
            }
        }
    }

    private static void say(String line) {
        System.out.println(line);
    }
}
