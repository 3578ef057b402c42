package tornado.ioloop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import tornado.trace.Durations;
import tornado.trace.JavaOnly;
import tornado.trace.Mirrors;
import tornado.trace.Trace;

/**
 * The event loop: one thread, one {@link Selector}, and three kinds of work — I/O handlers,
 * callbacks, and timeouts — with a fourth of ours, the actions run before the poll
 * ({@link #runBeforePoll}). Mirrors ioloop.py's {@code IOLoop} (v2.4.1; in 3.x and 4.x the same
 * loop lives in {@code PollIOLoop}, where the request's path starts: site page 'The notes this
 * book follows').
 *
 * <p>Everything above this file is built from callbacks that this loop calls. A listening socket
 * registers a handler for READ; when a client connects, {@link #start()} wakes from the selector,
 * finds the handler and calls it (steps 1–3 of the request's path), and that handler accepts the
 * connection, wraps it in an {@code IOStream}, and so on up the chain (ARCHITECTURE.adoc, "The
 * chain").
 *
 * <p><b>Where Java differs.</b> Tornado calls epoll (or kqueue, or select) itself and keeps a map
 * from file descriptor to handler. Java hides file descriptors; {@link Selector} is its portable
 * poll (on Linux it is epoll underneath), and a {@link SelectionKey} is the registration. We keep
 * the handler as the key's attachment, so the lookup of step 2 is one field read. Tornado's
 * "waker" (a pipe it writes a byte to, so that another thread can interrupt a sleeping poll) is
 * {@link Selector#wakeup()} here. And where Tornado has one global {@code IOLoop.instance()}, we
 * let every server and test make its own loop: several loops on several threads is how this port
 * uses more cores ({@code TCPServer.start(n)}, chapter 3).
 *
 * <p><b>Threads.</b> Only {@link #addCallback} may be called from any thread. Everything else —
 * handlers, timeouts, {@code start} — belongs to the thread that runs the loop, exactly as in
 * Tornado; the single-threaded reasoning that makes the rest of the book simple depends on it.
 */
@Mirrors({"ioloop.IOLoop", "ioloop.PollIOLoop 3.0"})
public final class IOLoop implements AutoCloseable {
    private static final Logger log = Logger.getLogger("tornado.application");

    // Event masks, with epoll's values as in ioloop.py, so that a reader comparing the two sees the
    // same numbers. ERROR covers EPOLLERR | EPOLLHUP; Java reports those as a readable or writable
    // channel whose next read or write fails, so we never deliver ERROR on its own (see below).
    @Mirrors("ioloop.IOLoop.NONE")
    public static final int NONE = 0;
    @Mirrors("ioloop.IOLoop.READ")
    public static final int READ = 0x001;
    @Mirrors("ioloop.IOLoop.WRITE")
    public static final int WRITE = 0x004;
    @Mirrors("ioloop.IOLoop.ERROR")
    public static final int ERROR = 0x008 | 0x010;

    /** Tornado sleeps at most an hour in one poll when nothing is scheduled; so do we. */
    private static final long MAX_POLL_NANOS = Duration.ofHours(1).toNanos();

    /** Tornado 3.1+ rebuilds the timeout heap when more than this many entries are cancelled. */
    private static final int CANCELLATION_SWEEP = 512;

    static {
        // What a boundary needs when something has gone wrong, made ready while nothing has.
        CallbackBoundary.prepare();
    }

    private static final ThreadLocal<IOLoop> CURRENT = new ThreadLocal<>();
    private static IOLoop instance;

    /**
     * What an I/O handler is: Tornado's {@code handler(fd, events)}. The loop passes the channel
     * (Java's stand-in for the file descriptor) and the events that are ready, a mask of
     * {@link #READ} and {@link #WRITE}.
     */
    @FunctionalInterface
    @Mirrors("ioloop.IOLoop.add_handler")
    public interface Handler {
        void handleEvents(SelectableChannel channel, int events) throws Exception;
    }

    private final Selector selector;
    private final PriorityQueue<Timeout> timeouts = new PriorityQueue<>();
    private long timeoutOrder;
    private int cancellations;

    // Callbacks the loop's own thread added: only that thread touches this list, so it takes no
    // lock (see addCallback). The loop swaps the whole list out at the start of each iteration
    // (see runOnce); the list it swapped out comes back empty as the spare for the next swap, so
    // an iteration makes no new list (null while a swapped-out list is being run).
    private List<Runnable> callbacks = new ArrayList<>();
    private List<Runnable> spareCallbacks = new ArrayList<>();
    // The actions runBeforePoll was handed, waiting for the end of the work in hand (see there).
    // Loop's thread only; swapped out and kept as a spare exactly as the callbacks are.
    private List<Runnable> beforePoll = new ArrayList<>();
    private List<Runnable> spareBeforePoll = new ArrayList<>();
    // Callbacks from other threads, guarded by `this`: Tornado's `_callback_lock` dance. The flag
    // says, without the lock, that the list holds some; it is set under the lock and cleared by
    // the loop's thread when it takes them (see takeForeignCallbacks).
    private final List<Runnable> foreignCallbacks = new ArrayList<>();
    private volatile boolean foreignWaiting;

    // The keys the last poll found ready, collected by the poll itself into an array the loop
    // keeps (see runOnce), and how many. Loop's thread only.
    private SelectionKey[] readyKeys = new SelectionKey[16];
    private int readyCount;
    private final Consumer<SelectionKey> collectReady = this::collectReady;

    private volatile Thread thread;
    private volatile boolean running;
    private volatile boolean stopped;
    // Set under the lock by close(); volatile because addCallback reads it without the lock on
    // the loop's thread.
    private volatile boolean closed;
    // Channels whose handlers were removed and that close right after the next poll (see
    // closeChannel), and those the poll under way is for: the two lists swap before each poll,
    // so that a channel closed after a poll waits for the next one. Loop's thread only.
    private List<SelectableChannel> closeAfterPoll = new ArrayList<>();
    private List<SelectableChannel> closingNow = new ArrayList<>();

    /** A new loop with its own selector. Nothing runs until {@link #start()}. */
    @Mirrors("ioloop.IOLoop.__init__")
    public IOLoop() {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("could not open a Selector for a new IOLoop", e);
        }
    }

    /**
     * The process-wide loop of Tornado 2.4's examples ({@code IOLoop.instance().start()}), made on
     * first use. The walkthroughs that follow Tornado's examples word for word use it; tests never
     * do, so that no test can leak state into another.
     */
    @Mirrors("ioloop.IOLoop.instance")
    public static synchronized IOLoop instance() {
        if (instance == null) instance = new IOLoop();
        return instance;
    }

    /**
     * The loop running on this thread, or, on a thread that runs none, {@link #instance()}.
     * Handlers and callbacks use this to find their own loop without passing it around.
     */
    @Mirrors("ioloop.IOLoop.current 3.0")
    public static IOLoop current() {
        IOLoop loop = CURRENT.get();
        return loop != null ? loop : instance();
    }

    /**
     * Makes this the loop {@link #current()} returns on the calling thread, without running it
     * there. Chapter 6's coroutines run on threads of their own in the loop's turn (see
     * {@link #lendTurn}), and call this first, so that code inside a coroutine that asks for
     * {@code current()} (to add a callback or a timeout) gets the loop it belongs to rather than
     * {@link #instance()}.
     */
    @Mirrors("ioloop.IOLoop.make_current 3.0")
    public void makeCurrent() {
        CURRENT.set(this);
    }

    /** The loop's clock, in nanoseconds: monotonic, so a wall-clock change cannot fire timeouts early. */
    @Mirrors("ioloop.IOLoop.time 3.0")
    public long time() {
        return System.nanoTime();
    }

    /** True when called from the thread that is running this loop (or that it lent its turn to). */
    public boolean inLoopThread() {
        return Thread.currentThread() == thread;
    }

    /**
     * Lends the loop's turn to {@code other} and returns the thread that had it; lending it back
     * to that thread ends the loan. While {@code other} has the turn it counts as the loop's
     * thread: {@link #inLoopThread()} is true there, it may call the loop-only methods, and its
     * {@link #addCallback} wakes no selector (the loop is awake, waiting for it). Java only:
     * chapter 6's coroutines run on threads of their own, in the loop's turn, and the thread that
     * lends the turn waits without running until it is handed back. Nothing else may use this.
     */
    public Thread lendTurn(Thread other) {
        Thread had = thread;
        thread = other;
        return had;
    }

    // ------------------------------------------------------------------ handlers (step 4 of the
    // request's path)

    // tag::add-handler[]
    /**
     * Starts watching {@code channel} for {@code events}; when any of them is ready the loop calls
     * {@code handler}. This is where a listening socket (chapter 3) and every IOStream (chapter 2,
     * {@code _add_io_state}: step 4 of the request's path, site page 'The notes this book follows')
     * plug themselves into the loop.
     */
    @Mirrors("ioloop.IOLoop.add_handler")
    public void addHandler(SelectableChannel channel, Handler handler, int events) {
        try {
            channel.configureBlocking(false);
            SelectionKey old = channel.keyFor(selector);
            if (old != null && !old.isValid()) {
                // The channel was removed earlier in this same iteration; its cancelled key stays
                // in the selector until the next select, and registering again before then fails.
                // A non-blocking select flushes cancelled keys without waiting for anything. What
                // it finds ready is dropped here, not lost: the JDK's epoll selector is level-
                // triggered, so the next poll of runOnce reports those channels again.
                selector.selectNow(key -> { });
            }
            channel.register(selector, opsFor(channel, events), handler);
        } catch (ClosedChannelException e) {
            throw new IllegalStateException("cannot add a handler for a closed channel " + channel, e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not register " + channel + " with the IOLoop", e);
        }
    }
    // end::add-handler[]

    /** Changes which events we wait for on {@code channel}; the handler stays. */
    @Mirrors("ioloop.IOLoop.update_handler")
    public void updateHandler(SelectableChannel channel, int events) {
        SelectionKey key = channel.keyFor(selector);
        if (key == null || !key.isValid()) {
            throw new IllegalStateException("no handler registered for " + channel);
        }
        key.interestOps(opsFor(channel, events));
    }

    /** Stops watching {@code channel}. Events already collected for it in this iteration are dropped. */
    @Mirrors("ioloop.IOLoop.remove_handler")
    public void removeHandler(SelectableChannel channel) {
        SelectionKey key = channel.keyFor(selector);
        if (key != null) key.cancel();
    }

    // tag::close-channel[]
    /**
     * Stops watching {@code channel} and closes it: Tornado's {@code remove_handler} followed by
     * {@code socket.close()}, which is how its {@code IOStream.close} ends.
     *
     * <p>Java only in its timing. NIO takes a cancelled key out of the selector only at the
     * selector's next poll, and the JDK closes a channel that is still registered in two steps:
     * it asks for {@code SO_LINGER} and shuts the socket's output down at once, and closes the
     * descriptor at that next poll. On the loop's thread we take both steps ourselves: the
     * output is shut down now, and the channel closed just after the poll, when nothing holds it
     * any more. That is one system call fewer for every connection (the {@code getsockopt}; we
     * never set {@code SO_LINGER}, so there is nothing to ask). The poll does not sleep while a
     * channel waits, so the descriptor closes within the iteration. Counted by
     * {@code bench/run --syscalls} on 2026-12-02, uri-echo with {@code Connection: close}, one
     * request at a time: 19.0 calls per request before, 18.0 after, leaving out the futex calls,
     * whose number moves between runs with the JVM's own threads.
     *
     * <p>The shutdown comes first on purpose, and there we differ from Tornado, whose close has
     * none. A client may have sent more than we read (a request that crossed our answer, say):
     * closing a socket with unread input sends a reset, which can erase the answer from the
     * client's buffers before it has read it (RFC 9112, section 9.6). With the output shut down
     * first, the client has the answer and its end before any reset can follow.
     * Anywhere else (another thread, or after {@link #start()} has returned) the channel is
     * closed at once, the JDK's way, which shuts a registered socket's output down too.
     */
    @Mirrors({"ioloop.IOLoop.remove_handler", "ioloop.IOLoop.close_fd 4.0"})
    public void closeChannel(SelectableChannel channel) throws IOException {
        removeHandler(channel);
        if (!inLoopThread() || channel.keyFor(selector) == null) {
            channel.close();
            return;
        }
        if (channel instanceof SocketChannel socket && socket.isConnected()) {
            try {
                socket.shutdownOutput();
            } catch (IOException e) {
                // The peer is gone already (reset, or never fully there): nothing to tell it.
                log.log(Level.FINE, "shutting down the output of " + channel, e);
            }
        }
        closeAfterPoll.add(channel);
    }

    private void closeAll(List<SelectableChannel> channels) {
        for (SelectableChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException e) {
                log.log(Level.FINE, "error closing " + channel, e);
            }
        }
    }
    // end::close-channel[]

    /**
     * Translates Tornado's READ / WRITE into NIO's four interest bits. NIO splits "readable" into
     * ACCEPT (a listening socket has a connection waiting) and READ, and "writable" into CONNECT (a
     * non-blocking connect finished) and WRITE; epoll does not, so Tornado never had to choose.
     */
    private static int opsFor(SelectableChannel channel, int events) {
        int valid = channel.validOps();
        int ops = 0;
        if ((events & READ) != 0) {
            ops |= (valid & SelectionKey.OP_ACCEPT) != 0 ? SelectionKey.OP_ACCEPT : SelectionKey.OP_READ;
        }
        if ((events & WRITE) != 0) {
            boolean connecting = channel instanceof SocketChannel sc && sc.isConnectionPending();
            ops |= connecting ? SelectionKey.OP_CONNECT : SelectionKey.OP_WRITE;
        }
        return ops;
    }

    private static int eventsFor(int readyOps) {
        int events = 0;
        if ((readyOps & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0) events |= READ;
        if ((readyOps & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0) events |= WRITE;
        return events;
    }

    // ------------------------------------------------------------------ callbacks

    // tag::add-callback[]
    /**
     * Runs {@code callback} on the loop's thread in its next iteration. Safe from any thread: this
     * is how other threads hand work to the loop (and the only loop method they may call).
     *
     * <p>A callback added while the loop is running callbacks waits for the <em>next</em>
     * iteration, never this one, so a callback that keeps re-adding itself cannot starve I/O.
     *
     * <p>Tornado 4.3 takes its lock only for other threads: the loop's own thread never sleeps
     * while it adds, so it needs no wake-up, and Python's global interpreter lock makes an append
     * to the list atomic. Java has no such lock, so the two kinds of caller keep lists of their
     * own: the loop's thread appends to one that only it touches, other threads to one under the
     * lock, and the selector is woken only when that list was empty (otherwise an earlier caller
     * already woke it). The loop's thread added three callbacks per request then (a read done,
     * a flush, a write done; the flush has since gone to {@link #runBeforePoll}, which keeps its
     * list the same way), and taking and letting go of the lock made each cost 24 to 26 ns
     * where it now costs 3 ({@code bench/CallbackCost.java}, the best of eight rounds, in four
     * runs each). Three of those and the lock each iteration took to swap the list out came to
     * about 70 ns of every request, under 1 % of what uri-echo spent on one kept alive on the
     * day it was made: too little for that day's end-to-end runs to see, whose rounds differed
     * by up to 0.40 (the Benchmarks page, "Every run so far").
     *
     * <p>Two lists must not change the order: a callback another thread added before the loop's
     * thread adds one (before in the sense that the loop's thread can know of it) runs first.
     * So the loop's thread first moves any callbacks from other threads over to its own list;
     * those still waiting when the iteration begins run after its own, as they were added later.
     * The side without the lock is only for the thread {@link #start()} runs the loop on (and
     * the coroutines it lends its turn to): a loop driven by {@link #runOnce} alone, as tests
     * drive one, keeps the first thread that drove it as its own, yet another thread may drive
     * it next, so there every caller takes the lock.
     */
    @Mirrors({"ioloop.IOLoop.add_callback", "ioloop.PollIOLoop.add_callback 4.3"})
    public void addCallback(Runnable callback) {
        if (running && Thread.currentThread() == thread) {
            if (closed) throw closedFor(callback);
            if (foreignWaiting) takeForeignCallbacks(callbacks);
            callbacks.add(callback);
        } else {
            boolean wasEmpty;
            synchronized (this) {
                if (closed) throw closedFor(callback);
                wasEmpty = foreignCallbacks.isEmpty();
                foreignCallbacks.add(callback);
                foreignWaiting = true;
            }
            if (wasEmpty) selector.wakeup();
        }
        if (Trace.on) Trace.within("IOLoop.add_callback", Trace.describe(callback));
    }

    // tag::run-before-poll[]
    /**
     * Runs {@code action} on the loop's thread once the work the loop has in hand is done, before
     * it polls: after this iteration's callbacks and due timeouts, or, when a handler called by
     * the poll adds it, right after that poll's handlers. Chapter 2's stream hands the loop its
     * flush this way, so that the pieces of a response written one after another leave in one
     * system call, in the iteration that wrote them. Java only: Tornado's {@code write} tries the
     * socket at once, one system call per write.
     *
     * <p>A callback would flush too, but in the next iteration, so this iteration's poll came
     * between a response's last write and its bytes leaving: a request answered one at a time
     * took three polls where Netty takes one, and now takes two; under wrk's 64 connections, 0.35
     * polls per request instead of 0.47, with the CPU per request the same within the noise (the
     * Benchmarks page, "What each server asks of the kernel"; {@code bench/polls.py}). What it
     * buys is the shorter way out for each response, not CPU. An action never waits for a poll
     * that sleeps; like a callback, it never runs inside the call that adds it.
     *
     * <p>Only the loop's own thread (and a coroutine it lends its turn to) keeps this list, which
     * takes no lock. Called from another thread, or on a loop driven by {@link #runOnce} alone,
     * the action becomes a callback for the next iteration (see {@link #addCallback}): later, but
     * in the same order with the work added after it.
     */
    @JavaOnly("a write's flush at the end of the loop's work in hand; Tornado's write tries the socket at once")
    public void runBeforePoll(Runnable action) {
        if (running && Thread.currentThread() == thread) {
            if (closed) throw closedFor(action);
            beforePoll.add(action);
            if (Trace.on) Trace.within("IOLoop.run_before_poll", Trace.describe(action));
        } else {
            addCallback(action);
        }
    }

    // Runs the actions waiting for the end of the work in hand. Those they add themselves (none
    // do today) wait for the next time, and the poll between does not sleep (see runOnce).
    private void runBeforePollActions() {
        if (beforePoll.isEmpty()) return;
        List<Runnable> due = beforePoll;
        beforePoll = spareBeforePoll != null ? spareBeforePoll : new ArrayList<>();
        spareBeforePoll = null;
        if (Trace.on) Trace.step(0, Trace.LOOP, "IOLoop._before_poll", describeAll(due));
        for (int i = 0; i < due.size(); i++) runCallback(due.get(i));
        due.clear();
        spareBeforePoll = due;
    }
    // end::run-before-poll[]

    // Moves the callbacks other threads added to the end of `into`: when an iteration begins, and
    // before the loop's thread adds one of its own. Loop's thread only.
    private void takeForeignCallbacks(List<Runnable> into) {
        synchronized (this) {
            into.addAll(foreignCallbacks);
            foreignCallbacks.clear();
            foreignWaiting = false;
        }
    }
    // end::add-callback[]

    private static IllegalStateException closedFor(Runnable callback) {
        return new IllegalStateException("IOLoop is closed; cannot add callback " + callback);
    }

    // ------------------------------------------------------------------ timeouts

    /**
     * Runs {@code callback} at {@code deadline} on the loop's clock ({@link #time()}). Returns a
     * handle for {@link #removeTimeout}. Mirrors {@code add_timeout} with an absolute deadline.
     */
    @Mirrors({"ioloop.IOLoop.add_timeout", "ioloop.IOLoop.call_at 4.0"})
    public Timeout callAt(long deadline, Runnable callback) {
        return schedule(time(), deadline, callback);
    }

    /** Runs {@code callback} after {@code delay}. Mirrors {@code add_timeout} with a timedelta. */
    @Mirrors({"ioloop.IOLoop.add_timeout", "ioloop.IOLoop.call_later 4.0"})
    public Timeout callLater(Duration delay, Runnable callback) {
        long now = time();
        return schedule(now, now + delay.toNanos(), callback);
    }

    // `now` is the moment the delay counts from. The trace stamps add_timeout with it, so that
    // the trace never shows a timeout firing sooner after it was added than its delay: stamped
    // when the step is reported instead, a thread preempted between reading the clock and
    // reporting the step could show a 100 ms timeout firing 99.9 ms after it was added.
    private Timeout schedule(long now, long deadline, Runnable callback) {
        if (!Trace.on) {
            Timeout t = new Timeout(deadline, timeoutOrder++, callback);
            timeouts.add(t);
            return t;
        }
        Timeout t = new Timeout.Traced(deadline, timeoutOrder++, callback, Trace.currentConnection(), deadline - now);
        timeouts.add(t);
        Trace.withinAt(now, "IOLoop.add_timeout", "due in " + millis(deadline - now) + " → " + Trace.describe(callback));
        return t;
    }

    /** The same as {@link #callLater}, under Tornado 2.4's name. */
    @Mirrors("ioloop.IOLoop.add_timeout")
    public Timeout addTimeout(Duration delay, Runnable callback) {
        return callLater(delay, callback);
    }

    /** Cancels a timeout that has not fired yet; cancelling twice, or after it fired, does nothing. */
    @Mirrors("ioloop.IOLoop.remove_timeout")
    public void removeTimeout(Timeout timeout) {
        if (timeout.callback == null) return;
        timeout.callback = null;
        // Cancelled entries stay in the heap until they reach the top. If many pile up (a server
        // that sets and cancels an idle timeout per request, say), rebuild the heap without them
        // so memory stays proportional to the live timeouts — Tornado 3.1's `_cancellations`.
        if (++cancellations > CANCELLATION_SWEEP && cancellations > timeouts.size() / 2) {
            timeouts.removeIf(t -> t.callback == null);
            cancellations = 0;
        }
    }

    // ------------------------------------------------------------------ the loop

    // tag::start[]
    /**
     * Runs the loop on the calling thread until {@link #stop()}. If {@code stop} was called while
     * the loop was not running, this returns at once, runs nothing and forgets that stop, as
     * Tornado 2.4.1's does: a callback that called {@code stop} before {@code start} got going has
     * already done what the caller was waiting for, and callbacks still queued wait for the next
     * {@code start}.
     */
    @Mirrors({"ioloop.IOLoop.start", "ioloop.PollIOLoop.start 3.0"})
    public void start() {
        if (running) throw new IllegalStateException("IOLoop is already running");
        if (stopped) {
            stopped = false;
            return;
        }
        // Before the first connection: out of descriptors later, a class file could not be opened
        // (ClassPreloader says what that did).
        ClassPreloader.loadOnce();
        IOLoop previous = CURRENT.get();
        CURRENT.set(this);
        thread = Thread.currentThread();
        running = true;
        try {
            while (true) {
                runOnce(MAX_POLL_NANOS);
                if (stopped) break;
            }
        } finally {
            stopped = false;
            running = false;
            thread = null;
            CURRENT.set(previous);
            // Channels closed in the last iteration's handlers: nothing will poll for them now.
            closeAll(closeAfterPoll);
            closeAfterPoll.clear();
        }
    }
    // end::start[]

    /** Makes {@link #start()} return after the current iteration. Safe from any thread. */
    @Mirrors("ioloop.IOLoop.stop")
    public void stop() {
        stopped = true;
        selector.wakeup();
    }

    public boolean isRunning() {
        return running;
    }

    // tag::run-once[]
    /**
     * One iteration of the loop: run the callbacks that were waiting, fire the timeouts that are
     * due, run what they handed {@link #runBeforePoll} (the flushes of the writes they made), then
     * poll for I/O (sleeping at most {@code maxWaitNanos}, or not at all if there is more work
     * waiting), call the handler of every channel that is ready, and run what those handed
     * {@code runBeforePoll}.
     *
     * <p>{@link #start()} is this in a loop. Tests call it directly, to advance a loop one
     * iteration at a time.
     */
    @Mirrors("ioloop.PollIOLoop.start 3.0")
    public void runOnce(long maxWaitNanos) {
        if (thread == null) thread = Thread.currentThread();

        // 1. Callbacks. Swap the list out and run the old one: callbacks added meanwhile (even by
        // these callbacks) go into the new list and wait for the next iteration. That is Tornado's
        // rule against starving I/O with a chain of callbacks. Those other threads added come
        // after the loop's own, under the lock (see addCallback).
        List<Runnable> ready = callbacks;
        callbacks = spareCallbacks != null ? spareCallbacks : new ArrayList<>();
        spareCallbacks = null;
        if (foreignWaiting) takeForeignCallbacks(ready);
        if (Trace.on && !ready.isEmpty()) Trace.step(0, Trace.LOOP, "IOLoop._callbacks", describeAll(ready));
        for (int i = 0; i < ready.size(); i++) runCallback(ready.get(i));
        ready.clear();
        spareCallbacks = ready;

        // 2. Timeouts that are due, in deadline order. The first one still in the future decides
        // how long the poll below may sleep.
        long pollNanos = maxWaitNanos;
        long now = time();
        while (!timeouts.isEmpty()) {
            Timeout head = timeouts.peek();
            if (head.callback == null) {
                timeouts.poll();
                cancellations = Math.max(0, cancellations - 1);
            } else if (head.deadline - now <= 0) {
                timeouts.poll();
                Runnable callback = head.callback;
                head.callback = null;
                if (Trace.on) traceDue(head, callback);
                runCallback(callback);
            } else {
                pollNanos = Math.min(pollNanos, head.deadline - now);
                break;
            }
        }

        // 3. What the work above handed runBeforePoll: the writes it made leave now, before the
        // poll, instead of waiting for the next iteration and the poll before it.
        runBeforePollActions();

        // If callbacks are already waiting (added by the ones we just ran, or by another thread),
        // don't sleep: poll only to pick up I/O that is ready right now.
        if (!callbacks.isEmpty() || foreignWaiting || !beforePoll.isEmpty()) pollNanos = 0;
        if (stopped) pollNanos = 0;

        // Channels closed since the last poll are closed just after this one, which takes their
        // keys out of the selector; so this poll must not sleep (see closeChannel).
        List<SelectableChannel> closing = null;
        if (!closeAfterPoll.isEmpty()) {
            closing = closeAfterPoll;
            closeAfterPoll = closingNow;
            closingNow = closing;
            pollNanos = 0;
        }

        // 4. Poll: step 1 of the request's path, `event_pairs = self._impl.poll(poll_timeout)`.
        int n;
        try {
            n = poll(pollNanos);
        } finally {
            // Even when the poll fails (a broken selector ends the loop), these are closed.
            if (closing != null) {
                closeAll(closing);
                closing.clear();
            }
        }
        if (n == 0) return;
        if (Trace.on) Trace.step(0, Trace.LOOP, "IOLoop.poll", n + " channel(s) ready");

        // The poll has put the ready keys in readyKeys; only now are their handlers called, as
        // Tornado calls them after `poll` returns: a handler may close or re-register channels,
        // which must not happen while the selector is still reporting.
        for (int i = 0; i < readyCount; i++) {
            SelectionKey key = readyKeys[i];
            readyKeys[i] = null;
            dispatch(key);
        }

        // 5. What the handlers handed runBeforePoll runs now too, not after the next iteration's
        // callbacks: those were added after it, and one of them may close the stream it flushes.
        runBeforePollActions();
    }
    // end::run-once[]

    /**
     * Polls, the ready keys going into {@link #readyKeys}. Java only: the poll hands each ready key
     * to an action ({@code Selector.select(Consumer, timeout)}) instead of adding it to the
     * selector's selected-key set, a {@code HashSet} the loop would copy and clear on every
     * iteration; this is the same poll, with none of that set's work. That, with the callback
     * list kept as a spare (see runOnce), is 91 bytes fewer allocated per request for uri-echo
     * ({@code PerRequest uri-echo}: 1,172 to 1,081) and 93 for hello (1,925 to 1,832).
     */
    private int poll(long nanos) {
        readyCount = 0;
        try {
            if (nanos <= 0) return selector.selectNow(collectReady);
            // select(0) would mean "forever", so anything under a millisecond rounds up to one.
            long millis = Math.max(1, (nanos + 999_999) / 1_000_000);
            return selector.select(collectReady, millis);
        } catch (IOException e) {
            // Tornado retries a poll interrupted by a signal (EINTR); anything else is fatal there.
            // A Selector that cannot select is broken beyond repair, so we say so loudly.
            throw new UncheckedIOException("IOLoop poll failed", e);
        }
    }

    private void collectReady(SelectionKey key) {
        if (readyCount == readyKeys.length) readyKeys = Arrays.copyOf(readyKeys, readyCount * 2);
        readyKeys[readyCount++] = key;
    }

    // tag::dispatch[]
    /**
     * Steps 2 and 3 of the request's path: find the handler registered for a ready channel and call it.
     * Whatever the handler throws, an {@code OutOfMemoryError} included, is logged and the loop
     * goes on: one broken connection must never take the server down. This is the outermost
     * boundary of {@link CallbackBoundary}'s rule; the layers above have already closed their
     * connection by the time a throwable reaches it (IOStream closes before it rethrows).
     */
    private void dispatch(SelectionKey key) {
        int events;
        try {
            if (!key.isValid()) return; // removed by an earlier handler in this same iteration
            events = eventsFor(key.readyOps());
        } catch (CancelledKeyException e) {
            return;
        }
        Handler handler = (Handler) key.attachment();
        SelectableChannel channel = key.channel();
        if (Trace.on) {
            Trace.step(Trace.connectionId(channel), Trace.DISPATCH, "IOLoop.handler_func", eventNames(events));
        }
        try {
            handler.handleEvents(channel, events);
        } catch (Throwable e) {
            CallbackBoundary.log(log, "Exception in I/O handler for " + channel, e);
        }
    }
    // end::dispatch[]

    private void runCallback(Runnable callback) {
        try {
            callback.run();
        } catch (Throwable e) {
            // Tornado's `handle_callback_exception`: log and carry on with the next callback
            // (CallbackBoundary says why Errors too).
            CallbackBoundary.log(log, "Exception in callback " + callback, e);
        }
    }

    /**
     * The trace detail for the callbacks of one iteration: how many, and what they will run
     * ("3 to run: IOStream callback ×2, HTTPConnection callback"). Only called while tracing.
     */
    private static String describeAll(List<Runnable> ready) {
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (Runnable r : ready) counts.merge(Trace.describe(r), 1, Integer::sum);
        StringBuilder b = new StringBuilder().append(ready.size()).append(" to run: ");
        String sep = "";
        for (var e : counts.entrySet()) {
            b.append(sep).append(e.getKey());
            if (e.getValue() > 1) b.append(" ×").append(e.getValue());
            sep = ", ";
        }
        return b.toString();
    }

    // A timeout added before the trace was turned on carries no note of who added it or with
    // what delay (Timeout.Traced), so it is reported as the loop's own work.
    private static void traceDue(Timeout due, Runnable callback) {
        if (due instanceof Timeout.Traced t) {
            Trace.step(t.conn, Trace.LOOP, "IOLoop._timeouts",
                    "the " + millis(t.delayNanos) + " timeout is due → " + Trace.describe(callback));
        } else {
            Trace.step(0, Trace.LOOP, "IOLoop._timeouts", "a timeout added before the trace began is due → " + Trace.describe(callback));
        }
    }

    /** A duration for a trace detail ("0.25 ms", "100 ms", "1 h"), as every duration reads. */
    private static String millis(long nanos) {
        return Durations.describe(nanos);
    }

    /** READ, WRITE or READ|WRITE, for trace details and error messages. */
    public static String eventNames(int events) {
        if (events == 0) return "NONE";
        StringBuilder b = new StringBuilder();
        if ((events & READ) != 0) b.append("READ");
        if ((events & WRITE) != 0) b.append(b.isEmpty() ? "" : "|").append("WRITE");
        if ((events & ERROR) != 0) b.append(b.isEmpty() ? "" : "|").append("ERROR");
        return b.toString();
    }

    /**
     * Closes the selector and, if {@code allChannels}, every channel still registered, so that a
     * test or a stopped server leaves no socket behind. Call after {@link #start()} has returned.
     */
    @Mirrors("ioloop.IOLoop.close 3.0")
    public void close(boolean allChannels) {
        synchronized (this) {
            closed = true;
        }
        closeAll(closeAfterPoll);
        closeAfterPoll.clear();
        if (allChannels) {
            for (SelectionKey key : selector.keys()) {
                try {
                    key.channel().close();
                } catch (IOException e) {
                    log.log(Level.FINE, "error closing " + key.channel(), e);
                }
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            log.log(Level.FINE, "error closing selector", e);
        }
        synchronized (IOLoop.class) {
            if (instance == this) instance = null;
        }
    }

    /** {@link #close(boolean) close(true)}. */
    @Override
    public void close() {
        close(true);
    }
}
