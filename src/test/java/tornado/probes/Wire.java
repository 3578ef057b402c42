package tornado.probes;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The strict RFC 9112 reader used by the probes: a raw blocking socket to 127.0.0.1 that writes
 * bytes exactly as given and reads responses by the letter of RFC 9112 — CRLF line ends only
 * (a bare LF fails), a well-formed status line, never both Transfer-Encoding and Content-Length,
 * no body after HEAD, 1xx, 204 or 304 (§6.3), strict chunk framing with sizes and trailers kept
 * for inspection, and a body read to end of file only when neither length is given. Every read
 * is bounded by SO_TIMEOUT (10 s by default), so a server that hangs fails the test instead of
 * hanging it; {@link #closedWithin} and {@link #assertQuiet} wait on the socket itself, never on
 * a sleep.
 */
final class Wire implements AutoCloseable {
    final Socket socket;
    final InputStream in;
    final OutputStream out;

    Wire(int port) throws IOException {
        this(port, 10_000);
    }

    /**
     * With a connect timeout of its own: under a flood of connections the listen queue overflows
     * and the kernel drops SYNs, which the client resends after 1, 3, 7… seconds; a flood test
     * waits for that backpressure rather than counting it as a failure.
     */
    Wire(int port, int connectTimeoutMs) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), connectTimeoutMs);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    void send(String s) throws IOException {
        send(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(byte[] b) throws IOException {
        out.write(b);
        out.flush();
    }

    /**
     * Sends a request that the server may refuse before it is all out: a server that answers a
     * bad head and closes is right to, and the answer is still there to be read.
     */
    void sendAnswerable(byte[] request) throws IOException {
        try {
            send(request);
        } catch (SocketException closedEarly) {
            // The server answered and closed before the whole request was out: read the answer.
        }
    }

    /** What the connection holds next, looked at without taking it. */
    enum Next { ANSWER, CLOSED, RESET, QUIET }

    /** {@link Next#QUIET} when nothing came within the socket's timeout. */
    Next next() throws IOException {
        in.mark(1);
        int first;
        try {
            first = in.read();
        } catch (SocketTimeoutException e) {
            return Next.QUIET;
        } catch (SocketException e) {
            return Next.RESET;
        }
        if (first < 0) return Next.CLOSED;
        in.reset();
        return Next.ANSWER;
    }

    String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int prev = -1;
        while (true) {
            int c = in.read();
            if (c < 0) throw new EOFException("EOF after '" + b.toString(StandardCharsets.ISO_8859_1) + "'");
            if (c == '\n') {
                if (prev != '\r') throw new IOException("bare LF in line '" + b.toString(StandardCharsets.ISO_8859_1) + "'");
                byte[] a = b.toByteArray();
                return new String(a, 0, a.length - 1, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
            prev = c;
        }
    }

    record Resp(String statusLine, int status, List<String[]> headers, byte[] body, boolean chunked, List<Integer> chunkSizes,
                List<String> trailers) {
        String header(String n) {
            for (String[] h : headers) if (h[0].equalsIgnoreCase(n)) return h[1];
            return null;
        }

        List<String> all(String n) {
            List<String> o = new ArrayList<>();
            for (String[] h : headers) if (h[0].equalsIgnoreCase(n)) o.add(h[1]);
            return o;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(statusLine).append('\n');
            for (String[] h : headers) b.append(h[0]).append(": ").append(h[1]).append('\n');
            return b.append('\n').append(text()).toString();
        }
    }

    Resp read() throws IOException {
        return read(false);
    }

    /** Reads one response strictly; head = answer to HEAD. */
    Resp read(boolean head) throws IOException {
        String sl = line();
        if (!sl.matches("HTTP/1\\.[01] \\d{3} .*")) throw new IOException("bad status line '" + sl + "'");
        int status = Integer.parseInt(sl.substring(9, 12));
        List<String[]> hs = new ArrayList<>();
        for (String l = line(); !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            if (colon <= 0) throw new IOException("bad header line '" + l + "'");
            hs.add(new String[] {l.substring(0, colon), l.substring(colon + 1).strip()});
        }
        Resp tmp = new Resp(sl, status, hs, new byte[0], false, List.of(), List.of());
        String te = tmp.header("Transfer-Encoding");
        String cl = tmp.header("Content-Length");
        if (te != null && cl != null) throw new IOException("both TE and CL: " + tmp);
        if (head || status < 200 || status == 204 || status == 304) {
            return tmp;
        }
        if (te != null) {
            if (!te.equalsIgnoreCase("chunked")) throw new IOException("unexpected TE " + te);
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            List<Integer> sizes = new ArrayList<>();
            List<String> trailers = new ArrayList<>();
            while (true) {
                String sz = line();
                if (!sz.matches("[0-9a-fA-F]+")) throw new IOException("bad chunk size line '" + sz + "'");
                int n = Integer.parseInt(sz, 16);
                sizes.add(n);
                if (n == 0) {
                    for (String t = line(); !t.isEmpty(); t = line()) trailers.add(t);
                    break;
                }
                byte[] d = in.readNBytes(n);
                if (d.length != n) throw new EOFException("chunk short");
                b.writeBytes(d);
                if (in.read() != '\r' || in.read() != '\n') throw new IOException("chunk data not followed by CRLF");
            }
            return new Resp(sl, status, hs, b.toByteArray(), true, sizes, trailers);
        }
        if (cl != null) {
            int n = Integer.parseInt(cl);
            byte[] d = in.readNBytes(n);
            if (d.length != n) throw new EOFException("body short " + d.length + "/" + n);
            return new Resp(sl, status, hs, d, false, List.of(), List.of());
        }
        return new Resp(sl, status, hs, in.readAllBytes(), false, List.of(), List.of());
    }

    /** True if the server closed (EOF or reset) within ms; false on timeout. Fails if data arrives. */
    boolean closedWithin(int ms) throws IOException {
        int old = socket.getSoTimeout();
        socket.setSoTimeout(ms);
        try {
            int c = in.read();
            if (c >= 0) throw new AssertionError("expected close, got byte " + c + " ('" + (char) c + "')");
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        } finally {
            socket.setSoTimeout(old);
        }
    }

    /** Asserts nothing more arrives within ms and the connection stays open. */
    void assertQuiet(int ms) throws IOException {
        int old = socket.getSoTimeout();
        socket.setSoTimeout(ms);
        try {
            int c = in.read();
            throw new AssertionError(c < 0 ? "server closed the connection" : "unexpected extra byte " + c + " ('" + (char) c + "')");
        } catch (SocketTimeoutException e) {
            // good
        } finally {
            socket.setSoTimeout(old);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
