package newarch.models.rnn;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import newarch.models.SequenceToSequence;
import newarch.tensor.GradMode;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import newarch.train.Adam;
import newarch.train.CrossEntropy;
import newarch.train.LearningRateSchedule;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Alignment weights, padding, beam-search row repetition, bad input, and a few training steps. */
class RnnSeq2SeqTest {
    private static final RnnSeq2SeqConfig SMALL = new RnnSeq2SeqConfig(7, 6, 4, 5, 2, true, true, 0);

    private static RnnSeq2Seq model(RnnSeq2SeqConfig config) {
        return (RnnSeq2Seq) new RnnSeq2Seq(config, new Rng(520)).eval();
    }

    @Test
    void parametersAreNamedAfterTheirRole() {
        List<String> names = List.copyOf(model(SMALL).namedParameters().keySet());
        assertTrue(names.containsAll(List.of("source_embedding.weight", "target_embedding.weight",
                "encoder.weight_ih_l1_reverse", "bridge.weight", "attention.W_k.weight", "decoder.weight_hh_l1",
                "generator.bias")), names.toString());
        // The decoder reads [embedding; context]: 4 + 2·5 inputs.
        assertArrayEquals(new long[] {15, 14}, model(SMALL).stateDict().get("decoder.weight_ih_l0").shape());
        assertTrue(model(new RnnSeq2SeqConfig(7, 6, 4, 5, 1, false, false, 0)).namedParameters().keySet().stream()
                .noneMatch(n -> n.startsWith("attention") || n.startsWith("bridge")));
    }

    @Test
    void alignmentIsZeroOverSourcePaddingAndSumsToOne() {
        RnnSeq2Seq m = model(SMALL);
        INDArray source = Nd4j.createFromArray(new long[][] {{4, 5, 6, 2}, {5, 2, 0, 0}, {6, 0, 0, 0}});
        INDArray target = Nd4j.createFromArray(new long[][] {{1, 3, 4}, {1, 5, 2}, {1, 2, 0}});
        try (GradMode ignored = GradMode.off()) {
            RnnSeq2Seq.Decoding d = m.decodeWithAlignment(m.encode(source), target);
            INDArray a = d.alignment().data();
            assertArrayEquals(new long[] {3, 3, 4}, a.shape());
            assertArrayEquals(new long[] {3, 3, 6}, d.logits().shape());
            assertEquals(0.0, a.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.interval(2, 4))
                    .amaxNumber().doubleValue(), 0);
            assertEquals(0.0, a.get(NDArrayIndex.point(2), NDArrayIndex.all(), NDArrayIndex.interval(1, 4))
                    .amaxNumber().doubleValue(), 0);
            assertTrue(a.sum(2).sub(1).amaxNumber().doubleValue() < 1e-6, "rows sum to 1: " + a.sum(2));
            assertTrue(a.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all()).minNumber().doubleValue() > 0);
            RnnSeq2Seq plain = model(new RnnSeq2SeqConfig(7, 6, 4, 5, 1, false, false, 0));
            assertNull(plain.decodeWithAlignment(plain.encode(source), target).alignment());
        }
    }

    /** Extra padding changes nothing: the encoder stops at the last real token and attention skips the rest. */
    @Test
    void trailingPaddingDoesNotChangeTheResult() {
        for (boolean attention : new boolean[] {true, false}) {
            RnnSeq2Seq m = model(new RnnSeq2SeqConfig(7, 6, 4, 5, 2, true, attention, 0));
            INDArray target = Nd4j.createFromArray(new long[][] {{1, 3, 4}});
            try (GradMode ignored = GradMode.off()) {
                INDArray tight = m.decode(m.encode(Nd4j.createFromArray(new long[][] {{4, 5, 2}})), target).data();
                INDArray padded = m.decode(m.encode(Nd4j.createFromArray(new long[][] {{4, 5, 2, 0, 0}})), target).data();
                assertTrue(tight.equalsWithEps(padded, 1e-6), "attention " + attention + ": " + tight + " vs " + padded);
            }
        }
    }

    @Test
    void repeatRowsRepeatsEachRowConsecutively() {
        RnnSeq2Seq m = model(SMALL);
        INDArray source = Nd4j.createFromArray(new long[][] {{4, 5, 6}, {5, 2, 0}});
        INDArray target = Nd4j.createFromArray(new long[][] {{1, 3}, {1, 5}});
        INDArray repeatedTarget = Nd4j.createFromArray(new long[][] {{1, 3}, {1, 3}, {1, 3}, {1, 5}, {1, 5}, {1, 5}});
        try (GradMode ignored = GradMode.off()) {
            SequenceToSequence.Encoded memory = m.encode(source);
            INDArray once = m.decode(memory, target).data();
            RnnSeq2Seq.Decoding thrice = m.decodeWithAlignment(memory.repeatRows(3), repeatedTarget);
            for (int row = 0; row < 6; row++) {
                assertTrue(thrice.logits().data().get(NDArrayIndex.point(row)).equalsWithEps(
                        once.get(NDArrayIndex.point(row / 3)), 1e-6), "row " + row);
            }
            assertEquals(0.0, thrice.alignment().data().get(NDArrayIndex.interval(3, 6), NDArrayIndex.all(),
                    NDArrayIndex.point(2)).amaxNumber().doubleValue(), 0, "padding of source row 1 stays masked");
        }
    }

    @Test
    void badInputIsNamedWithItsShape() {
        RnnSeq2Seq m = model(SMALL);
        INDArray source = Nd4j.createFromArray(new long[][] {{4, 5, 6}, {5, 2, 0}});
        assertBadInput(() -> m.encode(Nd4j.createFromArray(4L, 5L)), "source is [2]", "[batch, len]");
        assertBadInput(() -> m.encode(Nd4j.createFromArray(new long[][] {{4, 9}})), "source [1,2]", "to 9",
                "source vocabulary has 7");
        assertBadInput(() -> m.encode(Nd4j.createFromArray(new float[][] {{4, 5}})), "source is FLOAT [1,2]");
        assertBadInput(() -> m.encode(Nd4j.createFromArray(new long[][] {{4, 0, 5}})), "row 0", "padding must come at the end");
        SequenceToSequence.Encoded memory = m.encode(source);
        assertBadInput(() -> m.decode(memory, Nd4j.createFromArray(new long[][] {{1}, {1}, {1}})),
                "targetPrefix is [3,1]", "2 rows");
        assertBadInput(() -> m.decode(memory, Nd4j.createFromArray(new long[][] {{1, 6}, {1, 2}})),
                "targetPrefix [2,2]", "target vocabulary has 6");
        assertBadInput(() -> m.decode(memory, Nd4j.zeros(2, 0).castTo(org.nd4j.linalg.api.buffer.DataType.LONG)),
                "targetPrefix is [2,0]", "BOS");
        assertBadInput(() -> m.decode(times -> null, Nd4j.createFromArray(new long[][] {{1}, {1}})),
                "not what RnnSeq2Seq.encode returned");
        assertBadInput(() -> memory.repeatRows(0), "times is 0");
        RnnSeq2Seq other = model(new RnnSeq2SeqConfig(7, 6, 4, 5, 1, false, true, 0));
        assertBadInput(() -> other.decode(memory, Nd4j.createFromArray(new long[][] {{1}, {1}})),
                "memory holds states [2,3,10] and an initial state [2,2,5]", "[batch, srcLen, 5] and [1, batch, 5]");
        assertBadInput(() -> new RnnSeq2SeqConfig(7, 6, 4, 0, 1, false, true, 0), "hidden 0");
        assertBadInput(() -> new RnnSeq2SeqConfig(7, 6, 4, 5, 1, false, true, 1.5), "dropout is 1.5");
    }

    /** A few Adam steps on one fixed copy batch (target = source) lower the loss, with and without attention. */
    @Test
    void adamStepsOnACopyBatchReduceTheLoss() {
        INDArray source = Nd4j.createFromArray(new long[][] {{4, 5, 6, 7, 2}, {7, 6, 2, 0, 0}, {5, 5, 4, 2, 0}});
        INDArray input = Nd4j.createFromArray(new long[][] {{1, 4, 5, 6, 7}, {1, 7, 6, 0, 0}, {1, 5, 5, 4, 0}});
        INDArray output = Nd4j.createFromArray(new long[][] {{4, 5, 6, 7, 2}, {7, 6, 2, 0, 0}, {5, 5, 4, 2, 0}});
        for (boolean attention : new boolean[] {true, false}) {
            RnnSeq2Seq m = new RnnSeq2Seq(new RnnSeq2SeqConfig(8, 8, 8, 16, 1, attention, attention, 0.1), new Rng(530));
            Adam adam = Adam.adam(m.parameters(), LearningRateSchedule.constant(0.01));
            CrossEntropy loss = new CrossEntropy(0, 0, CrossEntropy.Reduction.MEAN);   // PAD targets are ignored
            double first = 0;
            double last = 0;
            for (int step = 0; step < 30; step++) {
                adam.zeroGrad();
                Tensor logits = m.forward(source, input).logits();                        // [3, 5, 8]
                Tensor l = loss.loss(logits.reshape(15, 8), output.reshape(15));
                l.backward();
                adam.step();
                last = l.data().getDouble(0);
                first = step == 0 ? last : first;
            }
            assertTrue(last < 0.6 * first, "attention " + attention + ": loss " + first + " → " + last);
        }
    }
}
