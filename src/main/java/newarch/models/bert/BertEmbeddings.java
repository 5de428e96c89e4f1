package newarch.models.bert;

import newarch.attention.PositionalEncoding;
import newarch.models.TokenIds;
import newarch.nn.Dropout;
import newarch.nn.Embedding;
import newarch.nn.LayerNorm;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * BERT's input representation (§3, Fig. 2): the sum of a token (WordPiece) embedding, a learned position embedding
 * and a segment embedding saying whether the token belongs to sentence A or B, then LayerNorm and dropout.
 * ALBERT uses the same module at its smaller embedding width E (the factorised embedding).
 */
public class BertEmbeddings extends Module {
    private final int vocabSize;
    private final int maxPositions;
    private final int typeVocabSize;
    private final Embedding wordEmbeddings;
    private final Embedding positionEmbeddings;
    private final Embedding tokenTypeEmbeddings;
    private final LayerNorm layerNorm;
    private final Dropout dropout;

    /**
     * @param width the embedding width: H for BERT, E for ALBERT
     */
    public BertEmbeddings(int vocabSize, int width, int maxPositions, int typeVocabSize, double layerNormEps,
                          double dropout, double initStd, Rng rng) {
        this.vocabSize = vocabSize;
        this.maxPositions = maxPositions;
        this.typeVocabSize = typeVocabSize;
        this.wordEmbeddings = child("word_embeddings", new Embedding(vocabSize, width, initStd, rng));
        this.positionEmbeddings = child("position_embeddings", new Embedding(maxPositions, width, initStd, rng));
        this.tokenTypeEmbeddings = child("token_type_embeddings", new Embedding(typeVocabSize, width, initStd, rng));
        // "LayerNorm" keeps the TensorFlow checkpoint's capitalisation, as Hugging Face does.
        this.layerNorm = child("LayerNorm", new LayerNorm(width, layerNormEps));
        this.dropout = child("dropout", new Dropout(dropout, rng));
    }

    /**
     * @param inputIds     integer ids [B, L], L ≤ max_position_embeddings
     * @param tokenTypeIds segment ids [B, L] in [0, type_vocab_size), or null for all zeros (every token sentence A)
     * @return [B, L, width]; position i gets row i of the position table
     */
    public Tensor forward(INDArray inputIds, INDArray tokenTypeIds) {
        check(inputIds, tokenTypeIds);
        Tensor words = wordEmbeddings.forward(inputIds);                                  // [B, L, W]
        Tensor x = PositionalEncoding.addTo(words, positionEmbeddings.weight());           // + position rows 0..L−1
        if (tokenTypeIds != null) {
            x = x.add(tokenTypeEmbeddings.forward(tokenTypeIds));                          // [B, L, W]
        } else {
            // Absent segment ids mean sentence A everywhere: row 0 of the table, broadcast over [B, L].
            x = x.add(tokenTypeEmbeddings.weight().slice(0, 0, 1));                        // [1, W]
        }
        return dropout.forward(layerNorm.forward(x));
    }

    private void check(INDArray inputIds, INDArray tokenTypeIds) {
        TokenIds.require("input_ids", inputIds, vocabSize, "vocab_size", maxPositions, "max_position_embeddings");
        if (tokenTypeIds == null) {
            return;
        }
        if (!java.util.Arrays.equals(tokenTypeIds.shape(), inputIds.shape()) || !tokenTypeIds.dataType().isIntType()) {
            throw new IllegalArgumentException("token_type_ids is " + tokenTypeIds.dataType() + " "
                    + Shapes.show(tokenTypeIds) + " but must be integer ids with the shape of input_ids "
                    + Shapes.show(inputIds));
        }
        long min = tokenTypeIds.minNumber().longValue();
        long max = tokenTypeIds.maxNumber().longValue();
        if (min < 0 || max >= typeVocabSize) {
            throw new IllegalArgumentException("token_type_ids " + Shapes.show(tokenTypeIds) + " holds ids from " + min
                    + " to " + max + " but type_vocab_size is " + typeVocabSize + " (ids must be in [0, "
                    + typeVocabSize + "))");
        }
    }

    /** The token table {@code word_embeddings.weight} [vocab, width], which the masked-LM decoder reuses. */
    public Tensor wordEmbeddings() {
        return wordEmbeddings.weight();
    }
}
