import tornado.ioloop.IOLoop;

/**
 * What {@code IOLoop.addCallback} costs on the loop's own thread, where a server calls it about
 * twice a request (a read done, a write done; the flush between them goes to
 * {@code IOLoop.runBeforePoll}, which keeps its list the same way), in ns: a thousand callbacks added
 * from one callback of the running loop, 2,000 times a round, the best of eight rounds. The loop
 * runs under {@code start()}, as a server's does (a loop driven by {@code runOnce} alone takes the
 * lock for every caller); the iterations in between run the callbacks, and their cost is not
 * counted. IOLoop.addCallback's comment cites this command with its figures before and after the
 * loop's thread stopped taking the lock.
 *
 * <pre>java -cp target/classes bench/CallbackCost.java</pre>
 */
public class CallbackCost {
    static final int ADDS = 1000, TIMES = 2000, ROUNDS = 8;

    public static void main(String[] args) {
        IOLoop loop = new IOLoop();
        Runnable nothing = () -> { };
        long[] spent = new long[ROUNDS];
        // One measurement per iteration: add a thousand, then come back in the next iteration,
        // after the loop has run them, for the next thousand.
        Runnable measure = new Runnable() {
            int done;

            @Override
            public void run() {
                long t0 = System.nanoTime();
                for (int i = 0; i < ADDS; i++) loop.addCallback(nothing);
                spent[done / TIMES] += System.nanoTime() - t0;
                if (++done < TIMES * ROUNDS) loop.addCallback(this);
                else loop.stop();
            }
        };
        loop.addCallback(measure);
        loop.start();
        loop.close();
        double best = Double.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            double ns = spent[round] / ((double) ADDS * TIMES);
            best = Math.min(best, ns);
            System.out.printf("round %d: %.1f ns per addCallback on the loop's thread%n", round, ns);
        }
        System.out.printf("best: %.1f ns%n", best);
    }
}
