package newarch.io;

import java.util.Arrays;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;

/** The safetensors element types this package reads and writes, named as in the header JSON. */
enum SafetensorsDtype {
    F64(DataType.DOUBLE),
    F32(DataType.FLOAT),
    F16(DataType.HALF),
    BF16(DataType.BFLOAT16),
    I64(DataType.LONG),
    I32(DataType.INT),
    I8(DataType.BYTE),
    U8(DataType.UBYTE),
    BOOL(DataType.BOOL);

    private final DataType dataType;

    SafetensorsDtype(DataType dataType) {
        this.dataType = dataType;
    }

    /** The ND4J type whose bytes match the stored ones exactly. */
    DataType dataType() {
        return dataType;
    }

    static Optional<SafetensorsDtype> named(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
    }

    static Optional<SafetensorsDtype> of(DataType dataType) {
        return Arrays.stream(values()).filter(t -> t.dataType == dataType).findFirst();
    }
}
