/**
 * Appendix A, options: the command-line parsing every walkthrough uses for {@code --port},
 * {@code --trace} and {@code --step}.
 *
 * <p>This mirrors {@code tornado/options.py}. Tornado's Hello-world opens with it (as the note
 * on the 2.4.1 chain reads it; site page 'The notes this book follows'):
 * {@code define("port", default=8888, type=int, help=...)}, then {@code parse_command_line()},
 * then {@code options.port}. The Java reader writes the same three steps:
 * {@code Option<Integer> port = options.define("port", 8888, Integer.class, "...")},
 * {@code options.parseCommandLine(args)}, {@code port.value()}.
 *
 * <p>It sits right above the trace in the chapter order and uses nothing from it but the two
 * marks ({@link tornado.trace.Mirrors}, {@link tornado.trace.JavaOnly}); every chapter above may
 * use it. It does no I/O of its own beyond printing help to the stream it is given.
 *
 * <p>Reading order: {@link tornado.options.Options} (define, parse the command line, help), then
 * {@link tornado.options.Option} (one defined option and its value), then
 * {@link tornado.options.ValueParsers} (how text becomes an Integer, a Boolean, a Duration), and
 * last the two signals a caller may see: {@link tornado.options.OptionsError} and
 * {@link tornado.options.HelpRequested}.
 */
package tornado.options;
