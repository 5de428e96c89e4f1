package newarch.models.reformer;

import newarch.nn.Embedding;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Token embeddings {@code word_embeddings} plus position embeddings {@code position_embeddings}: axial
 * ({@link AxialPositionEmbeddings}) or one learned row per position ({@code position_embeddings.embedding}).
 */
public class ReformerEmbeddings extends Module {
    /** Hugging Face's {@code initializer_range}. */
    static final double INIT_STD = 0.02;

    private final Embedding wordEmbeddings;
    private final AxialPositionEmbeddings axial;
    private final Embedding learned;
    private final int maxPositions;

    public ReformerEmbeddings(ReformerConfig config, Rng rng) {
        this.maxPositions = config.maxPositionEmbeddings();
        this.wordEmbeddings = child("word_embeddings", new Embedding(config.vocabSize(), config.hiddenSize(),
                INIT_STD, rng));
        if (config.axialPosEmbds()) {
            int sum = java.util.Arrays.stream(config.axialPosEmbdsDim()).sum();
            if (sum != config.hiddenSize()) {
                throw new IllegalArgumentException("axial_pos_embds_dim " + java.util.Arrays.toString(
                        config.axialPosEmbdsDim()) + " sums to " + sum + " but must sum to hidden_size "
                        + config.hiddenSize());
            }
            this.axial = child("position_embeddings", new AxialPositionEmbeddings(config.axialPosShape(),
                    config.axialPosEmbdsDim(), 1.0, rng));
            this.learned = null;
        } else {
            this.axial = null;
            this.learned = child("position_embeddings", new Learned(config, rng)).embedding;
        }
    }

    /** The module Hugging Face calls PositionEmbeddings: one child {@code embedding}. */
    private static final class Learned extends Module {
        final Embedding embedding;

        Learned(ReformerConfig config, Rng rng) {
            this.embedding = child("embedding", new Embedding(config.maxPositionEmbeddings(), config.hiddenSize(),
                    INIT_STD, rng));
        }
    }

    /** Token ids [B, L] → [B, L, hidden], positions 0..L−1. */
    public Tensor forward(INDArray inputIds) {
        long b = inputIds.size(0);
        long len = inputIds.size(1);
        if (len > maxPositions) {
            throw new IllegalArgumentException("input_ids are " + len + " long (after padding to the chunk length) "
                    + "but max_position_embeddings is " + maxPositions);
        }
        if (axial != null && len > axial.capacity()) {
            throw new IllegalArgumentException("input_ids are " + len + " long (after padding to the chunk length) "
                    + "but axial_pos_shape holds only " + axial.capacity() + " positions");
        }
        INDArray positions = Nd4j.arange(0, len).castTo(DataType.LONG).reshape('c', new long[] {1, len}).broadcast(b, len).dup('c');
        Tensor pos = axial != null ? axial.forward(positions) : learned.forward(positions);
        return wordEmbeddings.forward(inputIds).add(pos);
    }
}
