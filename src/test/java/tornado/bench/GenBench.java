package tornado.bench;

import static tornado.gen.Gen.await;
import static tornado.gen.Gen.coroutine;

import java.util.ArrayList;
import java.util.List;

import tornado.concurrent.Future;
import tornado.gen.Gen;
import tornado.ioloop.IOLoop;

/**
 * What a coroutine costs (chapter 6, "What Java uses instead of a generator"): one await of a
 * future that is done already, one await that suspends and resumes, coroutines started per
 * second, and heap per parked coroutine. Measured, never asserted. {@code Gen.runSync} runs the
 * loop on a virtual thread; one figure repeats the suspending await with the loop on a platform
 * thread, to show what that choice is worth.
 *
 * <pre>
 *   mvn -q test-compile
 *   java -cp target/classes:target/test-classes tornado.bench.GenBench      # with a JDK 21+
 * </pre>
 */
public final class GenBench {
    private GenBench() {}

    public static void main(String[] args) throws Exception {
        System.out.println("JDK " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        for (int round = 0; round < 3; round++) {
            System.out.println("-- round " + (round + 1) + (round == 0 ? " (warm-up)" : ""));
            awaitDone(10_000_000);
            awaitPending(200_000);
            awaitPendingOnAPlatformThreadLoop(50_000);
            coroutinesPerSecond(200_000);
        }
        parkedMemory(10_000);
    }

    private static void awaitDone(int n) throws Exception {
        try (IOLoop loop = new IOLoop()) {
            long ns = Gen.runSync(loop, () -> {
                Future<Integer> done = Future.completed(1);
                long sum = 0;
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) sum += await(done);
                long t = System.nanoTime() - t0;
                if (sum != n) throw new AssertionError(sum);
                return t;
            });
            System.out.printf("await of a done future:         %8.1f ns%n", (double) ns / n);
        }
    }

    private static void awaitPending(int n) throws Exception {
        try (IOLoop loop = new IOLoop()) {
            long ns = Gen.runSync(loop, () -> {
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) await(Gen.moment());
                return System.nanoTime() - t0;
            });
            System.out.printf("await that suspends (moment):   %8.2f µs (suspend, one loop iteration, resume; loop on a virtual thread)%n", ns / 1000.0 / n);
        }
    }

    // The same as awaitPending, but with the loop on an ordinary (platform) thread, as chapter 1's
    // loop runs when started with loop.start(): each hand-over is then an OS thread switch.
    private static void awaitPendingOnAPlatformThreadLoop(int n) throws Exception {
        try (IOLoop loop = new IOLoop()) {
            long[] ns = new long[1];
            loop.addCallback(() -> coroutine(() -> {
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) await(Gen.moment());
                ns[0] = System.nanoTime() - t0;
                loop.stop();
            }));
            loop.start();
            System.out.printf("  the same, loop on a platform thread: %8.2f µs%n", ns[0] / 1000.0 / n);
        }
    }

    private static void coroutinesPerSecond(int n) throws Exception {
        try (IOLoop loop = new IOLoop()) {
            long ns = Gen.runSync(loop, () -> {
                long t0 = System.nanoTime();
                List<Future<Integer>> batch = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    int v = i;
                    batch.add(coroutine(() -> v));
                    if (batch.size() == 1000) {
                        await(Gen.multi(batch));
                        batch.clear();
                    }
                }
                await(Gen.multi(batch));
                return System.nanoTime() - t0;
            });
            System.out.printf("coroutines started and ended:   %8.0f /s%n", n / (ns / 1e9));
        }
    }

    private static void parkedMemory(int n) throws Exception {
        try (IOLoop loop = new IOLoop()) {
            long[] bytes = new long[1];
            Gen.runSync(loop, () -> {
                Future<Void> gate = new Future<>();
                long before = usedAfterGc();
                List<Future<Void>> parked = new ArrayList<>(n);
                for (int i = 0; i < n; i++) parked.add(coroutine(() -> { await(gate); }));
                long after = usedAfterGc();
                bytes[0] = (after - before) / n;
                gate.setResult(null);
                await(Gen.multi(parked));
                return null;
            });
            System.out.printf("heap per parked coroutine:      %8d bytes (at %d parked)%n", bytes[0], n);
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        // System.gc() is a full, synchronous collection on HotSpot's collectors; three in a row
        // also clear what the first ones only made unreachable (finalizable and weak referents).
        for (int i = 0; i < 3; i++) System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
