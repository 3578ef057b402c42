package tornado.netutil;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import tornado.ioloop.CallbackBoundary;
import tornado.ioloop.IOLoop;
import tornado.iostream.IOStream;
import tornado.trace.Mirrors;
import tornado.trace.Trace;

/**
 * A TCP server: listening sockets on one or more loops, and for each accepted connection an
 * {@link IOStream} handed to {@link #handleStream}. Mirrors tcpserver.py's {@code TCPServer}
 * (in v2.4.1 it lives in netutil.py, which is the one this book follows).
 *
 * <p>To write a server, extend this and override {@code handleStream}: chapter 4's
 * {@code HTTPServer} does exactly that, and so does the TCP echo walkthrough. The three ways to
 * start one are Tornado's:
 * <pre>
 *   server.listen(8888);                 // bind and serve on this server's loop
 *   server.addSockets(bindSockets(...)); // sockets you made yourself
 *   server.bind(8888); server.start(4);  // bind, then serve from four loops
 * </pre>
 * and in every case somebody must run the loop ({@code loop.start()}).
 */
@Mirrors({"tcpserver.TCPServer 3.0", "netutil.TCPServer"})
public class TCPServer {
    private static final Logger log = Logger.getLogger("tornado.application");

    private final IOLoop loop;
    private final int maxBufferSize;
    /** Every listening socket of this server, on whichever loop serves it. */
    private final List<ServerSocketChannel> sockets = new ArrayList<>();
    /** Sockets made by {@link #bind} and not yet given to a loop by {@link #start}. */
    private final List<ServerSocketChannel> pending = new ArrayList<>();
    private String boundAddress;
    private ProtocolFamily boundFamily;
    private int boundBacklog;
    private boolean reusePort;
    private boolean started;
    private final List<IOLoop> extraLoops = new ArrayList<>();
    private final List<Thread> extraThreads = new ArrayList<>();

    /** A server on {@code loop}, with IOStream's default 100 MiB read buffer per connection. */
    @Mirrors("netutil.TCPServer.__init__")
    public TCPServer(IOLoop loop) {
        this(loop, IOStream.DEFAULT_MAX_BUFFER_SIZE);
    }

    @Mirrors("netutil.TCPServer.__init__")
    public TCPServer(IOLoop loop, int maxBufferSize) {
        this.loop = loop;
        this.maxBufferSize = maxBufferSize;
    }

    public IOLoop ioLoop() {
        return loop;
    }

    // tag::listen[]
    /**
     * Binds {@code port} on every interface and starts accepting on this server's loop. As in
     * Tornado, {@code listen} is {@code bind_sockets} followed by {@code add_sockets}.
     */
    @Mirrors("netutil.TCPServer.listen")
    public void listen(int port) throws IOException {
        listen(port, null);
    }

    /** As {@link #listen(int)}, on {@code address} only ({@code "127.0.0.1"}, {@code "localhost"}, …). */
    @Mirrors("netutil.TCPServer.listen")
    public void listen(int port, String address) throws IOException {
        addSockets(NetUtil.bindSockets(port, address, null, NetUtil.DEFAULT_BACKLOG, false));
    }
    // end::listen[]

    // tag::add-sockets[]
    /**
     * Starts accepting on sockets that are already bound. Each gets the accept handler of
     * {@link NetUtil#addAcceptHandler}, whose callback is {@link #handleConnection}: from here on,
     * the loop drives everything.
     */
    @Mirrors("netutil.TCPServer.add_sockets")
    public void addSockets(List<ServerSocketChannel> newSockets) {
        for (ServerSocketChannel s : newSockets) addSocketOn(loop, s);
    }
    // end::add-sockets[]

    @Mirrors("netutil.TCPServer.add_socket")
    public void addSocket(ServerSocketChannel socket) {
        addSockets(List.of(socket));
    }

    private void addSocketOn(IOLoop target, ServerSocketChannel s) {
        synchronized (sockets) {
            sockets.add(s);
        }
        NetUtil.addAcceptHandler(s, this::handleConnection, target);
    }

    /** {@link #bind(int, String, ProtocolFamily, int)} on every interface. */
    @Mirrors("netutil.TCPServer.bind")
    public void bind(int port) throws IOException {
        bind(port, null, null, NetUtil.DEFAULT_BACKLOG);
    }

    /**
     * Binds now and serves later, from {@link #start(int)}. The sockets are made with
     * {@code SO_REUSEPORT} where the platform has it, so that {@code start(n)} can give each loop
     * its own socket on the same port.
     */
    @Mirrors("netutil.TCPServer.bind")
    public void bind(int port, String address, ProtocolFamily family, int backlog) throws IOException {
        if (started) throw new IllegalStateException("bind() must come before start()");
        reusePort = supportsReusePort();
        pending.addAll(NetUtil.bindSockets(port, address, family, backlog, reusePort));
        boundAddress = address;
        boundFamily = family;
        boundBacklog = backlog;
    }

    // tag::start[]
    /**
     * Serves the sockets made by {@link #bind} from {@code numLoops} loops ({@code 0} = one per
     * processor). This server's own loop is one of them and, as always, the caller runs it; the
     * others get a thread each, started here.
     *
     * <p>This is the Java answer to Tornado's {@code start(num_processes)}, which forks that many
     * processes after binding (see {@link Processes}). Where the platform has {@code SO_REUSEPORT},
     * each extra loop binds its own socket to the same port and the kernel spreads incoming
     * connections across them; elsewhere every loop watches the one shared socket and the first to
     * {@code accept} wins each connection. Either way a connection lives on one loop for its whole
     * life, so each loop stays single-threaded.
     */
    @Mirrors({"netutil.TCPServer.start", "process.fork_processes"})
    public void start(int numLoops) throws IOException {
        if (started) throw new IllegalStateException("start() called twice");
        started = true;
        int n = numLoops <= 0 ? Processes.cpuCount() : numLoops;
        List<ServerSocketChannel> mine = new ArrayList<>(pending);
        pending.clear();
        addSockets(mine);
        for (int i = 1; i < n; i++) {
            IOLoop extra = new IOLoop();
            if (reusePort) {
                int port = ((InetSocketAddress) mine.get(0).getLocalAddress()).getPort();
                for (ServerSocketChannel s : NetUtil.bindSockets(port, boundAddress, boundFamily, boundBacklog, true)) {
                    addSocketOn(extra, s);
                }
            } else {
                for (ServerSocketChannel s : mine) NetUtil.addAcceptHandler(s, this::handleConnection, extra);
            }
            Thread t = new Thread(extra::start, "tornado-loop-" + i);
            extraLoops.add(extra);
            extraThreads.add(t);
            t.start();
        }
    }
    // end::start[]

    private static boolean supportsReusePort() {
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            return probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Stops accepting: every listening socket is closed, and the extra loops started by
     * {@link #start(int)} are stopped. Connections already accepted on this server's own loop
     * carry on until they finish, as in Tornado; connections on the extra loops end with those
     * loops, which belong to the server (a forked Tornado child would go on serving them, but it
     * would also go on running, which a thread of ours must not do after {@code stop}). Safe from any thread; called from another thread
     * while the loop runs, it returns only once the port is really released.
     */
    @Mirrors("netutil.TCPServer.stop")
    public void stop() {
        List<ServerSocketChannel> all;
        synchronized (sockets) {
            all = new ArrayList<>(sockets);
            sockets.clear();
        }
        all.addAll(pending);
        pending.clear();
        // Closing a channel from another thread is safe in NIO: its registrations are cancelled
        // and every selector drops them on its next select.
        for (ServerSocketChannel s : all) NetUtil.closeQuietly(s);
        // NIO defers the real close of a channel that is registered with a selector until that
        // selector next runs: until then the kernel still accepts connections on the port. So
        // wake our loop and wait for one full pass of it (a callback that queues another: the
        // poll in between is where the selector lets go). On the loop's own thread we cannot
        // wait for ourselves; there the port is released on the loop's next poll.
        if (loop.isRunning() && !loop.inLoopThread()) {
            CountDownLatch released = new CountDownLatch(1);
            loop.addCallback(() -> loop.addCallback(released::countDown));
            try {
                released.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (IOLoop extra : extraLoops) extra.stop();
        for (Thread t : extraThreads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (IOLoop extra : extraLoops) extra.close(true);
        extraLoops.clear();
        extraThreads.clear();
    }

    /** The port the first listening socket is bound to: how a test finds an ephemeral port. */
    public int port() {
        synchronized (sockets) {
            List<ServerSocketChannel> all = sockets.isEmpty() ? pending : sockets;
            if (all.isEmpty()) throw new IllegalStateException("server has no listening socket");
            try {
                return ((InetSocketAddress) all.get(0).getLocalAddress()).getPort();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the listening port", e);
            }
        }
    }

    /** How many loops serve this server: 1 plus those {@link #start(int)} added. */
    public int loopCount() {
        return 1 + extraLoops.size();
    }

    // tag::handle-connection[]
    /**
     * The accept handler's callback: wrap the new connection in an {@link IOStream} on the loop
     * that accepted it, and give it to {@link #handleStream}. Whatever goes wrong while setting up
     * one connection is logged and that connection closed; the server goes on.
     */
    @Mirrors("netutil.TCPServer._handle_connection")
    protected void handleConnection(SocketChannel connection, InetSocketAddress address) {
        IOStream stream = null;
        try {
            if (Trace.on) Trace.step(Trace.connectionId(connection), Trace.CALL, "TCPServer._handle_connection", NetUtil.format(address));
            // IOLoop.current() is the loop that accepted: the accept handler runs on its thread.
            stream = new IOStream(connection, IOLoop.current(), maxBufferSize);
            if (Trace.on) Trace.step(stream.traceId(), Trace.NESTED, "TCPServer.handle_stream", getClass().getSimpleName() + ".handleStream");
            handleStream(stream, address);
        } catch (Throwable e) {
            // CallbackBoundary's rule: close this connection first, then log if we still can.
            if (stream != null) stream.close(e);
            else NetUtil.closeQuietly(connection);
            CallbackBoundary.log(log, "Error in connection callback for " + NetUtil.format(address), e);
        }
    }
    // end::handle-connection[]

    /**
     * Override to serve a connection: called once per accepted connection, on its loop's thread.
     * Tornado's base class raises {@code NotImplementedError}; so does ours.
     */
    @Mirrors("netutil.TCPServer.handle_stream")
    protected void handleStream(IOStream stream, InetSocketAddress address) {
        throw new UnsupportedOperationException(getClass().getName() + " must override handleStream");
    }
}
