package newarch.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads and writes single arrays in NumPy's {@code .npy} format
 * (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html).
 *
 * <p>Reads format versions 1.0, 2.0 and 3.0 holding little-endian, C-ordered arrays of
 * {@code <f2 <f4 <f8 |i1 <i4 <i8 |u1 |b1}. Writes version 1.0 the way {@code np.save} does: the
 * header dict padded with spaces and ended by a newline so the data starts 64-byte aligned.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Magic, two version bytes and the 2-byte header length of a version 1.0 file. */
    private static final int V1_PREAMBLE = MAGIC.length + 4;
    private static final int ALIGNMENT = 64;
    private static final String SUPPORTED = "<f2, <f4, <f8, |i1, <i4, <i8, |u1, |b1";

    private Npy() {
    }

    /** The array stored in {@code file}; a 0-d file gives a rank-0 scalar. */
    public static INDArray read(Path file) {
        ByteBuffer bytes = FileBytes.readAll(file);
        NpyHeader header = readHeader(bytes, file);
        DataType type = dataType(header, file);
        long size;
        try {
            size = TensorBytes.byteSize(type, header.shape());
        } catch (ArithmeticException e) {
            throw new NpyFormatException(file, "shape " + Arrays.toString(header.shape()) + " is too large");
        }
        // Bytes after the data are ignored, as np.load does (several arrays may share one file).
        if (bytes.remaining() < size) {
            throw new NpyFormatException(file, "truncated data: shape " + Arrays.toString(header.shape())
                    + " of " + header.descr() + " needs " + size + " bytes but " + bytes.remaining() + " follow the header");
        }
        return TensorBytes.read(bytes, type, header.shape());
    }

    /** Writes {@code array} (any view or ordering) as a little-endian, C-ordered version 1.0 file. */
    public static void write(Path file, INDArray array) {
        NpyDtype dtype = NpyDtype.of(array.dataType()).orElseThrow(() -> new IllegalArgumentException(
                "cannot write " + array.dataType() + " to " + file + ": .npy supports " + SUPPORTED));
        byte[] header = headerBytes(new NpyHeader(dtype.descr(), false, array.shape()));
        FileBytes.write(file, header, List.of(array));
    }

    private static byte[] headerBytes(NpyHeader header) {
        String dict = header.toPython();
        // Spaces then '\n' end the header so the data starts on a 64-byte boundary.
        int padding = Math.floorMod(-(V1_PREAMBLE + dict.length() + 1), ALIGNMENT);
        byte[] text = (dict + " ".repeat(padding) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        return ByteBuffer.allocate(V1_PREAMBLE + text.length).order(ByteOrder.LITTLE_ENDIAN)
                .put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text)
                .array();
    }

    /** Parses everything before the data, leaving {@code bytes} positioned at the first data byte. */
    private static NpyHeader readHeader(ByteBuffer bytes, Path file) {
        byte[] magic = new byte[MAGIC.length];
        if (bytes.remaining() >= magic.length) {
            bytes.get(magic);
        }
        if (!Arrays.equals(magic, MAGIC)) {
            throw new NpyFormatException(file, "not a .npy file (bad magic, expected \\x93NUMPY)");
        }
        if (bytes.remaining() < 2) {
            throw new NpyFormatException(file, "truncated header (no version)");
        }
        int major = bytes.get() & 0xFF;
        int minor = bytes.get() & 0xFF;
        if (major < 1 || major > 3 || minor != 0) {
            throw new NpyFormatException(file, "unsupported .npy format version " + major + "." + minor);
        }
        int lengthSize = major == 1 ? 2 : 4;
        if (bytes.remaining() < lengthSize) {
            throw new NpyFormatException(file, "truncated header (no header length)");
        }
        long length = major == 1 ? Short.toUnsignedLong(bytes.getShort()) : Integer.toUnsignedLong(bytes.getInt());
        if (bytes.remaining() < length) {
            throw new NpyFormatException(file, "truncated header: " + length + " bytes declared, "
                    + bytes.remaining() + " present");
        }
        // Version 3.0 exists only to allow UTF-8 in the header; earlier versions are Latin-1.
        Charset charset = major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        String text = new String(bytes.array(), bytes.position(), (int) length, charset);
        bytes.position(bytes.position() + (int) length);
        try {
            return NpyHeader.parse(text);
        } catch (IllegalArgumentException e) {
            throw new NpyFormatException(file, "malformed header: " + e.getMessage());
        }
    }

    private static DataType dataType(NpyHeader header, Path file) {
        String descr = header.descr();
        NpyDtype dtype = descr.length() < 2 ? null : NpyDtype.ofCode(descr.substring(1)).orElse(null);
        if (dtype == null) {
            throw new NpyFormatException(file, "unsupported dtype '" + descr + "' (supported: " + SUPPORTED + ")");
        }
        char order = descr.charAt(0);
        boolean singleByte = dtype.dataType().width() == 1;
        if (order == '>' && !singleByte) {
            throw new NpyFormatException(file, "big-endian dtype '" + descr + "' is not supported (save it as '<"
                    + descr.substring(1) + "')");
        }
        // Byte order is irrelevant for 1-byte types, which NumPy marks '|' ("not applicable").
        if (order != '<' && !(singleByte && (order == '|' || order == '>'))) {
            throw new NpyFormatException(file, "unsupported dtype '" + descr + "' (supported: " + SUPPORTED + ")");
        }
        if (header.fortranOrder()) {
            throw new NpyFormatException(file,
                    "fortran_order=True is not supported (save a C-ordered array, e.g. np.ascontiguousarray)");
        }
        return dtype.dataType();
    }
}
