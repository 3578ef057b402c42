package tornado.httpserver;

import java.net.InetSocketAddress;

import tornado.iostream.IOStream;
import tornado.trace.JavaOnly;

/**
 * What an {@link HTTPRequest} needs of the connection it arrived on: a way to send the raw
 * response ({@link #write}, {@link #finish}), to learn that the client left, to close, and the
 * keep-alive decision. {@link HTTPConnection} is the 2.4 one; chapter 7's coroutine
 * {@code HTTP1Connection} is the other, so chapter 5's handlers, which talk only to this, run on
 * both. In Python any object with these methods would do; Java names them.
 */
@JavaOnly("Python's duck typing lets HTTPRequest.connection be either class; Java needs the shared methods named")
public interface RequestConnection {
    /** Sends {@code chunk} (raw bytes, the status line and headers included); {@code callback} runs when sent. */
    void write(byte[] chunk, Runnable callback);

    /** The response is complete. */
    void finish();

    /** Runs {@code callback} once when the connection closes (replaces an earlier one; null clears it). */
    void setCloseCallback(Runnable callback);

    void close();

    /** Whether the connection will stay open after the response to {@code request}. */
    boolean willKeepAlive(HTTPRequest request);

    IOStream stream();

    InetSocketAddress address();

    /** Whether requests here take their client address and protocol from X-headers. */
    boolean xheaders();
}
