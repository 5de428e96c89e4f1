package newarch.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bulk copies between little-endian file bytes and ND4J's native buffers. Elements are moved as
 * raw 1/2/4/8-byte words through typed views, so any element type (including HALF, BFLOAT16 and
 * BOOL) keeps its exact bits whatever the platform's byte order.
 */
final class TensorBytes {

    private TensorBytes() {
    }

    /** Bytes needed for {@code shape} elements of {@code type}; overflow means a corrupt shape. */
    static long byteSize(DataType type, long[] shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new ArithmeticException("negative dimension " + dim);
            }
            count = Math.multiplyExact(count, dim);
        }
        return Math.multiplyExact(count, (long) type.width());
    }

    /**
     * A new C-order array filled from the next {@code byteSize(type, shape)} bytes of
     * {@code source}, which must hold at least that many; advances {@code source} past them.
     */
    static INDArray read(ByteBuffer source, DataType type, long[] shape) {
        int size = Math.toIntExact(byteSize(type, shape));
        ByteBuffer data = source.slice().limit(size).order(ByteOrder.LITTLE_ENDIAN);
        source.position(source.position() + size);
        INDArray array = Nd4j.createUninitialized(type, shape);
        if (size > 0) {
            copyWords(data, array.data().asNio().order(ByteOrder.nativeOrder()), type.width());
        }
        return array;
    }

    /** The array's elements in C order as little-endian bytes; views are compacted first. */
    static byte[] toLittleEndian(INDArray array) {
        int size = Math.toIntExact(byteSize(array.dataType(), array.shape()));
        byte[] bytes = new byte[size];
        if (size > 0) {
            INDArray compact = array.dup('c');
            ByteBuffer data = compact.data().asNio().order(ByteOrder.nativeOrder()).limit(size);
            copyWords(data, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), array.dataType().width());
        }
        return bytes;
    }

    /** Copies all of {@code from} into {@code to}, converting between the two buffers' byte orders. */
    private static void copyWords(ByteBuffer from, ByteBuffer to, int width) {
        switch (width) {
            case 1 -> to.duplicate().put(from.duplicate());
            case 2 -> to.asShortBuffer().put(from.asShortBuffer());
            case 4 -> to.asIntBuffer().put(from.asIntBuffer());
            case 8 -> to.asLongBuffer().put(from.asLongBuffer());
            default -> throw new IllegalArgumentException("unsupported element width " + width);
        }
    }
}
