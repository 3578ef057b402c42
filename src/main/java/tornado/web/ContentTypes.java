package tornado.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import tornado.trace.JavaOnly;

/**
 * The Content-Type of a static file, from its name. Tornado asks Python's {@code mimetypes}
 * module, which knows the common extensions on every platform. Java's nearest equivalent,
 * {@link Files#probeContentType}, depends on what the operating system has installed (a minimal
 * container may know nothing at all), so a short table of the types a web site serves comes
 * first and the probe only covers the rest. A file no one recognises is
 * {@code application/octet-stream}, which a browser downloads rather than renders: Tornado 2.4
 * left such a file as {@code text/html}, which lets an uploaded file with a strange name run
 * scripts in the site's pages.
 */
@JavaOnly("stands in for Python's mimetypes module, whose answers Files.probeContentType cannot guarantee")
final class ContentTypes {
    private ContentTypes() {}

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("html", "text/html"),
            Map.entry("htm", "text/html"),
            Map.entry("css", "text/css"),
            Map.entry("js", "application/javascript"),
            Map.entry("mjs", "application/javascript"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("txt", "text/plain"),
            Map.entry("csv", "text/csv"),
            Map.entry("md", "text/markdown"),
            Map.entry("xml", "application/xml"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("zip", "application/zip"),
            Map.entry("gz", "application/gzip"),
            Map.entry("wasm", "application/wasm"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("webm", "video/webm"));

    /** The type for {@code file}, never null. */
    static String guess(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot >= 0) {
            String type = BY_EXTENSION.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
            if (type != null) return type;
        }
        try {
            String probed = Files.probeContentType(file);
            if (probed != null) return probed;
        } catch (IOException | SecurityException e) {
            // The probe is a guess; failing to guess is not an error.
        }
        return "application/octet-stream";
    }
}
