/**
 * Chapter 5, part one: escape, the text transformations a web application needs at its edges.
 *
 * <p>This mirrors {@code tornado/escape.py}: escaping for HTML ({@code xhtml_escape}), for URLs
 * ({@code url_escape}), JSON in and out ({@code json_encode}, {@code json_decode}), and the
 * conversions between text and the bytes on the wire ({@code utf8}, {@code to_unicode}). The web
 * framework built in this chapter calls it wherever a value crosses into a page, a URL, a JSON
 * body or a socket.
 *
 * <p>From the chapters below it uses {@code httputil}'s percent-encoding
 * ({@link tornado.httputil.UrlCodec}); the query-string parser Tornado keeps in
 * {@code escape.parse_qs_bytes} is already in {@code httputil}
 * ({@link tornado.httputil.QueryStrings}), where the server needed it first. Nothing here does
 * I/O.
 *
 * <p>Reading order: {@link tornado.escape.Escape} (every function, by Tornado's names), then
 * the JSON pair it delegates to, {@link tornado.escape.JsonWriter} and
 * {@link tornado.escape.JsonReader} with its {@link tornado.escape.JsonDecodeError}, and last
 * {@link tornado.escape.Linkify} and the entity table, {@link tornado.escape.HtmlEntities}.
 */
package tornado.escape;
