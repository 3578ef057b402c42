package tornado.httpserver;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import tornado.httputil.HttpDates;

/**
 * A blocking HTTP/1.1 client over a plain {@link Socket}, as simple as can be and deliberately
 * independent of the code under test: it writes the exact bytes a test gives it and reads
 * responses framed by {@code Content-Length} (or by the server closing). Every read is bounded by
 * a 5-second {@code SO_TIMEOUT}, so a server that never answers fails the test instead of hanging it.
 */
final class RawClient implements AutoCloseable {
    final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(5_000);
        socket.setTcpNoDelay(true);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** A response as read off the wire. Header names are lower-cased. */
    record Response(String statusLine, int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /**
         * Fails unless the response has a {@code Date} header that reads as an HTTP date within a
         * few seconds of this machine's clock (the server runs on the same clock; the format
         * counts whole seconds).
         */
        void assertDatedNow() {
            String date = header("Date");
            if (date == null) throw new AssertionError("no Date header in " + this);
            Instant sent = HttpDates.parseHttpDate(date)
                    .orElseThrow(() -> new AssertionError("Date header is not an HTTP date: " + date));
            Duration off = Duration.between(sent, Instant.now()).abs();
            if (off.compareTo(Duration.ofSeconds(10)) > 0) throw new AssertionError("Date " + date + " is " + off + " off");
        }

        @Override
        public String toString() {
            return statusLine + " " + headers + " " + text();
        }
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one line up to CRLF (returned without it). */
    String readLine() throws IOException {
        StringBuilder b = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) throw new EOFException("connection closed after " + show(b) + " (expected a line)");
            if (c == '\n' && b.length() > 0 && b.charAt(b.length() - 1) == '\r') {
                b.setLength(b.length() - 1);
                return b.toString();
            }
            b.append((char) c);
        }
    }

    /** Reads a response whose body is framed by Content-Length, or by the server closing. */
    Response readResponse() throws IOException {
        return readResponse(false);
    }

    /** As {@link #readResponse()}; for a HEAD request the body is empty whatever Content-Length says. */
    Response readResponse(boolean head) throws IOException {
        String statusLine = readLine();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) throw new IOException("bad status line: " + statusLine);
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                    (a, b) -> a + "," + b);
        }
        byte[] body;
        String length = headers.get("content-length");
        if (head || status == 100 || status == 204 || status == 304) {
            body = new byte[0];
        } else if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
            if (body.length != Integer.parseInt(length)) throw new EOFException("body cut short: " + body.length + " of " + length);
        } else {
            body = readToEnd();
        }
        return new Response(statusLine, status, headers, body);
    }

    /** Everything until the server closes. */
    byte[] readToEnd() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toByteArray();
    }

    /**
     * True if the server has closed the connection: the next read finds end of file (or a reset)
     * rather than data. A server that keeps the connection open makes this wait for the 5 s
     * timeout and then fail, so use it only where closing is expected.
     */
    boolean closedByServer() throws IOException {
        try {
            int c = in.read();
            if (c >= 0) throw new AssertionError("expected the server to close, but it sent byte " + c);
            return true;
        } catch (SocketException e) {
            return true; // reset: closed, less politely
        }
    }

    /**
     * True if the server ended the connection with a clean end of file (FIN), false if it reset
     * it. A server that closes a socket with unread input in it resets the connection, and a reset
     * may destroy a response the client has not read yet; see HTTPConnection.lingeringClose.
     */
    boolean cleanEndOfFile() throws IOException {
        try {
            int c = in.read();
            if (c >= 0) throw new AssertionError("expected the server to close, but it sent byte " + c);
            return true;
        } catch (SocketException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Shows partial input readably in failure messages. */
    private static String show(CharSequence s) {
        return "'" + s.toString().replace("\r", "\\r").replace("\n", "\\n") + "'";
    }
}
