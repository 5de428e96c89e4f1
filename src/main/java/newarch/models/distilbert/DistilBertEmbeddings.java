package newarch.models.distilbert;

import newarch.attention.PositionalEncoding;
import newarch.models.TokenIds;
import newarch.nn.Dropout;
import newarch.nn.Embedding;
import newarch.nn.LayerNorm;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Token plus position embeddings, LayerNorm, dropout: BERT's input without the segment embedding. */
public class DistilBertEmbeddings extends Module {
    private final DistilBertConfig config;
    private final Embedding wordEmbeddings;
    private final Embedding learnedPositions;
    private final SinusoidalPositionTable sinusoidalPositions;
    private final LayerNorm layerNorm;
    private final Dropout dropout;

    public DistilBertEmbeddings(DistilBertConfig c, Rng rng) {
        this.config = c;
        this.wordEmbeddings = child("word_embeddings", new Embedding(c.vocabSize(), c.dim(), c.initializerRange(), rng));
        if (c.sinusoidalPosEmbds()) {
            this.learnedPositions = null;
            this.sinusoidalPositions = child("position_embeddings",
                    new SinusoidalPositionTable(c.maxPositionEmbeddings(), c.dim()));
        } else {
            this.learnedPositions = child("position_embeddings",
                    new Embedding(c.maxPositionEmbeddings(), c.dim(), c.initializerRange(), rng));
            this.sinusoidalPositions = null;
        }
        this.layerNorm = child("LayerNorm", new LayerNorm(c.dim(), DistilBertConfig.LAYER_NORM_EPS));
        this.dropout = child("dropout", new Dropout(c.dropout(), rng));
    }

    /** input_ids [B, L] → [B, L, dim]; position i gets row i of the position table. */
    public Tensor forward(INDArray inputIds) {
        TokenIds.require("input_ids", inputIds, config.vocabSize(), "vocab_size", config.maxPositionEmbeddings(),
                "max_position_embeddings");
        Tensor table = learnedPositions != null ? learnedPositions.weight() : sinusoidalPositions.weight();
        Tensor x = PositionalEncoding.addTo(wordEmbeddings.forward(inputIds), table);  // [B, L, dim]
        return dropout.forward(layerNorm.forward(x));
    }

    public Tensor wordEmbeddings() {
        return wordEmbeddings.weight();
    }
}
