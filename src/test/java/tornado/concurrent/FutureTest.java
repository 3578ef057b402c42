package tornado.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import tornado.testing.LogCapture;
import tornado.testing.LoopThread;

class FutureTest {

    @Test
    void doneCallbacksRunOnTheLoopNeverInsideSetResult() throws Exception {
        try (LoopThread t = new LoopThread()) {
            CompletableFuture<List<String>> seen = new CompletableFuture<>();
            t.run(() -> {
                List<String> order = new ArrayList<>();
                Future<Integer> f = new Future<>();
                f.addDoneCallback(done -> {
                    order.add("callback " + done.result());
                    seen.complete(order);
                });
                f.setResult(7);
                order.add("after setResult");
            });
            assertEquals(List.of("after setResult", "callback 7"), seen.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aCallbackAddedToADoneFutureAlsoWaitsForTheLoop() throws Exception {
        try (LoopThread t = new LoopThread()) {
            CompletableFuture<List<String>> seen = new CompletableFuture<>();
            t.run(() -> {
                List<String> order = new ArrayList<>();
                Future<String> f = Future.completed("x");
                f.addDoneCallback(done -> seen.complete(order));
                order.add("addDoneCallback returned");
            });
            assertEquals(List.of("addDoneCallback returned"), seen.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void tenThousandChainedFuturesDoNotOverflowTheStack() throws Exception {
        try (LoopThread t = new LoopThread()) {
            CompletableFuture<Object> last = new CompletableFuture<>();
            t.run(() -> {
                Future<String> first = new Future<>();
                Future<String> prev = first;
                for (int i = 0; i < 10_000; i++) {
                    Future<String> next = new Future<>();
                    Futures.chain(prev, next);
                    prev = next;
                }
                prev.addDoneCallback(done -> last.complete(done.exception() != null ? done.exception() : done.result()));
                first.setResult("through 10000 links");
            });
            assertEquals("through 10000 links", last.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aSecondCompletionIsAClearError() throws Exception {
        try (LoopThread t = new LoopThread()) {
            String message = t.call(() -> {
                Future<Integer> f = new Future<>();
                f.setResult(1);
                return assertThrows(IllegalStateException.class, () -> f.setException(new IOException("late"))).getMessage();
            });
            assertTrue(message.contains("already has a result (1)"), message);
            assertTrue(message.contains("completed once"), message);
        }
    }

    @Test
    void resultThrowsTheStoredExceptionItselfAndWrapsACheckedOne() throws Exception {
        try (LoopThread t = new LoopThread()) {
            t.run(() -> {
                IllegalArgumentException boom = new IllegalArgumentException("boom");
                Future<Integer> f = Future.failed(boom);
                assertSame(boom, assertThrows(IllegalArgumentException.class, f::result));
                IOException io = new IOException("disk");
                Future<Integer> g = Future.failed(io);
                assertSame(io, assertThrows(FutureFailedException.class, g::result).getCause());
                assertSame(io, g.exception());
                Future<Integer> pending = new Future<>();
                assertTrue(assertThrows(IllegalStateException.class, pending::result).getMessage().contains("not done yet"));
            });
        }
    }

    @Test
    void cancellingCompletesTheFutureAndLetsTheOwnerSkipItsResult() throws Exception {
        try (LoopThread t = new LoopThread()) {
            CompletableFuture<Boolean> callbackSawCancel = new CompletableFuture<>();
            t.run(() -> {
                Future<Integer> f = new Future<>();
                f.addDoneCallback(done -> callbackSawCancel.complete(done.cancelled()));
                assertTrue(f.cancel());
                assertFalse(f.cancel());
                assertThrows(CancellationException.class, f::result);
                Futures.setResultUnlessCancelled(f, 3); // the owner, late: no error
                assertThrows(IllegalStateException.class, () -> f.setResult(3));
            });
            assertTrue(callbackSawCancel.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void anErrorForACancelledFutureIsLoggedInsteadOfLost() throws Exception {
        LogCapture log = LogCapture.on("tornado.application");
        try (LoopThread t = new LoopThread()) {
            t.run(() -> {
                Future<Integer> f = new Future<>();
                f.cancel();
                Futures.setExceptionUnlessCancelled(f, new IOException("nobody is listening"));
                Future<Integer> g = new Future<>();
                Futures.setExceptionUnlessCancelled(g, new IOException("for g"));
                assertEquals("for g", g.exception().getMessage());
            });
            assertTrue(log.thrown().stream().anyMatch(e -> "nobody is listening".equals(e.getMessage())),
                    String.valueOf(log.messages()));
        } finally {
            log.remove();
        }
    }

    @Test
    void addFutureRunsTheCallbackOnTheLoopItNames() throws Exception {
        try (LoopThread a = new LoopThread(); LoopThread b = new LoopThread()) {
            CompletableFuture<Boolean> onB = new CompletableFuture<>();
            Future<String> f = a.call(Future<String>::new);
            b.run(() -> Futures.addFuture(b.loop, f, done -> onB.complete(b.loop.inLoopThread())));
            a.run(() -> f.setResult("from a"));
            assertTrue(onB.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aFailureNobodyRetrievedIsLoggedWhenTheFutureIsDropped() throws Exception {
        LogCapture log = LogCapture.on("tornado.application");
        try (LoopThread t = new LoopThread()) {
            t.run(() -> {
                Future.failed(new IllegalStateException("dropped-" + 41));
                Future<Object> seen = Future.failed(new IllegalStateException("retrieved-" + 41));
                seen.exception();
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (log.messages().stream().noneMatch(m -> m.contains("dropped-41")) && System.nanoTime() < deadline) {
                System.gc();
                CompletableFuture.runAsync(() -> {}).get(); // give the Cleaner's thread a moment
            }
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("Future exception was never retrieved")
                    && m.contains("dropped-41")), String.valueOf(log.messages()));
            assertFalse(log.messages().stream().anyMatch(m -> m.contains("retrieved-41")), String.valueOf(log.messages()));
        } finally {
            log.remove();
        }
    }
}
