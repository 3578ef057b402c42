package tornado.ioloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import tornado.testing.LogCapture;
import tornado.testing.LoopThread;
import tornado.trace.RecordingSink;
import tornado.trace.Trace;

class IOLoopTest {

    @Test
    void timeoutsFireInDeadlineOrderAndCancelledOnesNever() throws Exception {
        try (LoopThread t = new LoopThread()) {
            List<String> fired = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch done = new CountDownLatch(1);
            t.run(() -> {
                IOLoop loop = t.loop;
                long now = loop.time();
                // Scheduled out of order; must fire in deadline order.
                loop.callAt(now + 30_000_000, () -> fired.add("c"));
                loop.callAt(now + 10_000_000, () -> fired.add("a"));
                Timeout cancelled = loop.callAt(now + 15_000_000, () -> fired.add("cancelled"));
                loop.callAt(now + 20_000_000, () -> fired.add("b"));
                loop.callAt(now + 40_000_000, done::countDown);
                loop.removeTimeout(cancelled);
                loop.removeTimeout(cancelled); // twice is harmless
                assertFalse(cancelled.pending());
            });
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(List.of("a", "b", "c"), fired);
        }
    }

    /**
     * Only a timeout added while the trace is on carries the trace's note of who added it and
     * with what delay (Timeout.Traced); one added before the trace began is reported as the
     * loop's own work when it fires, not as a timeout of no delay.
     */
    @Test
    void aTimeoutIsReportedUnderItsConnectionOnlyIfAddedWhileTheTraceWasOn() throws Exception {
        RecordingSink sink = new RecordingSink();
        try (LoopThread t = new LoopThread()) {
            CountDownLatch done = new CountDownLatch(2);
            Timeout[] added = new Timeout[2];
            t.run(() -> added[0] = t.loop.callLater(Duration.ofMillis(30), done::countDown));
            Trace.install(sink);
            t.run(() -> added[1] = t.loop.callLater(Duration.ofMillis(20), done::countDown));
            // Each firing is reported before its callback runs, so both are recorded by now.
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertFalse(added[0] instanceof Timeout.Traced, "added with the trace off");
            assertTrue(added[1] instanceof Timeout.Traced, "added with the trace on");
            List<String> due = sink.events().stream().filter(e -> e.step().equals("IOLoop._timeouts"))
                    .map(e -> e.detail()).toList();
            // Either may fire first: the second was added one hop to the loop's thread after the
            // first, and on a busy machine that hop can take longer than the 10 ms between them.
            assertEquals(2, due.size(), due.toString());
            assertEquals(1, due.stream().filter(d -> d.startsWith("the 20 ms timeout is due")).count(), due.toString());
            assertEquals(1, due.stream().filter(d -> d.startsWith("a timeout added before the trace began is due")).count(),
                    due.toString());
        } finally {
            Trace.off();
        }
    }

    @Test
    void equalDeadlinesFireInTheOrderTheyWereAdded() throws Exception {
        try (LoopThread t = new LoopThread()) {
            List<Integer> fired = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch done = new CountDownLatch(1);
            t.run(() -> {
                long at = t.loop.time() + 5_000_000;
                for (int i = 0; i < 50; i++) {
                    int n = i;
                    t.loop.callAt(at, () -> fired.add(n));
                }
                t.loop.callAt(at + 1, done::countDown);
            });
            assertTrue(done.await(10, TimeUnit.SECONDS));
            for (int i = 0; i < 50; i++) assertEquals(i, fired.get(i));
        }
    }

    @Test
    void addCallbackFromAnotherThreadWakesASleepingLoop() throws Exception {
        try (LoopThread t = new LoopThread()) {
            // Let the loop go to sleep with nothing scheduled (its poll would last an hour).
            t.run(() -> { });
            CountDownLatch ran = new CountDownLatch(1);
            Thread[] on = new Thread[1];
            t.loop.addCallback(() -> {
                on[0] = Thread.currentThread();
                ran.countDown();
            });
            assertTrue(ran.await(10, TimeUnit.SECONDS), "callback from another thread never ran");
            assertEquals("test-loop", on[0].getName());
        }
    }

    @Test
    void callbacksFromAnotherThreadKeepTheirPlaceAmongTheLoopsOwn() throws Exception {
        // The loop's thread and other threads add to lists of their own (IOLoop.addCallback);
        // a callback another thread added before the loop's thread adds one, as the loop's
        // thread knows from the join, must still run first, and one added after it, after it.
        try (LoopThread t = new LoopThread()) {
            List<String> ran = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch done = new CountDownLatch(1);
            t.run(() -> {
                t.loop.addCallback(() -> ran.add("loop 1"));
                addFromAnotherThread(t.loop, () -> ran.add("other 1"));
                t.loop.addCallback(() -> ran.add("loop 2"));
                addFromAnotherThread(t.loop, () -> ran.add("other 2"));
                addFromAnotherThread(t.loop, done::countDown);
            });
            assertTrue(done.await(LoopThread.WAIT_SECONDS, TimeUnit.SECONDS), "the callbacks never ran");
            assertEquals(List.of("loop 1", "other 1", "loop 2", "other 2"), ran);
        }
    }

    private static void addFromAnotherThread(IOLoop loop, Runnable callback) throws InterruptedException {
        Thread other = new Thread(() -> loop.addCallback(callback), "other");
        other.start();
        other.join();
    }

    @Test
    void callbacksFromManyThreadsAtOnceAllRunOnceInTheOrderEachThreadAddedThem() throws Exception {
        // Four threads add while the loop's thread keeps adding its own: every callback runs
        // exactly once, on the loop's thread, and each thread's in the order it added them.
        int threads = 4;
        int each = 20_000;
        try (LoopThread t = new LoopThread()) {
            int[] next = new int[threads + 1];
            List<String> outOfOrder = new ArrayList<>();
            CountDownLatch done = new CountDownLatch(threads + 1);
            class Numbered implements Runnable {
                final int from, n;
                Numbered(int from, int n) { this.from = from; this.n = n; }
                @Override
                public void run() {
                    if (!t.loop.inLoopThread()) outOfOrder.add("ran off the loop's thread");
                    if (next[from] != n) outOfOrder.add("thread " + from + ": " + n + " ran when " + next[from] + " was due");
                    next[from] = n + 1;
                    if (n == each - 1) done.countDown();
                    // The loop's own chain: each of its callbacks adds the next one.
                    if (from == threads && n + 1 < each) t.loop.addCallback(new Numbered(from, n + 1));
                }
            }
            List<Thread> adders = new ArrayList<>();
            for (int k = 0; k < threads; k++) {
                int from = k;
                adders.add(new Thread(() -> {
                    for (int n = 0; n < each; n++) t.loop.addCallback(new Numbered(from, n));
                }, "adder-" + k));
            }
            t.run(() -> t.loop.addCallback(new Numbered(threads, 0)));
            for (Thread a : adders) a.start();
            for (Thread a : adders) a.join();
            assertTrue(done.await(LoopThread.WAIT_SECONDS, TimeUnit.SECONDS), "not every callback ran");
            t.run(() -> {
                assertEquals(List.of(), outOfOrder);
                for (int k = 0; k <= threads; k++) assertEquals(each, next[k], "callbacks run from " + k);
            });
        }
    }

    @Test
    void aLoopDrivenByRunOnceFromAnotherThreadLosesNoCallbackOfTheThreadThatDroveItFirst() throws Exception {
        // This thread drives the loop first, which makes it the loop's thread; then another
        // thread drives it while this one only adds. Its adds must take the lock like any other
        // thread's (IOLoop.addCallback): each callback runs once, none is lost.
        IOLoop loop = new IOLoop();
        try {
            loop.runOnce(0);
            int n = 1_000_000;
            int[] ran = new int[n];
            AtomicBoolean added = new AtomicBoolean();
            CountDownLatch drained = new CountDownLatch(1);
            Thread driver = new Thread(() -> {
                while (!added.get()) loop.runOnce(0);
                // Whatever the last adds left waits at most one more iteration.
                loop.runOnce(0);
                drained.countDown();
            }, "driver");
            driver.start();
            for (int i = 0; i < n; i++) {
                int id = i;
                loop.addCallback(() -> ran[id]++);
            }
            added.set(true);
            assertTrue(drained.await(LoopThread.WAIT_SECONDS, TimeUnit.SECONDS), "the driving thread never finished");
            driver.join();
            int lost = 0, twice = 0;
            for (int r : ran) {
                if (r == 0) lost++;
                else if (r > 1) twice++;
            }
            assertEquals(0, lost, "callbacks never run");
            assertEquals(0, twice, "callbacks run more than once");
        } finally {
            loop.close();
        }
    }

    @Test
    void callbacksAddedDuringAnIterationWaitForTheNextOne() {
        IOLoop loop = new IOLoop();
        try {
            List<String> ran = new ArrayList<>();
            loop.addCallback(() -> {
                ran.add("first");
                loop.addCallback(() -> ran.add("second"));
            });
            loop.runOnce(0);
            assertEquals(List.of("first"), ran, "a callback added by a callback must not run in the same iteration");
            loop.runOnce(0);
            assertEquals(List.of("first", "second"), ran);
        } finally {
            loop.close();
        }
    }

    /**
     * An action handed to runBeforePoll by a callback runs in that same iteration, after its due
     * timeouts and before its poll, so before the callbacks that iteration added, even one added
     * first. Never inside the call that hands it over. One that an action hands over waits for
     * the next time the loop runs its actions, behind a poll that does not sleep.
     */
    @Test
    void anActionForBeforeThePollRunsInTheIterationThatHandedItOver() throws Exception {
        try (LoopThread t = new LoopThread()) {
            List<String> ran = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch done = new CountDownLatch(1);
            t.run(() -> {
                t.loop.addCallback(() -> ran.add("a callback added first"));
                t.loop.callLater(Duration.ZERO, () -> ran.add("a timeout due now"));
                t.loop.runBeforePoll(() -> {
                    ran.add("the action");
                    t.loop.runBeforePoll(() -> {
                        ran.add("an action the action handed over");
                        done.countDown();
                    });
                });
                ran.add("runBeforePoll returned");
            });
            assertTrue(done.await(LoopThread.WAIT_SECONDS, TimeUnit.SECONDS), "the second action never ran");
            assertEquals(List.of("runBeforePoll returned", "a timeout due now", "the action",
                    "a callback added first", "an action the action handed over"), ran);
        }
    }

    /** With nothing else to do, an action an action hands over still runs: the poll between does not sleep. */
    @Test
    void anActionHandedOverByAnActionDoesNotWaitForThePoll() throws Exception {
        try (LoopThread t = new LoopThread()) {
            CountDownLatch done = new CountDownLatch(1);
            t.run(() -> t.loop.runBeforePoll(() -> t.loop.runBeforePoll(done::countDown)));
            assertTrue(done.await(LoopThread.WAIT_SECONDS, TimeUnit.SECONDS), "the poll slept with an action waiting");
        }
    }

    /**
     * An action a handler hands over runs right after that poll's handlers, before the callbacks
     * the handler added (the next iteration's), even one added first: a stream's flush must not
     * wait behind work queued after the write it sends.
     */
    @Test
    void anActionAHandlerHandsOverRunsBeforeTheNextIterationsCallbacks() throws Exception {
        Pipe pipe = Pipe.open();
        try (LoopThread t = new LoopThread()) {
            List<String> ran = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch done = new CountDownLatch(1);
            t.run(() -> t.loop.addHandler(pipe.source(), (ch, ev) -> {
                t.loop.removeHandler(ch);
                t.loop.addCallback(() -> {
                    ran.add("the handler's callback");
                    done.countDown();
                });
                t.loop.runBeforePoll(() -> ran.add("the handler's action"));
            }, IOLoop.READ));
            pipe.sink().write(ByteBuffer.wrap(new byte[] {7}));
            assertTrue(done.await(LoopThread.WAIT_SECONDS, TimeUnit.SECONDS), "the handler's callback never ran");
            assertEquals(List.of("the handler's action", "the handler's callback"), ran);
        } finally {
            pipe.sink().close();
            pipe.source().close();
        }
    }

    /**
     * Off the loop's thread, and on a loop driven by runOnce alone, an action is a callback for
     * the next iteration: it runs on the loop's thread, in its place among the callbacks.
     */
    @Test
    void offTheLoopsThreadAnActionIsACallbackForTheNextIteration() throws Exception {
        try (LoopThread t = new LoopThread()) {
            t.run(() -> { });
            CountDownLatch ran = new CountDownLatch(1);
            Thread[] on = new Thread[1];
            t.loop.runBeforePoll(() -> {
                on[0] = Thread.currentThread();
                ran.countDown();
            });
            assertTrue(ran.await(LoopThread.WAIT_SECONDS, TimeUnit.SECONDS), "the action from another thread never ran");
            assertEquals("test-loop", on[0].getName());
        }
        IOLoop loop = new IOLoop();
        try {
            List<String> ran = new ArrayList<>();
            loop.addCallback(() -> {
                loop.addCallback(() -> ran.add("a callback added first"));
                loop.runBeforePoll(() -> ran.add("the action"));
            });
            loop.runOnce(0);
            assertEquals(List.of(), ran);
            loop.runOnce(0);
            assertEquals(List.of("a callback added first", "the action"), ran);
        } finally {
            loop.close();
        }
    }

    @Test
    void anExceptionInACallbackIsLoggedAndTheLoopGoesOn() throws Exception {
        LogCapture log = LogCapture.on("tornado.application");
        try (LoopThread t = new LoopThread()) {
            CountDownLatch after = new CountDownLatch(1);
            t.loop.addCallback(() -> { throw new IllegalStateException("boom in callback"); });
            t.loop.addCallback(after::countDown);
            assertTrue(after.await(10, TimeUnit.SECONDS));
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("Exception in callback")), log.messages().toString());
            assertTrue(log.thrown().stream().anyMatch(e -> "boom in callback".equals(e.getMessage())));
        } finally {
            log.remove();
        }
    }

    /** CallbackBoundary's rule at the loop: an Error, out-of-memory included, is logged and the loop goes on. */
    @Test
    void anErrorInACallbackATimeoutOrAHandlerIsLoggedAndTheLoopGoesOn() throws Exception {
        LogCapture log = LogCapture.on("tornado.application");
        Pipe pipe = Pipe.open();
        try (LoopThread t = new LoopThread()) {
            CountDownLatch after = new CountDownLatch(3);
            t.run(() -> {
                t.loop.addCallback(() -> { throw new OutOfMemoryError("oom in a callback"); });
                t.loop.callLater(Duration.ofMillis(1), () -> { throw new NoClassDefFoundError("in a timeout"); });
                t.loop.callLater(Duration.ofMillis(2), after::countDown);
                t.loop.addHandler(pipe.source(), (ch, events) -> {
                    t.loop.removeHandler(ch);
                    after.countDown();
                    throw new OutOfMemoryError("oom in a handler");
                }, IOLoop.READ);
            });
            t.loop.addCallback(after::countDown);
            pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
            assertTrue(after.await(10, TimeUnit.SECONDS), "the loop went on after each Error");
            CountDownLatch later = new CountDownLatch(1);
            t.loop.addCallback(later::countDown);
            assertTrue(later.await(10, TimeUnit.SECONDS));
            for (String m : List.of("oom in a callback", "in a timeout", "oom in a handler")) {
                assertTrue(log.thrown().stream().anyMatch(e -> m.equals(e.getMessage())), m + " was logged");
            }
        } finally {
            log.remove();
            pipe.sink().close();
            pipe.source().close();
        }
    }

    @Test
    void anExceptionInAnIoHandlerIsLoggedAndTheLoopGoesOn() throws Exception {
        LogCapture log = LogCapture.on("tornado.application");
        Pipe pipe = Pipe.open();
        try (LoopThread t = new LoopThread()) {
            CountDownLatch handlerRan = new CountDownLatch(1);
            t.run(() -> t.loop.addHandler(pipe.source(), (ch, events) -> {
                handlerRan.countDown();
                t.loop.removeHandler(ch);
                throw new IllegalStateException("boom in handler");
            }, IOLoop.READ));
            pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
            assertTrue(handlerRan.await(10, TimeUnit.SECONDS));
            // The loop still runs callbacks and timeouts afterwards.
            CountDownLatch later = new CountDownLatch(1);
            t.run(() -> t.loop.callLater(Duration.ofMillis(5), later::countDown));
            assertTrue(later.await(10, TimeUnit.SECONDS));
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("Exception in I/O handler")));
        } finally {
            log.remove();
            pipe.sink().close();
            pipe.source().close();
        }
    }

    @Test
    void handlersSeeReadAndWriteEvents() throws Exception {
        Pipe pipe = Pipe.open();
        try (LoopThread t = new LoopThread()) {
            CountDownLatch writable = new CountDownLatch(1);
            CountDownLatch readable = new CountDownLatch(1);
            t.run(() -> {
                t.loop.addHandler(pipe.sink(), (ch, ev) -> {
                    if ((ev & IOLoop.WRITE) != 0) writable.countDown();
                    t.loop.removeHandler(ch);
                }, IOLoop.WRITE);
                t.loop.addHandler(pipe.source(), (ch, ev) -> {
                    if ((ev & IOLoop.READ) != 0) readable.countDown();
                    t.loop.updateHandler(ch, IOLoop.NONE);
                }, IOLoop.READ);
            });
            assertTrue(writable.await(10, TimeUnit.SECONDS));
            pipe.sink().write(ByteBuffer.wrap(new byte[] {7}));
            assertTrue(readable.await(10, TimeUnit.SECONDS));
        } finally {
            pipe.sink().close();
            pipe.source().close();
        }
    }

    @Test
    void periodicCallbackRunsRepeatedlyUntilStopped() throws Exception {
        try (LoopThread t = new LoopThread()) {
            CountDownLatch three = new CountDownLatch(3);
            PeriodicCallback pc = t.call(() -> {
                PeriodicCallback p = new PeriodicCallback(three::countDown, Duration.ofMillis(5), t.loop);
                p.start();
                return p;
            });
            assertTrue(three.await(10, TimeUnit.SECONDS));
            t.run(pc::stop);
            assertFalse(pc.isRunning());
        }
    }

    @Test
    void stopBeforeStartMakesStartReturnAtOnce() {
        IOLoop loop = new IOLoop();
        try {
            List<String> ran = new ArrayList<>();
            loop.addCallback(() -> ran.add("ran"));
            loop.stop();
            loop.start(); // returns at once, as Tornado 2.4.1's does, instead of sleeping for an hour
            assertEquals(List.of(), ran, "a start that returns at once runs nothing");
            assertFalse(loop.isRunning());
            // The stop was used up: the next start runs the waiting callback and one more stop.
            loop.addCallback(loop::stop);
            loop.start();
            assertEquals(List.of("ran"), ran);
            assertFalse(loop.isRunning());
        } finally {
            loop.close();
        }
    }

    @Test
    void currentIsTheLoopRunningOnThisThread() throws Exception {
        try (LoopThread t = new LoopThread()) {
            assertTrue(t.call(() -> IOLoop.current() == t.loop));
        }
    }

    @Test
    void manyCancelledTimeoutsDoNotAccumulate() throws Exception {
        try (LoopThread t = new LoopThread()) {
            CountDownLatch done = new CountDownLatch(1);
            t.run(() -> {
                for (int i = 0; i < 10_000; i++) {
                    t.loop.removeTimeout(t.loop.callLater(Duration.ofHours(1), () -> { }));
                }
                t.loop.callLater(Duration.ofMillis(1), done::countDown);
            });
            assertTrue(done.await(10, TimeUnit.SECONDS));
        }
    }
    @Test
    void aChannelReadyWhenAnotherIsRegisteredAgainInTheSameIterationIsStillDispatched() throws Exception {
        SocketChannel[] x = connectedPair();
        SocketChannel[] y = connectedPair();
        IOLoop loop = new IOLoop();
        try {
            List<String> seen = new ArrayList<>();
            IOLoop.Handler onX = (ch, ev) -> seen.add("x");
            loop.addHandler(x[1], onX, IOLoop.READ);
            loop.addHandler(y[1], (ch, ev) -> {
                seen.add("y");
                ((SocketChannel) ch).read(ByteBuffer.allocate(16));
            }, IOLoop.READ);
            y[0].write(ByteBuffer.wrap(new byte[] {1}));
            // Wait, on a selector of the test's own, until y's byte has arrived, so that the
            // loop's flushing poll below is sure to see y ready.
            try (java.nio.channels.Selector own = java.nio.channels.Selector.open()) {
                y[1].register(own, java.nio.channels.SelectionKey.OP_READ);
                assertEquals(1, own.select(TimeUnit.SECONDS.toMillis(LoopThread.WAIT_SECONDS)));
            }
            // Removing x's handler and adding it again in one iteration makes addHandler flush
            // the cancelled key with a poll of its own, which sees y ready. The iteration's own
            // poll must still report y and call its handler: a poll that kept y aside where the
            // loop never looks (the selector's selected-key set) would leave y waiting for ever.
            loop.addCallback(() -> {
                loop.removeHandler(x[1]);
                loop.addHandler(x[1], onX, IOLoop.READ);
            });
            loop.runOnce(TimeUnit.SECONDS.toNanos(LoopThread.WAIT_SECONDS));
            assertEquals(List.of("y"), seen);
            // And x, registered again, is watched as before.
            x[0].write(ByteBuffer.wrap(new byte[] {2}));
            loop.runOnce(TimeUnit.SECONDS.toNanos(LoopThread.WAIT_SECONDS));
            assertEquals(List.of("y", "x"), seen);
        } finally {
            loop.close(true);
            x[0].close();
            y[0].close();
        }
    }

    /** A connected pair on loopback: [0] the client's end (blocking), [1] the accepted end. */
    private static SocketChannel[] connectedPair() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SocketChannel client = SocketChannel.open(server.getLocalAddress());
            client.socket().setSoTimeout((int) TimeUnit.SECONDS.toMillis(LoopThread.WAIT_SECONDS));
            return new SocketChannel[] {client, server.accept()};
        }
    }

    @Test
    void aChannelClosedOnTheLoopClosesJustAfterTheNextPollAndThePeerSeesItsEndAtOnce() throws Exception {
        SocketChannel[] pair = connectedPair();
        try (LoopThread t = new LoopThread()) {
            boolean openAfterCloseCall = t.call(() -> {
                t.loop.addHandler(pair[1], (ch, ev) -> { }, IOLoop.READ);
                t.loop.closeChannel(pair[1]);
                // Still open: its key leaves the selector only at the next poll, and the close
                // waits for that, so that the JDK closes it in one step (IOLoop.closeChannel).
                return pair[1].isOpen();
            });
            assertTrue(openAfterCloseCall);
            // The loop has nothing else to do and no timeout due for an hour: the peer must see
            // the end all the same, because the poll does not sleep while a channel waits.
            assertEquals(-1, pair[0].socket().getInputStream().read());
            assertFalse(t.call(pair[1]::isOpen));
            assertFalse(pair[1].isRegistered());
        } finally {
            pair[0].close();
            pair[1].close();
        }
    }

    @Test
    void aChannelClosedOffTheLoopOrInTheLastIterationIsClosedAtOnce() throws Exception {
        SocketChannel[] pair = connectedPair();
        IOLoop loop = new IOLoop();
        try {
            // Closed by its handler, after the poll of what is the loop's last iteration: no
            // poll will come for it, so start() closes it on its way out.
            loop.addHandler(pair[1], (ch, ev) -> {
                try {
                    loop.closeChannel(ch);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                loop.stop();
            }, IOLoop.READ);
            pair[0].write(ByteBuffer.wrap(new byte[] {7}));
            loop.start();
            assertFalse(pair[1].isOpen());
            assertEquals(-1, pair[0].socket().getInputStream().read());

            SocketChannel[] other = connectedPair();
            try {
                loop.addHandler(other[1], (ch, ev) -> { }, IOLoop.READ);
                loop.closeChannel(other[1]); // not on a running loop's thread
                assertFalse(other[1].isOpen());
            } finally {
                other[0].close();
            }
        } finally {
            loop.close();
            pair[0].close();
        }
    }

    @Test
    void aPeerThatSentBytesNobodyReadStillSeesTheEndAfterTheLastWriteNotAReset() throws Exception {
        // A Connection: close client that has already sent more (a pipelined request, or one
        // that crossed the close) must still read the whole answer and then the end: RFC 9112
        // section 9.6, the reset that a full close with unread input sends may erase what the
        // client has not read yet. The end must therefore go out before the descriptor closes.
        SocketChannel[] pair = connectedPair();
        try (LoopThread t = new LoopThread()) {
            t.call(() -> {
                t.loop.addHandler(pair[1], (ch, ev) -> { }, IOLoop.READ);
                // On loopback the write is in the other end's receive queue when it returns.
                pair[0].write(ByteBuffer.wrap("GET / HTTP/1.1\r\n\r\n".getBytes()));
                pair[1].write(ByteBuffer.wrap(new byte[] {42}));
                t.loop.closeChannel(pair[1]);
                return null;
            });
            java.io.InputStream in = pair[0].socket().getInputStream();
            assertEquals(42, in.read());
            assertEquals(-1, in.read());
        } finally {
            pair[0].close();
            pair[1].close();
        }
    }
}
