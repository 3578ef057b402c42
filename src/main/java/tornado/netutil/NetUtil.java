package tornado.netutil;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

import tornado.ioloop.IOLoop;
import tornado.trace.Mirrors;
import tornado.trace.Trace;

/**
 * Listening sockets and the accept handler: the bottom of every server. Mirrors netutil.py's
 * {@code bind_sockets} and {@code add_accept_handler}, which the notes on Tornado's server walk
 * through (site page 'The notes this book follows').
 *
 * <p>The chain starts here. {@link #bindSockets} opens the listening sockets;
 * {@link #addAcceptHandler} registers each with the loop for READ; when a client connects the loop
 * calls the accept handler (step 3 of the request's path, site page 'The notes this book
 * follows'), which accepts every waiting connection and hands
 * each to a callback: {@code TCPServer.handleConnection}, the next link of the chain.
 */
@Mirrors("netutil")
public final class NetUtil {
    private static final Logger log = Logger.getLogger("tornado.general");

    /** Tornado's default listen backlog (Python's socket.SOMAXCONN is 128). */
    public static final int DEFAULT_BACKLOG = 128;

    private NetUtil() {}

    /** What the accept handler calls for each new connection: Tornado's {@code callback(connection, address)}. */
    @FunctionalInterface
    @Mirrors("netutil.add_accept_handler")
    public interface AcceptCallback {
        void accept(SocketChannel connection, InetSocketAddress address);
    }

    /** {@link #bindSockets(int, String, ProtocolFamily, int, boolean)} on every interface. */
    @Mirrors("netutil.bind_sockets")
    public static List<ServerSocketChannel> bindSockets(int port) throws IOException {
        return bindSockets(port, null, null, DEFAULT_BACKLOG, false);
    }

    // tag::bind-sockets[]
    /**
     * Opens listening sockets for {@code port} on {@code address} and returns them, not yet
     * registered with any loop.
     *
     * <p>An empty or null address means every interface: one socket on the IPv6 wildcard, which
     * on a dual-stack machine (the common case) accepts IPv4 clients too; on an IPv4-only machine
     * the IPv4 wildcard. A host name such as {@code localhost} may resolve to several addresses
     * (127.0.0.1 and ::1), and then, as in Tornado, we bind one socket to each. {@code family}
     * ({@code INET}, {@code INET6}, or null for either) narrows the choice. With port 0 the
     * kernel picks a free port for the first socket and the others reuse it, so a test can bind
     * "localhost:0" and reach the server on either address.
     *
     * <p>Every socket gets {@code SO_REUSEADDR}, so a restarted server can bind while old
     * connections sit in TIME_WAIT; {@code reusePort} asks for {@code SO_REUSEPORT} too, which lets
     * several sockets (one per loop, see {@link TCPServer#start(int)}) share the port.
     */
    @Mirrors("netutil.bind_sockets")
    public static List<ServerSocketChannel> bindSockets(int port, String address, ProtocolFamily family,
                                                        int backlog, boolean reusePort) throws IOException {
        List<ServerSocketChannel> sockets = new ArrayList<>();
        int boundPort = port;
        try {
            for (InetAddress ip : resolve(address, family)) {
                ServerSocketChannel server = ServerSocketChannel.open(
                        ip instanceof java.net.Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
                sockets.add(server);
                server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                if (reusePort) {
                    if (!server.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                        throw new IOException("SO_REUSEPORT is not supported on this platform");
                    }
                    server.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                }
                server.configureBlocking(false);
                server.bind(new InetSocketAddress(ip, boundPort), backlog);
                if (boundPort == 0) boundPort = ((InetSocketAddress) server.getLocalAddress()).getPort();
            }
        } catch (IOException | RuntimeException e) {
            for (ServerSocketChannel s : sockets) s.close();
            throw new IOException("cannot listen on " + (address == null || address.isEmpty() ? "*" : address)
                    + ":" + port + ": " + e.getMessage(), e);
        }
        return sockets;
    }
    // end::bind-sockets[]

    private static List<InetAddress> resolve(String address, ProtocolFamily family) throws UnknownHostException {
        Set<InetAddress> out = new LinkedHashSet<>();
        if (address == null || address.isEmpty()) {
            // The wildcard. IPv6's "::" is dual-stack unless the family asks for IPv4 only.
            boolean v6 = family != StandardProtocolFamily.INET && hasIpv6();
            out.add(InetAddress.getByName(v6 ? "::" : "0.0.0.0"));
        } else {
            for (InetAddress ip : InetAddress.getAllByName(address)) {
                boolean isV6 = ip instanceof java.net.Inet6Address;
                if (family == StandardProtocolFamily.INET && isV6) continue;
                if (family == StandardProtocolFamily.INET6 && !isV6) continue;
                if (isV6 && !hasIpv6()) continue;
                out.add(ip);
            }
            if (out.isEmpty()) throw new UnknownHostException(address + " has no address of family " + family);
        }
        return new ArrayList<>(out);
    }

    private static volatile Boolean ipv6;

    /** Whether this machine can open an IPv6 socket at all (Tornado's {@code socket.has_ipv6}). */
    static boolean hasIpv6() {
        Boolean known = ipv6;
        if (known == null) {
            try (ServerSocketChannel probe = ServerSocketChannel.open(StandardProtocolFamily.INET6)) {
                probe.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
                known = true;
            } catch (IOException | UnsupportedOperationException e) {
                known = false;
            }
            ipv6 = known;
        }
        return known;
    }

    // tag::accept-handler[]
    /**
     * Registers {@code server} with {@code loop} so that every connection it accepts is handed to
     * {@code callback}. This is the first link of the chain: the loop calls the handler below when
     * the listening socket is readable, which means "one or more clients are waiting".
     *
     * <p>The handler accepts in a loop until the kernel says nobody else is waiting (a
     * non-blocking {@code accept} returns null: Python's EWOULDBLOCK), so a burst of connections
     * costs one wakeup, not one per client. When several loops share one listening socket, the
     * others may win the race for a connection; that shows up as the same null, and is harmless.
     *
     * <p>An accept that fails is the interesting case. Out of file descriptors (EMFILE, ENFILE:
     * Java's "Too many open files"), the waiting client stays in the kernel's queue, so the
     * listening socket stays readable and the loop would call us again at once, forever: one core
     * at 100 % and, if each failure were logged with its stack, hundreds of megabytes of log in
     * seconds. Tornado 2.4 lets the error escape to the loop, which logs it the same way; later
     * versions log it too. We stop listening instead: {@link AcceptPause} takes the socket's READ
     * interest away for a short pause that grows while the failures go on, logs one line per
     * pause, and turns READ back on from a timer. Connections already open are served as before,
     * and as they close, descriptors come back and accepting resumes.
     */
    @Mirrors("netutil.add_accept_handler")
    public static void addAcceptHandler(ServerSocketChannel server, AcceptCallback callback, IOLoop loop) {
        AcceptPause pause = new AcceptPause(server, loop);
        loop.addHandler(server, (channel, events) -> {
            while (true) {
                SocketChannel connection;
                try {
                    connection = server.accept();
                } catch (IOException e) {
                    pause.afterFailure(e);
                    return;
                }
                if (connection == null) return; // nobody else is waiting
                pause.afterSuccess();
                InetSocketAddress address;
                try {
                    address = (InetSocketAddress) connection.getRemoteAddress();
                } catch (IOException e) {
                    // The client left between accept and now; nothing to serve.
                    closeQuietly(connection);
                    continue;
                }
                if (Trace.on) Trace.step(Trace.connectionId(connection), Trace.ENTRY, "netutil.accept_handler", "from " + format(address));
                callback.accept(connection, address);
            }
        }, IOLoop.READ);
    }
    // end::accept-handler[]

    /** {@code 127.0.0.1:51234} or {@code [::1]:51234}. */
    public static String format(InetSocketAddress address) {
        if (address == null) return "?";
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        int pct = host.indexOf('%');
        if (pct >= 0) host = host.substring(0, pct);
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // Closing a socket the peer already dropped can fail; there is nothing left to do.
        }
    }
}
