package newarch.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class NpyTest {

    private static final Path FIXTURES = Path.of("..", "shared", "conformance", "fixtures");
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    @TempDir
    Path dir;

    static Stream<Arguments> dtypesAndShapes() {
        long[][] shapes = {{}, {5}, {2, 3, 4, 5}, {0}, {2, 0, 3}};
        DataType[] types = {DataType.FLOAT, DataType.DOUBLE, DataType.LONG, DataType.INT,
                DataType.UBYTE, DataType.BOOL, DataType.BYTE, DataType.HALF};
        return Arrays.stream(types).flatMap(t -> Arrays.stream(shapes).map(s -> Arguments.of(t, s)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndShapes")
    void roundTripsEveryDtypeAndShape(DataType type, long[] shape) {
        INDArray original = Samples.of(type, shape);
        Path file = dir.resolve("a.npy");
        Npy.write(file, original);
        Samples.assertSameTensor(original, Npy.read(file));
    }

    @Test
    void writesTheHeaderNumPyWritesForFloat32Matrix() throws IOException {
        Path file = dir.resolve("m.npy");
        Npy.write(file, Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, DataType.FLOAT));
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);

        assertArrayEquals(MAGIC, Arrays.copyOf(bytes.array(), 6));
        assertEquals(1, bytes.get(6), "major version");
        assertEquals(0, bytes.get(7), "minor version");
        int headerLength = bytes.getShort(8);
        assertEquals(0, (10 + headerLength) % 64, "data must start 64-byte aligned");
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
        String expected = dict + " ".repeat(headerLength - dict.length() - 1) + "\n";
        assertEquals(expected, new String(bytes.array(), 10, headerLength, StandardCharsets.ISO_8859_1));
        assertEquals(10 + headerLength + 6 * Float.BYTES, bytes.capacity(), "file size");
        assertEquals(1f, bytes.getFloat(10 + headerLength));
        assertEquals(6f, bytes.getFloat(10 + headerLength + 5 * Float.BYTES));
    }

    @Test
    void writesPythonTupleSyntaxForScalarAndVectorShapes() throws IOException {
        assertTrue(headerOf(Nd4j.scalar(2.5)).startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (), }"));
        assertTrue(headerOf(Nd4j.create(DataType.BOOL, 5)).startsWith("{'descr': '|b1', 'fortran_order': False, 'shape': (5,), }"));
        assertTrue(headerOf(Nd4j.create(DataType.UBYTE, 0, 4)).startsWith("{'descr': '|u1', 'fortran_order': False, 'shape': (0, 4), }"));
    }

    private String headerOf(INDArray array) throws IOException {
        Path file = dir.resolve("h.npy");
        Npy.write(file, array);
        byte[] bytes = Files.readAllBytes(file);
        return new String(bytes, 10, bytes.length - 10, StandardCharsets.ISO_8859_1);
    }

    @Test
    void writesNonContiguousViewsInCOrder() {
        INDArray matrix = Nd4j.arange(12).castTo(DataType.FLOAT).reshape(3, 4);
        INDArray columns = matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3));
        INDArray transposed = matrix.transpose();
        Path columnsFile = dir.resolve("columns.npy");
        Path transposedFile = dir.resolve("transposed.npy");

        Npy.write(columnsFile, columns);
        Npy.write(transposedFile, transposed);

        Samples.assertSameTensor(Nd4j.create(new float[] {1, 2, 5, 6, 9, 10}, new long[] {3, 2}, DataType.FLOAT),
                Npy.read(columnsFile));
        Samples.assertSameTensor(transposed.dup('c'), Npy.read(transposedFile));
        assertEquals(4f, Npy.read(transposedFile).getFloat(0, 1));
    }

    @Test
    void readsVersion2And3Headers() throws IOException {
        byte[] data = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(7).putInt(-8).putInt(9).array();
        Path v2 = write("v2.npy", npyBytes(2, "{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }\n", data));
        // Version 3.0 headers are UTF-8; NumPy needs it only for unicode field names, but any text may use it.
        Path v3 = write("v3.npy", npyBytes(3, "{\"descr\": '<i4', 'shape': (3,), 'fortran_order': False}  \n", data));

        INDArray expected = Nd4j.createFromArray(7, -8, 9);
        Samples.assertSameTensor(expected, Npy.read(v2));
        Samples.assertSameTensor(expected, Npy.read(v3));
    }

    @Test
    void readsPython2LongShapes() throws IOException {
        byte[] data = ByteBuffer.allocate(2).put((byte) 1).put((byte) 0).array();
        Path file = write("py2.npy", npyBytes(1, "{'descr': '|b1', 'fortran_order': False, 'shape': (1L, 2L), }\n", data));
        Samples.assertSameTensor(Nd4j.create(new boolean[] {true, false}, new long[] {1, 2}, DataType.BOOL), Npy.read(file));
    }

    @Test
    void readsPyTorchMadeFloat32Fixture() throws IOException {
        Path file = FIXTURES.resolve("sdpa_basic/inputs/query.npy");
        assumeTrue(Files.isRegularFile(file), "shared fixtures not present at " + FIXTURES.toAbsolutePath());

        INDArray query = Npy.read(file);

        assertEquals(DataType.FLOAT, query.dataType());
        assertArrayEquals(new long[] {2, 2, 5, 8}, query.shape());
        // Decode the first and last elements straight from the file to check the data offset and order.
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int dataStart = 10 + Short.toUnsignedInt(bytes.getShort(8));
        assertEquals(bytes.getFloat(dataStart), query.getFloat(0, 0, 0, 0));
        assertEquals(bytes.getFloat(dataStart + 4 * 8), query.getFloat(0, 0, 1, 0));
        assertEquals(bytes.getFloat(bytes.capacity() - 4), query.getFloat(1, 1, 4, 7));
    }

    @Test
    void readsPyTorchMadeInt64Fixture() {
        Path file = FIXTURES.resolve("perfect_shuffle_8/expected/perm.npy");
        assumeTrue(Files.isRegularFile(file), "shared fixtures not present at " + FIXTURES.toAbsolutePath());

        INDArray perm = Npy.read(file);

        Samples.assertSameTensor(Nd4j.createFromArray(0L, 4L, 1L, 5L, 2L, 6L, 3L, 7L), perm);
    }

    @Test
    void rejectsBadMagic() throws IOException {
        Path file = write("bad.npy", "PK\u0003\u0004 not numpy at all".getBytes(StandardCharsets.ISO_8859_1));
        assertFormatError(file, "magic");
        assertFormatError(write("empty.npy", new byte[0]), "magic");
    }

    @Test
    void rejectsTruncatedData() throws IOException {
        byte[] full = npyBytes(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }\n", new byte[32]);
        assertFormatError(write("short.npy", Arrays.copyOf(full, full.length - 1)), "truncated data");
    }

    @Test
    void rejectsTruncatedHeader() throws IOException {
        byte[] full = npyBytes(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }\n", new byte[16]);
        assertFormatError(write("cut.npy", Arrays.copyOf(full, 30)), "truncated header");
        assertFormatError(write("cut2.npy", Arrays.copyOf(full, 9)), "truncated header");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<c8", "<U3", "|O", "<f4x", "|f4", "f4"})
    void rejectsUnsupportedDtypes(String descr) throws IOException {
        Path file = write("dtype.npy", npyBytes(1, "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (1,), }\n", new byte[16]));
        assertFormatError(file, "unsupported dtype '" + descr + "'");
    }

    @Test
    void rejectsStructuredDtypes() throws IOException {
        String header = "{'descr': [('x', '<f4'), ('y', '<i4')], 'fortran_order': False, 'shape': (1,), }\n";
        assertFormatError(write("struct.npy", npyBytes(1, header, new byte[8])), "unsupported dtype");
    }

    @Test
    void rejectsBigEndianData() throws IOException {
        Path file = write("be.npy", npyBytes(1, "{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }\n", new byte[8]));
        assertFormatError(file, "big-endian");
    }

    @Test
    void acceptsAnyByteOrderMarkOnSingleByteTypes() throws IOException {
        Path file = write("u1.npy", npyBytes(1, "{'descr': '<u1', 'fortran_order': False, 'shape': (2,), }\n", new byte[] {(byte) 200, 3}));
        Samples.assertSameTensor(Nd4j.create(new byte[] {(byte) 200, 3}, new long[] {2}, DataType.UBYTE), Npy.read(file));
    }

    @Test
    void rejectsFortranOrder() throws IOException {
        Path file = write("f.npy", npyBytes(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }\n", new byte[16]));
        assertFormatError(file, "fortran_order");
    }

    @Test
    void rejectsUnknownVersionAndMalformedHeaders() throws IOException {
        assertFormatError(write("v9.npy", npyBytes(9, "{}\n", new byte[0])), "version 9.0");
        assertFormatError(write("dict.npy", npyBytes(1, "{'descr': '<f4', 'shape': (2,)\n", new byte[8])), "malformed header");
        assertFormatError(write("keys.npy", npyBytes(1, "{'descr': '<f4', 'shape': (2,)}\n", new byte[8])), "malformed header");
        assertFormatError(write("neg.npy", npyBytes(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (-2,), }\n", new byte[8])),
                "malformed header");
    }

    @Test
    void reportsMissingFile() {
        Path missing = dir.resolve("nope.npy");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.read(missing));
        assertEquals("no such file: " + missing, e.getMessage());
    }

    @Test
    void refusesToWriteTypesNumPyFilesHereCannotHold() {
        Path file = dir.resolve("bf16.npy");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Npy.write(file, Nd4j.create(DataType.BFLOAT16, 2)));
        Samples.assertOneLineNaming(file, e);
    }

    private void assertFormatError(Path file, String expectedProblem) {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(file));
        Samples.assertOneLineNaming(file, e);
        assertTrue(e.getMessage().contains(expectedProblem), () -> "expected '" + expectedProblem + "' in: " + e.getMessage());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /** A .npy file laid out by hand from the format spec: magic, version, header length, header, data. */
    private static byte[] npyBytes(int major, String header, byte[] data) {
        Charset charset = major >= 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        byte[] headerBytes = header.getBytes(charset);
        ByteBuffer length = ByteBuffer.allocate(major == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            length.putShort((short) headerBytes.length);
        } else {
            length.putInt(headerBytes.length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        out.write(major);
        out.write(0);
        out.writeBytes(length.array());
        out.writeBytes(headerBytes);
        out.writeBytes(data);
        return out.toByteArray();
    }
}
