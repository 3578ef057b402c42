package tornado.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The road not taken (chapter 6, "What Java uses instead of a generator"): the JDK's internal
 * {@code jdk.internal.vm.Continuation}, which virtual threads are built on, used directly, so a
 * coroutine could run on the loop's own thread with no hand-over between threads. Reached by
 * reflection, because javac refuses {@code --add-exports} of a JDK package under
 * {@code --release 21}; it needs the JVM flag below, and says so if it is missing.
 *
 * <pre>
 *   java --add-exports java.base/jdk.internal.vm=ALL-UNNAMED \
 *        -cp target/classes:target/test-classes tornado.bench.ContinuationBench
 * </pre>
 */
public final class ContinuationBench {
    private ContinuationBench() {}

    public static void main(String[] args) throws Throwable {
        Class<?> scopeType;
        Class<?> contType;
        try {
            scopeType = Class.forName("jdk.internal.vm.ContinuationScope");
            contType = Class.forName("jdk.internal.vm.Continuation");
        } catch (ClassNotFoundException e) {
            System.out.println("no jdk.internal.vm.Continuation in this JDK: " + e);
            return;
        }
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        Object scope;
        MethodHandle newCont;
        MethodHandle run;
        MethodHandle yield;
        try {
            scope = lookup.findConstructor(scopeType, MethodType.methodType(void.class, String.class)).invoke("gen");
            newCont = lookup.findConstructor(contType, MethodType.methodType(void.class, scopeType, Runnable.class));
            run = lookup.findVirtual(contType, "run", MethodType.methodType(void.class));
            yield = lookup.findStatic(contType, "yield", MethodType.methodType(boolean.class, scopeType));
        } catch (IllegalAccessException e) {
            System.out.println("jdk.internal.vm is not exported to us: run with "
                    + "--add-exports java.base/jdk.internal.vm=ALL-UNNAMED (" + e.getMessage() + ")");
            return;
        }
        final Object s = scope;
        final MethodHandle y = yield;
        for (int round = 0; round < 3; round++) {
            int n = 2_000_000;
            Object cont = newCont.invoke(s, (Runnable) () -> {
                try {
                    while (true) y.invoke(s);
                } catch (Throwable e) {
                    throw new RuntimeException(e);
                }
            });
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) run.invoke(cont);
            long ns = System.nanoTime() - t0;
            System.out.printf("Continuation run + yield on one thread: %6.1f ns%n", (double) ns / n);
        }
    }
}
