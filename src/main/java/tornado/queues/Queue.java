package tornado.queues;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedList;

import tornado.concurrent.Future;
import tornado.gen.TimeoutError;
import tornado.locks.Event;
import tornado.locks.Waiters;
import tornado.trace.JavaOnly;
import tornado.trace.Mirrors;

/**
 * A queue for the coroutines of one loop: producers {@code await(q.put(item))}, consumers
 * {@code T item = await(q.get())}. With a {@code maxsize}, a put waits while the queue is full,
 * which is how a fast producer is slowed to the pace of its consumers. {@link #taskDone} and
 * {@link #join} let a producer wait until every item it put has been dealt with. Mirrors
 * queues.py's {@code Queue} (4.2); the standard 500-line web crawler is written with one.
 *
 * <p>Not a thread-safe queue like {@code java.util.concurrent}'s: nothing is synchronized, and a
 * waiting coroutine holds a future, not a thread. Every call belongs to the loop's thread and its
 * coroutines, which take turns.
 *
 * <p>Subclasses change the order by overriding {@link #init}, {@link #take} and {@link #putItem}
 * (Tornado's {@code _init}, {@code _get}, {@code _put}): see {@link PriorityQueue} and
 * {@link LifoQueue}.
 */
@Mirrors("queues.Queue 4.5")
public class Queue<T> {
    private final int maxsize;
    private final ArrayDeque<Future<T>> getters = new ArrayDeque<>();
    private final ArrayDeque<Putter<T>> putters = new ArrayDeque<>();
    private int unfinishedTasks;
    private final Event finished = new Event();

    /** A put waiting for room: its item and the future that says it went in. */
    private record Putter<T>(T item, Future<Void> future) {}

    /** An unbounded queue. */
    @Mirrors("queues.Queue.__init__ 4.5")
    public Queue() {
        this(0);
    }

    /** A queue of at most {@code maxsize} items; 0 means unbounded. */
    @Mirrors("queues.Queue.__init__ 4.5")
    public Queue(int maxsize) {
        if (maxsize < 0) throw new IllegalArgumentException("maxsize must be >= 0 (0 = unbounded), got " + maxsize);
        this.maxsize = maxsize;
        init();
        finished.set();
    }

    @Mirrors("queues.Queue.maxsize 4.5")
    public int maxsize() {
        return maxsize;
    }

    @Mirrors("queues.Queue.qsize 4.5")
    public int qsize() {
        return size();
    }

    @Mirrors("queues.Queue.empty 4.5")
    public boolean empty() {
        return size() == 0;
    }

    @Mirrors("queues.Queue.full 4.5")
    public boolean full() {
        return maxsize > 0 && size() >= maxsize;
    }

    // tag::put[]
    /**
     * A future that is done once {@code item} is in the queue: at once if there is room (or a
     * getter is waiting, which then gets it), otherwise when a get makes room.
     */
    @Mirrors("queues.Queue.put 4.5")
    public Future<Void> put(T item) {
        return put(item, null);
    }

    /** As {@link #put(Object)}, failing with {@link TimeoutError} if no room came within {@code timeout}. */
    @Mirrors("queues.Queue.put 4.5")
    public Future<Void> put(T item, Duration timeout) {
        // putNowait checks the item before it can find the queue full, so an item the container
        // could never take is refused here, at once, and is never kept as a waiting putter.
        Future<Void> future = new Future<>();
        try {
            putNowait(item);
            future.setResult(null);
        } catch (QueueFull full) {
            putters.add(new Putter<>(item, future));
            setTimeout(future, timeout);
        }
        return future;
    }

    /** Puts {@code item} without waiting, or throws {@link QueueFull}. */
    @Mirrors("queues.Queue.put_nowait 4.5")
    public void putNowait(T item) {
        check(item);
        consumeExpired();
        if (!getters.isEmpty()) {
            // Someone is already waiting: the item passes through the queue straight to them.
            // The getter leaves the line only once the item is in, so that nothing is lost if
            // the container refuses it.
            putInternal(item);
            getters.poll().setResult(take());
        } else if (full()) {
            throw new QueueFull("queue full (maxsize " + maxsize + ")");
        } else {
            putInternal(item);
        }
    }
    // end::put[]

    // tag::get[]
    /** A future for the next item: at once if there is one, otherwise when a put brings one. */
    @Mirrors("queues.Queue.get 4.5")
    public Future<T> get() {
        return get(null);
    }

    /** As {@link #get()}, failing with {@link TimeoutError} if nothing came within {@code timeout}. */
    @Mirrors("queues.Queue.get 4.5")
    public Future<T> get(Duration timeout) {
        Future<T> future = new Future<>();
        try {
            future.setResult(getNowait());
        } catch (QueueEmpty empty) {
            getters.add(future);
            setTimeout(future, timeout);
        }
        return future;
    }

    /** Takes the next item without waiting, or throws {@link QueueEmpty}. */
    @Mirrors("queues.Queue.get_nowait 4.5")
    public T getNowait() {
        consumeExpired();
        Putter<T> putter = putters.poll();
        if (putter != null) {
            // The queue is full and a put is waiting: its item goes in as ours comes out. An item
            // that passed check and still cannot be placed (a PriorityQueue's String among its
            // Integers, or one its comparator throws on) fails that put's future, not this get.
            try {
                putInternal(putter.item());
                putter.future().setResult(null);
            } catch (RuntimeException refused) {
                putter.future().setException(refused);
            }
            return take();
        }
        if (size() > 0) return take();
        throw new QueueEmpty("queue empty");
    }
    // end::get[]

    /**
     * Says one item taken with get is dealt with. When every item ever put has been dealt
     * with, {@link #join} is done. Calling it more often than items were put is an error.
     */
    @Mirrors("queues.Queue.task_done 4.5")
    public void taskDone() {
        if (unfinishedTasks <= 0) throw new IllegalStateException("taskDone() called too many times");
        if (--unfinishedTasks == 0) finished.set();
    }

    /** A future that is done once every item put has been marked {@link #taskDone}. */
    @Mirrors("queues.Queue.join 4.5")
    public Future<Void> join() {
        return finished.waitFor();
    }

    @Mirrors("queues.Queue.join 4.5")
    public Future<Void> join(Duration timeout) {
        return finished.waitFor(timeout);
    }

    // The item goes into the container before it is counted as a task, so that an item the
    // container refuses leaves join as it was.
    private void putInternal(T item) {
        putItem(item);
        unfinishedTasks++;
        finished.clear();
    }

    // Waiters that gave up (timed out, or cancelled by their coroutine) are done; drop them from
    // the front so that the next put or get meets a waiter that still wants its answer.
    @Mirrors("queues.Queue._consume_expired 4.5")
    private void consumeExpired() {
        while (!putters.isEmpty() && putters.peek().future().done()) putters.poll();
        while (!getters.isEmpty() && getters.peek().done()) getters.poll();
    }

    // The time limit of a put or a get: the locks' rule (Waiters.giveUpAfter), with the queue's
    // own word for what ran out.
    private static <V> void setTimeout(Future<V> future, Duration timeout) {
        Waiters.giveUpAfter(future, timeout,
                f -> f.setException(new TimeoutError("queue wait timed out after " + timeout.toMillis() + " ms")));
    }

    // ================================================================== the order (subclasses)

    private LinkedList<T> items;

    /**
     * Makes the container. Tornado's {@code _init}. A linked list, not an ArrayDeque: null is an
     * item here as None is in Tornado (the usual "no more work" item), and ArrayDeque refuses it.
     */
    @Mirrors("queues.Queue._init 4.5")
    protected void init() {
        items = new LinkedList<>();
    }

    /** Removes and returns the next item. Tornado's {@code _get}: first in, first out. */
    @Mirrors("queues.Queue._get 4.5")
    protected T take() {
        return items.poll();
    }

    /** Adds an item. Tornado's {@code _put}. */
    @Mirrors("queues.Queue._put 4.5")
    protected void putItem(T item) {
        items.add(item);
    }

    /**
     * Refuses, by throwing, an item the container can tell at once it cannot hold, before a put
     * changes anything: no getter served, no task counted, no putter kept. Every item is welcome
     * here; a {@link PriorityQueue} refuses null and, without a comparator, what has no natural
     * order. In Tornado the heap's own TypeError comes out of {@code _put}, and only when it
     * compares two items; checking first is ours.
     */
    @JavaOnly("a check before put changes anything, where Tornado lets _put raise")
    protected void check(T item) {}

    /** How many items the container holds. */
    @JavaOnly("the container's size, which Tornado's qsize reads as len(self._queue)")
    protected int size() {
        return items.size();
    }


    @Override
    public String toString() {
        return getClass().getSimpleName() + "[maxsize=" + maxsize + ", size=" + size()
                + ", getters=" + getters.size() + ", putters=" + putters.size() + ", tasks=" + unfinishedTasks + "]";
    }
}
