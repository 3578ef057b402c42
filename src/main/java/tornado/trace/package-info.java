/**
 * Chapter 0, the trace: the step-by-step record of a request's path through the server.
 *
 * <p>It sits below every other chapter and uses nothing but the JDK. Every later chapter reports
 * its steps here, with Tornado's name for the step ({@code accept}, {@code read_until},
 * {@code _on_headers}, {@code request_callback}, …), so a reader can watch the chain this book
 * follows (ARCHITECTURE.adoc, "The chain") happen rather than reconstruct it from a stack that
 * callbacks have torn apart.
 *
 * <p>This package also holds the two marks every chapter uses: {@link tornado.trace.Mirrors}
 * (which Tornado piece a Java piece mirrors) and {@link tornado.trace.JavaOnly} (a piece with no
 * Tornado counterpart, and why).
 *
 * <p>Reading order: {@link tornado.trace.Trace} (the switch and the call-site idiom),
 * {@link tornado.trace.TraceEvent} (what one step records), then the sinks:
 * {@link tornado.trace.TextSink}, {@link tornado.trace.JsonSink}, {@link tornado.trace.StepSink},
 * {@link tornado.trace.RecordingSink}.
 */
package tornado.trace;
