package tornado.http1connection;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import tornado.trace.Mirrors;

/**
 * Gunzips a body that arrives in pieces: feed it each piece ({@link #feed}), take out
 * decompressed bytes at most {@code maxLength} at a time ({@link #decompress}) until it asks for
 * more, and say when the input has ended ({@link #finish}). Tornado's {@code util.GzipDecompressor}
 * is a thin wrapper of Python's {@code zlib.decompressobj(16 + MAX_WBITS)}, which understands
 * the gzip wrapper by itself. The JDK's only gzip reader, {@code GZIPInputStream}, pulls from a
 * blocking stream, and our bytes are pushed to us a piece at a time, so this class reads the
 * wrapper itself (RFC 1952: a header, the deflate data, a trailer with a CRC-32 and the length)
 * and hands the deflate data in between to an {@link Inflater}.
 *
 * <p>What it refuses, each with a {@link Malformed} saying why: a wrong magic number or method,
 * reserved flag bits, a header longer than {@link #MAX_HEADER} bytes (its name and comment fields
 * have no length of their own), corrupt deflate data, a wrong CRC or length, bytes after a member
 * that do not start another one, and input that ends in the middle of a member. Python's
 * decompressor is looser: it ignores whatever follows the first member, and its {@code flush}
 * does not notice truncated input. Several members one after another are one body, as RFC 1952
 * says and as {@code GZIPInputStream} reads them.
 */
@Mirrors("util.GzipDecompressor 4.5")
final class GzipDecompressor {
    /**
     * The longest gzip header we read. Its file name and comment fields end only at a zero byte,
     * so without a bound a client could send an endless header; gzip(1) writes a file's name,
     * which fits many times over. Small also because the header is parsed again from its start
     * each time a piece adds to it (simple, and cheap at this size even fed a byte at a time).
     */
    static final int MAX_HEADER = 8 * 1024;
    private static final byte[] EMPTY = new byte[0];

    // Flag bits of the header's FLG byte (RFC 1952 §2.3.1).
    private static final int FHCRC = 2, FEXTRA = 4, FNAME = 8, FCOMMENT = 16, RESERVED = 0xE0;

    private enum State { HEADER, DATA, TRAILER, BETWEEN_MEMBERS }

    /** What is wrong with the gzip data. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    private final Inflater inflater = new Inflater(true); // raw deflate: we read the wrapper
    private final CRC32 crc = new CRC32();
    private State state = State.HEADER;
    /** The piece being read, and how far into it the header or trailer reader has got. */
    private byte[] in = EMPTY;
    private int pos;
    /** The header or trailer bytes gathered so far: either may be split between two pieces. */
    private final ByteArrayOutputStream wrapper = new ByteArrayOutputStream();
    /** Decompressed bytes of the current member (the trailer checks it, modulo 2^32). */
    private long memberSize;
    /** Whether any input arrived at all: no body is an empty body, not a truncated one. */
    private boolean anyInput;

    /** The next piece of compressed input. Take out everything {@link #decompress} gives first. */
    @Mirrors("util.GzipDecompressor.decompress 4.5")
    void feed(byte[] piece) {
        if (pos < in.length || (state == State.DATA && !inflater.needsInput())) {
            throw new IllegalStateException("feed() before decompress() used up the previous piece");
        }
        if (piece.length == 0) return;
        anyInput = true;
        in = piece;
        pos = 0;
        if (state == State.DATA) handToInflater();
    }

    /**
     * Up to {@code maxLength} decompressed bytes; an empty array when the input fed so far is used
     * up and more is needed. Tornado's {@code decompress(value, max_length)} with its
     * {@code unconsumed_tail}: the caller asks again until it gets nothing, so a small piece of
     * input that inflates to a lot comes out {@code maxLength} bytes at a time.
     */
    @Mirrors("util.GzipDecompressor.decompress 4.5")
    byte[] decompress(int maxLength) throws Malformed {
        while (true) {
            switch (state) {
                case HEADER -> {
                    if (!readHeader()) return EMPTY;
                    state = State.DATA;
                    handToInflater();
                }
                case DATA -> {
                    byte[] out = new byte[maxLength];
                    int n;
                    try {
                        n = inflater.inflate(out);
                    } catch (DataFormatException e) {
                        throw new Malformed("corrupt deflate data (" + e.getMessage() + ")");
                    }
                    if (n > 0) {
                        crc.update(out, 0, n);
                        memberSize += n;
                    }
                    if (inflater.finished()) {
                        // The deflate data has ended; what the inflater did not take is the trailer.
                        pos = in.length - inflater.getRemaining();
                        state = State.TRAILER;
                    } else if (n == 0) {
                        if (inflater.needsDictionary()) throw new Malformed("deflate data needs a preset dictionary");
                        if (inflater.needsInput()) return EMPTY;
                        // Tornado 6's check: input left and nothing comes out of it.
                        throw new Malformed("deflate data that makes no progress");
                    }
                    if (n > 0) return n == maxLength ? out : Arrays.copyOf(out, n);
                }
                case TRAILER -> {
                    if (!readTrailer()) return EMPTY;
                    state = State.BETWEEN_MEMBERS;
                }
                case BETWEEN_MEMBERS -> {
                    if (pos == in.length) return EMPTY;
                    // More bytes after a whole member: RFC 1952 allows another member; the header
                    // reader refuses anything else.
                    inflater.reset();
                    crc.reset();
                    memberSize = 0;
                    state = State.HEADER;
                }
            }
        }
    }

    /** The input has ended: it must end where a member ends. */
    @Mirrors("util.GzipDecompressor.flush 4.5")
    void finish() throws Malformed {
        if (state == State.BETWEEN_MEMBERS || !anyInput) return;
        String where = switch (state) {
            case HEADER -> "in its header";
            case DATA -> "in its deflate data";
            default -> "in its trailer";
        };
        throw new Malformed("gzip data truncated " + where);
    }

    /** Frees the inflater's native memory at once, rather than when it is collected. */
    void close() {
        inflater.end();
    }

    private void handToInflater() {
        inflater.setInput(in, pos, in.length - pos);
        pos = in.length;
    }

    /**
     * Adds the rest of the piece to the header gathered so far; true once the whole header is in
     * (RFC 1952 §2.3), with {@code pos} at the first byte after it. Those bytes can only be from
     * this piece: had the header been complete before it, the previous call would have said so.
     */
    private boolean readHeader() throws Malformed {
        if (pos == in.length) return false;
        wrapper.write(in, pos, in.length - pos);
        pos = in.length;
        byte[] h = wrapper.toByteArray();
        int end = headerEnd(h);
        if (end > MAX_HEADER || (end == 0 && h.length > MAX_HEADER)) {
            throw new Malformed("gzip header longer than " + MAX_HEADER + " bytes");
        }
        if (end == 0) return false;
        pos = in.length - (h.length - end);
        wrapper.reset();
        return true;
    }

    /**
     * The length of the header at the start of {@code h} if it is complete, 0 if more bytes are
     * needed; throws as soon as what is there cannot be a gzip header.
     */
    private static int headerEnd(byte[] h) throws Malformed {
        int n = h.length;
        if (n >= 1 && (h[0] & 0xff) != 0x1f || n >= 2 && (h[1] & 0xff) != 0x8b) {
            throw new Malformed("not gzip data (it does not start with the bytes 1f 8b)");
        }
        if (n >= 3 && h[2] != 8) throw new Malformed("gzip compression method " + h[2] + ", only 8 (deflate) exists");
        if (n < 10) return 0;
        int flags = h[3] & 0xff;
        if ((flags & RESERVED) != 0) throw new Malformed("gzip header with reserved flag bits set");
        int at = 10;
        if ((flags & FEXTRA) != 0) {
            if (n < at + 2) return 0;
            at += 2 + ((h[at] & 0xff) | (h[at + 1] & 0xff) << 8);
            if (n < at) return 0;
        }
        for (int field : new int[] {FNAME, FCOMMENT}) {
            if ((flags & field) == 0) continue;
            while (at < n && h[at] != 0) at++;
            if (at >= n) return 0;
            at++; // the zero byte
        }
        if ((flags & FHCRC) != 0) {
            if (n < at + 2) return 0;
            CRC32 headerCrc = new CRC32();
            headerCrc.update(h, 0, at);
            int expected = (h[at] & 0xff) | (h[at + 1] & 0xff) << 8;
            if (((int) headerCrc.getValue() & 0xffff) != expected) throw new Malformed("gzip header CRC does not match");
            at += 2;
        }
        return n >= at ? at : 0;
    }

    /** Reads the 8-byte trailer (CRC-32, then the length modulo 2^32, both little-endian) and checks it. */
    private boolean readTrailer() throws Malformed {
        while (pos < in.length && wrapper.size() < 8) wrapper.write(in[pos++]);
        if (wrapper.size() < 8) return false;
        byte[] t = wrapper.toByteArray();
        wrapper.reset();
        long crcSent = littleEndian(t, 0);
        long sizeSent = littleEndian(t, 4);
        if (crcSent != crc.getValue()) throw new Malformed("gzip CRC-32 does not match the data");
        if (sizeSent != (memberSize & 0xffffffffL)) {
            throw new Malformed("gzip length " + sizeSent + " does not match the " + memberSize + " bytes the data inflated to");
        }
        return true;
    }

    private static long littleEndian(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }
}
