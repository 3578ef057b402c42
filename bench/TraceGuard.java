import tornado.trace.Trace;

/**
 * What tracing compiled in but off costs, measured directly: the ns of one guarded trace call
 * ({@code if (Trace.on) Trace.step(...)}, the form every trace site of the server has) with
 * tracing off, against the same loop without it. bench/run --trace-cost measures the same thing
 * end to end, but on a shared machine its noise (±10 % between runs) hides a 2 % effect.
 *
 * <pre>java -cp target/classes bench/TraceGuard.java</pre>
 */
public class TraceGuard {
    static int sink;

    public static void main(String[] args) {
        for (int round = 0; round < 5; round++) {
            long n = 200_000_000L;
            long t0 = System.nanoTime();
            for (long i = 0; i < n; i++) {
                sink += (int) i;
            }
            long t1 = System.nanoTime();
            for (long i = 0; i < n; i++) {
                sink += (int) i;
                if (Trace.on) Trace.step(1, Trace.STREAM, "IOStream.read_until", "x" + i);
            }
            long t2 = System.nanoTime();
            System.out.printf("round %d: plain %.3f ns/iteration, with the guard %.3f ns: the guard costs %.3f ns%n",
                    round, (t1 - t0) / (double) n, (t2 - t1) / (double) n, ((t2 - t1) - (t1 - t0)) / (double) n);
        }
    }
}
