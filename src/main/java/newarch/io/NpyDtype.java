package newarch.io;

import java.util.Arrays;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;

/** The NumPy element types this package reads and writes, by their {@code descr} type code. */
enum NpyDtype {
    FLOAT16("f2", DataType.HALF),
    FLOAT32("f4", DataType.FLOAT),
    FLOAT64("f8", DataType.DOUBLE),
    INT8("i1", DataType.BYTE),
    INT32("i4", DataType.INT),
    INT64("i8", DataType.LONG),
    UINT8("u1", DataType.UBYTE),
    BOOL("b1", DataType.BOOL);

    private final String code;
    private final DataType dataType;

    NpyDtype(String code, DataType dataType) {
        this.code = code;
        this.dataType = dataType;
    }

    DataType dataType() {
        return dataType;
    }

    /** The little-endian descr NumPy itself writes: '|' (byte order not applicable) for 1-byte types. */
    String descr() {
        return (dataType.width() == 1 ? "|" : "<") + code;
    }

    static Optional<NpyDtype> ofCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }

    static Optional<NpyDtype> of(DataType dataType) {
        return Arrays.stream(values()).filter(t -> t.dataType == dataType).findFirst();
    }
}
