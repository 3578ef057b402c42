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

    private static TraceEvent ev(int seq, int conn, String step, String file, String java, int depth) {
        return new TraceEvent(seq, conn, step, java, file, 10, "", depth, "main");
    }

    private static final String LOOP = "tornado/ioloop/IOLoop.java", NET = "tornado/netutil/TCPServer.java",
            STREAM = "tornado/iostream/IOStream.java";

    private static final List<TraceEvent> TRACE = List.of(
            ev(1, 1, "connect", STREAM, "IOStream.connect(IOStream.java:10)", 5),
            ev(2, 0, "poll", LOOP, "IOLoop.runOnce(IOLoop.java:10)", 0),
            ev(3, 2, "accept", NET, "TCPServer.accept(TCPServer.java:10)", 2),
            ev(4, 2, "read_until", STREAM, "IOStream.readUntil(IOStream.java:10)", 5),
            ev(5, 1, "_handle_events", STREAM, "IOStream.handleEvents(IOStream.java:10)", 2),
            ev(6, 1, "write", STREAM, "IOStream.write(IOStream.java:10)", 5),
            ev(7, 2, "_handle_events", STREAM, "IOStream.handleEvents(IOStream.java:10)", 2));

    private static Document draw() {
        return Jsoup.parse(SequenceSvg.svg(TRACE, "t-"), "", Parser.xmlParser());
    }

    @Test
    void eachConnectionHasItsOwnStreamLifelineNamedByItsRole() {
        List<String> heads = draw().select("g.lane > text[font-weight=600]").eachText();
        assertEquals(List.of("IOLoop", "TCPServer", "IOStream c1 (client)", "IOStream c2 (server)"), heads);
    }

    @Test
    void theSameStepOnTwoConnectionsLandsOnTwoLifelines() {
        Document svg = draw();
        // Step 5 is c1's _handle_events, step 7 c2's: their arrows must end at different x.
        Element five = svg.selectFirst("a[href=#t-5] line"), seven = svg.selectFirst("a[href=#t-7] line");
        assertNotNull(five);
        assertNotNull(seven);
        assertTrue(Math.abs(Double.parseDouble(five.attr("x2")) - Double.parseDouble(seven.attr("x2"))) > 100,
                "c1 and c2 share a lifeline: " + five + " / " + seven);
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
