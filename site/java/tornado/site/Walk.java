package tornado.site;

import java.util.ArrayList;
import java.util.List;

import tornado.trace.TraceEvent;
import tornado.walkthroughs.Walkthrough;
import tornado.walkthroughs.Walkthroughs;

/**
 * One walkthrough as the book shows it: who it is, which chapter it belongs to, and the trace it
 * left when the build ran it a moment ago.
 *
 * @param name       what a reader types ({@code tcp-echo})
 * @param chapter    the stem of its chapter's file ({@code 03-netutil})
 * @param summary    one sentence
 * @param events     the recorded trace, in order
 * @param transcript what our client sent and received
 * @param file       its class's source under {@code walkthroughs/} ({@code tornado/walkthroughs/TcpEcho.java}),
 *                   so that its source page links back to its chapter; null when unknown
 */
record Walk(String name, String chapter, String summary, List<TraceEvent> events, String transcript, String file) {

    /** Where the walkthroughs of a build come from. */
    interface Source {
        List<Walk> record(Problems problems);
    }

    /**
     * The real walkthroughs: each runs in this JVM on an ephemeral port, our client sends its
     * scripted request, and the trace it leaves is what the chapter shows. A walkthrough that
     * fails or records nothing fails the build: the book must not show a trace from yesterday.
     */
    static Source recorded() {
        return problems -> {
            List<Walk> out = new ArrayList<>();
            for (Walkthrough w : Walkthroughs.all()) {
                try {
                    Walkthroughs.Recorded r = Walkthroughs.record(w.name());
                    if (r.events().isEmpty()) {
                        problems.add("walkthrough " + w.name(), "recorded no trace events (is tracing wired into its chain?)");
                    }
                    out.add(new Walk(w.name(), w.chapter(), w.summary(), r.events(), r.transcript(), sourceOf(w)));
                } catch (Exception e) {
                    problems.add("walkthrough " + w.name(), "failed while the site recorded its trace: " + e);
                }
            }
            return out;
        };
    }

    private static String sourceOf(Walkthrough w) {
        // A nested or anonymous class lives in its top-level class's file.
        Class<?> c = w.getClass();
        while (c.getEnclosingClass() != null) c = c.getEnclosingClass();
        return c.getName().replace('.', '/') + ".java";
    }

    /** Walkthroughs given as they are (the fixture tests use this). */
    static Source given(List<Walk> walks) {
        return problems -> walks;
    }
}
