package newarch.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Whole-file reads and writes with the package's conventions: one-line messages, no checked exceptions. */
final class FileBytes {

    private FileBytes() {
    }

    /** Fails with "no such file: path" so callers get the same message for every format. */
    static void requireExists(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("no such file: " + path);
        }
    }

    /** The file's bytes in a little-endian buffer, as both formats store their numbers that way. */
    static ByteBuffer readAll(Path file) {
        requireExists(file);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("not a regular file: " + file);
        }
        try {
            return ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Writes the header, then each array's data, replacing any existing file and creating missing
     * parent directories. Arrays are converted one at a time so only one extra copy is alive.
     */
    static void write(Path file, byte[] header, List<INDArray> arrays) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (var out = Files.newOutputStream(file)) {
                out.write(header);
                for (INDArray array : arrays) {
                    out.write(TensorBytes.toLittleEndian(array));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
