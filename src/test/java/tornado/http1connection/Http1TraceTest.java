package tornado.http1connection;

import java.util.List;

import org.junit.jupiter.api.Test;

import tornado.testing.Chains;
import tornado.trace.TraceEvent;
import tornado.walkthroughs.HelloCoroutine;

/**
 * The 4.x chain in Tornado's names, as {@code hello-coroutine --trace} shows it and the site
 * records it: handle_stream → start_serving → _server_request_loop → read_response →
 * _read_message → headers_received → finish → write → finish → _finish_request.
 */
class Http1TraceTest {
    @Test
    void goldenChainOfOneGetOnTheCoroutineConnection() throws Exception {
        List<TraceEvent> server = Chains.serverSideOfScriptedRun(new HelloCoroutine());
        Chains.assertChain(List.of("netutil.accept_handler", "TCPServer.handle_stream", "HTTPServer.handle_stream",
                "HTTP1ServerConnection.start_serving", "HTTP1ServerConnection._server_request_loop",
                "HTTP1Connection.read_response", "IOStream.read_until", "HTTP1Connection._read_message",
                "HTTPMessageDelegate.headers_received", "HTTPMessageDelegate.finish", "_CallableAdapter.request_callback",
                "Application.__call__", "RequestHandler._execute", "RequestHandler.get", "HTTP1Connection.write",
                "HTTP1Connection.finish", "HTTP1Connection._finish_request"), server);
    }

    /**
     * The scripted run's second request, a gzipped POST to a server made with
     * {@code decompressRequest}: the next turn of the request loop, and the gzip delegate between
     * the connection and the application, inflating the body on its way in.
     */
    @Test
    void aGzippedBodyGoesThroughTheGzipDelegateOnTheNextTurnOfTheLoop() throws Exception {
        List<TraceEvent> server = Chains.serverSideOfScriptedRun(new HelloCoroutine());
        Chains.assertChain(List.of("HTTP1Connection._finish_request", "HTTP1ServerConnection._server_request_loop",
                "HTTP1Connection.read_response", "HTTP1Connection._read_message", "HTTPMessageDelegate.headers_received",
                "_GzipMessageDelegate.headers_received", "IOStream.read_bytes", "HTTPMessageDelegate.data_received",
                "_GzipMessageDelegate.data_received", "HTTPMessageDelegate.finish", "_GzipMessageDelegate.finish",
                "_CallableAdapter.request_callback", "RequestHandler.post", "HTTP1Connection._finish_request"), server);
        TraceEvent inflated = server.stream().filter(e -> e.step().equals("_GzipMessageDelegate.data_received")).findFirst().orElseThrow();
        org.junit.jupiter.api.Assertions.assertTrue(inflated.detail().startsWith("13 bytes inflated from "), inflated.detail());
    }
}
