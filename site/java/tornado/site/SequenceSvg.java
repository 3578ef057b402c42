package tornado.site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tornado.trace.TraceEvent;

/**
 * Draws a recorded trace as a sequence picture: one lifeline per layer of the server, one arrow
 * per step, in order.
 *
 * <p>A layer is a package of ours ({@code ioloop}, {@code netutil}, {@code iostream},
 * {@code httpserver}, {@code web}, or the walkthrough's own code), taken from the file each
 * event names. The lifelines stand in the order of DESIGN.md §1's chain, the loop at the left
 * and the application at the right, so the arrows of one request run left to right as it climbs
 * the chain and jump back to the loop when it waits. A layer the chain does not know comes last. An arrow goes from the layer of the previous step to the
 * layer of this one. When a step sits higher in the chain than the one before (its depth is
 * smaller), the previous chain of calls has returned to the loop and the loop started a new
 * one; that arrow is dashed, so the callback boundaries the code cannot show on a stack are
 * visible at a glance. Colours tell connections apart; each arrow links to its row in the table.
 *
 * <p>We draw it ourselves rather than through PlantUML: this is about a hundred lines, it
 * needs nothing at build time, and it keeps asciidoctorj-diagram (and its Java and Ruby start-up)
 * out of the site build. It also lets each arrow link to its table row, which a generated
 * diagram would make awkward.
 */
final class SequenceSvg {
    private SequenceSvg() {}

    // The right margin leaves room for the label of a step that loops on the last lifeline.
    private static final int GUTTER = 52, LANE = 164, TOP = 62, ROW = 24, PAD = 18, RIGHT = 140;
    private static final String[] COLOURS = {"#7a7a7a", "#1f6fb2", "#c2571a", "#2e8540", "#8e44ad", "#b8860b"};

    /** The layer an event belongs to: the package under {@code tornado/}, or the file's directory. */
    static String layer(TraceEvent e) {
        String f = e.file() == null ? "" : e.file();
        String[] parts = f.split("/");
        if (parts.length >= 3 && parts[0].equals("tornado")) return parts[1];
        return parts.length >= 2 ? parts[parts.length - 2] : "?";
    }

    private static final List<String> CHAIN = List.of(
            "ioloop", "netutil", "iostream", "httputil", "httpserver", "escape", "web", "walkthroughs");

    private static int rank(String layer) {
        int i = CHAIN.indexOf(layer);
        return i < 0 ? CHAIN.size() : i;
    }

    static String className(TraceEvent e) {
        String j = e.java() == null ? "" : e.java();
        int paren = j.indexOf('(');
        String head = paren < 0 ? j : j.substring(0, paren);
        int dot = head.lastIndexOf('.');
        return dot < 0 ? head : head.substring(0, dot);
    }

    static String svg(List<TraceEvent> events, String rowIdPrefix) {
        Map<String, Set<String>> lanes = new LinkedHashMap<>();
        for (TraceEvent e : events) lanes.computeIfAbsent(layer(e), k -> new LinkedHashSet<>()).add(className(e));
        List<String> order = new ArrayList<>(lanes.keySet());
        order.sort(java.util.Comparator.comparingInt(SequenceSvg::rank));
        int width = GUTTER + order.size() * LANE + RIGHT;
        int height = TOP + events.size() * ROW + PAD;
        StringBuilder b = new StringBuilder(4096 + events.size() * 400);
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sequence\" role=\"img\" width=\"").append(width)
         .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
         .append("\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\" font-size=\"12\">\n");
        b.append("<title>The chain as recorded: ").append(events.size()).append(" steps across ")
         .append(order.size()).append(" layers</title>\n");
        b.append("<defs>");
        for (int c = 0; c < COLOURS.length; c++) {
            b.append("<marker id=\"").append(rowIdPrefix).append("arrow").append(c)
             .append("\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">")
             .append("<path d=\"M0,0 L10,5 L0,10 z\" fill=\"").append(COLOURS[c]).append("\"/></marker>");
        }
        b.append("</defs>\n");
        // Lifelines and their heads.
        for (int i = 0; i < order.size(); i++) {
            int x = laneX(i);
            String name = order.get(i);
            b.append("<g class=\"lane\"><rect x=\"").append(x - LANE / 2 + 8).append("\" y=\"6\" width=\"").append(LANE - 16)
             .append("\" height=\"40\" rx=\"6\" fill=\"#f4f1ea\" stroke=\"#c9c1b0\"/>");
            b.append("<text x=\"").append(x).append("\" y=\"22\" text-anchor=\"middle\" font-weight=\"600\">")
             .append(Html.esc(cut(String.join(" · ", lanes.get(name)), 21))).append("</text>");
            b.append("<text x=\"").append(x).append("\" y=\"38\" text-anchor=\"middle\" fill=\"#6b6458\" font-size=\"11\">")
             .append(Html.esc(name)).append("</text>");
            b.append("<line x1=\"").append(x).append("\" y1=\"46\" x2=\"").append(x).append("\" y2=\"").append(height - 6)
             .append("\" stroke=\"#c9c1b0\" stroke-dasharray=\"4 4\"/></g>\n");
        }
        int prevLane = -1, prevDepth = 0;
        for (int i = 0; i < events.size(); i++) {
            TraceEvent e = events.get(i);
            int lane = order.indexOf(layer(e));
            int y = TOP + i * ROW + ROW / 2;
            int colour = Math.floorMod(e.conn(), COLOURS.length);
            String stroke = COLOURS[colour];
            boolean dashed = i > 0 && e.depth() < prevDepth;
            b.append("<a href=\"#").append(rowIdPrefix).append(e.seq()).append("\"><g class=\"step\">");
            b.append("<title>#").append(e.seq()).append(" c").append(e.conn()).append(' ').append(Html.esc(e.step()));
            if (e.detail() != null && !e.detail().isEmpty()) b.append(" — ").append(Html.esc(e.detail()));
            b.append("\n").append(Html.esc(e.java())).append("</title>");
            b.append("<text x=\"6\" y=\"").append(y + 4).append("\" fill=\"#6b6458\" font-size=\"11\">#").append(e.seq())
             .append("</text>");
            int x2 = laneX(lane);
            String marker = " marker-end=\"url(#" + rowIdPrefix + "arrow" + colour + ")\"";
            String dash = dashed ? " stroke-dasharray=\"5 3\"" : "";
            if (prevLane == lane) {
                // A step that stays in its layer: a small loop on the lifeline, label to its right.
                b.append("<path d=\"M").append(x2).append(',').append(y - 7).append(" h18 v14 h-16\" fill=\"none\" stroke=\"")
                 .append(stroke).append("\" stroke-width=\"1.5\"").append(dash).append(marker).append("/>");
                label(b, x2 + 24, y + 4, "start", e.step());
            } else {
                int x1 = prevLane < 0 ? GUTTER - 8 : laneX(prevLane);
                int end = x2 + (x2 > x1 ? -3 : 3);
                b.append("<line x1=\"").append(x1).append("\" y1=\"").append(y).append("\" x2=\"").append(end)
                 .append("\" y2=\"").append(y).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"1.5\"")
                 .append(dash).append(marker).append("/>");
                label(b, (x1 + x2) / 2, y - 4, "middle", e.step());
            }
            b.append("</g></a>\n");
            prevLane = lane;
            prevDepth = e.depth();
        }
        b.append("</svg>");
        return b.toString();
    }

    private static void label(StringBuilder b, int x, int y, String anchor, String text) {
        // A halo of the page's colour keeps a label readable where it crosses a lifeline.
        b.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" text-anchor=\"").append(anchor)
         .append("\" paint-order=\"stroke\" stroke=\"#fffdf8\" stroke-width=\"4\" fill=\"#2b2620\">")
         .append(Html.esc(text)).append("</text>");
    }

    private static int laneX(int lane) {
        return GUTTER + lane * LANE + LANE / 2;
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
