package tornado.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tornado.gen.Gen.await;
import static tornado.gen.Gen.coroutine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tornado.concurrent.Future;
import tornado.gen.Gen;
import tornado.gen.TimeoutError;
import tornado.ioloop.IOLoop;

class LocksTest {

    private static <T> T run(Gen.Body<T> body) throws Exception {
        try (IOLoop loop = new IOLoop()) {
            return Gen.runSync(loop, body);
        }
    }

    @Test
    void conditionWakesWaitersInOrderAndTimesOutWithFalse() throws Exception {
        List<String> log = run(() -> {
            Condition c = new Condition();
            List<String> out = new ArrayList<>();
            List<Future<Void>> waiters = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int n = i;
                waiters.add(coroutine(() -> {
                    boolean notified = await(c.waitFor());
                    out.add("waiter " + n + " " + notified);
                }));
            }
            c.notify(2);
            await(Gen.multi(waiters.subList(0, 2)));
            out.add("timed: " + await(c.waitFor(Duration.ofMillis(5))));
            c.notifyAllWaiters();
            await(waiters.get(2));
            return out;
        });
        assertEquals(List.of("waiter 0 true", "waiter 1 true", "timed: false", "waiter 2 true"), log);
    }

    @Test
    void aCancelledConditionWaitIsSkippedByNotify() throws Exception {
        List<Boolean> seen = run(() -> {
            Condition c = new Condition();
            Future<Boolean> gaveUp = c.waitFor();
            Future<Boolean> stays = c.waitFor();
            gaveUp.cancel();
            c.notifyOne();
            return List.of(await(stays), gaveUp.cancelled());
        });
        assertEquals(List.of(true, true), seen);
    }

    @Test
    void timedOutWaitersAreSweptAway() throws Exception {
        int left = run(() -> {
            Condition c = new Condition();
            for (int i = 0; i < 250; i++) await(c.waitFor(Duration.ofNanos(1)));
            return c.waiterCount();
        });
        assertTrue(left < 101, "waiters left after 250 timeouts: " + left);
    }

    @Test
    void timedOutEventWaitersAreSweptAwayBeforeTheEventIsSet() throws Exception {
        int left = run(() -> {
            Event e = new Event();
            for (int i = 0; i < 250; i++) {
                try {
                    await(e.waitFor(Duration.ofNanos(1)));
                } catch (TimeoutError expected) {
                    // Every wait times out: the event is never set.
                }
            }
            return e.waiterCount();
        });
        assertTrue(left < 101, "waiters left after 250 timeouts: " + left);
    }

    @Test
    void eventSetWakesEveryoneClearMakesThemWaitAgainAndATimeoutRaises() throws Exception {
        List<String> log = run(() -> {
            Event e = new Event();
            List<String> out = new ArrayList<>();
            Future<Void> a = coroutine(() -> { await(e.waitFor()); out.add("a"); });
            Future<Void> b = coroutine(() -> { await(e.waitFor()); out.add("b"); });
            e.set();
            await(Gen.multi(List.of(a, b)));
            out.add("set: waits at once " + e.waitFor().done());
            e.clear();
            try {
                await(e.waitFor(Duration.ofMillis(5)));
            } catch (TimeoutError t) {
                out.add("timeout");
            }
            return out;
        });
        assertEquals(List.of("a", "b", "set: waits at once true", "timeout"), log);
    }

    // tag::semaphore-test[]
    @Test
    void aSemaphoreLetsAtMostNCoroutinesIn() throws Exception {
        int most = run(() -> {
            Semaphore sem = new Semaphore(2);
            int[] inside = {0};
            int[] max = {0};
            List<Future<Void>> workers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                workers.add(coroutine(() -> {
                    try (Semaphore.Releaser held = await(sem.acquire())) {
                        max[0] = Math.max(max[0], ++inside[0]);
                        await(Gen.sleep(Duration.ofMillis(1)));
                        inside[0]--;
                    }
                }));
            }
            await(Gen.multi(workers));
            return max[0];
        });
        assertEquals(2, most);
    }
    // end::semaphore-test[]

    @Test
    void aSemaphoreWaitTimesOutOrIsCancelledAndThePermitGoesToTheNextWaiter() throws Exception {
        List<Object> seen = run(() -> {
            Semaphore sem = new Semaphore(1);
            List<Object> out = new ArrayList<>();
            Semaphore.Releaser first = await(sem.acquire());
            try {
                await(sem.acquire(Duration.ofMillis(5)));
            } catch (TimeoutError e) {
                out.add("timed out");
            }
            Future<Semaphore.Releaser> cancelled = sem.acquire();
            Future<Semaphore.Releaser> next = sem.acquire();
            cancelled.cancel();
            first.close();
            await(next);
            out.add("next got it, value " + sem.value());
            next.result().close();
            out.add("released, value " + sem.value());
            return out;
        });
        assertEquals(List.of("timed out", "next got it, value 0", "released, value 1"), seen);
    }

    @Test
    void aBoundedSemaphoreAndALockRefuseAnExtraRelease() throws Exception {
        run(() -> {
            BoundedSemaphore b = new BoundedSemaphore(1);
            assertEquals("Semaphore released too many times (initial value 1)",
                    assertThrows(IllegalStateException.class, b::release).getMessage());
            assertEquals(1, b.value(), "a refused release gives no permit");
            Lock lock = new Lock();
            assertFalse(lock.locked());
            assertEquals("release unlocked lock", assertThrows(IllegalStateException.class, lock::release).getMessage());
            // The refused release left the lock as it was: one acquire takes it, a second waits.
            Semaphore.Releaser first = await(lock.acquire());
            Future<Semaphore.Releaser> second = lock.acquire();
            assertFalse(second.done(), "a refused release must not have added a permit");
            second.cancel();
            first.close();
            Semaphore.Releaser held = await(lock.acquire());
            assertTrue(lock.locked());
            Future<Semaphore.Releaser> waiting = lock.acquire(Duration.ofSeconds(5));
            assertFalse(waiting.done());
            held.close();
            await(waiting).close();
            assertFalse(lock.locked());
            return null;
        });
        assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
    }
}
