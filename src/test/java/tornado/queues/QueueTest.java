package tornado.queues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tornado.gen.Gen.await;
import static tornado.gen.Gen.coroutine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

import tornado.concurrent.Future;
import tornado.gen.Gen;
import tornado.gen.TimeoutError;
import tornado.ioloop.IOLoop;

class QueueTest {

    private static <T> T run(Gen.Body<T> body) throws Exception {
        try (IOLoop loop = new IOLoop()) {
            return Gen.runSync(loop, body);
        }
    }

    // tag::producer-consumer[]
    @Test
    void aBoundedQueueSlowsTheProducerAndJoinWaitsForEveryTask() throws Exception {
        List<String> log = run(() -> {
            Queue<Integer> q = new Queue<>(2);
            List<String> out = new ArrayList<>();
            coroutine(() -> {
                while (true) {
                    int item = await(q.get());
                    out.add("got " + item);
                    await(Gen.sleep(Duration.ofMillis(1)));
                    q.taskDone();
                }
            });
            for (int i = 0; i < 5; i++) {
                await(q.put(i));
                out.add("put " + i + " (size " + q.qsize() + ")");
            }
            await(q.join());
            out.add("joined");
            return out;
        });
        assertEquals("joined", log.get(log.size() - 1));
        for (String l : log) if (l.startsWith("put")) assertTrue(l.matches("put \\d \\(size [0-2]\\)"), l);
        assertEquals(List.of("got 0", "got 1", "got 2", "got 3", "got 4"), log.stream().filter(l -> l.startsWith("got")).toList());
    }
    // end::producer-consumer[]

    @Test
    void nowaitCallsThrowAndTimedWaitsRaiseTimeoutError() throws Exception {
        List<String> log = run(() -> {
            Queue<String> q = new Queue<>(1);
            List<String> out = new ArrayList<>();
            assertThrows(QueueEmpty.class, q::getNowait);
            q.putNowait("a");
            assertTrue(q.full());
            assertThrows(QueueFull.class, () -> q.putNowait("b"));
            try {
                await(q.put("b", Duration.ofMillis(5)));
            } catch (TimeoutError e) {
                out.add("put timed out");
            }
            out.add(await(q.get()));
            try {
                await(q.get(Duration.ofMillis(5)));
            } catch (TimeoutError e) {
                out.add("get timed out");
            }
            // The timed-out getter is skipped: this put goes to the queue, not to a dead waiter.
            q.putNowait("c");
            out.add(q.getNowait());
            return out;
        });
        assertEquals(List.of("put timed out", "a", "get timed out", "c"), log);
    }

    @Test
    void aCancelledGetIsSkippedAndTheItemGoesToTheNextGetter() throws Exception {
        String got = run(() -> {
            Queue<String> q = new Queue<>();
            Future<String> gaveUp = q.get();
            Future<String> waits = q.get();
            gaveUp.cancel();
            q.putNowait("item");
            return await(waits);
        });
        assertEquals("item", got);
    }

    @Test
    void aWaitingPutGoesInWhenAGetMakesRoom() throws Exception {
        List<String> got = run(() -> {
            Queue<String> q = new Queue<>(1);
            q.putNowait("first");
            Future<Void> waiting = q.put("second");
            List<String> out = new ArrayList<>();
            out.add(q.getNowait());
            await(waiting);
            out.add(q.getNowait());
            return out;
        });
        assertEquals(List.of("first", "second"), got);
    }

    @Test
    void taskDoneTooOftenIsAnError() throws Exception {
        run(() -> {
            Queue<Integer> q = new Queue<>();
            q.putNowait(1);
            q.getNowait();
            q.taskDone();
            assertTrue(await(q.join(Duration.ofSeconds(1))) == null);
            assertThrows(IllegalStateException.class, q::taskDone);
            return null;
        });
    }

    @Test
    void priorityAndLifoQueuesChangeOnlyTheOrder() throws Exception {
        List<List<Integer>> got = run(() -> {
            PriorityQueue<Integer> p = new PriorityQueue<>();
            PriorityQueue<Integer> reversed = new PriorityQueue<>(0, Comparator.reverseOrder());
            LifoQueue<Integer> l = new LifoQueue<>();
            for (int i : new int[] {3, 1, 2}) {
                p.putNowait(i);
                reversed.putNowait(i);
                l.putNowait(i);
            }
            List<List<Integer>> out = new ArrayList<>();
            for (Queue<Integer> q : List.<Queue<Integer>>of(p, reversed, l)) {
                List<Integer> order = new ArrayList<>();
                while (!q.empty()) order.add(await(q.get()));
                out.add(order);
            }
            return out;
        });
        assertEquals(List.of(List.of(1, 2, 3), List.of(3, 2, 1), List.of(2, 1, 3)), got);
    }

    /**
     * Null is an item like any other, as Tornado's queues take None: the usual "no more work"
     * item, put once for each consumer. It reaches a getter already waiting, counts as a task
     * for join, and comes out of a LifoQueue too.
     */
    @Test
    void nullIsAnItemAsNoneIsInTornado() throws Exception {
        List<Object> seen = run(() -> {
            List<Object> out = new ArrayList<>();
            Queue<String> q = new Queue<>();
            Future<String> waiting = q.get();
            q.putNowait(null);
            out.add(waiting.done());
            out.add(await(waiting));
            out.add(q.join().done());
            q.taskDone();
            out.add(q.join().done());
            await(q.put(null));
            out.add(q.qsize());
            out.add(q.getNowait());
            LifoQueue<String> stack = new LifoQueue<>();
            stack.putNowait("first");
            stack.putNowait(null);
            out.add(stack.getNowait());
            out.add(stack.getNowait());
            return out;
        });
        assertEquals(java.util.Arrays.asList(true, null, false, true, 1, null, null, "first"), seen);
    }

    /**
     * A PriorityQueue cannot order null, nor, without a comparator, an item with no natural
     * order; either is refused when it is put, with nothing changed: a getter already waiting
     * still waits, no task is counted for join, and a full queue keeps no putter for it.
     */
    @Test
    void aPriorityQueueRefusesWhatItCannotOrderBeforeAnythingChanges() throws Exception {
        List<Object> seen = run(() -> {
            List<Object> out = new ArrayList<>();
            PriorityQueue<Object> q = new PriorityQueue<>(1, null);
            Future<Object> waiting = q.get();
            out.add(assertThrows(NullPointerException.class, () -> q.putNowait(null)).getMessage());
            out.add(assertThrows(ClassCastException.class, () -> q.putNowait(new Object())).getMessage());
            out.add(waiting.done());
            out.add(q.join().done());
            q.putNowait(2);
            out.add(await(waiting));
            q.taskDone();
            q.putNowait(1);
            assertThrows(NullPointerException.class, () -> q.put(null));
            out.add(q.toString());
            return out;
        });
        assertEquals(List.of("a PriorityQueue cannot order a null item",
                "a PriorityQueue without a comparator orders its items by their natural order, and java.lang.Object has none (it is not Comparable)",
                false, true, 2, "PriorityQueue[maxsize=1, size=1, getters=0, putters=0, tasks=1]"), seen);
    }

    /**
     * An item that passes the check but cannot be compared with those in the heap (a String
     * among Integers) fails its own put and changes nothing: join still waits for one task only.
     * Kept as the putter of a full queue, it fails that putter's future when a get makes room,
     * and the get still gets its item.
     */
    @Test
    void anItemTheHeapCannotCompareFailsItsOwnPutNotTheQueue() throws Exception {
        List<Object> seen = run(() -> {
            List<Object> out = new ArrayList<>();
            PriorityQueue<Object> q = new PriorityQueue<>();
            q.putNowait(1);
            out.add(assertThrows(ClassCastException.class, () -> q.putNowait("a")).getClass().getSimpleName());
            out.add(q.qsize());
            q.taskDone();
            out.add(q.join().done());
            PriorityQueue<Object> full = new PriorityQueue<>(1, null);
            full.putNowait(1);
            Future<Void> waiting = full.put("b");
            out.add(full.getNowait());
            out.add(waiting.done() ? waiting.exception().getClass().getSimpleName() : "still waiting");
            return out;
        });
        assertEquals(List.of("ClassCastException", 1, true, 1, "ClassCastException"), seen);
    }
}
