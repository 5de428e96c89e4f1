package newarch.decode;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import newarch.data.Vocabulary;
import newarch.models.transformer.TransformerConfig;
import newarch.models.transformer.TransformerSeq2Seq;
import newarch.models.transformer.TransformerSeq2SeqConfig;
import newarch.tensor.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Greedy decoding and beam search on a hand-built model with known answers, and on a small random Transformer. */
class DecodingTest {
    private static final int A = 4;
    private static final int B = 5;
    private static final int V = 6;

    /**
     * After BOS: A 0.5, B 0.4, EOS 0.1. After A: A, B, EOS about a third each (a dead end). After B: EOS 0.95.
     * Greedy takes A and wanders; the best sequence is B EOS with probability 0.4 · 0.95 = 0.38.
     */
    private static FixedLogitsModel trap() {
        return new FixedLogitsModel(V, Map.of(
                Vocabulary.BOS, new double[] {0, 0, 0.1, 0, 0.5, 0.4},
                A, new double[] {0, 0, 0.32, 0, 0.35, 0.33},
                B, new double[] {0, 0, 0.95, 0, 0.03, 0.02}));
    }

    private static INDArray sources(int n) {
        return Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.LONG, n, 3).muli(A);
    }

    @Test
    void beamSearchFindsABetterSequenceThanGreedy() {
        FixedLogitsModel model = trap();
        Hypothesis greedy = GreedyDecoder.decode(model, sources(1), 6).get(0);
        assertEquals(A, greedy.tokens()[0], "greedy takes the locally best first token");
        Hypothesis beam = new BeamSearch(2, 0, 6).decode(model, sources(1)).get(0);
        assertArrayEquals(new int[] {B}, beam.tokens());
        assertTrue(beam.finished());
        assertEquals(Math.log(0.4) + Math.log(0.95), beam.logProbability(), 1e-5);
        assertTrue(beam.logProbability() > greedy.logProbability() + 1,
                "beam " + beam + " should beat greedy " + greedy);
    }

    @Test
    void greedyFollowsTheArgmaxAndStopsAtMaxLength() {
        FixedLogitsModel model = trap();
        Hypothesis h = GreedyDecoder.decode(model, sources(2), 4).get(1);
        assertArrayEquals(new int[] {A, A, A, A}, h.tokens());
        assertFalse(h.finished(), "no EOS within 4 steps");
        assertEquals(Math.log(0.5) + 3 * Math.log(0.35), h.logProbability(), 1e-5);
    }

    @Test
    void lengthPenaltyIsGnmts() {
        assertEquals(1.0, LengthPenalty.gnmt(1, 0.6), 1e-12);
        assertEquals(Math.pow(10.0 / 6.0, 0.6), LengthPenalty.gnmt(5, 0.6), 1e-12);
        assertEquals(1.0, LengthPenalty.gnmt(40, 0), 1e-12);
    }

    @Test
    void nBestIsSortedByPenalisedScore() {
        List<Hypothesis> n = new BeamSearch(3, 0.6, 6).nBest(trap(), sources(1)).get(0);
        assertEquals(3, n.size());
        for (int i = 1; i < n.size(); i++) {
            assertTrue(n.get(i - 1).score() >= n.get(i).score(), n.toString());
        }
        for (Hypothesis h : n) {
            assertEquals(h.logProbability() / LengthPenalty.gnmt(h.tokens().length + 1, 0.6), h.score(), 1e-9);
        }
    }

    private static TransformerSeq2Seq randomTransformer() {
        TransformerSeq2SeqConfig c = new TransformerSeq2SeqConfig(
                new TransformerConfig(16, 2, 32, 0.0, "relu", 1e-5, false, true, 1, 1), 32, true);
        TransformerSeq2Seq m = new TransformerSeq2Seq(c, 9, 9, new Rng(11));
        m.eval();
        return m;
    }

    @Test
    void beamWidthOneIsGreedyOnARealModel() {
        TransformerSeq2Seq m = randomTransformer();
        INDArray src = Nd4j.createFromArray(new long[][] {{4, 5, 6, 7}, {8, 4, 0, 0}, {5, 5, 5, 0}});
        List<Hypothesis> greedy = GreedyDecoder.decode(m, src, 7);
        List<Hypothesis> beam = new BeamSearch(1, 0.6, 7).decode(m, src);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(greedy.get(i).tokens(), beam.get(i).tokens(), "source " + i);
            assertEquals(greedy.get(i).finished(), beam.get(i).finished());
            assertEquals(greedy.get(i).logProbability(), beam.get(i).logProbability(), 1e-4);
        }
    }

    @Test
    void batchedDecodingEqualsOneSourceAtATime() {
        TransformerSeq2Seq m = randomTransformer();
        INDArray src = Nd4j.createFromArray(new long[][] {{4, 5, 6, 7}, {8, 4, 0, 0}});
        List<Hypothesis> together = new BeamSearch(3, 0.6, 6).decode(m, src);
        List<Hypothesis> greedyTogether = GreedyDecoder.decode(m, src, 6);
        INDArray second = Nd4j.createFromArray(new long[][] {{8, 4}});
        assertArrayEquals(together.get(1).tokens(), new BeamSearch(3, 0.6, 6).decode(m, second).get(0).tokens(),
                "padding the source must not change its beam");
        assertArrayEquals(greedyTogether.get(1).tokens(), GreedyDecoder.decode(m, second, 6).get(0).tokens());
        assertTrue(together.get(0).score() >= greedyTogether.get(0).logProbability()
                / LengthPenalty.gnmt(greedyTogether.get(0).tokens().length + 1, 0.6) - 1e-4
                || !greedyTogether.get(0).finished(), "beam is at least as good as greedy");
    }

    @Test
    void badArguments() {
        assertBadInput(() -> new BeamSearch(0, 0.6, 5), "beam width is 0");
        assertBadInput(() -> new BeamSearch(2, -1, 5), "length penalty alpha is -1");
        assertBadInput(() -> new BeamSearch(2, 0.6, 0), "max length is 0");
        assertBadInput(() -> GreedyDecoder.decode(trap(), Nd4j.ones(2, 3), 5), "int64 token ids");
    }
}
