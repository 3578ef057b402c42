import java.util.List;

import tornado.httputil.HTTPHeaders;
import tornado.httputil.ResponseHead;

/**
 * What a hello response's head costs in Java alone, without a socket: its five headers set on
 * a new {@code HTTPHeaders} (each name and value checked, as every header is) and the head and
 * its 12-byte body written by {@code ResponseHead.format}, in ns, the best of six rounds of
 * 2,000,000; then the three default headers of a RequestHandler response set one by one and
 * copied from a set made before; then ten lookups in a response's five headers and the check of
 * its Etag's value. On a shared machine the end-to-end CPU figures of bench/run move by more than the
 * few per cent this is; a loop on one thread settles it. The comments of HTTPHeaders and
 * ResponseHead that cite this command give its figures before and after their change.
 *
 * <pre>java -cp target/classes bench/HeadCost.java</pre>
 */
public class HeadCost {
    static long sink;

    public static void main(String[] args) {
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 6; round++) {
            int n = 2_000_000;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                HTTPHeaders headers = new HTTPHeaders();
                headers.set("Server", "TornadoServer/2.4.1 (read in Java)");
                headers.set("Content-Type", "text/html; charset=UTF-8");
                headers.set("Date", "Wed, 02 Dec 2026 00:50:00 GMT");
                headers.set("Etag", "\"0123456789012345678901234567890123456789\"");
                headers.set("Content-Length", "12");
                sink += ResponseHead.format(200, null, headers, List.of(), new byte[12]).length;
            }
            double ns = (System.nanoTime() - t0) / (double) n;
            best = Math.min(best, ns);
            System.out.printf("round %d: %.1f ns for five headers set and the head written%n", round, ns);
        }
        System.out.printf("best: %.1f ns%n", best);

        // The three defaults every RequestHandler response starts with: set and checked one by
        // one, or copied from a set made (and checked) once a second (RequestHandler.defaultHeaders).
        HTTPHeaders template = defaults();
        double set = Double.MAX_VALUE;
        double copied = Double.MAX_VALUE;
        for (int round = 0; round < 6; round++) {
            int n = 5_000_000;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) sink += defaults().size();
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) sink += new HTTPHeaders(template).size();
            long t2 = System.nanoTime();
            set = Math.min(set, (t1 - t0) / (double) n);
            copied = Math.min(copied, (t2 - t1) / (double) n);
        }
        System.out.printf("the three default headers: %.1f ns set one by one, %.1f ns copied%n", set, copied);

        // What finish and flush ask of a hello response's five headers: ten lookups, most of
        // them of absent names (HTTPHeaders.find), and the check of the Etag's 42 chars that
        // setHeader makes (HTTPHeaders.checkResponseValue).
        HTTPHeaders five = defaults();
        String etag = "\"0123456789012345678901234567890123456789\"";
        five.set("Etag", etag);
        five.set("Content-Length", "12");
        String[] asked = {"Etag", "Content-Length", "Transfer-Encoding", "Connection", "Content-Length",
                "Transfer-Encoding", "Content-Type", "Set-Cookie", "Vary", "Content-Encoding"};
        double lookups = Double.MAX_VALUE;
        double check = Double.MAX_VALUE;
        for (int round = 0; round < 6; round++) {
            int n = 5_000_000;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) for (String name : asked) sink += five.contains(name) ? 1 : 0;
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) sink += HTTPHeaders.checkResponseValue("header ", "Etag", etag).length();
            long t2 = System.nanoTime();
            lookups = Math.min(lookups, (t1 - t0) / (double) n);
            check = Math.min(check, (t2 - t1) / (double) n);
        }
        System.out.printf("ten lookups: %.1f ns; the Etag's check: %.1f ns%n", lookups, check);
    }

    private static HTTPHeaders defaults() {
        HTTPHeaders headers = new HTTPHeaders();
        headers.set("Server", "TornadoServer/2.4.1 (read in Java)");
        headers.set("Content-Type", "text/html; charset=UTF-8");
        headers.set("Date", "Wed, 02 Dec 2026 00:50:00 GMT");
        return headers;
    }
}
