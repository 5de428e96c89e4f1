package newarch.conform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import newarch.io.Npy;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The registry of fixture kinds and the {@code conform} command's work: run one fixture, write its outputs. */
public final class Conformance {
    private static final Map<String, KindRunner> RUNNERS = new TreeMap<>(Map.ofEntries(
            Map.entry("scaled_dot_product_attention", new SdpaRunner()),
            Map.entry("multihead_attention", new MultiheadAttentionRunner()),
            Map.entry("layer_norm", new LayerNormRunner()),
            Map.entry("batch_norm", new BatchNormRunner()),
            Map.entry("sinusoidal_positional_encoding", new SinusoidalRunner()),
            Map.entry("transformer_encoder_layer", new EncoderLayerRunner()),
            Map.entry("transformer_decoder_layer", new DecoderLayerRunner()),
            Map.entry("transformer", new TransformerRunner()),
            Map.entry("cross_entropy", new CrossEntropyRunner()),
            Map.entry("noam_schedule", new NoamRunner()),
            Map.entry("perfect_shuffle", new PerfectShuffleRunner()),
            Map.entry("gpt2", new Gpt2Runner()),
            Map.entry("wordpiece_tokenizer", new WordPieceRunner()),
            Map.entry("vit", new VitRunner()),
            Map.entry("bert", new BertRunner()),
            Map.entry("albert", new AlbertRunner()),
            Map.entry("distilbert", new DistilBertRunner()),
            Map.entry("reformer_lsh_self_attention", new ReformerLshRunner()),
            Map.entry("reformer", new ReformerRunner()),
            Map.entry("gru", RecurrentRunner.gru()),
            Map.entry("lstm", RecurrentRunner.lstm())));

    private Conformance() {
    }

    public static java.util.Set<String> kinds() {
        return RUNNERS.keySet();
    }

    /** Computes every output the fixture lists. */
    public static Map<String, INDArray> compute(Fixture f) {
        KindRunner runner = RUNNERS.get(f.kind());
        if (runner == null) {
            throw new FixtureException(f.name() + ": unknown kind '" + f.kind() + "'; supported kinds: "
                    + String.join(", ", RUNNERS.keySet()));
        }
        Map<String, INDArray> got = runner.run(f);
        for (String out : f.outputs()) {
            if (!got.containsKey(out)) {
                throw new FixtureException(f.name() + ": kind " + f.kind() + " does not produce output '" + out + "'");
            }
        }
        return got;
    }

    /** Runs a fixture and writes {@code OUT_DIR/<output>.npy} for each listed output. */
    public static void run(Path fixtureDir, Path outDir) throws java.io.IOException {
        Fixture f = Fixture.load(fixtureDir);
        Map<String, INDArray> got = compute(f);
        Files.createDirectories(outDir);
        for (String out : f.outputs()) {
            Npy.write(outDir.resolve(out + ".npy"), got.get(out));
        }
    }
}
