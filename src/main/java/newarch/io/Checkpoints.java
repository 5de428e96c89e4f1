package newarch.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Named-tensor checkpoints in either of two layouts: a directory holding one {@code <name>.npy}
 * per tensor (names may contain dots, e.g. {@code layers.0.self_attn.in_proj_weight}), or a
 * single {@code .safetensors} file.
 */
public final class Checkpoints {

    private static final String NPY = ".npy";
    private static final String SAFETENSORS = ".safetensors";

    private Checkpoints() {
    }

    /** The tensors at {@code path}, sorted by name: a directory of .npy files or a .safetensors file. */
    public static LinkedHashMap<String, INDArray> load(Path path) {
        FileBytes.requireExists(path);
        if (Files.isDirectory(path)) {
            return loadNpyDirectory(path);
        }
        if (path.getFileName().toString().endsWith(SAFETENSORS)) {
            return Safetensors.read(path);
        }
        throw new IllegalArgumentException("not a checkpoint (expected a directory of .npy files or a .safetensors file): " + path);
    }

    /**
     * Writes each tensor to {@code dir/<name>.npy}, creating {@code dir} if needed. Files of the
     * same names are replaced; other files in {@code dir} are left alone.
     */
    public static void saveNpyDirectory(Path dir, Map<String, INDArray> tensors) {
        tensors.keySet().forEach(Checkpoints::requireFileName);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        tensors.forEach((name, tensor) -> Npy.write(dir.resolve(name + NPY), tensor));
    }

    /** Writes all tensors to one .safetensors file, creating its directory if needed. */
    public static void saveSafetensors(Path file, Map<String, INDArray> tensors) {
        Safetensors.write(file, tensors);
    }

    private static LinkedHashMap<String, INDArray> loadNpyDirectory(Path dir) {
        TreeMap<String, Path> files = new TreeMap<>();
        try (Stream<Path> listing = Files.list(dir)) {
            listing.filter(p -> p.getFileName().toString().endsWith(NPY) && Files.isRegularFile(p))
                    .forEach(p -> files.put(stripSuffix(p.getFileName().toString()), p));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        // An empty result would most likely mean a wrong path, so say so rather than load nothing.
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no .npy files in checkpoint directory " + dir);
        }
        LinkedHashMap<String, INDArray> tensors = new LinkedHashMap<>();
        files.forEach((name, file) -> tensors.put(name, Npy.read(file)));
        return tensors;
    }

    private static String stripSuffix(String fileName) {
        return fileName.substring(0, fileName.length() - NPY.length());
    }

    /** A tensor name becomes a file name, so it must not escape the directory. */
    private static void requireFileName(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("tensor name '" + name + "' cannot be used as a .npy file name");
        }
    }
}
