package tornado.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static tornado.gen.Gen.await;
import static tornado.gen.Gen.coroutine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import tornado.concurrent.Future;
import tornado.ioloop.IOLoop;

/**
 * Who carries a coroutine's virtual thread: the loop's own thread when the JVM lets
 * {@link LoopCarrier} in, the JDK's scheduler otherwise (chapter 6, "The loop as
 * carrier"). The build runs the whole suite with the hook, and the coroutine chapters' tests a
 * second time without it, so each way is tested; the first test here checks that each run got
 * the way it was set up for.
 */
class LoopCarrierTest {

    /** The name of the thread carrying the calling virtual thread, as a thread dump shows it. */
    private static String carrier() {
        // A virtual thread's toString ends with "@" and its carrier's name while it is mounted:
        // "VirtualThread[#31,coroutine-4]/runnable@main". It is what a debugger shows too.
        String s = Thread.currentThread().toString();
        return s.substring(s.lastIndexOf('@') + 1);
    }

    private static void assumeTheHook() {
        assumeTrue(Gen.loopCarrierUnavailable() == null, () -> "the loop's thread cannot carry coroutines in this run: " + Gen.loopCarrierUnavailable());
    }

    @Test
    void thisRunUsesTheSchedulerItWasSetUpFor() {
        // Set by the build for each run of the tests (pom.xml); a run started some other way
        // (an IDE) is taken to be the usual one, with the hook.
        String expected = System.getProperty("tornado.test.carrier", "loop");
        if (expected.equals("loop")) {
            assertNull(Gen.loopCarrierUnavailable(), "this run was set up for the loop's thread as carrier");
        } else {
            assertNotNull(Gen.loopCarrierUnavailable(), "this run was set up for the JDK's scheduler, but the loop's thread carries coroutines");
        }
    }

    @Test
    void aLoopStartedOnAPlatformThreadRunsThereAndCarriesItsCoroutinesItself() throws Exception {
        assumeTheHook();
        String me = Thread.currentThread().getName();
        List<String> seen = new ArrayList<>();
        try (IOLoop loop = new IOLoop()) {
            loop.addCallback(() -> {
                seen.add("loop " + Thread.currentThread().getName());
                coroutine(() -> {
                    seen.add("start " + carrier());
                    await(Gen.moment());
                    seen.add("resumed " + carrier());
                    loop.stop();
                });
            });
            Gen.startLoop(loop);
        }
        assertEquals(List.of("loop " + me, "start " + me, "resumed " + me), seen);
    }

    @Test
    void coroutinesStartedAndAwaitedInsideACarriedOneAreCarriedByTheSameThread() throws Exception {
        assumeTheHook();
        String me = Thread.currentThread().getName();
        List<String> carriers = new ArrayList<>();
        int sum;
        try (IOLoop loop = new IOLoop()) {
            sum = Gen.runSync(loop, () -> {
                carriers.add(carrier());
                List<Future<Integer>> children = new ArrayList<>();
                for (int i = 1; i <= 3; i++) {
                    int v = i;
                    children.add(coroutine(() -> {
                        carriers.add(carrier());
                        await(Gen.moment());
                        Future<Integer> grandchild = coroutine(() -> {
                            await(Gen.moment());
                            carriers.add(carrier());
                            return v * 10;
                        });
                        return await(grandchild) + v;
                    }));
                }
                int total = 0;
                for (Future<Integer> f : children) total += await(f);
                carriers.add(carrier());
                return total;
            });
        }
        assertEquals(66, sum);
        assertEquals(8, carriers.size(), carriers.toString());
        for (String c : carriers) assertEquals(me, c, "every coroutine of the family ran on the thread that runs the loop: " + carriers);
    }

    @Test
    void aCoroutineWokenByTheJdksTimerRunsOnTheJdksSchedulerWhileTheLoopWaitsThenComesBack() throws Exception {
        assumeTheHook();
        String me = Thread.currentThread().getName();
        List<String> seen = new ArrayList<>();
        try (IOLoop loop = new IOLoop()) {
            Gen.runSync(loop, () -> {
                boolean[] loopRan = new boolean[1];
                loop.addCallback(() -> loopRan[0] = true);
                // A blocking wait inside a coroutine, the kind the book says to avoid: the JDK's
                // own timer thread wakes it, and that thread is not the loop's. The point here is
                // not to wait for anything, but to go through that path.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
                seen.add("after the timer " + (carrier().equals(me) ? "on the loop's thread" : "elsewhere"));
                seen.add("loop ran meanwhile: " + loopRan[0]);
                // The loop carries it again once it parks before the loop hands it its turn back:
                // the JDK then runs it through our scheduler on the loop's thread. When the
                // hand-back comes first (its JDK worker was slow between giving the turn up and
                // parking), the park returns at once and that await ends where it began, so it may
                // take another await; on a quiet machine it is the first.
                int awaits = 0;
                do {
                    await(Gen.moment());
                    awaits++;
                } while (!carrier().equals(me) && awaits < 1_000);
                seen.add("after awaits on " + (carrier().equals(me) ? "the loop's thread" : carrier()));
                seen.add("loop ran meanwhile: " + loopRan[0]);
                return null;
            });
        }
        assertEquals(List.of("after the timer elsewhere", "loop ran meanwhile: false",
                "after awaits on the loop's thread", "loop ran meanwhile: true"), seen,
                "the blocked coroutine held the loop's turn until it awaited, and the loop carried it again after that");
    }

    @Test
    void anInterruptedCarriedCoroutineKeepsItsTurnAndItsInterrupt() throws Exception {
        assumeTheHook();
        try (IOLoop loop = new IOLoop()) {
            boolean interrupted = Gen.runSync(loop, () -> {
                Future<String> later = new Future<>();
                Thread self = Thread.currentThread();
                int[] steps = new int[1];
                // Another thread interrupts this coroutine while it waits; the loop then completes
                // the future on its own turn, after a step of its own.
                Thread.ofPlatform().start(() -> {
                    self.interrupt();
                    loop.addCallback(() -> {
                        steps[0]++;
                        later.setResult("done");
                    });
                });
                String v = await(later);
                assertEquals("done", v);
                assertEquals(1, steps[0], "the coroutine went on only after the loop's step");
                return Thread.interrupted();
            });
            assertTrue(interrupted, "the interrupt was kept for the coroutine to see");
        }
    }

    @Test
    void aLoopOnAVirtualThreadLeavesItsCoroutinesToTheJdksScheduler() throws Exception {
        String[] where = new String[1];
        try (IOLoop loop = new IOLoop()) {
            loop.addCallback(() -> coroutine(() -> {
                await(Gen.moment());
                where[0] = carrier();
                loop.stop();
            }));
            Thread t = Thread.ofVirtual().start(loop::start);
            t.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(t.isAlive(), "the loop stopped");
        }
        assertNotNull(where[0]);
        assertTrue(where[0].startsWith("ForkJoinPool"), "a virtual thread cannot carry another; the JDK's scheduler did: " + where[0]);
    }
}
