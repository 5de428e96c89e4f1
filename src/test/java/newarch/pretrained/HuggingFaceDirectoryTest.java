package newarch.pretrained;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newarch.conform.SharedFixtures;
import newarch.data.wordpiece.BertTokenizer;
import newarch.io.Checkpoints;
import newarch.io.Npy;
import newarch.models.bert.EncoderOutput;
import newarch.models.bert.ExtendedAttentionMask;
import newarch.tensor.GradMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Model directories laid out as save_pretrained writes them, made from the shared PyTorch/Hugging Face fixtures:
 * loading one must reproduce the fixture's expected outputs (the outside reference), whichever weight format.
 */
class HuggingFaceDirectoryTest {

    /** A model directory from fixture {@code name}: config.json with model_type, the weights as asked. */
    private static Path modelDirectory(String fixture, String modelType, String format, Path tmp) throws IOException {
        Path f = SharedFixtures.root().resolve(fixture);
        assumeTrue(Files.isDirectory(f), "shared fixture " + f + " is not here");
        JsonObject fixtureJson = JsonParser.parseString(Files.readString(f.resolve("fixture.json"))).getAsJsonObject();
        JsonObject config = fixtureJson.getAsJsonObject("config").deepCopy();
        config.remove("note");
        config.addProperty("model_type", modelType);
        config.addProperty("architectures", "ignored");
        Path dir = tmp.resolve(fixture + "-" + format);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), config.toString(), StandardCharsets.UTF_8);
        Map<String, INDArray> weights = Checkpoints.load(f.resolve("weights"));
        switch (format) {
            case "safetensors" -> Checkpoints.saveSafetensors(dir.resolve("model.safetensors"), weights);
            case "npy" -> Checkpoints.saveNpyDirectory(dir.resolve("weights"), weights);
            case "task-checkpoint" -> {
                // A BertForMaskedLM-style file: every key under the model's prefix, plus a head to drop.
                Map<String, INDArray> prefixed = new LinkedHashMap<>();
                weights.forEach((k, v) -> prefixed.put(modelType + "." + k, v));
                prefixed.put("cls.predictions.bias", Nd4j.zeros(3));
                Checkpoints.saveSafetensors(dir.resolve("model.safetensors"), prefixed);
            }
            default -> throw new IllegalArgumentException(format);
        }
        return dir;
    }

    @ParameterizedTest
    @CsvSource({"bert_tiny, bert, safetensors", "bert_tiny, bert, npy", "bert_tiny, bert, task-checkpoint",
        "albert_tiny, albert, safetensors", "distilbert_tiny, distilbert, npy"})
    void aLoadedDirectoryReproducesTheReferenceOutputs(String fixture, String type, String format, @TempDir Path tmp)
            throws IOException {
        Path dir = modelDirectory(fixture, type, format, tmp);
        PretrainedEncoder encoder = HuggingFaceDirectory.load(dir);
        assertEquals(type, encoder.modelType());
        assertNull(encoder.tokenizer(), "no vocab.txt, no tokenizer");
        Path f = SharedFixtures.root().resolve(fixture);
        INDArray ids = Npy.read(f.resolve("inputs/input_ids.npy"));
        INDArray mask = Files.exists(f.resolve("inputs/attention_mask.npy"))
                ? Npy.read(f.resolve("inputs/attention_mask.npy")) : null;
        INDArray types = Files.exists(f.resolve("inputs/token_type_ids.npy")) && !type.equals("distilbert")
                ? Npy.read(f.resolve("inputs/token_type_ids.npy")) : null;
        EncoderOutput out;
        try (GradMode ignored = GradMode.off()) {
            out = encoder.forward(ids, mask, types);
        }
        INDArray expected = Npy.read(f.resolve("expected/last_hidden_state.npy"));
        INDArray actual = ExtendedAttentionMask.zeroPadding(out.lastHiddenState().data(), mask);
        assertArrayEquals(expected.shape(), actual.shape());
        double worst = Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.reduce.same.AMax(
                actual.castTo(expected.dataType()).sub(expected))).getDouble(0);
        assertEquals(0, worst, 1e-4, fixture + " via " + format + ": largest difference " + worst);
    }

    @Test
    void theTokenizerFollowsTokenizerConfigAndMatchesTheReferenceIds(@TempDir Path tmp) throws IOException {
        Path f = SharedFixtures.root().resolve("wordpiece_basic");
        assumeTrue(Files.isDirectory(f), "shared fixture " + f + " is not here");
        Path dir = tmp.resolve("tok");
        Files.createDirectories(dir);
        Files.copy(f.resolve("vocab.txt"), dir.resolve("vocab.txt"));
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"do_lower_case\": true, \"model_max_length\": 512,"
                + " \"tokenizer_class\": \"BertTokenizer\", \"strip_accents\": null}");
        BertTokenizer tokenizer = HuggingFaceDirectory.tokenizer(dir);
        List<Long> ids = new ArrayList<>();
        for (String text : Files.readString(f.resolve("texts.txt"), StandardCharsets.UTF_8).split("\n", -1)) {
            if (text.isEmpty()) {
                continue;
            }
            for (int id : tokenizer.encode(text)) {
                ids.add((long) id);
            }
        }
        INDArray expected = Npy.read(f.resolve("expected/ids.npy"));
        INDArray lengths = Npy.read(f.resolve("expected/lengths.npy"));
        assumeTrue(lengths.minNumber().longValue() > 2, "fixture holds empty texts, which this loop skips");
        assertArrayEquals(expected.toLongVector(), ids.stream().mapToLong(Long::longValue).toArray());
    }

    @Test
    void encodeGoesFromTextsToPaddedContextualVectors(@TempDir Path tmp) throws IOException {
        Path dir = modelDirectory("bert_tiny", "bert", "safetensors", tmp);
        List<String> vocab = new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "i", "saw", "a"));
        for (char c = 'a'; vocab.size() < 99; c++) {
            vocab.add("##" + c);
        }
        Files.write(dir.resolve("vocab.txt"), vocab, StandardCharsets.UTF_8);
        PretrainedEncoder encoder = HuggingFaceDirectory.load(dir);
        PretrainedEncoder.Batch b = encoder.encode(List.of("I saw a saw", "a saw"));
        assertArrayEquals(new long[] {2, 6, 32}, b.lastHiddenState().shape());      // [CLS] i saw a saw [SEP]
        assertArrayEquals(new long[] {2, 5, 6, 7, 6, 3}, b.inputIds().getRow(0).toLongVector());
        assertArrayEquals(new long[] {1, 1, 1, 1, 0, 0}, b.mask().getRow(1).toLongVector());
        assertArrayEquals(new long[] {2, 32}, b.pooler().shape());
        // The two "saw"s of one sentence: same token, different contextual vectors.
        INDArray first = b.lastHiddenState().get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.point(2));
        INDArray second = b.lastHiddenState().get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.point(4));
        org.junit.jupiter.api.Assertions.assertTrue(first.distance2(second) > 1e-3);
        assertBadInput(() -> encoder.encode(List.of()), "texts is empty");
    }

    @Test
    void missingOrMalformedPartsAreOneLineErrors(@TempDir Path tmp) throws IOException {
        assertBadInput(() -> HuggingFaceDirectory.load(tmp.resolve("nowhere")), "nowhere", "does not exist");
        assertBadInput(() -> HuggingFaceDirectory.load(tmp), "has no config.json");
        Files.writeString(tmp.resolve("config.json"), "{\"model_type\": \"t5\"}");
        Files.writeString(tmp.resolve("weights.npy"), "");
        Files.delete(tmp.resolve("weights.npy"));
        assertBadInput(() -> HuggingFaceDirectory.load(tmp), "no model.safetensors");
        Files.writeString(tmp.resolve("pytorch_model.bin"), "pickle");
        assertBadInput(() -> HuggingFaceDirectory.load(tmp), "pytorch_model.bin", "safe_serialization");
        Checkpoints.saveSafetensors(tmp.resolve("model.safetensors"), Map.of("x", Nd4j.zeros(2)));
        assertBadInput(() -> HuggingFaceDirectory.load(tmp), "model_type is 't5'", "bert, albert, distilbert");
        Files.writeString(tmp.resolve("config.json"), "[1, 2");
        assertBadInput(() -> HuggingFaceDirectory.load(tmp), "config.json", "not a JSON object");
    }
}
