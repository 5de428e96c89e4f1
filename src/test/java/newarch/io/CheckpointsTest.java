package newarch.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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

class CheckpointsTest {

    @TempDir
    Path dir;

    private static Map<String, INDArray> checkpoint() {
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        tensors.put("layers.1.linear.weight", Samples.of(DataType.FLOAT, 3, 2));
        tensors.put("layers.0.self_attn.in_proj_weight", Samples.of(DataType.FLOAT, 6, 2));
        tensors.put("embedding.weight", Samples.of(DataType.DOUBLE, 4, 2));
        tensors.put("step", Samples.of(DataType.LONG));
        return tensors;
    }

    @Test
    void roundTripsNpyDirectoryWithDottedNamesSortedByName() {
        Path target = dir.resolve("run/ckpt");

        Checkpoints.saveNpyDirectory(target, checkpoint());
        Map<String, INDArray> loaded = Checkpoints.load(target);

        assertTrue(Files.isRegularFile(target.resolve("layers.0.self_attn.in_proj_weight.npy")));
        assertEquals(List.of("embedding.weight", "layers.0.self_attn.in_proj_weight", "layers.1.linear.weight", "step"),
                new ArrayList<>(loaded.keySet()));
        checkpoint().forEach((name, expected) -> Samples.assertSameTensor(expected, loaded.get(name)));
    }

    @Test
    void roundTripsSafetensorsFile() {
        Path file = dir.resolve("run/model.safetensors");

        Checkpoints.saveSafetensors(file, checkpoint());
        Map<String, INDArray> loaded = Checkpoints.load(file);

        assertEquals(List.of("embedding.weight", "layers.0.self_attn.in_proj_weight", "layers.1.linear.weight", "step"),
                new ArrayList<>(loaded.keySet()));
        checkpoint().forEach((name, expected) -> Samples.assertSameTensor(expected, loaded.get(name)));
    }

    @Test
    void overwritesTensorsOfTheSameNameAndIgnoresOtherFiles() throws IOException {
        Checkpoints.saveNpyDirectory(dir, Map.of("w", Nd4j.createFromArray(1f, 2f)));
        Files.writeString(dir.resolve("README.txt"), "not a tensor");

        Checkpoints.saveNpyDirectory(dir, Map.of("w", Nd4j.createFromArray(3f, 4f, 5f)));

        Map<String, INDArray> loaded = Checkpoints.load(dir);
        assertEquals(List.of("w"), new ArrayList<>(loaded.keySet()));
        Samples.assertSameTensor(Nd4j.createFromArray(3f, 4f, 5f), loaded.get("w"));
    }

    @Test
    void rejectsPathsThatAreNotCheckpoints() throws IOException {
        Path missing = dir.resolve("missing");
        assertEquals("no such file: " + missing,
                assertThrows(IllegalArgumentException.class, () -> Checkpoints.load(missing)).getMessage());

        Path text = Files.writeString(dir.resolve("weights.txt"), "1 2 3");
        Samples.assertOneLineNaming(text, assertThrows(IllegalArgumentException.class, () -> Checkpoints.load(text)));

        Path empty = Files.createDirectory(dir.resolve("empty"));
        Samples.assertOneLineNaming(empty, assertThrows(IllegalArgumentException.class, () -> Checkpoints.load(empty)));
    }

    @Test
    void rejectsTensorNamesThatWouldEscapeTheDirectory() {
        Path target = dir.resolve("ckpt");
        assertThrows(IllegalArgumentException.class,
                () -> Checkpoints.saveNpyDirectory(target, Map.of("../evil", Nd4j.createFromArray(1f))));
        assertTrue(Files.notExists(dir.resolve("evil.npy")));
    }
}
