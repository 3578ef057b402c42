package tornado.netutil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import tornado.ioloop.IOLoop;
import tornado.iostream.IOStream;
import tornado.testing.LoopThread;
import tornado.walkthroughs.TcpEcho;

class TCPServerTest {

    private static String echoOnce(int port, String line) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    @Test
    void echoServerEchoesEachLine() throws Exception {
        try (LoopThread t = new LoopThread()) {
            TcpEcho.EchoServer server = t.call(() -> {
                TcpEcho.EchoServer s = new TcpEcho.EchoServer(t.loop);
                s.listen(0, "127.0.0.1");
                return s;
            });
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                out.write("first\nsecond\n".getBytes(StandardCharsets.UTF_8));
                assertEquals("first", in.readLine());
                assertEquals("second", in.readLine());
                out.write("third\n".getBytes(StandardCharsets.UTF_8));
                assertEquals("third", in.readLine());
            }
            server.stop();
        }
    }

    @Test
    void aThousandConcurrentClientsAllGetTheirBytesBack() throws Exception {
        try (LoopThread t = new LoopThread();
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            TcpEcho.EchoServer server = t.call(() -> {
                TcpEcho.EchoServer s = new TcpEcho.EchoServer(t.loop);
                // A backlog big enough for a thousand simultaneous connects.
                s.addSockets(NetUtil.bindSockets(0, "127.0.0.1", null, 2048, false));
                return s;
            });
            int clients = 1000;
            CountDownLatch allConnected = new CountDownLatch(clients);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int n = i;
                answers.add(pool.submit(() -> {
                    try (Socket s = new Socket("127.0.0.1", server.port())) {
                        s.setSoTimeout(20_000);
                        allConnected.countDown();
                        // Everyone connects before anyone talks: all thousand are open at once.
                        allConnected.await(20, TimeUnit.SECONDS);
                        s.getOutputStream().write(("client " + n + "\n").getBytes(StandardCharsets.UTF_8));
                        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
                    }
                }));
            }
            for (int i = 0; i < clients; i++) {
                assertEquals("client " + i, answers.get(i).get(30, TimeUnit.SECONDS));
            }
            server.stop();
        }
    }

    @Test
    void startWithTwoLoopsServesFromBoth() throws Exception {
        try (LoopThread t = new LoopThread()) {
            Set<String> servingThreads = ConcurrentHashMap.newKeySet();
            TCPServer server = t.call(() -> {
                TCPServer s = new TCPServer(t.loop) {
                    @Override
                    protected void handleStream(IOStream stream, InetSocketAddress address) {
                        servingThreads.add(Thread.currentThread().getName());
                        stream.write(Thread.currentThread().getName().getBytes(StandardCharsets.UTF_8), stream::close);
                    }
                };
                s.bind(0, "127.0.0.1", null, 128);
                s.start(2);
                return s;
            });
            assertEquals(2, server.loopCount());
            // With SO_REUSEPORT the kernel spreads connections by address hash; with one shared
            // socket both loops race to accept. Either way, 200 connections reach both loops
            // unless something is badly wrong (the chance of all on one is 2^-199).
            for (int i = 0; i < 200 && servingThreads.size() < 2; i++) {
                try (Socket s = new Socket("127.0.0.1", server.port())) {
                    s.setSoTimeout(10_000);
                    String name = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertTrue(name.startsWith("test-loop") || name.startsWith("tornado-loop-"), name);
                }
            }
            assertEquals(Set.of("test-loop", "tornado-loop-1"), servingThreads);
            server.stop();
        }
    }

    @Test
    void bindSocketsOnLocalhostWithPortZeroSharesOnePort() throws Exception {
        List<ServerSocketChannel> sockets = NetUtil.bindSockets(0, "localhost", null, 16, false);
        try {
            assertTrue(!sockets.isEmpty());
            int port = ((InetSocketAddress) sockets.get(0).getLocalAddress()).getPort();
            for (ServerSocketChannel s : sockets) {
                assertEquals(port, ((InetSocketAddress) s.getLocalAddress()).getPort());
            }
        } finally {
            for (ServerSocketChannel s : sockets) s.close();
        }
    }

    @Test
    void bindingAPortInUseSaysWhichPort() throws Exception {
        List<ServerSocketChannel> first = NetUtil.bindSockets(0, "127.0.0.1", null, 16, false);
        try {
            int port = ((InetSocketAddress) first.get(0).getLocalAddress()).getPort();
            java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                    () -> NetUtil.bindSockets(port, "127.0.0.1", null, 16, false));
            assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        } finally {
            for (ServerSocketChannel s : first) s.close();
        }
    }

    @Test
    void anExceptionInHandleStreamClosesThatConnectionAndTheServerGoesOn() throws Exception {
        try (LoopThread t = new LoopThread()) {
            int[] count = {0};
            TCPServer server = t.call(() -> {
                TCPServer s = new TCPServer(t.loop) {
                    @Override
                    protected void handleStream(IOStream stream, InetSocketAddress address) {
                        if (count[0]++ == 0) throw new IllegalStateException("first connection fails");
                        stream.write("ok".getBytes(StandardCharsets.UTF_8), stream::close);
                    }
                };
                s.listen(0, "127.0.0.1");
                return s;
            });
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(10_000);
                assertEquals(-1, s.getInputStream().read(), "the failed connection is closed");
            }
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(10_000);
                assertEquals("ok", new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            server.stop();
        }
    }

    @Test
    void stopClosesTheListeningSockets() throws Exception {
        try (LoopThread t = new LoopThread()) {
            TcpEcho.EchoServer server = t.call(() -> {
                TcpEcho.EchoServer s = new TcpEcho.EchoServer(t.loop);
                s.listen(0, "127.0.0.1");
                return s;
            });
            int port = server.port();
            assertEquals("hi", echoOnce(port, "hi"));
            server.stop();
            org.junit.jupiter.api.Assertions.assertThrows(java.net.ConnectException.class,
                    () -> new Socket("127.0.0.1", port).close());
        }
    }

    @Test
    void cpuCountIsPositive() {
        assertTrue(Processes.cpuCount() >= 1);
        assertTrue(IOLoop.READ != IOLoop.WRITE);
    }
}
