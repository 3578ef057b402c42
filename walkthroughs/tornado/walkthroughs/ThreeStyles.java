package tornado.walkthroughs;

import static tornado.gen.Gen.await;
import static tornado.gen.Gen.coroutine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import tornado.concurrent.Future;
import tornado.concurrent.FutureStream;
import tornado.gen.Gen;
import tornado.httpserver.HTTPServer;
import tornado.ioloop.IOLoop;
import tornado.iostream.IOStream;

/**
 * Chapter 6's first walkthrough: one small job written three ways. The job asks the gen-hello
 * server for three URLs one after another, then for two at once, and collects the bodies:
 * <ol>
 *   <li>with <b>callbacks</b>, as chapters 1–5 are written (Tornado 2.4);</li>
 *   <li>with <b>Futures and done callbacks</b> (Tornado 4.0's building block);</li>
 *   <li>as a <b>coroutine</b> (Tornado 3.0's {@code gen.coroutine}; Python's {@code async def} since Tornado 4.3).</li>
 * </ol>
 * The same events happen on the loop in all three (the traces say so); only the shape of the
 * code differs. It speaks HTTP through IOStream directly, since the book has no HTTP client yet.
 *
 * <pre>
 *   mvn -q compile exec:exec -Dwalk=three-styles -Dargs="--trace"
 * </pre>
 */
public final class ThreeStyles implements Walkthrough {
    static final int DEFAULT_PORT = 8897;

    static final List<String> IN_SEQUENCE = List.of("/sleep?ms=10", "/", "/sleep?ms=5");
    static final List<String> AT_ONCE = List.of("/sleep?ms=20", "/");

    // ================================================================== 1. callbacks

    // tag::callbacks[]
    /** One GET with callbacks: connect, then write, then read until the server closes. */
    static void fetchWithCallbacks(IOLoop loop, int port, String path, Consumer<String> callback) {
        IOStream stream;
        try {
            stream = new IOStream(SocketChannel.open(), loop);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stream.connect(new InetSocketAddress("127.0.0.1", port), () -> {
            stream.write(GenHello.request(port, path), null);
            stream.readUntilClose(all -> callback.accept(body(all)));
        });
    }

    /**
     * The job: each step is the callback of the one before, and "two at once" needs a counter.
     * {@code stack} receives the stack after the third answer (chapter 6 shows it).
     */
    static void jobWithCallbacks(IOLoop loop, int port, Consumer<String> stack, Consumer<List<String>> done) {
        List<String> bodies = new ArrayList<>();
        fetchWithCallbacks(loop, port, IN_SEQUENCE.get(0), first -> {
            bodies.add(first);
            fetchWithCallbacks(loop, port, IN_SEQUENCE.get(1), second -> {
                bodies.add(second);
                fetchWithCallbacks(loop, port, IN_SEQUENCE.get(2), third -> {
                    bodies.add(third);
                    stack.accept(stackHere()); // a breakpoint here: what does the stack show?
                    String[] both = new String[2];
                    int[] left = {2};
                    for (int i = 0; i < 2; i++) {
                        int slot = i;
                        fetchWithCallbacks(loop, port, AT_ONCE.get(i), body -> {
                            both[slot] = body;
                            if (--left[0] == 0) {
                                bodies.addAll(List.of(both));
                                done.accept(bodies);
                            }
                        });
                    }
                });
            });
        });
    }
    // end::callbacks[]

    // ================================================================== 2. futures

    // tag::futures[]
    /** One GET as a Future, built from the stream's futures with done callbacks. */
    static Future<String> fetchWithFutures(IOLoop loop, int port, String path) throws IOException {
        FutureStream stream = new FutureStream(new IOStream(SocketChannel.open(), loop));
        Future<String> result = new Future<>(loop);
        stream.connect(new InetSocketAddress("127.0.0.1", port)).addDoneCallback(connected -> {
            if (connected.exception() != null) {
                result.setException(connected.exception());
                return;
            }
            stream.write(GenHello.request(port, path));
            stream.readUntilClose().addDoneCallback(read -> {
                if (read.exception() != null) result.setException(read.exception());
                else result.setResult(body(read.result()));
            });
        });
        return result;
    }

    /** The job: still one callback per step, but "two at once" is Gen.multi, and errors have a path. */
    static Future<List<String>> jobWithFutures(IOLoop loop, int port) {
        Future<List<String>> job = new Future<>(loop);
        List<String> bodies = new ArrayList<>();
        next(job, () -> fetchWithFutures(loop, port, IN_SEQUENCE.get(0)), first -> {
            bodies.add(first);
            next(job, () -> fetchWithFutures(loop, port, IN_SEQUENCE.get(1)), second -> {
                bodies.add(second);
                next(job, () -> fetchWithFutures(loop, port, IN_SEQUENCE.get(2)), third -> {
                    bodies.add(third);
                    next(job, () -> Gen.multi(List.of(fetchWithFutures(loop, port, AT_ONCE.get(0)),
                            fetchWithFutures(loop, port, AT_ONCE.get(1)))), both -> {
                        bodies.addAll(both);
                        job.setResult(bodies);
                    });
                });
            });
        });
        return job;
    }

    /** Starts the next step; its result goes to {@code then}, its failure to the job. */
    private static <T> void next(Future<?> job, Step<T> step, Consumer<T> then) {
        try {
            step.start().addDoneCallback(f -> {
                if (f.exception() != null) job.setException(f.exception());
                else then.accept(f.result());
            });
        } catch (IOException e) {
            job.setException(e);
        }
    }

    private interface Step<T> {
        Future<T> start() throws IOException;
    }
    // end::futures[]

    // ================================================================== 3. a coroutine

    // tag::coroutine[]
    /** One GET as a coroutine. */
    static Future<String> fetchAsCoroutine(int port, String path) {
        return coroutine(() -> {
            FutureStream stream = new FutureStream(new IOStream(SocketChannel.open(), IOLoop.current()));
            await(stream.connect(new InetSocketAddress("127.0.0.1", port)));
            await(stream.write(GenHello.request(port, path)));
            return body(await(stream.readUntilClose()));
        });
    }

    /** The job, top to bottom; a failure anywhere is thrown at its await, and fails the job. */
    static Future<List<String>> jobAsCoroutine(int port, Consumer<String> stack) {
        return coroutine(() -> {
            List<String> bodies = inSequence(port, stack);
            bodies.addAll(await(Gen.multi(List.of(fetchAsCoroutine(port, AT_ONCE.get(0)),
                    fetchAsCoroutine(port, AT_ONCE.get(1))))));
            return bodies;
        });
    }

    /** A plain method, not a coroutine, that awaits: it runs on the coroutine that calls it. */
    private static List<String> inSequence(int port, Consumer<String> stack) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (String path : IN_SEQUENCE) bodies.add(await(fetchAsCoroutine(port, path)));
        stack.accept(stackHere()); // a breakpoint here: what does the stack show?
        return bodies;
    }
    // end::coroutine[]

    // ================================================================== the two stacks


    /** This thread's stack, innermost first, one frame a line; the JDK's own frames are counted, not shown. */
    static String stackHere() {
        StringBuilder b = new StringBuilder();
        int jdk = 0;
        for (StackTraceElement f : Thread.currentThread().getStackTrace()) {
            String c = f.getClassName();
            if (c.equals(Thread.class.getName()) && f.getMethodName().equals("getStackTrace")) continue;
            if (c.startsWith("tornado.")) {
                if (jdk > 0) b.append("    … JDK frames: ").append(jdk).append("\n");
                jdk = 0;
                String simple = c.substring(c.lastIndexOf('.') + 1);
                b.append("    ").append(simple).append('.')
                        .append(f.getMethodName()).append('(').append(f.getFileName()).append(':')
                        .append(f.getLineNumber()).append(")\n");
            } else {
                jdk++;
            }
        }
        if (jdk > 0) b.append("    … JDK frames: ").append(jdk).append("\n");
        return b.toString();
    }

    static String body(byte[] response) {
        String s = new String(response, StandardCharsets.UTF_8);
        int at = s.indexOf("\r\n\r\n");
        return at < 0 ? s : s.substring(at + 4);
    }

    @Override
    public String name() {
        return "three-styles";
    }

    @Override
    public String chapter() {
        return "06-gen";
    }

    @Override
    public String summary() {
        return "three GETs in sequence, then two at once, written with callbacks, with Futures, and as a coroutine";
    }

    @Override
    public int defaultPort() {
        return DEFAULT_PORT;
    }

    /**
     * The three jobs one after another on {@code loop}; the transcript says what each collected,
     * and where the callback job and the coroutine were after their third answer.
     */
    static CompletableFuture<String> runAll(IOLoop loop, int port) {
        CompletableFuture<String> transcript = new CompletableFuture<>();
        String[] stacks = new String[2];
        loop.addCallback(() -> jobWithCallbacks(loop, port, st -> stacks[0] = st, a ->
                jobWithFutures(loop, port).addDoneCallback(b -> jobAsCoroutine(port, st -> stacks[1] = st).addDoneCallback(c -> {
                    if (b.exception() != null || c.exception() != null) {
                        transcript.completeExceptionally(b.exception() != null ? b.exception() : c.exception());
                        return;
                    }
                    transcript.complete("callbacks: " + a + "\nfutures:   " + b.result() + "\ncoroutine: " + c.result()
                            + "\n\ncallbacks, after the third answer:\n" + stacks[0]
                            + "\ncoroutine, after the third await:\n" + stacks[1]);
                }))));
        return transcript;
    }

    @Override
    public void serve(String[] args) throws Exception {
        GenHello.oneCarrier();
        WalkthroughFlags flags = WalkthroughFlags.parse(this, args);
        if (flags == null) return;
        IOLoop loop = new IOLoop();
        HTTPServer server = flags.listen(GenHello.application(), loop);
        System.err.println("three-styles: the gen-hello server on 127.0.0.1:" + server.port()
                + "; running the job three ways, then serving until stopped");
        runAll(loop, server.port()).whenComplete((t, e) -> System.err.println(e != null ? "failed: " + e : t));
        Gen.startLoop(loop);
    }

    @Override
    public String runScripted() throws Exception {
        try (Running r = Running.start(loop -> GenHello.application().listen(0, "127.0.0.1", loop))) {
            return runAll(r.loop(), r.server().port()).get(20, TimeUnit.SECONDS);
        }
    }
}
