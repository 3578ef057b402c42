package tornado.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tornado.gen.Gen.await;
import static tornado.gen.Gen.coroutine;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import tornado.concurrent.Future;
import tornado.ioloop.IOLoop;
import tornado.testing.LogCapture;
import tornado.testing.LoopThread;

class GenTest {

    /** Runs a coroutine on a fresh loop and returns its outcome (result or exception). */
    private static <T> T run(Gen.Body<T> body) throws Exception {
        try (IOLoop loop = new IOLoop()) {
            return Gen.runSync(loop, body);
        }
    }

    @Test
    void aCoroutineReturnsThroughItsFuture() throws Exception {
        assertEquals("slept", run(() -> {
            await(Gen.sleep(Duration.ofMillis(5)));
            return "slept";
        }));
    }

    @Test
    void anAwaitedCallRunsOnTheCallingCoroutinesThreadToItsEnd() throws Exception {
        Thread[] threads = new Thread[2];
        String got = run(() -> {
            threads[0] = Thread.currentThread();
            Future<String> f = Gen.awaitedCall(() -> {
                threads[1] = Thread.currentThread();
                await(Gen.sleep(Duration.ofMillis(1)));
                return "inner";
            });
            // The body waited inside the call, so its future is done when the call returns.
            assertTrue(f.done(), "the future of an awaited call is done when the call returns");
            return await(f);
        });
        assertEquals("inner", got);
        assertSame(threads[0], threads[1], "the body runs on the caller's own coroutine thread");
    }

    @Test
    void anAwaitedCallsFailureIsItsFuturesAndAwaitThrowsTheSameException() throws Exception {
        IOException thrown = new IOException("inner failed");
        IOException caught = assertThrows(IOException.class, () -> run(() -> await(Gen.<String>awaitedCall(() -> {
            throw thrown;
        }))));
        assertSame(thrown, caught);
    }

    @Test
    void outsideACoroutineAnAwaitedCallIsACoroutineOfItsOwn() throws Exception {
        try (LoopThread loop = new LoopThread()) {
            Thread loopThread = loop.call(Thread::currentThread);
            Thread[] body = new Thread[1];
            Future<String> f = loop.call(() -> Gen.awaitedCall(() -> {
                body[0] = Thread.currentThread();
                await(Gen.sleep(Duration.ofMillis(1)));
                return "own";
            }));
            CompletableFuture<String> outcome = new CompletableFuture<>();
            loop.run(() -> f.addDoneCallback(done -> outcome.complete(done.result())));
            assertEquals("own", outcome.get(10, TimeUnit.SECONDS));
            assertTrue(body[0] != loopThread && body[0].isVirtual(), "the body ran on a coroutine thread of its own");
        }
    }

    // tag::no-overlap[]
    @Test
    void theLoopAndItsCoroutinesNeverRunAtTheSameTime() throws Exception {
        int[] counter = {0};
        int[] inside = {0};
        int[] overlaps = {0};
        int total = run(() -> {
            List<Future<Void>> all = new ArrayList<>();
            for (int c = 0; c < 1_000; c++) {
                all.add(coroutine(() -> {
                    for (int i = 0; i < 1_000; i++) {
                        // A plain int, no lock, no volatile: if two coroutines (or a coroutine and
                        // the loop) ever ran at once, increments would be lost or seen overlapping.
                        if (inside[0]++ != 0) overlaps[0]++;
                        counter[0]++;
                        inside[0]--;
                        await(Gen.moment());
                    }
                }));
            }
            await(Gen.multi(all));
            return counter[0];
        });
        assertEquals(1_000_000, total);
        assertEquals(0, overlaps[0]);
    }
    // end::no-overlap[]

    @Test
    void aFailedFutureThrowsAtTheAwait() throws Exception {
        IOException thrown = new IOException("disk gone");
        Exception caught = run(() -> {
            Future<String> f = new Future<>();
            IOLoop.current().addCallback(() -> f.setException(thrown));
            try {
                await(f);
                return null;
            } catch (IOException e) {
                return e;
            }
        });
        assertSame(thrown, caught);
    }

    // Three levels of coroutines: level1 awaits level2 awaits level3, which throws.
    private static Future<String> level1() {
        return coroutine(() -> await(level2()));
    }

    private static Future<String> level2() {
        return coroutine(() -> {
            await(Gen.sleep(Duration.ofMillis(1)));
            return await(level3());
        });
    }

    private static Future<String> level3() {
        return coroutine(() -> {
            await(Gen.sleep(Duration.ofMillis(1)));
            throw new IllegalStateException("from level 3");
        });
    }

    @Test
    void anExceptionCrossesThreeLevelsWithItsOriginalStack() throws Exception {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(() -> await(level1())));
        assertEquals("from level 3", e.getMessage());
        // The same object all the way up: its stack still starts in level 3's body.
        StackTraceElement top = e.getStackTrace()[0];
        assertTrue(top.getMethodName().contains("level3"), "top frame: " + top);
    }

    @Test
    void aCoroutineNobodyAwaitsHasItsFailureLogged() throws Exception {
        LogCapture log = LogCapture.on("tornado.application");
        try {
            run(() -> {
                coroutine(() -> {
                    await(Gen.moment());
                    throw new IllegalStateException("nobody-awaits-" + 6);
                });
                await(Gen.sleep(Duration.ofMillis(5)));
                return null;
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (log.messages().stream().noneMatch(m -> m.contains("nobody-awaits-6")) && System.nanoTime() < deadline) {
                System.gc();
                CompletableFuture.runAsync(() -> {}).get();
            }
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("never retrieved") && m.contains("nobody-awaits-6")),
                    String.valueOf(log.messages()));
        } finally {
            log.remove();
        }
    }

    // tag::straight-line-stack[]
    // A plain method (not a coroutine) that awaits: it runs on the coroutine that called it.
    private static StackTraceElement[] fetchThreeTimes() throws Exception {
        for (int i = 0; i < 3; i++) await(Gen.sleep(Duration.ofMillis(1)));
        return Thread.currentThread().getStackTrace();
    }

    @Test
    void afterThreeAwaitsTheStackIsTheCoroutinesOwn() throws Exception {
        StackTraceElement[] stack = run(() -> {
            await(Gen.moment());
            return fetchThreeTimes();
        });
        List<String> methods = new ArrayList<>();
        for (StackTraceElement f : stack) methods.add(f.getClassName().replaceAll(".*\\.", "") + "." + f.getMethodName());
        assertTrue(methods.stream().anyMatch(m -> m.endsWith("fetchThreeTimes")), String.valueOf(methods));
        assertTrue(methods.stream().anyMatch(m -> m.contains("afterThreeAwaitsTheStackIsTheCoroutinesOwn")), String.valueOf(methods));
        // No loop below it: the loop resumed us, but it is not on our stack.
        assertFalse(methods.stream().anyMatch(m -> m.startsWith("IOLoop.")), String.valueOf(methods));
    }
    // end::straight-line-stack[]

    @Test
    void insideACoroutineTheCurrentLoopIsItsLoop() throws Exception {
        try (IOLoop loop = new IOLoop()) {
            assertSame(loop, Gen.runSync(loop, () -> {
                await(Gen.moment());
                return IOLoop.current();
            }));
        }
    }

    @Test
    void aCoroutineRunsInTheLoopsTurnAndCountsAsItsThread() throws Exception {
        try (IOLoop loop = new IOLoop()) {
            List<Boolean> seen = Gen.runSync(loop, () -> {
                List<Boolean> out = new ArrayList<>();
                out.add(loop.inLoopThread());
                await(Gen.moment());
                out.add(loop.inLoopThread());
                return out;
            });
            assertEquals(List.of(true, true), seen);
            assertFalse(loop.inLoopThread(), "the turn went back when the loop stopped");
        }
    }

    @Test
    void aCoroutineOfARunningLoopCannotBeStartedFromAnotherThread() throws Exception {
        try (LoopThread t = new LoopThread()) {
            t.call(() -> t.loop.isRunning()); // the loop is up and running on its own thread
            // This test's thread is not the loop's: a coroutine of that loop started here would
            // run at the same time as the loop, so it is refused.
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new Runner<>(t.loop, () -> null).start());
            assertTrue(e.getMessage().contains("loop.addCallback"), e.getMessage());
        }
    }

    @Test
    void awaitOutsideACoroutineIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> await(Future.completed(1)));
        assertTrue(e.getMessage().contains("outside a coroutine"), e.getMessage());
    }

    @Test
    void multiWaitsForAListAndAMapKeepingOrder() throws Exception {
        assertEquals(List.of(3, 1, 2), run(() -> await(Gen.multi(List.of(later(3, 3), later(1, 1), later(2, 2))))));
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("b", 2);
        m.put("a", 1);
        Map<String, Integer> got = run(() -> {
            Map<String, Future<Integer>> fs = new LinkedHashMap<>();
            fs.put("b", later(2, 5));
            fs.put("a", later(1, 1));
            return await(Gen.multi(fs));
        });
        assertEquals(m, got);
        assertEquals(List.of("b", "a"), new ArrayList<>(got.keySet()));
    }

    @Test
    void multiRaisesTheFirstFailureAndLogsTheRest() throws Exception {
        LogCapture log = LogCapture.on("tornado.application");
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(() -> await(Gen.multi(List.of(
                    Future.<Integer>failed(new IllegalStateException("first")),
                    Future.<Integer>failed(new IllegalStateException("second")))))));
            assertEquals("first", e.getMessage());
            assertTrue(log.messages().contains("Multiple exceptions in yield list"), String.valueOf(log.messages()));
        } finally {
            log.remove();
        }
    }

    private static Future<Integer> later(int value, int ms) {
        return coroutine(() -> {
            await(Gen.sleep(Duration.ofMillis(ms)));
            return value;
        });
    }

    @Test
    void withTimeoutRaisesTimeoutErrorAndCancelsNothingItDoesNotOwn() throws Exception {
        List<Object> seen = run(() -> {
            Future<String> slow = new Future<>();
            List<Object> out = new ArrayList<>();
            try {
                await(Gen.withTimeout(Duration.ofMillis(10), slow));
            } catch (TimeoutError e) {
                out.add(e.getMessage());
            }
            out.add(slow.done()); // not cancelled: someone else may still wait for it
            IOLoop.current().addCallback(() -> slow.setResult("late but fine"));
            out.add(await(slow));
            out.add(await(Gen.withTimeout(Duration.ofSeconds(10), later(5, 1))));
            return out;
        });
        assertEquals(List.of("Timeout after 10 ms", false, "late but fine", 5), seen);
    }

    @Test
    void aFailureThatComesAfterTheTimeoutIsLoggedNotLost() throws Exception {
        LogCapture log = LogCapture.on("tornado.application");
        try {
            run(() -> {
                Future<String> slow = new Future<>();
                try {
                    await(Gen.withTimeout(Duration.ofMillis(1), slow));
                } catch (TimeoutError expected) {
                    // the waiter gave up; the failure below has nobody left to tell
                }
                slow.setException(new IllegalStateException("too late"));
                await(Gen.sleep(Duration.ofMillis(5)));
                return null;
            });
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("after timeout")), String.valueOf(log.messages()));
        } finally {
            log.remove();
        }
    }

    /**
     * A JDK future's outcome that reaches the loop after its waiter cancelled the loop's future:
     * the result has nobody to go to and is dropped; the failure is logged, not lost, as Tornado
     * 6's {@code future_set_exception_unless_cancelled} does.
     */
    @Test
    void aStagesFailureAfterItsWaiterGaveUpIsLoggedNotLost() throws Exception {
        LogCapture log = LogCapture.on("tornado.application");
        try {
            IllegalStateException late = new IllegalStateException("failed after the waiter gave up");
            run(() -> {
                CompletableFuture<String> fails = new CompletableFuture<>();
                CompletableFuture<String> succeeds = new CompletableFuture<>();
                Future<?> waitsForFailure = Gen.convertYielded(fails);
                Future<?> waitsForResult = Gen.convertYielded(succeeds);
                assertTrue(waitsForFailure.cancel());
                assertTrue(waitsForResult.cancel());
                fails.completeExceptionally(late);
                succeeds.complete("nobody wants this");
                // Both outcomes are on the loop now; a moment later they have been handed on.
                await(Gen.moment());
                return null;
            });
            assertEquals(List.of("Exception after Future was cancelled"), log.messages());
            assertEquals(List.of(late), log.thrown());
        } finally {
            log.remove();
        }
    }

    /**
     * A coroutine whose future its waiter cancelled runs on to its end, as Tornado 6's does; its
     * value is then dropped without a word and its failure logged with its own stack trace
     * ("Exception after Future was cancelled"), not turned into an error about setting a
     * cancelled future.
     */
    @Test
    void aCoroutineWhoseFutureWasCancelledEndsQuietlyOrLogsItsFailure() throws Exception {
        LogCapture log = LogCapture.on("tornado.application");
        try {
            IllegalArgumentException failure = new IllegalArgumentException("raised after its waiter gave up");
            List<Object> seen = run(() -> {
                Future<Void> gate = new Future<>();
                List<Object> out = new ArrayList<>();
                Future<String> returns = coroutine(() -> {
                    await(gate);
                    out.add("returns ran on");
                    return "nobody wants this";
                });
                Future<String> raises = coroutine(() -> {
                    await(gate);
                    out.add("raises ran on");
                    throw failure;
                });
                out.add(returns.cancel());
                out.add(raises.cancel());
                gate.setResult(null);
                // The gate's callbacks resume both coroutines in the loop's next turn; a moment
                // later both have ended.
                await(Gen.moment());
                await(Gen.moment());
                out.add(returns.cancelled());
                out.add(raises.cancelled());
                return out;
            });
            assertEquals(List.of(true, true, "returns ran on", "raises ran on", true, true), seen);
            assertEquals(List.of("Exception after Future was cancelled"), log.messages());
            assertEquals(List.of(failure), log.thrown());
        } finally {
            log.remove();
        }
    }

    @Test
    void convertYieldedTakesFuturesListsMapsStagesAndNull() throws Exception {
        List<Object> seen = run(() -> {
            List<Object> out = new ArrayList<>();
            out.add(await(Gen.convertYielded(null)));
            out.add(await(Gen.convertYielded(List.of(later(1, 1), later(2, 1)))));
            out.add(await(Gen.convertYielded(Map.of("k", later(3, 1)))));
            // A JDK future completed on another thread comes back through the loop.
            out.add(await(CompletableFuture.supplyAsync(() -> "from a pool thread")));
            out.add(assertThrows(BadYieldError.class, () -> Gen.convertYielded("a string")).getMessage());
            return out;
        });
        assertEquals(null, seen.get(0));
        assertEquals(List.of(1, 2), seen.get(1));
        assertEquals(Map.of("k", 3), seen.get(2));
        assertEquals("from a pool thread", seen.get(3));
        assertTrue(((String) seen.get(4)).contains("java.lang.String"));
    }

    @Test
    void anAwaitOnADoneFutureDoesNotLetTheLoopIn() throws Exception {
        // Tornado's handle_yield: a done future goes on at once. Nothing else runs meanwhile.
        List<String> order = run(() -> {
            List<String> out = new ArrayList<>();
            IOLoop.current().addCallback(() -> out.add("loop callback"));
            out.add("before");
            await(Future.completed("x"));
            out.add("after a done future");
            await(Gen.moment());
            out.add("after moment");
            return out;
        });
        assertEquals(List.of("before", "after a done future", "loop callback", "after moment"), order);
    }

    @Test
    void aCoroutineRunsUpToItsFirstWaitBeforeCoroutineReturns() throws Exception {
        try (LoopThread t = new LoopThread()) {
            List<String> order = t.call(() -> {
                List<String> out = new ArrayList<>();
                Future<Void> f = coroutine(() -> {
                    out.add("body starts");
                    await(Gen.moment());
                    out.add("body resumes");
                });
                out.add("coroutine() returned, done=" + f.done());
                // A copy taken now, on the loop: the coroutine goes on adding once the loop runs.
                return List.copyOf(out);
            });
            assertEquals(List.of("body starts", "coroutine() returned, done=false"), order);
        }
    }

    @Test
    void aFailureInsideTheBodyCompletesTheFutureWithIt() throws Exception {
        try (LoopThread t = new LoopThread()) {
            Throwable e = t.call(() -> coroutine(() -> {
                throw new IOException("at once");
            }).exception());
            assertInstanceOf(IOException.class, e);
        }
    }
}
