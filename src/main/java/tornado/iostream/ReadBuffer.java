package tornado.iostream;

import java.nio.ByteBuffer;
import java.util.Arrays;

import tornado.trace.Mirrors;

/**
 * The bytes an {@link IOStream} has read from its socket but not yet handed to a callback.
 * Mirrors the read-buffer half of iostream.py: v2.4.1 keeps a deque of chunks
 * ({@code _read_buffer}) and merges them when it searches; 4.x switched to one growing
 * {@code bytearray} with a start position, which is what we do, for the reasons below.
 *
 * <p>Three costs matter for a server, and each has its answer here:
 * <ul>
 *   <li><b>Slow clients.</b> A client that sends one byte per packet appends one byte at a time.
 *       Appending is amortised O(1) (the array doubles when it must grow), and a delimiter search
 *       starts where the last one stopped ({@link #scanned}), so reading an n-byte header costs
 *       O(n), not O(n²).</li>
 *   <li><b>Consuming from the front.</b> Handing out the first n bytes just moves {@code start};
 *       the bytes are shifted down only when the space at the front is worth reclaiming.</li>
 *   <li><b>Idle connections.</b> When everything has been consumed, the array is let go, so
 *       ten thousand idle keep-alive connections hold no read buffer at all; the next bytes
 *       get an array of their own size. (It buys 2 KiB per idle connection, the array this
 *       buffer used to keep: the server's heap per idle keep-alive connection went from 3,406
 *       to 1,342 bytes, measured with {@code bench/run}.) A request that arrives in one read then fills its array
 *       exactly and is handed out as it is, with no copy ({@link #consume}).</li>
 *   <li><b>Large bodies of known size.</b> Doubling up to 100 MiB allocates about twice the body
 *       and copies it at every step, and handing it out copies it once more. When the pending
 *       read says how many bytes it wants ({@link #expect}), the array grows once, to exactly
 *       that size, and once it is full it is handed out as it is, with no copy.</li>
 * </ul>
 */
@Mirrors({"iostream.IOStream._read_buffer", "iostream.IOStream._consume"})
final class ReadBuffer {
    /** An empty buffer keeps no array: an idle connection costs no read buffer. */
    static final int KEEP_WHEN_IDLE = 0;
    /**
     * The smallest array the buffer starts with: bytes that trickle in (a slow client's byte
     * at a time) then grow it by doubling from here rather than from a single byte. It is small
     * so that a short request head that arrives whole (wrk's {@code GET /} with a Host is 40
     * bytes) fills its array exactly and is handed out without a copy; at 64 such a head was
     * copied out, and uri-echo allocated 96 bytes more per request (1,401 against 1,305;
     * bench/README.adoc, "Per request").
     */
    private static final int FIRST_SIZE = 16;

    private byte[] data;
    private int start;
    private int end;
    /**
     * How many bytes from {@code start} have already been searched for the current delimiter
     * without finding it. The next search begins a little before this (a delimiter may straddle
     * the old end and the new bytes) rather than at the beginning.
     */
    private int scanned;
    /**
     * The size of the read now pending, when it is known ({@link #expect}); 0 otherwise. The
     * next time the array must grow, it grows to this, once.
     */
    private int expected;

    int size() {
        return end - start;
    }

    /** Copies what was just read into {@code chunk} (between position and limit) onto the end. */
    void append(ByteBuffer chunk) {
        int n = chunk.remaining();
        ensureRoom(n);
        chunk.get(data, end, n);
        end += n;
    }

    /**
     * The pending read wants exactly {@code n} bytes (a body with a {@code Content-Length}).
     * Nothing is allocated yet: a body that fits in the array we have is read into it as usual.
     * But if the array must grow while this read is pending, it grows once, to {@code n}, and the
     * stream reads no byte past that ({@code IOStream.readToBuffer}), so the full array is the
     * body and {@link #consume} hands it out without copying. The array is not allocated when
     * the headers announce the body, only when its bytes arrive and need the room.
     */
    void expect(int n) {
        expected = n;
    }

    private void ensureRoom(int n) {
        int live = end - start;
        if (expected > 0 && live + n <= expected && (data == null || start + live + n > data.length)) {
            // The read's whole size is known and the array is too small for it: one allocation,
            // of exactly that size, instead of doubling.
            byte[] exact = new byte[expected];
            if (live > 0) System.arraycopy(data, start, exact, 0, live);
            data = exact;
            start = 0;
            end = live;
            return;
        }
        if (data == null) {
            // Exactly what arrived: when it is one whole request head, consume hands this very
            // array to the callback instead of copying it.
            data = new byte[Math.max(FIRST_SIZE, n)];
            start = end = 0;
            return;
        }
        if (end + n <= data.length) return;
        if (live + n <= data.length && start >= data.length / 2) {
            // More than half the array is consumed bytes at the front: slide the live bytes down
            // instead of growing. Doing this only past the halfway mark keeps the copying
            // amortised O(1) per byte.
            System.arraycopy(data, start, data, 0, live);
        } else {
            long want = Math.max((long) live + n, (long) data.length * 2);
            byte[] bigger = new byte[(int) Math.min(want, Integer.MAX_VALUE - 8)];
            System.arraycopy(data, start, bigger, 0, live);
            data = bigger;
        }
        start = 0;
        end = live;
    }

    /**
     * The position (relative to the first unconsumed byte) just past the first {@code delimiter},
     * or past the first {@code other} if that comes earlier (null for none), or -1. Remembers how
     * far it looked, so calling again after more bytes arrive only searches the new bytes (plus
     * the longer delimiter's length less one before them, where a delimiter could straddle).
     */
    int findEnd(byte[] delimiter, byte[] other) {
        int live = end - start;
        int longest = other == null ? delimiter.length : Math.max(delimiter.length, other.length);
        int from = Math.max(0, scanned - (longest - 1));
        for (int i = from; i < live; i++) {
            int found = startsHere(delimiter, i, live) ? delimiter.length
                    : other != null && startsHere(other, i, live) ? other.length : 0;
            if (found > 0) {
                // Remember the hit: asked again before the buffer changes (the stream first asks
                // whether a read can be satisfied, then takes the bytes), the search starts here.
                scanned = i;
                return i + found;
            }
        }
        scanned = live;
        return -1;
    }

    private boolean startsHere(byte[] delimiter, int at, int live) {
        if (data[start + at] != delimiter[0] || at + delimiter.length > live) return false;
        for (int j = 1; j < delimiter.length; j++) {
            if (data[start + at + j] != delimiter[j]) return false;
        }
        return true;
    }

    /** Forgets how far the last delimiter search got: the next read looks for something else. */
    void resetScan() {
        scanned = 0;
    }

    /** The unconsumed bytes as characters, for a regex search; valid until the buffer changes. */
    CharSequence asLatin1() {
        return new Latin1Sequence(data == null ? new byte[0] : data, start, end - start);
    }

    /** Removes the first {@code n} bytes and returns them as their own array. */
    byte[] consume(int n) {
        if (n > size()) throw new IllegalArgumentException("consume " + n + " of " + size() + " buffered bytes");
        expected = 0;
        if (n == 0) return new byte[0];
        if (start == 0 && n == data.length) {
            // The array holds exactly these bytes (a body read with expect, or a request head
            // that arrived in one read): it is the answer.
            byte[] out = data;
            data = null;
            start = end = scanned = 0;
            return out;
        }
        byte[] out = Arrays.copyOfRange(data, start, start + n);
        start += n;
        scanned = Math.max(0, scanned - n);
        if (start == end) {
            start = end = 0;
            data = null;
        }
        return out;
    }

    /** The array behind the buffer (null when released); tests use it to check idle memory. */
    int capacity() {
        return data == null ? 0 : data.length;
    }
}
