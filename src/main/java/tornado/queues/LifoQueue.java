package tornado.queues;

import java.util.ArrayDeque;

import tornado.trace.Mirrors;

/** A {@link Queue} that gives the most recently put item first, as queues.py's {@code LifoQueue} (4.2). */
@Mirrors("queues.LifoQueue 4.5")
public final class LifoQueue<T> extends Queue<T> {
    private ArrayDeque<T> stack;

    public LifoQueue() {
        this(0);
    }

    public LifoQueue(int maxsize) {
        super(maxsize);
    }

    @Override
    protected void init() {
        stack = new ArrayDeque<>();
    }

    @Override
    protected T take() {
        return stack.pollLast();
    }

    @Override
    protected void putItem(T item) {
        stack.addLast(item);
    }

    @Override
    protected int size() {
        return stack.size();
    }

}
