package tornado.httputil;

import java.util.Arrays;
import java.util.Objects;

import tornado.trace.Mirrors;

/**
 * A file uploaded through a {@code multipart/form-data} form: the name the browser gave it, the
 * type it declared, and its bytes exactly as sent.
 *
 * <p>It mirrors {@code HTTPFile} in {@code tornado/httputil.py}, a dictionary with the keys
 * {@code filename}, {@code content_type} and {@code body}. {@link BodyArguments} makes them; the
 * request keeps them in {@code files}, by form field name, a list per name because one field may
 * carry several files.
 *
 * <p>A record holding an array compares arrays by identity, which is never what a test wants, so
 * {@code equals}, {@code hashCode} and {@code toString} look at the bytes (and toString only at
 * how many there are: a file may be megabytes of binary).
 *
 * @param filename    the file name as the client sent it; never trust it as a path
 * @param contentType the part's Content-Type, {@code application/unknown} if it had none (as in
 *                    Tornado)
 * @param body        the file's bytes, not decoded in any way
 */
@Mirrors("httputil.HTTPFile")
public record HTTPFile(String filename, String contentType, byte[] body) {

    @Override
    public boolean equals(Object o) {
        return o instanceof HTTPFile f && Objects.equals(filename, f.filename)
                && Objects.equals(contentType, f.contentType) && Arrays.equals(body, f.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(filename, contentType, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "HTTPFile[filename=" + filename + ", contentType=" + contentType + ", "
                + (body == null ? "no body" : body.length + " bytes") + "]";
    }
}
