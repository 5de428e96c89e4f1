package newarch.conform;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import newarch.io.Checkpoints;
import newarch.io.Npy;
import newarch.models.vit.ViTConfig;
import newarch.models.vit.ViTModel;
import newarch.tensor.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The wordpiece_tokenizer and vit runners on fixtures made here, with options the shared fixtures do not use. */
class TokenizerAndVitRunnerTest {
    private static final String VOCAB = String.join("\n", "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "Café", "cafe",
            "café", "自", "注", "自注", "b", "##b", "!") + "\n";

    private static Path tokenizerFixture(Path dir, String config, String texts) throws Exception {
        Files.writeString(dir.resolve("fixture.json"), "{\"kind\": \"wordpiece_tokenizer\", \"config\": " + config
                + ", \"inputs\": [], \"outputs\": [\"ids\", \"lengths\"], \"rtol\": 0, \"atol\": 0}");
        Files.writeString(dir.resolve("vocab.txt"), VOCAB, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("texts.txt"), texts, StandardCharsets.UTF_8);
        return dir;
    }

    private static long[][] run(Path dir) {
        Map<String, INDArray> got = Conformance.compute(Fixture.load(dir));
        assertEquals(DataType.LONG, got.get("ids").dataType());
        return new long[][] {got.get("ids").toLongVector(), got.get("lengths").toLongVector()};
    }

    @Test
    void casedWithAccentsStrippedNoChineseSplitNoSpecials(@TempDir Path dir) throws Exception {
        long[][] r = run(tokenizerFixture(dir, "{\"do_lower_case\": false, \"strip_accents\": true,"
                + " \"tokenize_chinese_chars\": false, \"add_special_tokens\": false}", "Café!\n自注\n\nbbb\n"));
        // "Café" → "Cafe" (not in the vocabulary) → [UNK]; 自注 stays one word; the empty line has no ids.
        assertArrayEquals(new long[] {1, 13, 10, 11, 12, 12}, r[0]);
        assertArrayEquals(new long[] {2, 1, 0, 3}, r[1]);
    }

    @Test
    void defaultsAndAShortWordLimit(@TempDir Path dir) throws Exception {
        long[][] r = run(tokenizerFixture(dir, "{\"strip_accents\": null, \"max_input_chars_per_word\": 2}",
                "CAFÉ 自注 bb bbb"));
        assertArrayEquals(new long[] {2, 1, 8, 9, 11, 12, 1, 3}, r[0]); // cafe is 4 > 2 characters: [UNK]
        assertArrayEquals(new long[] {8}, r[1]);
    }

    @Test
    void missingVocabularyIsNamed(@TempDir Path dir) throws Exception {
        tokenizerFixture(dir, "{}", "a\n");
        Files.delete(dir.resolve("vocab.txt"));
        assertBadInput(() -> Conformance.compute(Fixture.load(dir)), dir.resolve("vocab.txt").toString());
    }

    private static Path vitFixture(Path dir, ViTModel model, String config, String outputs) throws Exception {
        Files.writeString(dir.resolve("fixture.json"), "{\"kind\": \"vit\", \"config\": " + config
                + ", \"inputs\": [\"pixel_values\"], \"outputs\": " + outputs + ", \"rtol\": 1e-4, \"atol\": 1e-4}");
        Checkpoints.saveNpyDirectory(dir.resolve("weights"), model.stateDict());
        Files.createDirectories(dir.resolve("inputs"));
        Npy.write(dir.resolve("inputs").resolve("pixel_values.npy"), new Rng(1).normal(DataType.FLOAT, 0, 1, 2, 1, 6, 6));
        return dir;
    }

    @Test
    void vitWithoutPoolerQkvBiasOrSquareDefaults(@TempDir Path dir) throws Exception {
        ViTConfig c = new ViTConfig(6, 1, 3, 10, "quick_gelu", 1e-6, 6, 3, 1, false, false, 6, "tanh");
        ViTModel model = new ViTModel(c, new Rng(2));
        model.eval();
        vitFixture(dir, model, "{\"hidden_size\": 6, \"num_hidden_layers\": 1, \"num_attention_heads\": 3,"
                + " \"intermediate_size\": 10, \"hidden_act\": \"quick_gelu\", \"layer_norm_eps\": 1e-6,"
                + " \"image_size\": [6, 6], \"patch_size\": 3, \"num_channels\": 1, \"qkv_bias\": false}",
                "[\"last_hidden_state\"]");
        INDArray got = Conformance.compute(Fixture.load(dir)).get("last_hidden_state");
        INDArray want = model.forward(Npy.read(dir.resolve("inputs").resolve("pixel_values.npy")))
                .lastHiddenState().data();
        assertEquals(want, got);
    }

    @Test
    void vitRejectsWhatItCannotDo(@TempDir Path dir) throws Exception {
        ViTConfig c = new ViTConfig(6, 1, 3, 10, "gelu", 1e-6, 6, 3, 1, true, false, 6, "tanh");
        vitFixture(dir, new ViTModel(c, new Rng(3)), "{\"hidden_size\": 6, \"num_hidden_layers\": 1,"
                + " \"num_attention_heads\": 3, \"intermediate_size\": 10, \"image_size\": 6, \"patch_size\": 3,"
                + " \"num_channels\": 1}", "[\"last_hidden_state\", \"pooler_output\"]");
        assertBadInput(() -> Conformance.compute(Fixture.load(dir)), "pooler_output", "no pooler");
        Files.writeString(dir.resolve("fixture.json"), Files.readString(dir.resolve("fixture.json"))
                .replace("\"image_size\": 6", "\"image_size\": 7").replace(", \"pooler_output\"", ""));
        assertBadInput(() -> Conformance.compute(Fixture.load(dir)), "image_size 7", "patch_size 3");
    }
}
