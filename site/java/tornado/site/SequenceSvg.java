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
 * event names. The lifelines stand in the order of the chain (ARCHITECTURE.adoc, "The
 * chain"), the loop at the left
 * and the application at the right, so the arrows of one request run left to right as it climbs
 * the chain and jump back to the loop when it waits. A layer the chain does not know comes last.
 * An arrow is drawn only where one step really led to the next ({@link #sourceOf}): from the
 * previous step of the same connection, or from the loop when the loop ran this step as a
 * handler or a callback; the loop interleaves the connections, but an arrow never joins two of
 * them. A hand-off (the loop ran it, or the chain it was in had returned: it sits higher in the
 * chain than the step before it) is dashed, so the callback boundaries the code cannot show on
 * a stack are visible at a glance; a call within one chain is solid. Each arrow links to its row
 * in the table.
 *
 * <p>A walkthrough's own client talks to the server over the same loop, so one trace holds two
 * streams: the client's and the server's. Each connection's stream gets a lifeline of its own
 * ("IOStream c1 (client)", "IOStream c2 (server)"), side by side in the iostream layer; the
 * connection that made a {@code connect} step is the client's, the one that was accepted is the
 * server's. Colours still tell the connections apart on the arrows.
 *
 * <p>A label stands above its arrow on a patch of the page's colour, so the line never runs
 * through a name (an underscore would read as a strike) and a lifeline it crosses stays behind it.
 *
 * <p>We draw it ourselves rather than through PlantUML: this is about a hundred lines, it
 * needs nothing at build time, and it keeps asciidoctorj-diagram (and its Java and Ruby start-up)
 * out of the site build. It also lets each arrow link to its table row, which a generated
 * diagram would make awkward.
 */
final class SequenceSvg {
    private SequenceSvg() {}

    // The right margin leaves room for the label of a step that loops on the last lifeline. Six
    // lanes (chapter 5's) fit the 998 px of the text column at 1280 px; a picture with more
    // lanes is scaled to fit there by the stylesheet, and scrolls in its own box on a phone.
    private static final int GUTTER = 52, LANE = 140, ROW = 24, PAD = 18, RIGHT = 104;
    /** A head's lines: one per class, then the connection, then the layer. */
    private static final int HEAD_LINE = 14, HEAD_CHARS = 18;
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

    /** The layer whose lifelines are split by connection: one stream per socket. */
    private static final String PER_CONNECTION = "iostream";

    /**
     * The lifeline an event is drawn on: its layer, or for a stream's step, the layer and the
     * connection ({@code "iostream c2"}), since every connection has a stream of its own.
     */
    static String lane(TraceEvent e) {
        String layer = layer(e);
        return layer.equals(PER_CONNECTION) && e.conn() > 0 ? layer + " c" + e.conn() : layer;
    }

    /**
     * Which end each connection is: the side the trace recorded with each of its events
     * ({@code client} for a stream that connected out, {@code server} for one the server accepted).
     */
    static Map<Integer, String> roles(List<TraceEvent> events) {
        Map<Integer, String> roles = new LinkedHashMap<>();
        for (TraceEvent e : events) {
            if (e.conn() <= 0 || e.side().isEmpty()) continue;
            roles.putIfAbsent(e.conn(), e.side());
        }
        return roles;
    }

    private static int connOf(String lane) {
        int at = lane.lastIndexOf(" c");
        return at < 0 ? 0 : Integer.parseInt(lane.substring(at + 2));
    }

    private static String layerOf(String lane) {
        int at = lane.lastIndexOf(" c");
        return at < 0 ? lane : lane.substring(0, at);
    }

    /**
     * The bold lines of a lifeline's head: each of its classes on a line of its own, so that
     * "Application" and "RequestHandler" both show whole in a lane's width, and for a stream a
     * last line saying whose it is ("c2 (server)").
     */
    static List<String> head(String lane, Set<String> classes, Map<Integer, String> roles) {
        List<String> lines = new ArrayList<>();
        for (String c : classes) lines.add(cut(c, HEAD_CHARS));
        int conn = connOf(lane);
        if (conn != 0) {
            String role = roles.get(conn);
            lines.add("c" + conn + (role == null ? "" : " (" + role + ")"));
        }
        return lines;
    }

    /**
     * Where the arrow of step {@code i} starts: the lane of the step before it in the same story,
     * that is on the same connection (the loop's own steps, conn 0, form a story of their own),
     * when nothing ran in between on the loop's lane; otherwise the loop's lane, because the loop
     * is what ran this step, as a handler or a callback. -1 for a first step that nothing before
     * it started (a client's {@code connect}, made by the program itself).
     *
     * <p>An arrow therefore never joins two connections: the server stream's step and the client
     * stream's next one are two stories the loop interleaves, not a call from one to the other.
     */
    static int sourceOf(List<TraceEvent> events, int i, List<String> order) {
        TraceEvent e = events.get(i);
        int loopLane = -1;
        for (int k = i - 1; k >= 0; k--) {
            TraceEvent p = events.get(k);
            if (p.conn() == e.conn()) return loopLane >= 0 ? loopLane : order.indexOf(lane(p));
            if (p.conn() == 0 && loopLane < 0) loopLane = order.indexOf(lane(p));
        }
        return loopLane;
    }

    /** Whether the arrow of step {@code i} is a hand-off (dashed) rather than a call (solid). */
    static boolean handOff(List<TraceEvent> events, int i, List<String> order) {
        TraceEvent e = events.get(i);
        for (int k = i - 1; k >= 0; k--) {
            TraceEvent p = events.get(k);
            if (p.conn() == e.conn()) {
                // The loop ran this step after others, or the chain it was in had returned
                // (it stands higher in the chain than the step before it): a callback boundary.
                return sourceOf(events, i, order) != order.indexOf(lane(p)) || e.depth() < p.depth();
            }
        }
        return sourceOf(events, i, order) >= 0;
    }

    static String svg(List<TraceEvent> events, String rowIdPrefix) {
        Map<String, Set<String>> lanes = new LinkedHashMap<>();
        for (TraceEvent e : events) lanes.computeIfAbsent(lane(e), k -> new LinkedHashSet<>()).add(className(e));
        Map<Integer, String> roles = roles(events);
        List<String> order = new ArrayList<>(lanes.keySet());
        // By the chain, then the streams of one layer by connection (the client's, made first, is c1).
        order.sort(java.util.Comparator.comparingInt((String l) -> rank(layerOf(l))).thenComparingInt(SequenceSvg::connOf));
        int headLines = 1;
        for (String l : order) headLines = Math.max(headLines, head(l, lanes.get(l), roles).size() + 1);
        int headHeight = 10 + headLines * HEAD_LINE;
        int top = 6 + headHeight + 12;
        int width = GUTTER + order.size() * LANE + RIGHT;
        int height = top + events.size() * ROW + PAD;
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
            b.append("<g class=\"lane\"><rect x=\"").append(x - LANE / 2 + 6).append("\" y=\"6\" width=\"").append(LANE - 12)
             .append("\" height=\"").append(headHeight).append("\" rx=\"6\" fill=\"#f4f1ea\" stroke=\"#c9c1b0\"/>");
            List<String> lines = head(name, lanes.get(name), roles);
            b.append("<text x=\"").append(x).append("\" y=\"20\" text-anchor=\"middle\" font-weight=\"600\">");
            for (int k = 0; k < lines.size(); k++) {
                b.append("<tspan x=\"").append(x).append("\" dy=\"").append(k == 0 ? 0 : HEAD_LINE).append("\">")
                 .append(k == 0 ? "" : " ").append(Html.esc(lines.get(k))).append("</tspan>");
            }
            b.append("</text>");
            b.append("<text x=\"").append(x).append("\" y=\"").append(20 + lines.size() * HEAD_LINE)
             .append("\" text-anchor=\"middle\" fill=\"#6b6458\" font-size=\"11\">").append(Html.esc(layerOf(name))).append("</text>");
            b.append("<line x1=\"").append(x).append("\" y1=\"").append(6 + headHeight).append("\" x2=\"").append(x)
             .append("\" y2=\"").append(height - 6).append("\" stroke=\"#c9c1b0\" stroke-dasharray=\"4 4\"/></g>\n");
        }
        for (int i = 0; i < events.size(); i++) {
            TraceEvent e = events.get(i);
            int lane = order.indexOf(lane(e));
            int y = top + i * ROW + ROW / 2;
            int colour = Math.floorMod(e.conn(), COLOURS.length);
            String stroke = COLOURS[colour];
            int from = sourceOf(events, i, order);
            boolean dashed = handOff(events, i, order);
            b.append("<a href=\"#").append(rowIdPrefix).append(e.seq()).append("\"><g class=\"step\">");
            b.append("<title>#").append(e.seq()).append(" c").append(e.conn()).append(' ').append(Html.esc(e.step()));
            if (e.detail() != null && !e.detail().isEmpty()) b.append(" — ").append(Html.esc(e.detail()));
            b.append("\n").append(Html.esc(e.java())).append("</title>");
            b.append("<text x=\"6\" y=\"").append(y + 4).append("\" fill=\"#6b6458\" font-size=\"11\">#").append(e.seq())
             .append("</text>");
            int x2 = laneX(lane);
            String marker = " marker-end=\"url(#" + rowIdPrefix + "arrow" + colour + ")\"";
            String dash = dashed ? " stroke-dasharray=\"5 3\"" : "";
            if (from == lane) {
                // A step that stays in its layer: a small loop on the lifeline, label to its right.
                b.append("<path d=\"M").append(x2).append(',').append(y - 7).append(" h18 v14 h-16\" fill=\"none\" stroke=\"")
                 .append(stroke).append("\" stroke-width=\"1.5\"").append(dash).append(marker).append("/>");
                label(b, x2 + 24, y + 4, false, e.step());
            } else {
                int x1 = from < 0 ? GUTTER - 8 : laneX(from);
                int end = x2 + (x2 > x1 ? -3 : 3);
                b.append("<line x1=\"").append(x1).append("\" y1=\"").append(y).append("\" x2=\"").append(end)
                 .append("\" y2=\"").append(y).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"1.5\"")
                 .append(dash).append(marker).append("/>");
                // Above the line, clear of it: the baseline sits 5 px up, so even an underscore
                // stays off the arrow.
                label(b, (x1 + x2) / 2, y - 5, true, e.step());
            }
            b.append("</g></a>\n");
        }
        b.append("</svg>");
        return b.toString();
    }

    /** Width of a 12 px label, a little generous: the patch behind it must cover every glyph. */
    static int labelWidth(String text) {
        return (int) Math.ceil(text.length() * 6.8) + 6;
    }

    /**
     * A step's name on a patch of the page's colour (class {@code label-bg}), centred on
     * {@code x} or starting at it; {@code y} is the text's baseline. The patch hides the
     * lifelines the name crosses, which a thin halo did not do for long names.
     */
    private static void label(StringBuilder b, int x, int y, boolean centred, String text) {
        int w = labelWidth(text);
        int left = centred ? x - w / 2 : x - 3;
        b.append("<rect class=\"label-bg\" x=\"").append(left).append("\" y=\"").append(y - 11).append("\" width=\"").append(w)
         .append("\" height=\"14\" rx=\"3\" fill=\"#fffdf8\" fill-opacity=\"0.92\"/>");
        b.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" text-anchor=\"").append(centred ? "middle" : "start")
         .append("\" fill=\"#2b2620\">").append(Html.esc(text)).append("</text>");
    }

    private static int laneX(int lane) {
        return GUTTER + lane * LANE + LANE / 2;
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
