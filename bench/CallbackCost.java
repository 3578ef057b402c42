import tornado.ioloop.IOLoop;

/**
 * What {@code IOLoop.addCallback} costs on the loop's own thread, where a server calls it about
 * three times a request (a read done, a flush, a write done), in ns: a thousand callbacks added
 * between two iterations of the loop, 2,000 times a round, the best of eight rounds. The loop
 * runs on this thread, so every add is the loop's own; the iterations in between run the
 * callbacks, and their cost is not counted. IOLoop.addCallback's comment cites this command
 * with its figures before and after the loop's thread stopped taking the lock.
 *
 * <pre>java -cp target/classes bench/CallbackCost.java</pre>
 */
public class CallbackCost {
    public static void main(String[] args) {
        IOLoop loop = new IOLoop();
        try {
            // The first iteration makes this thread the loop's.
            loop.runOnce(0);
            Runnable nothing = () -> { };
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 8; round++) {
                long spent = 0;
                for (int k = 0; k < 2000; k++) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < 1000; i++) loop.addCallback(nothing);
                    spent += System.nanoTime() - t0;
                    loop.runOnce(0);
                }
                double ns = spent / 2e6;
                best = Math.min(best, ns);
                System.out.printf("round %d: %.1f ns per addCallback on the loop's thread%n", round, ns);
            }
            System.out.printf("best: %.1f ns%n", best);
        } finally {
            loop.close();
        }
    }
}
