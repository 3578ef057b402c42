package tornado.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A deliberately plain HTTP/1.x client for the tests: a blocking socket on the test's thread,
 * raw request bytes out, one response parsed back (status line, headers, body framed by
 * Content-Length, chunked encoding or the end of the connection). Raw, so that tests can send
 * exactly the bytes they mean (a path with "..", a bad method, HTTP/1.0) and see exactly the bytes
 * the server sent. Every read has a timeout, so a server that fails to answer fails the test.
 */
final class RawHttp implements AutoCloseable {
    static final int TIMEOUT_MS = 10_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttp(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
        socket.setSoTimeout(TIMEOUT_MS);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** One request on a fresh connection, with {@code Connection: close}; the response. */
    static Response get(int port, String path) throws IOException {
        return exchange(port, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    }

    /** Sends {@code raw} on a fresh connection and reads one response. */
    static Response exchange(int port, String raw) throws IOException {
        try (RawHttp c = new RawHttp(port)) {
            c.send(raw);
            return c.read(raw.startsWith("HEAD "));
        }
    }

    /** A request with a body: {@code Content-Length} is added. */
    static String request(String method, String path, Map<String, String> headers, byte[] body) {
        StringBuilder b = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        b.append("Host: 127.0.0.1\r\nConnection: close\r\n");
        for (Map.Entry<String, String> h : headers.entrySet()) b.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        if (body != null) b.append("Content-Length: ").append(body.length).append("\r\n");
        b.append("\r\n");
        if (body != null) b.append(new String(body, StandardCharsets.ISO_8859_1));
        return b.toString();
    }

    void send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads one response; {@code head} when it answers a HEAD (no body whatever the headers say). */
    Response read(boolean head) throws IOException {
        String statusLine = line();
        if (statusLine == null) throw new IOException("connection closed before a status line");
        List<String[]> headers = new ArrayList<>();
        for (String l = line(); l != null && !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            headers.add(new String[] {l.substring(0, colon), l.substring(colon + 1).strip()});
        }
        Response r = new Response(statusLine, headers, null, false);
        int status = r.status();
        byte[] body;
        boolean chunked = "chunked".equalsIgnoreCase(r.header("Transfer-Encoding"));
        if (head || status == 304 || status == 204 || status < 200) {
            body = new byte[0];
        } else if (chunked) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            while (true) {
                int size = Integer.parseInt(line().strip(), 16);
                if (size == 0) {
                    line();
                    break;
                }
                b.writeBytes(in.readNBytes(size));
                line();
            }
            body = b.toByteArray();
        } else if (r.header("Content-Length") != null) {
            body = in.readNBytes(Integer.parseInt(r.header("Content-Length")));
        } else {
            body = in.readAllBytes();
        }
        return new Response(statusLine, headers, body, chunked);
    }

    /** Everything the server sends until it closes, unparsed. */
    byte[] readRaw() throws IOException {
        return in.readAllBytes();
    }

    /** True if the server has closed the connection (reading gives end of file, within the timeout). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** Sets a shorter read timeout, for checks that the server keeps a connection open. */
    void timeout(int ms) throws IOException {
        socket.setSoTimeout(ms);
    }

    // A header line, without its CRLF; null at end of file.
    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** One response as it came off the wire. */
    record Response(String statusLine, List<String[]> headerList, byte[] body, boolean chunked) {
        int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        /** The reason phrase: everything after the code. */
        String reason() {
            String[] parts = statusLine.split(" ", 3);
            return parts.length > 2 ? parts[2] : "";
        }

        /** The first value of {@code name}, or null. */
        String header(String name) {
            for (String[] h : headerList) if (h[0].equalsIgnoreCase(name)) return h[1];
            return null;
        }

        /** Every value of {@code name}, in order. */
        List<String> headers(String name) {
            List<String> out = new ArrayList<>();
            for (String[] h : headerList) if (h[0].equalsIgnoreCase(name)) out.add(h[1]);
            return out;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(statusLine).append('\n');
            for (String[] h : headerList) b.append(h[0]).append(": ").append(h[1]).append('\n');
            return b.append('\n').append(body == null ? "" : text()).toString();
        }
    }
}
