package newarch.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class SafetensorsTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsEveryDtype() {
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT, DataType.HALF, DataType.LONG,
                DataType.INT, DataType.BYTE, DataType.UBYTE, DataType.BOOL}) {
            tensors.put("t_" + type, Samples.of(type, 3, 4));
        }
        Path file = dir.resolve("all.safetensors");

        Safetensors.write(file, tensors);
        Map<String, INDArray> read = Safetensors.read(file);

        assertEquals(tensors.keySet(), read.keySet());
        tensors.forEach((name, expected) -> Samples.assertSameTensor(expected, read.get(name)));
    }

    @Test
    void readsBf16AsFloat() {
        INDArray bf16 = Samples.of(DataType.BFLOAT16, 2, 3);
        Path file = dir.resolve("bf16.safetensors");

        Safetensors.write(file, Map.of("w", bf16));

        Samples.assertSameTensor(bf16.castTo(DataType.FLOAT), Safetensors.read(file).get("w"));
    }

    @Test
    void roundTripsScalarEmptyFourDimensionalAndViewTensors() {
        INDArray matrix = Samples.of(DataType.FLOAT, 4, 5);
        Map<String, INDArray> tensors = Map.of(
                "scalar", Samples.of(DataType.DOUBLE),
                "vector", Samples.of(DataType.INT, 7),
                "empty", Samples.of(DataType.FLOAT, 0, 3),
                "four_d", Samples.of(DataType.LONG, 2, 3, 1, 4),
                "view", matrix.get(NDArrayIndex.interval(1, 3), NDArrayIndex.interval(0, 5, 2)));
        Path file = dir.resolve("shapes.safetensors");

        Safetensors.write(file, tensors);
        Map<String, INDArray> read = Safetensors.read(file);

        assertEquals(0, read.get("scalar").rank());
        tensors.forEach((name, expected) -> Samples.assertSameTensor(expected.dup('c'), read.get(name)));
    }

    @Test
    void readsHandBuiltFile() throws IOException {
        String json = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"b\":{\"dtype\":\"I64\",\"shape\":[3],\"data_offsets\":[16,40]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
                + "\"c\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[40,44]}}";
        ByteBuffer data = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        data.putFloat(1.5f).putFloat(-2f).putFloat(3.25f).putFloat(4f);
        data.putLong(-1L).putLong(1L << 40).putLong(7L);
        data.putShort((short) 0x3FC0).putShort((short) 0xC040); // bfloat16 1.5 and -3.0
        Path file = write("hand.safetensors", safetensorsBytes(json, data.array()));

        Map<String, INDArray> read = Safetensors.read(file);

        assertEquals(List.of("a", "b", "c"), new ArrayList<>(read.keySet()), "sorted by name");
        Samples.assertSameTensor(Nd4j.create(new float[] {1.5f, -2f, 3.25f, 4f}, new long[] {2, 2}, DataType.FLOAT), read.get("a"));
        Samples.assertSameTensor(Nd4j.createFromArray(-1L, 1L << 40, 7L), read.get("b"));
        Samples.assertSameTensor(Nd4j.createFromArray(1.5f, -3f), read.get("c"));
        assertEquals(Map.of("format", "pt"), Safetensors.readMetadata(file));
    }

    @Test
    void writesSortedNamesContiguousOffsetsAndPaddedHeader() throws IOException {
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        tensors.put("z", Nd4j.createFromArray(1f, 2f, 3f));
        tensors.put("a", Nd4j.createFromArray(9L));
        tensors.put("m", Nd4j.create(DataType.BOOL, 5));
        Path file = dir.resolve("layout.safetensors");

        Safetensors.write(file, tensors, Map.of("format", "pt"));

        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = bytes.getLong(0);
        assertEquals(0, headerLength % 8, "header padded to 8 bytes");
        String header = new String(bytes.array(), 8, (int) headerLength, StandardCharsets.UTF_8);
        assertTrue(header.matches("\\{.*\\} *"), "JSON followed by space padding: " + header);
        JsonObject json = JsonParser.parseString(header).getAsJsonObject();
        assertEquals(List.of("__metadata__", "a", "m", "z"), new ArrayList<>(json.keySet()));
        assertEquals("{\"format\":\"pt\"}", json.get("__metadata__").toString());
        assertEquals("{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}", json.get("a").toString());
        assertEquals("{\"dtype\":\"BOOL\",\"shape\":[5],\"data_offsets\":[8,13]}", json.get("m").toString());
        assertEquals("{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[13,25]}", json.get("z").toString());
        assertEquals(8 + headerLength + 25, bytes.capacity(), "file size");
        assertEquals(9L, bytes.getLong(8 + (int) headerLength));
        assertEquals(3f, bytes.getFloat(8 + (int) headerLength + 21));
    }

    @Test
    void rejectsFileTooShortForHeaderLength() throws IOException {
        assertFormatError(write("tiny.safetensors", new byte[] {1, 0, 0}), null, "too few");
    }

    @Test
    void rejectsHeaderLengthBeyondFileSize() throws IOException {
        byte[] bytes = safetensorsBytes("{}", new byte[0]);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1000);
        assertFormatError(write("long.safetensors", bytes), null, "header length 1000 exceeds");
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1);
        assertFormatError(write("huge.safetensors", bytes), null, "header length 18446744073709551615 exceeds");
    }

    @Test
    void rejectsHeaderThatIsNotJson() throws IOException {
        assertFormatError(write("json.safetensors", safetensorsBytes("{\"a\": [1, ", new byte[0])), null, "not valid JSON");
    }

    @Test
    void rejectsOffsetsOutOfRange() throws IOException {
        String json = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        assertFormatError(write("range.safetensors", safetensorsBytes(json, new byte[4])), "w", "outside the 4-byte data buffer");
        String reversed = "{\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,0]}}";
        assertFormatError(write("reversed.safetensors", safetensorsBytes(reversed, new byte[4])), "w", "outside");
    }

    @Test
    void rejectsOverlappingTensors() throws IOException {
        String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        assertFormatError(write("overlap.safetensors", safetensorsBytes(json, new byte[12])), "b", "overlap tensor 'a'");
    }

    @Test
    void rejectsSizeThatDoesNotMatchShapeAndDtype() throws IOException {
        String json = "{\"w\":{\"dtype\":\"F64\",\"shape\":[2,2],\"data_offsets\":[0,16]}}";
        assertFormatError(write("size.safetensors", safetensorsBytes(json, new byte[16])), "w", "needs 32");
    }

    @Test
    void rejectsUnknownDtypeAndMalformedEntries() throws IOException {
        String unknown = "{\"w\":{\"dtype\":\"U16\",\"shape\":[1],\"data_offsets\":[0,2]}}";
        assertFormatError(write("dtype.safetensors", safetensorsBytes(unknown, new byte[2])), "w", "unsupported dtype 'U16'");
        String badShape = "{\"w\":{\"dtype\":\"U8\",\"shape\":[1.5],\"data_offsets\":[0,2]}}";
        assertFormatError(write("shape.safetensors", safetensorsBytes(badShape, new byte[2])), "w", "shape");
        String noOffsets = "{\"w\":{\"dtype\":\"U8\",\"shape\":[1]}}";
        assertFormatError(write("offsets.safetensors", safetensorsBytes(noOffsets, new byte[2])), "w", "data_offsets");
    }

    @Test
    void reportsMissingFile() {
        Path missing = dir.resolve("nope.safetensors");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Safetensors.read(missing));
        assertEquals("no such file: " + missing, e.getMessage());
    }

    @Test
    void refusesUnsupportedDtypesAndTheMetadataName() {
        Path file = dir.resolve("bad.safetensors");
        IllegalArgumentException dtype = assertThrows(IllegalArgumentException.class,
                () -> Safetensors.write(file, Map.of("u", Nd4j.create(DataType.UINT16, 2))));
        Samples.assertOneLineNaming(file, dtype);
        IllegalArgumentException reserved = assertThrows(IllegalArgumentException.class,
                () -> Safetensors.write(file, Map.of("__metadata__", Nd4j.create(DataType.FLOAT, 2))));
        Samples.assertOneLineNaming(file, reserved);
    }

    private void assertFormatError(Path file, String tensor, String expectedProblem) {
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> Safetensors.read(file));
        Samples.assertOneLineNaming(file, e);
        if (tensor != null) {
            assertTrue(e.getMessage().contains("tensor '" + tensor + "'"), () -> "should name tensor " + tensor + ": " + e.getMessage());
        }
        assertTrue(e.getMessage().contains(expectedProblem), () -> "expected '" + expectedProblem + "' in: " + e.getMessage());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /** A safetensors file laid out by hand: 8-byte little-endian JSON length, JSON, data. */
    private static byte[] safetensorsBytes(String json, byte[] data) {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(header.length).put(header).put(data).array();
    }
}
