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
 * loop where {@code Gen.startLoop} puts it: on this thread, carrying its coroutines, when the JVM
 * lets it (chapter 6, "The loop as carrier"), on a virtual thread otherwise. Two figures
 * repeat the suspending await with the loop put elsewhere by hand, to show what each choice is
 * worth. Run it both with and without the hook:
 *
 * <pre>
 *   mvn -q test-compile
 *   java --add-opens java.base/java.lang=ALL-UNNAMED -cp target/classes:target/test-classes tornado.bench.GenBench
 *   java -cp target/classes:target/test-classes tornado.bench.GenBench
 * </pre>
 */
public final class GenBench {
    private GenBench() {}

    public static void main(String[] args) throws Exception {
        System.out.println("JDK " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        String why = Gen.loopCarrierUnavailable();
        System.out.println(why == null ? "the loop's thread carries its coroutines" : "coroutines on the JDK's scheduler: " + why);
        for (int round = 0; round < 3; round++) {
            System.out.println("-- round " + (round + 1) + (round == 0 ? " (warm-up)" : ""));
            awaitDone(10_000_000);
            awaitPending(200_000);
            awaitPendingOn("a platform thread (loop.start() here)", false, 50_000);
            awaitPendingOn("a virtual thread", true, 200_000);
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
            System.out.printf("await that suspends (moment):   %8.2f µs (suspend, one loop iteration, resume; Gen.runSync)%n", ns / 1000.0 / n);
        }
    }

    // The same as awaitPending, with the loop started by hand: on this (platform) thread, as
    // chapter 1's loop.start() runs it, or on a virtual thread. On a platform thread without the
    // hook, each hand-over is an OS thread switch.
    private static void awaitPendingOn(String where, boolean virtual, int n) throws Exception {
        try (IOLoop loop = new IOLoop()) {
            long[] ns = new long[1];
            loop.addCallback(() -> coroutine(() -> {
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) await(Gen.moment());
                ns[0] = System.nanoTime() - t0;
                loop.stop();
            }));
            if (virtual) Thread.ofVirtual().start(loop::start).join();
            else loop.start();
            System.out.printf("  the same, loop on %s: %8.2f µs%n", where, ns[0] / 1000.0 / n);
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
