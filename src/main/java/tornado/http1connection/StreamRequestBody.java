package tornado.http1connection;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import tornado.trace.Mirrors;

/**
 * Marks a chapter 5 handler that takes its request body as it arrives instead of buffered:
 * Tornado 4.0's {@code @stream_request_body}. The handler also implements {@link StreamingHandler};
 * on chapter 7's coroutine connection its {@code dataReceived} is called for every piece of the
 * body, the connection reading the next piece only when the future it returned is done, and its
 * {@code post} (or {@code put}) runs once the body has ended, with an empty {@code request().body()}.
 *
 * <p>On chapter 4's callback connection there is no way to stream: the 2.4 chain reads a body
 * whole, within its limits ({@code maxBodySize}, the read buffer, the body budget), before it
 * calls the application, and chapter 5 knows nothing of this mark. There {@code dataReceived} is
 * never called and the handler finds the whole body in {@code request().body()}; a handler meant
 * for both connections (the hello walkthrough's {@code /upload-sha256}) reads it from there.
 */
@Mirrors("web.stream_request_body 4.0")
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StreamRequestBody {
    /**
     * This handler's body limit, in bytes, instead of the server's {@code maxBodySize}
     * (Tornado's {@code self.request.connection.set_max_body_size}); -1 keeps the server's.
     */
    long maxBodySize() default -1;
}
