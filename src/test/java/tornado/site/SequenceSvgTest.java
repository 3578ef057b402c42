package tornado.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

import tornado.trace.TraceEvent;

/**
 * The sequence picture drawn from a small made-up trace: a client connects (c1), the server
 * accepts (c2), each side's stream reads and writes. Checked on the SVG itself, read back as XML:
 * which lifelines exist, and where each label stands relative to its arrow.
 */
class SequenceSvgTest {

    /** Connection 1 is the client's end (it connected out), every other connection the server's. */
    private static TraceEvent ev(int seq, int conn, String step, String file, String java, int depth) {
        String side = conn == 0 ? TraceEvent.LOOP : conn == 1 ? TraceEvent.CLIENT : TraceEvent.SERVER;
        return new TraceEvent(seq, conn, step, java, file, 10, "", depth, "main", 0, side);
    }

    private static final String LOOP = "tornado/ioloop/IOLoop.java", NET = "tornado/netutil/TCPServer.java",
            STREAM = "tornado/iostream/IOStream.java";

    private static final List<TraceEvent> TRACE = List.of(
            ev(1, 1, "IOStream.connect", STREAM, "IOStream.connect(IOStream.java:10)", 5),
            ev(2, 0, "IOLoop.poll", LOOP, "IOLoop.runOnce(IOLoop.java:10)", 0),
            ev(3, 2, "netutil.accept_handler", NET, "TCPServer.accept(TCPServer.java:10)", 2),
            ev(4, 2, "IOStream.read_until", STREAM, "IOStream.readUntil(IOStream.java:10)", 5),
            ev(5, 1, "IOStream._handle_events", STREAM, "IOStream.handleEvents(IOStream.java:10)", 2),
            ev(6, 1, "IOStream.write", STREAM, "IOStream.write(IOStream.java:10)", 5),
            ev(7, 2, "IOStream._handle_events", STREAM, "IOStream.handleEvents(IOStream.java:10)", 2));

    private static Document draw() {
        return Jsoup.parse(SequenceSvg.svg(TRACE, "t-"), "", Parser.xmlParser());
    }

    @Test
    void eachConnectionHasItsOwnStreamLifelineNamedByItsRole() {
        List<String> heads = draw().select("g.lane > text[font-weight=600]").eachText();
        assertEquals(List.of("IOLoop", "TCPServer", "IOStream c1 (client)", "IOStream c2 (server)"), heads);
        // Each class of a lane on a line of its own, whole, however many the lane has.
        Document two = Jsoup.parse(SequenceSvg.svg(List.of(
                ev(1, 2, "Application.__call__", "tornado/web/Application.java", "Application.handle(Application.java:10)", 4),
                ev(2, 2, "RequestHandler._execute", "tornado/web/RequestHandler.java", "RequestHandler.execute(RequestHandler.java:10)", 5)),
                "u-"), "", Parser.xmlParser());
        assertEquals(List.of("Application", "RequestHandler"), two.select("g.lane > text[font-weight=600] > tspan").eachText());
    }

    @Test
    void theSameStepOnTwoConnectionsLandsOnTwoLifelines() {
        Document svg = draw();
        // Step 5 is c1's _handle_events, step 7 c2's: their arrows must end at different x.
        double five = endX(svg.selectFirst("a[href=#t-5] g.step")), seven = endX(svg.selectFirst("a[href=#t-7] g.step"));
        assertTrue(Math.abs(five - seven) > 100, "c1 and c2 share a lifeline: " + five + " / " + seven);
    }

    /** The lifeline a step's arrow ends on: an arrow's end, or where a loop on one lifeline starts. */
    private static double endX(Element step) {
        Element line = step.selectFirst("line");
        if (line != null) return Double.parseDouble(line.attr("x2"));
        String d = step.selectFirst("path").attr("d");
        return Double.parseDouble(d.substring(1, d.indexOf(',')));
    }

    /** The x of each lane's lifeline, by the name in its head. */
    private static java.util.Map<String, Double> laneXs(Document svg) {
        java.util.Map<String, Double> out = new java.util.HashMap<>();
        for (Element g : svg.select("g.lane")) {
            out.put(g.selectFirst("text[font-weight=600]").text(), Double.parseDouble(g.selectFirst("line").attr("x1")));
        }
        return out;
    }

    @Test
    void anArrowJoinsOnlyAStepAndTheOneThatLedToIt() {
        Document svg = draw();
        var x = laneXs(svg);
        // Step 5 is the client stream's: the step before it in the trace is the server stream's
        // read_until (4), but nothing of the server's led to it. The loop ran it (poll, step 2,
        // came after the client's last step): the arrow comes from the loop, dashed.
        Element five = svg.selectFirst("a[href=#t-5] line");
        assertEquals(x.get("IOLoop"), Double.parseDouble(five.attr("x1")), five.outerHtml());
        assertEquals("5 3", five.attr("stroke-dasharray"), "a hand-off by the loop is dashed: " + five);
        // Step 4 is the server stream's read_until, called by the accept that came just before on
        // its connection: from TCPServer's lifeline to c2's stream, solid.
        Element four = svg.selectFirst("a[href=#t-4] line");
        assertEquals(x.get("TCPServer"), Double.parseDouble(four.attr("x1")), four.outerHtml());
        assertEquals(x.get("IOStream c2 (server)") - 3, Double.parseDouble(four.attr("x2")), four.outerHtml());
        assertEquals("", four.attr("stroke-dasharray"), "a call is solid: " + four);
        // No arrow anywhere starts on one connection's stream and ends on the other's.
        double c1 = x.get("IOStream c1 (client)"), c2 = x.get("IOStream c2 (server)");
        for (Element line : svg.select("a > g.step > line")) {
            double x1 = Double.parseDouble(line.attr("x1")), x2 = Double.parseDouble(line.attr("x2"));
            boolean across = (Math.abs(x1 - c1) < 4 && Math.abs(x2 - c2) < 4) || (Math.abs(x1 - c2) < 4 && Math.abs(x2 - c1) < 4);
            assertTrue(!across, "an arrow between the two streams: " + line.parent().outerHtml());
        }
        // Step 6, the client's write right after its own _handle_events: a step within its lane.
        assertNotNull(svg.selectFirst("a[href=#t-6] path"), "a call within one lane is a loop on its lifeline");
    }

    @Test
    void aLabelNeverSitsOnTheLineOfALoopOnALifeline() {
        for (Element step : draw().select("a > g.step:has(path)")) {
            Element path = step.selectFirst("path"), bg = step.selectFirst("rect.label-bg");
            // The loop is "M x,y-7 h18 v14 h-16": it spans x .. x+18; the label's patch starts right of it.
            double x = endX(step);
            assertTrue(Double.parseDouble(bg.attr("x")) > x + 18, "label over its loop: " + step.outerHtml());
        }
    }

    @Test
    void aLabelStandsAboveItsArrowOnABackground() {
        Document svg = draw();
        int arrows = 0;
        for (Element step : svg.select("a > g.step")) {
            Element line = step.selectFirst("line");
            if (line == null) continue; // a loop on one lifeline: its label is beside it, not on it
            arrows++;
            double lineY = Double.parseDouble(line.attr("y1"));
            Element text = step.selectFirst("text[text-anchor=middle]");
            Element bg = step.selectFirst("rect.label-bg");
            assertNotNull(text, step.outerHtml());
            assertNotNull(bg, "a label without its background: " + step.outerHtml());
            double baseline = Double.parseDouble(text.attr("y"));
            double bgBottom = Double.parseDouble(bg.attr("y")) + Double.parseDouble(bg.attr("height"));
            // The baseline clears the line by enough room for an underscore, and the patch ends
            // above the line too, so the line is never hidden nor drawn through the name.
            assertTrue(lineY - baseline >= 4, text.text() + ": baseline " + baseline + ", line " + lineY);
            assertTrue(bgBottom < lineY, text.text() + ": background reaches the line at " + lineY);
            // The background comes first, so the text is painted over it.
            assertTrue(bg.elementSiblingIndex() < text.elementSiblingIndex(), step.outerHtml());
        }
        assertTrue(arrows >= 4, "only " + arrows + " arrows between lifelines");
    }
}
