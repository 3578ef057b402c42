package tornado.iostream;

import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tornado.trace.JavaOnly;
import tornado.trace.Trace;

/**
 * The one read an {@link IOStream} may have pending, as one value: what it waits for and whom to
 * call. There is one type per kind of read, and each answers the single question the stream asks
 * of it, every time bytes arrive: {@link #ready} — how much of the buffer can this read be given
 * now?
 *
 * <p>Tornado keeps a pending read in five attributes ({@code _read_delimiter},
 * {@code _read_regex}, {@code _read_bytes}, {@code _read_until_close}, {@code _read_partial}),
 * of which the one that is set says what kind of read it is, and {@code _read_from_buffer} tests
 * them in turn. A sealed type says the same thing once: a read is exactly one of these, with
 * exactly its own fields, and the compiler knows the list.
 */
@JavaOnly("Tornado keeps the pending read in several attributes of the stream; here it is one value")
sealed interface PendingRead {
    /** {@link #ready}: the buffer cannot satisfy this read yet. */
    int NOT_YET = -1;
    /** {@link #ready}: a delimiter or regex read has passed its {@code maxBytes} and never will be satisfied. */
    int OVER_LIMIT = -2;

    /** Who gets the bytes, once the read is satisfied. */
    Consumer<byte[]> callback();

    /**
     * How many bytes, from the front of {@code buffer}, this read can be handed now: a count
     * (0 and up), {@link #NOT_YET}, or {@link #OVER_LIMIT}. The only place that knows when a read
     * is satisfied; it does not change the buffer (a delimiter search remembers how far it got,
     * which only makes the next search cheaper).
     */
    int ready(ReadBuffer buffer);

    /** Where the pieces of a streaming read go as they arrive; null for a read answered in one piece. */
    default Consumer<byte[]> streamingCallback() {
        return null;
    }

    // tag::until-delimiter[]
    /**
     * A delimiter or regex read: it may have a limit, {@code maxBytes} (negative for none), past
     * which it closes the stream or, with {@code onMaxBytes}, is dropped and reported.
     */
    sealed interface Search extends PendingRead {
        int maxBytes();

        /** What runs instead of closing when the limit is passed; null to close. */
        Runnable onMaxBytes();

        /** What is searched for, for the error message. */
        String what();

        /** The answer for a search that found its end at {@code end}, or did not ({@code end < 0}) in {@code size} bytes. */
        default int answer(int end, int size) {
            int needed = end >= 0 ? end : size;
            if (maxBytes() >= 0 && needed > maxBytes()) return OVER_LIMIT;
            return end >= 0 ? end : NOT_YET;
        }
    }

    /**
     * {@code readUntil}: everything up to and including the delimiter, or the other delimiter
     * ({@code orDelimiter}, null for none) if that comes first.
     */
    record UntilDelimiter(byte[] delimiter, byte[] orDelimiter, int maxBytes, Runnable onMaxBytes,
            Consumer<byte[]> callback) implements Search {
        @Override
        public int ready(ReadBuffer buffer) {
            return answer(buffer.findEnd(delimiter, orDelimiter), buffer.size());
        }

        @Override
        public String what() {
            return "delimiter " + Trace.show(delimiter) + (orDelimiter == null ? "" : " or " + Trace.show(orDelimiter));
        }
    }
    // end::until-delimiter[]

    /** {@code readUntilRegex}: everything up to and including the end of the first match. */
    record UntilRegex(Pattern regex, int maxBytes, Consumer<byte[]> callback) implements Search {
        @Override
        public int ready(ReadBuffer buffer) {
            Matcher m = regex.matcher(buffer.asLatin1());
            return answer(m.find() ? m.end() : -1, buffer.size());
        }

        @Override
        public Runnable onMaxBytes() {
            return null;
        }

        @Override
        public String what() {
            return "regex " + regex.pattern();
        }
    }

    /**
     * {@code readBytes}: exactly {@code n} bytes; with {@code partial}, whatever has arrived (at
     * least one byte, at most n); with a streaming callback, each piece as it arrives, and an
     * empty array for the callback once n have gone. A class, not a record: a streaming read
     * counts down what it still has to hand over.
     */
    final class Bytes implements PendingRead {
        private long remaining;
        private final boolean partial;
        private final Consumer<byte[]> streamingCallback;
        private final Consumer<byte[]> callback;

        Bytes(long n, boolean partial, Consumer<byte[]> streamingCallback, Consumer<byte[]> callback) {
            this.remaining = n;
            this.partial = partial;
            this.streamingCallback = streamingCallback;
            this.callback = callback;
        }

        // tag::bytes-ready[]
        @Override
        public int ready(ReadBuffer buffer) {
            int size = buffer.size();
            if (streamingCallback != null) {
                if (remaining == 0) return 0;
                return size > 0 ? (int) Math.min(size, remaining) : NOT_YET;
            }
            if (size >= remaining) return (int) remaining;
            return partial && size > 0 ? size : NOT_YET;
        }
        // end::bytes-ready[]

        /** A streaming read handed over {@code n} more bytes; true when that was the last of them. */
        boolean streamed(int n) {
            remaining -= n;
            return remaining == 0;
        }

        /**
         * The whole size of a read answered in one piece, when it is known: what the buffer can
         * allocate once, at exactly that size, instead of doubling its way up to it. -1 for a
         * partial or streaming read, whose pieces are handed over as they come.
         */
        long exactSize() {
            return partial || streamingCallback != null ? -1 : remaining;
        }

        @Override
        public Consumer<byte[]> streamingCallback() {
            return streamingCallback;
        }

        @Override
        public Consumer<byte[]> callback() {
            return callback;
        }
    }

    /**
     * {@code readUntilClose}: everything until the peer closes. Only the close satisfies it
     * ({@link IOStream#close(Throwable)} hands over the rest); a streaming one hands each piece
     * over as it arrives.
     */
    record UntilClose(Consumer<byte[]> streamingCallback, Consumer<byte[]> callback) implements PendingRead {
        @Override
        public int ready(ReadBuffer buffer) {
            return streamingCallback != null && buffer.size() > 0 ? buffer.size() : NOT_YET;
        }
    }
}
