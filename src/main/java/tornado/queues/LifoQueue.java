package tornado.queues;

import java.util.LinkedList;

import tornado.trace.JavaOnly;
import tornado.trace.Mirrors;

/** A {@link Queue} that gives the most recently put item first, as queues.py's {@code LifoQueue} (4.2). */
@Mirrors("queues.LifoQueue 4.5")
public final class LifoQueue<T> extends Queue<T> {
    // A linked list, as Queue's own container is, because null is an item as None is in Tornado.
    private LinkedList<T> stack;

    @Mirrors("queues.Queue.__init__ 4.5")
    public LifoQueue() {
        this(0);
    }

    @Mirrors("queues.Queue.__init__ 4.5")
    public LifoQueue(int maxsize) {
        super(maxsize);
    }

    @Override
    @Mirrors("queues.LifoQueue._init 4.5")
    protected void init() {
        stack = new LinkedList<>();
    }

    @Override
    @Mirrors("queues.LifoQueue._get 4.5")
    protected T take() {
        return stack.pollLast();
    }

    @Override
    @Mirrors("queues.LifoQueue._put 4.5")
    protected void putItem(T item) {
        stack.addLast(item);
    }

    @Override
    @JavaOnly("the container's size, which Tornado's qsize reads as len(self._queue)")
    protected int size() {
        return stack.size();
    }

}
