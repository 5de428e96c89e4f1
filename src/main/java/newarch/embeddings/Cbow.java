package newarch.embeddings;

import java.util.List;
import newarch.data.Vocabulary;
import newarch.nn.Init;
import newarch.nn.Module;
import newarch.tensor.Indexing;
import newarch.tensor.Rng;
import newarch.tensor.Shapes;
import newarch.tensor.ShapeException;
import newarch.tensor.Tensor;
import newarch.train.CrossEntropy;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * word2vec's continuous bag of words (Mikolov et al. 2013): predict the middle word from the average of the input
 * embeddings of the {@code window} words on each side, scored against every word's output embedding by a full
 * softmax. Words that appear in the same contexts get similar input embeddings: those are the word vectors.
 * Full softmax costs O(V) per example, fine for the few thousand words used here (word2vec's negative sampling and
 * hierarchical softmax exist for millions).
 *
 * <p>Parameter names: {@code input.weight} [V, d] (the word vectors) and {@code output.weight} [V, d], as two
 * torch.nn.Embedding tables.
 */
public final class Cbow extends Module {
    private final Vocabulary vocabulary;
    private final int window;
    private final Tensor input;  // [V, d]: the context (input) embeddings, the word vectors we keep
    private final Tensor output; // [V, d]: one output vector per word to score the averaged context against
    private final CrossEntropy crossEntropy = new CrossEntropy();

    public Cbow(Vocabulary vocabulary, int dim, int window, Rng rng) {
        CbowExamples.requireWindow(window);
        if (dim < 1) {
            throw new IllegalArgumentException("dim is " + dim + " but must be at least 1");
        }
        this.vocabulary = vocabulary;
        this.window = window;
        long v = vocabulary.size();
        // word2vec starts inputs uniform in ±0.5/d and outputs at 0; small random outputs keep the two symmetric
        // enough for a gradient check while training the same way.
        this.input = child("input", new Table(Init.normal(rng, 1.0 / Math.sqrt(dim), v, dim))).weight;
        this.output = child("output", new Table(Init.normal(rng, 1.0 / Math.sqrt(dim), v, dim))).weight;
    }

    public int window() {
        return window;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** Scores of every vocabulary word as the middle word: contexts [N, 2·window] → logits [N, V]. */
    public Tensor forward(INDArray contexts) {
        if (contexts.rank() != 2 || contexts.size(1) != 2L * window) {
            throw new ShapeException("contexts are " + Shapes.show(contexts) + " but must be [N, " + 2 * window
                    + "] (window " + window + " on each side)");
        }
        Tensor averaged = Indexing.embeddingLookup(input, contexts).mean(1); // [N, 2w, d] → [N, d]
        return averaged.matmul(output.transpose(0, 1));                    // [N, d] · [d, V] → [N, V]
    }

    /** Mean cross-entropy of predicting each target [N] from its context [N, 2·window]. */
    public Tensor loss(INDArray contexts, INDArray targets) {
        return crossEntropy.loss(forward(contexts), targets);
    }

    /** The current input embeddings as queryable word vectors (a snapshot: later training does not change it). */
    public WordVectors wordVectors() {
        return new WordVectors(vocabulary, input.data().dup());
    }

    public List<WordVectors.Neighbour> nearestNeighbours(String word, int k) {
        return wordVectors().nearestNeighbours(word, k);
    }

    /** Words d with a : b :: c : d, by b − a + c. */
    public List<WordVectors.Neighbour> analogy(String a, String b, String c, int k) {
        return wordVectors().analogy(a, b, c, k);
    }

    /** One embedding table, so that the parameters get torch.nn.Embedding's name {@code weight}. */
    private static final class Table extends Module {
        final Tensor weight;

        Table(INDArray initial) {
            this.weight = parameter("weight", initial);
        }
    }
}
