package newarch.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The little of the tar format the Docker copy API needs: one file in, one file out. Testcontainers' own
 * copy helpers need a newer commons-compress than the one ND4J puts on the class path (see pom.xml).
 */
final class Tar {
    private static final int BLOCK = 512;

    private Tar() {
    }

    /** A ustar archive holding one regular file (mode 0644, owner root) named {@code name}. */
    static byte[] singleFile(String name, byte[] content) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 99) {
            throw new IllegalArgumentException("file name too long for a plain tar header: " + name);
        }
        byte[] header = new byte[BLOCK];
        System.arraycopy(nameBytes, 0, header, 0, nameBytes.length);
        octal(header, 100, 8, 0644);
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        octal(header, 124, 12, content.length);
        octal(header, 136, 12, System.currentTimeMillis() / 1000);
        header[156] = '0';
        put(header, 257, "ustar\0");
        put(header, 263, "00");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum) + "\0 ");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        out.writeBytes(content);
        out.writeBytes(new byte[padding(content.length) + 2 * BLOCK]);
        return out.toByteArray();
    }

    /** The content of the first regular file in a tar stream (PAX and GNU extension entries are skipped). */
    static byte[] firstFile(InputStream in) throws IOException {
        while (true) {
            byte[] header = in.readNBytes(BLOCK);
            if (header.length < BLOCK || header[0] == 0) {
                throw new IOException("the archive holds no regular file");
            }
            long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII).trim().replace("\0", ""), 8);
            byte type = header[156];
            byte[] data = in.readNBytes(Math.toIntExact(size));
            in.readNBytes(padding(size));
            if (type == '0' || type == 0) {
                return data;
            }
        }
    }

    private static int padding(long size) {
        return (int) ((BLOCK - size % BLOCK) % BLOCK);
    }

    private static void octal(byte[] header, int offset, int length, long value) {
        put(header, offset, String.format("%0" + (length - 1) + "o", value) + "\0");
    }

    private static void put(byte[] header, int offset, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, header, offset, b.length);
    }
}
