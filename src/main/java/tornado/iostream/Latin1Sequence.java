package tornado.iostream;

import tornado.trace.JavaOnly;

/**
 * A view of bytes as characters, one byte to one char (ISO-8859-1), without copying them. It lets
 * {@code readUntilRegex} run a {@link java.util.regex.Pattern} straight over the read buffer, as
 * Python's {@code re} runs over {@code bytes}. Valid only until the buffer changes.
 */
@JavaOnly("Python regexes match bytes directly; Java's match a CharSequence, so we adapt")
final class Latin1Sequence implements CharSequence {
    private final byte[] bytes;
    private final int offset;
    private final int length;

    Latin1Sequence(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        return (char) (bytes[offset + index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new Latin1Sequence(bytes, offset + start, end - start);
    }

    @Override
    public String toString() {
        return new String(bytes, offset, length, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
