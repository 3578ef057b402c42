package tornado.gen;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

import tornado.trace.JavaOnly;

/**
 * Lets a platform thread, the loop's, carry the virtual threads of the coroutines it starts, so
 * that handing control to a coroutine runs it right there, inside the call that hands over, until
 * it waits again: what {@code gen.send(value)} does for a generator in Tornado, and with no second
 * operating-system thread anywhere in the exchange.
 *
 * <p><b>How.</b> A virtual thread runs when its <em>scheduler</em> is given its continuation to
 * run; the JDK's scheduler is a pool of carrier threads. This class is a scheduler of another
 * kind: when the thread it belongs to starts or unparks a coroutine's thread, the JDK calls
 * {@link #execute} on that same thread, and {@code execute} runs the continuation at once. The
 * coroutine runs until it parks (at its next {@code await}, or at its end), its stack is put
 * aside on the heap as usual, and {@code execute} returns: the loop goes on with the coroutine's
 * hand-back already made. A coroutine that starts or resumes another, while it is carried, asks
 * for the same thread; that request is queued and run as soon as the running coroutine parks,
 * never nested inside it.
 *
 * <p><b>Why it is optional.</b> The JDK has no public way to give a virtual thread a scheduler of
 * one's own: the constructor that takes one is kept for the JDK's own tests. Reaching it needs
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED} on the {@code java} command line, which
 * the build, the walkthroughs and the benchmarks give. Without it, or on a JDK older than 24,
 * coroutines get the JDK's scheduler, and the loop runs on a virtual thread so that its
 * hand-overs stay cheap ({@link Gen#startLoop}); everything behaves the same, only slower.
 * JDK 24 is the floor because before it a coroutine that awaits inside a {@code synchronized}
 * block pins its carrier: its park would block the carrier instead of putting the stack aside,
 * and a carrier that is the loop's thread would then wait for itself forever. From 24 on only a
 * native frame or a class initializer on the coroutine's stack pins it; awaiting there would
 * stop the loop for good, a hazard chapter 6 names.
 *
 * <p><b>What it buys.</b> With the loop on a virtual thread, every wait of the loop in the
 * selector goes through the JDK's poller thread, and every hand-over through the scheduler's
 * queue. Carried by the loop, neither happens. Measured with {@code bench/bench.py --quick
 * --jdk-scheduler} in one interleaved run (chapter 7, "What the loop as carrier buys"), chapter
 * 5's hello on the coroutine connection cost 54.5 µs of CPU per {@code Connection: close}
 * request carried by the loop, against 73.3 µs on the JDK's scheduler; kept alive, 15.9 against
 * 17.0 µs.
 */
@JavaOnly("a Java scheduler for virtual threads; Tornado's generators run on the loop's thread by nature")
final class LoopCarrier implements Executor {
    // The JDK's builder of virtual threads with a given scheduler, or null when it cannot be
    // reached; and the JDK's own scheduler, for continuations this class cannot run itself.
    private static final MethodHandle BUILDER;
    private static final Executor JDK_SCHEDULER;
    // Why the JDK's scheduler is used instead, for the chapter and the tests to report.
    private static final String UNAVAILABLE;

    static {
        MethodHandle builder = null;
        Executor jdk = null;
        String why = null;
        if (Runtime.version().feature() < 24) {
            why = "JDK " + Runtime.version().feature() + " pins a carrier at an await inside synchronized; 24 or later is needed";
        } else {
            try {
                Class<?> c = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
                Constructor<?> ctor = c.getDeclaredConstructor(Executor.class);
                ctor.setAccessible(true);
                var m = Class.forName("java.lang.VirtualThread").getDeclaredMethod("defaultScheduler");
                m.setAccessible(true);
                jdk = (Executor) m.invoke(null);
                builder = MethodHandles.lookup().unreflectConstructor(ctor)
                        .asType(MethodType.methodType(Thread.Builder.OfVirtual.class, Executor.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                // InaccessibleObjectException without --add-opens; NoSuchMethodException if a
                // later JDK has changed its insides.
                builder = null;
                why = e.toString();
            }
        }
        BUILDER = builder;
        JDK_SCHEDULER = jdk;
        UNAVAILABLE = why;
    }

    /** The carrier of coroutines started on this thread, created with the thread's first. */
    private static final ThreadLocal<LoopCarrier> OF_THREAD = ThreadLocal.withInitial(() -> new LoopCarrier(Thread.currentThread()));

    private final Thread owner;
    // Continuations asked for while the owner is already running one, in the order asked.
    // Touched only on the owner's thread, or by a coroutine the owner carries at that moment.
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    // True while the owner runs continuations. Written only by the owner.
    private volatile boolean draining;
    // The thread inside start or unpark just now, so that execute can tell the JDK's call on
    // behalf of that hand-over from calls of any other thread.
    private volatile Thread handingOver;

    private LoopCarrier(Thread owner) {
        this.owner = owner;
    }

    /** Null when coroutines get the JDK's scheduler; otherwise what the JDK said, for reports. */
    static String unavailable() {
        return UNAVAILABLE;
    }

    /**
     * The carrier for a coroutine started now: its parent's, when a coroutine starts it, so
     * that a family of coroutines shares one thread; this thread's, when it is a platform
     * thread; none (null) on any other virtual thread, or when the hook is unavailable.
     */
    static LoopCarrier forNewCoroutine(Runner<?> parent) {
        if (BUILDER == null) return null;
        if (parent != null) return parent.carrier();
        return carriesOnThisThread() ? OF_THREAD.get() : null;
    }

    /** True when a loop started on this thread would carry its coroutines itself. */
    static boolean carriesOnThisThread() {
        return BUILDER != null && !Thread.currentThread().isVirtual();
    }

    /** A coroutine's thread, {@code carrier} its scheduler, or the JDK's when it is null. */
    static Thread newThread(LoopCarrier carrier, String name, Runnable body) {
        if (carrier == null) return Thread.ofVirtual().name(name).unstarted(body);
        try {
            return ((Thread.Builder.OfVirtual) BUILDER.invokeExact((Executor) carrier)).name(name).unstarted(body);
        } catch (Throwable e) {
            throw new IllegalStateException("the JDK refused a virtual thread with the loop's thread as carrier", e);
        }
    }

    /** Starts a coroutine's thread; on the owner, it runs until it first parks before this returns. */
    static void start(LoopCarrier carrier, Thread coroutine) {
        handOver(carrier, coroutine, true);
    }

    /**
     * Unparks {@code t}, the other side of a hand-over. When {@code t} is the owner, and the
     * owner is running continuations now, it is the thread carrying the caller: it is not
     * parked, and it sees the hand-back as soon as the caller parks, so there is nothing to wake.
     * That is safe even when the caller runs elsewhere: the caller writes the turn flag before
     * reading {@code draining}, and the owner clears {@code draining} before reading the turn
     * flag, so at least one of them sees the other's write (both are volatile).
     */
    static void unpark(LoopCarrier carrier, Thread t) {
        if (carrier != null && t == carrier.owner && carrier.draining) return;
        handOver(carrier, t, false);
    }

    // Starts or unparks t with handingOver naming this thread meanwhile, so that the JDK's call
    // of execute made on behalf of this hand-over is recognised as ours.
    private static void handOver(LoopCarrier carrier, Thread t, boolean start) {
        if (carrier != null) carrier.handingOver = Thread.currentThread();
        try {
            if (start) t.start();
            else LockSupport.unpark(t);
        } finally {
            if (carrier != null) carrier.handingOver = null;
        }
    }

    // tag::execute[]
    /**
     * The JDK asks for a continuation to be run. On the owner, when it is not running one already,
     * run it now, then whatever it queued. On the owner while it runs one (the JDK calls from the
     * carrier on a carried thread's behalf), or from the carried coroutine handing over, queue it.
     * From anywhere else, a thread that is not the loop's (a timer of the JDK ending a
     * {@code Thread.sleep} in a coroutine, say), give it to the JDK's scheduler: the loop is
     * parked then, waiting for that coroutine, so it still runs alone.
     */
    @Override
    public void execute(Runnable continuation) {
        Thread me = Thread.currentThread();
        if (me == owner) {
            if (draining) queue.add(continuation);
            else drain(continuation);
        } else if (me == handingOver && draining) {
            queue.add(continuation);
        } else {
            JDK_SCHEDULER.execute(continuation);
        }
    }

    private void drain(Runnable first) {
        draining = true;
        try {
            Runnable next = first;
            while (next != null) {
                next.run();
                next = queue.poll();
            }
        } finally {
            draining = false;
        }
    }
    // end::execute[]
}
