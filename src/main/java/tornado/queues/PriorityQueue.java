package tornado.queues;

import java.util.Comparator;

import tornado.trace.JavaOnly;
import tornado.trace.Mirrors;

/**
 * A {@link Queue} that gives the smallest item first (by natural order or a comparator), as
 * queues.py's {@code PriorityQueue} (4.2) does with {@code heapq}. Only the container differs.
 */
@Mirrors("queues.PriorityQueue 4.5")
public final class PriorityQueue<T> extends Queue<T> {
    private java.util.PriorityQueue<T> heap;
    private Comparator<? super T> order;

    @Mirrors("queues.Queue.__init__ 4.5")
    public PriorityQueue() {
        this(0, null);
    }

    /**
     * A queue of at most {@code maxsize} items (0: unbounded), smallest first by {@code order}, or
     * by the items' natural order when it is null. Tornado's heap compares the items themselves;
     * the comparator is ours, for items that have no natural order.
     */
    @Mirrors("queues.Queue.__init__ 4.5")
    public PriorityQueue(int maxsize, Comparator<? super T> order) {
        super(maxsize);
        this.order = order;
        if (order != null) heap = new java.util.PriorityQueue<>(order);
    }

    @Override
    @Mirrors("queues.PriorityQueue._init 4.5")
    protected void init() {
        // Called by Queue's constructor, before our own fields are set; the constructor above
        // replaces this heap if a comparator was given.
        heap = new java.util.PriorityQueue<>(order);
    }

    /**
     * A heap cannot place null, nor, without a comparator, an item with no natural order;
     * either is refused here, before the put changes the queue, with what was wrong.
     * java.util.PriorityQueue would throw too, but from inside the put.
     */
    @Override
    @JavaOnly("Tornado's heapq raises TypeError from _put for items it cannot compare")
    protected void check(T item) {
        if (item == null) throw new NullPointerException("a PriorityQueue cannot order a null item");
        if (order == null && !(item instanceof Comparable)) {
            throw new ClassCastException("a PriorityQueue without a comparator orders its items by their natural"
                    + " order, and " + item.getClass().getName() + " has none (it is not Comparable)");
        }
    }

    @Override
    @Mirrors("queues.PriorityQueue._get 4.5")
    protected T take() {
        return heap.poll();
    }

    @Override
    @Mirrors("queues.PriorityQueue._put 4.5")
    protected void putItem(T item) {
        heap.add(item);
    }

    @Override
    @JavaOnly("the container's size, which Tornado's qsize reads as len(self._queue)")
    protected int size() {
        return heap.size();
    }

}
