package newarch.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads and writes named tensors in the safetensors format
 * (https://github.com/huggingface/safetensors): an 8-byte little-endian header length, a JSON
 * header, then the raw little-endian data, with offsets relative to the start of the data.
 *
 * <p>Supports F64, F32, F16, BF16, I64, I32, I8, U8 and BOOL. BF16 tensors are read as FLOAT
 * (exactly, BF16 being truncated FLOAT) because much of ND4J does not support BFLOAT16.
 */
public final class Safetensors {

    private Safetensors() {
    }

    /** Every tensor in {@code file}, sorted by name. */
    public static LinkedHashMap<String, INDArray> read(Path file) {
        ByteBuffer bytes = FileBytes.readAll(file);
        SafetensorsHeader header = SafetensorsHeader.read(bytes, file);
        ByteBuffer data = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
        LinkedHashMap<String, INDArray> tensors = new LinkedHashMap<>();
        header.entries().stream().sorted(Comparator.comparing(SafetensorsEntry::name)).forEach(entry -> {
            ByteBuffer bytesOfEntry = data.slice((int) entry.begin(), (int) entry.size());
            INDArray tensor = TensorBytes.read(bytesOfEntry, entry.dtype().dataType(), entry.shape());
            tensors.put(entry.name(), entry.dtype() == SafetensorsDtype.BF16 ? tensor.castTo(DataType.FLOAT) : tensor);
        });
        return tensors;
    }

    /** The string metadata stored under {@code __metadata__}; empty if there is none. */
    public static Map<String, String> readMetadata(Path file) {
        return SafetensorsHeader.read(FileBytes.readAll(file), file).metadata();
    }

    /** Writes {@code tensors} sorted by name, with no metadata. */
    public static void write(Path file, Map<String, INDArray> tensors) {
        write(file, tensors, Map.of());
    }

    /** Writes {@code tensors} sorted by name, and {@code metadata} under {@code __metadata__}. */
    public static void write(Path file, Map<String, INDArray> tensors, Map<String, String> metadata) {
        List<SafetensorsEntry> entries = new ArrayList<>();
        List<INDArray> arrays = new ArrayList<>();
        long offset = 0;
        for (Map.Entry<String, INDArray> named : new TreeMap<>(tensors).entrySet()) {
            String name = named.getKey();
            INDArray array = named.getValue();
            if (name.equals(SafetensorsHeader.METADATA_KEY)) {
                throw new IllegalArgumentException("cannot write " + file + ": tensor name " + name + " is reserved for metadata");
            }
            SafetensorsDtype dtype = SafetensorsDtype.of(array.dataType()).orElseThrow(() -> new IllegalArgumentException(
                    "cannot write tensor '" + name + "' to " + file + ": safetensors has no " + array.dataType()
                            + " (supported: " + Arrays.toString(SafetensorsDtype.values()) + ")"));
            long size = TensorBytes.byteSize(array.dataType(), array.shape());
            entries.add(new SafetensorsEntry(name, dtype, array.shape(), offset, offset + size));
            arrays.add(array);
            offset += size;
        }
        byte[] header = new SafetensorsHeader(entries, new TreeMap<>(metadata)).toBytes();
        FileBytes.write(file, header, arrays);
    }
}
