package tornado.http1connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import org.junit.jupiter.api.Test;

/**
 * The gzip reader under chapter 7's {@code decompressRequest}, fed the way the connection feeds
 * it: pieces of any size, split anywhere, including inside the header and the trailer.
 */
class GzipDecompressorTest {
    private static final byte[] TEXT = "the quick brown fox jumps over the lazy dog\n".repeat(500).getBytes(StandardCharsets.US_ASCII);

    @Test
    void aMemberWithEveryOptionalHeaderFieldReadsTheSameWhateverThePieceSize() throws Exception {
        byte[] gz = member(TEXT, true);
        for (int size : new int[] {1, 2, 3, 7, 64, gz.length}) {
            assertArrayEquals(TEXT, inflate(gz, size, 100), "pieces of " + size + " bytes");
        }
    }

    @Test
    void twoMembersOneAfterTheOtherAreOneBody() throws Exception {
        byte[] two = concat(member(TEXT, false), member(TEXT, true));
        assertArrayEquals(concat(TEXT, TEXT), inflate(two, 5, 4096));
    }

    @Test
    void whatIsNotAWholeGoodMemberIsRefusedWithTheReason() {
        byte[] gz = member(TEXT, true);
        assertRefused(concat(gz, "junk".getBytes(StandardCharsets.US_ASCII)), "not gzip data");
        assertRefused(java.util.Arrays.copyOf(gz, gz.length - 3), "truncated in its trailer");
        assertRefused(java.util.Arrays.copyOf(gz, 12), "truncated in its header");
        byte[] wrongLength = gz.clone();
        wrongLength[gz.length - 1] ^= 1;
        assertRefused(wrongLength, "gzip length");
        byte[] reserved = gz.clone();
        reserved[3] |= 0x20;
        assertRefused(reserved, "reserved flag bits");
        byte[] headerCrc = gz.clone();
        headerCrc[4] ^= 1; // MTIME, covered by the header's own CRC
        assertRefused(headerCrc, "header CRC");
        byte[] name = new byte[GzipDecompressor.MAX_HEADER];
        java.util.Arrays.fill(name, (byte) 'a'); // a file name that never ends
        byte[] longName = concat(new byte[] {0x1f, (byte) 0x8b, 8, 8, 0, 0, 0, 0, 0, 3}, name);
        assertRefused(longName, "gzip header longer than");
    }

    private static void assertRefused(byte[] data, String why) {
        GzipDecompressor.Malformed e = assertThrows(GzipDecompressor.Malformed.class, () -> inflate(data, 3, 1000));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    /** Feeds {@code data} in pieces of {@code size}, takes out at most {@code max} bytes at a time. */
    private static byte[] inflate(byte[] data, int size, int max) throws GzipDecompressor.Malformed {
        GzipDecompressor d = new GzipDecompressor();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < data.length; at += size) {
            d.feed(java.util.Arrays.copyOfRange(data, at, Math.min(data.length, at + size)));
            for (byte[] piece = d.decompress(max); piece.length > 0; piece = d.decompress(max)) {
                assertTrue(piece.length <= max);
                out.writeBytes(piece);
            }
        }
        d.finish();
        d.close();
        return out.toByteArray();
    }

    /** One gzip member, by hand (RFC 1952), optionally with FEXTRA, FNAME, FCOMMENT and FHCRC. */
    private static byte[] member(byte[] data, boolean allFields) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, (byte) (allFields ? 2 | 4 | 8 | 16 : 0), 1, 2, 3, 4, 0, 3});
        if (allFields) {
            m.writeBytes(new byte[] {5, 0, 'e', 'x', 't', 'r', 'a'});
            m.writeBytes("body.txt\0".getBytes(StandardCharsets.US_ASCII));
            m.writeBytes("a comment\0".getBytes(StandardCharsets.US_ASCII));
            CRC32 headerCrc = new CRC32();
            headerCrc.update(m.toByteArray());
            int c = (int) headerCrc.getValue();
            m.writeBytes(new byte[] {(byte) c, (byte) (c >> 8)});
        }
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        byte[] buf = new byte[4096];
        while (!deflater.finished()) m.write(buf, 0, deflater.deflate(buf));
        deflater.end();
        CRC32 crc = new CRC32();
        crc.update(data);
        writeLittleEndian(m, crc.getValue());
        writeLittleEndian(m, data.length);
        return m.toByteArray();
    }

    private static void writeLittleEndian(ByteArrayOutputStream m, long v) {
        for (int i = 0; i < 4; i++) m.write((int) (v >> (8 * i)));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
