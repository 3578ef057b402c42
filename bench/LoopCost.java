import tornado.ioloop.IOLoop;

/**
 * What two pieces of the loop's bookkeeping cost on its own thread, in ns, the best of eight
 * rounds. First {@code IOLoop.addCallback}, which a server calls three times a request (a read
 * done, a flush, a write done): a thousand callbacks added between two iterations of the loop,
 * 2,000 times a round. The loop runs on this thread, so every add is the loop's own; the
 * iterations in between run the callbacks, and their cost is not counted. Then one read of the
 * loop's clock, {@code IOLoop.time()}, 20,000,000 times a round. IOLoop's comments cite this
 * command: addCallback's with its figures before and after the loop's thread stopped taking the
 * lock, iterationTime's with the cost of the read it saves.
 *
 * <pre>java -cp target/classes bench/LoopCost.java</pre>
 */
public class LoopCost {
    static long sink;

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
            System.out.printf("best: %.1f ns per addCallback%n", best);
            best = Double.MAX_VALUE;
            for (int round = 0; round < 8; round++) {
                int n = 20_000_000;
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) sink += loop.time();
                double ns = (System.nanoTime() - t0) / (double) n;
                best = Math.min(best, ns);
                System.out.printf("round %d: %.1f ns per read of the loop's clock%n", round, ns);
            }
            System.out.printf("best: %.1f ns per read of the clock%n", best);
        } finally {
            loop.close();
        }
    }
}
