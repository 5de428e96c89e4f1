package newarch.conform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import newarch.data.wordpiece.BertTokenizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Hugging Face BertTokenizer: vocab.txt and texts.txt (one text per line) in the fixture directory → ids (every
 * text's ids concatenated) and lengths (ids per text), both int64.
 */
final class WordPieceRunner implements KindRunner {
    @Override
    public Map<String, INDArray> run(Fixture f) {
        FixtureConfig c = f.config();
        if (!c.flag("do_basic_tokenize", true)) {
            throw new FixtureException(f.name() + ": config do_basic_tokenize false is not supported");
        }
        BertTokenizer tokenizer = BertTokenizer.load(f.dir().resolve("vocab.txt"), HuggingFaceConfigs.tokenizer(c));
        boolean special = c.flag("add_special_tokens", true);
        List<Long> ids = new ArrayList<>();
        List<String> texts = texts(f.dir().resolve("texts.txt"));
        long[] lengths = new long[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            int[] encoded = tokenizer.encode(texts.get(i), special);
            lengths[i] = encoded.length;
            for (int id : encoded) {
                ids.add((long) id);
            }
        }
        return Map.of("ids", Nd4j.createFromArray(ids.stream().mapToLong(Long::longValue).toArray()),
                "lengths", Nd4j.createFromArray(lengths));
    }

    /** The texts, one per line ({@code \n} only, as the fixture writer joins them); a final newline adds none. */
    static List<String> texts(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new FixtureException("missing texts file " + file);
        }
        try {
            String all = Files.readString(file, StandardCharsets.UTF_8);
            List<String> out = new ArrayList<>(List.of(all.split("\n", -1)));
            if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
                out.remove(out.size() - 1);
            }
            return out;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new FixtureException("cannot read " + file + " as UTF-8: " + e.getMessage());
        }
    }
}
