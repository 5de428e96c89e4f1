package newarch.models.universal;

import newarch.models.EncoderMemory;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import newarch.attention.Masks;
import newarch.attention.PositionalEncoding;
import newarch.data.Vocabulary;
import newarch.models.SequenceToSequence;
import newarch.models.transformer.TransformerDecoderLayer;
import newarch.models.universal.Pondered.HaltingStatistics;
import newarch.tensor.GradMode;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import newarch.train.Adam;
import newarch.train.CrossEntropy;
import newarch.train.LearningRateSchedule;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** What the model promises besides its gradients: the recurrence it claims to be, masking, halting, beam rows. */
class UniversalTransformerTest {
    private static final double TOL = 1e-10;

    private static UniversalTransformer model(UniversalTransformerConfig c, long seed) {
        UniversalTransformer m = newarch.tensor.GradAssert.randomized(new UniversalTransformer(c, new Rng(seed)),
                new Rng(seed + 1), 0.5);
        m.eval();
        return m;
    }

    private static INDArray ids(long[][] rows) {
        return Nd4j.createFromArray(rows);
    }

    /** Pᵗ computed here from the §3.5 table directly, independently of CoordinateEmbedding. */
    private static Tensor coordinate(int step, long length, int d) {
        INDArray positions = PositionalEncoding.sinusoidal((int) length, d, 10000, DataType.DOUBLE);
        INDArray steps = PositionalEncoding.sinusoidal(step + 1, d, 10000, DataType.DOUBLE);
        return Tensor.constant(positions.addRowVector(steps.getRow(step)));
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(diff < TOL, what + " differs by " + diff);
    }

    /** Hᵗ = Layer(Hᵗ⁻¹ + Pᵗ), t = 1..T, then the final norm: on both sides, with the model's own shared layers. */
    @Test
    void fixedDepthIsTheSharedLayerAppliedTTimesWithTimestepSignals() {
        int steps = 3;
        UniversalTransformer m = model(UniversalTransformerGradTest.tinyConfig(false).withFixedDepth(steps), 700);
        INDArray source = ids(new long[][] {{4, 5, 0}, {6, 3, 2}});
        INDArray target = ids(new long[][] {{1, 4}, {1, 5}});
        int d = 4;
        try (GradMode ignored = GradMode.off()) {
            INDArray padding = source.eq(Vocabulary.PAD).castTo(DataType.DOUBLE);
            Tensor h = m.sourceEmbedding().forward(source).mul(Math.sqrt(d));
            for (int t = 1; t <= steps; t++) {
                h = m.encoder().layer().forward(h.add(coordinate(t, 3, d)), null, padding);
            }
            Tensor memory = m.encoder().norm().forward(h);
            EncoderMemory encoded = m.encode(source);
            assertClose(memory.data(), encoded.states().data(), "encoder output");

            TransformerDecoderLayer.Masking masks = new TransformerDecoderLayer.Masking(
                    Masks.causal(2, 2, DataType.DOUBLE), null, null, padding);
            Tensor y = m.targetEmbedding().forward(target).mul(Math.sqrt(d));
            for (int t = 1; t <= steps; t++) {
                y = m.decoder().layer().forward(y.add(coordinate(t, 2, d)), memory, masks);
            }
            Tensor logits = m.generator().forward(m.decoder().norm().forward(y));
            assertClose(logits.data(), m.decode(encoded, target).data(), "decoder logits");
        }
        assertEquals(steps, m.lastEncoderHalting().steps());
        assertEquals(Nd4j.createFromArray(new double[][] {{3, 3, 0}, {3, 3, 3}}), m.lastEncoderPonderTimes());
    }

    /** ACT with M = 1 halts everything at step 1 with R = 1: exactly one application of the layer, ρ = 2. */
    @Test
    void actWithOneStepIsOneApplicationOfTheLayer() {
        UniversalTransformerConfig one = UniversalTransformerGradTest.tinyConfig(true).withAdaptiveComputation(1, 0.1, 1);
        UniversalTransformer act = model(one, 710);
        UniversalTransformer fixed = model(one.withFixedDepth(1), 710);
        fixed.loadStateDict(act.stateDict(), false); // the fixed model has no halting units
        INDArray source = ids(new long[][] {{4, 5, 0}, {6, 3, 2}});
        INDArray target = ids(new long[][] {{1, 4}, {1, 5}});
        try (GradMode ignored = GradMode.off()) {
            SequenceToSequence.Output a = act.forward(source, target);
            assertClose(fixed.forward(source, target).logits().data(), a.logits().data(), "logits");
            // ρ = 2 at the 5 real source and 4 real target positions; cost τ·(2 + 2) with τ = 1
            assertEquals(4.0, a.auxiliaryLoss().data().getDouble(0), TOL);
        }
    }

    @Test
    void paddingDoesNotChangeTheRealPositions() {
        UniversalTransformer m = model(UniversalTransformerGradTest.tinyConfig(true), 720);
        try (GradMode ignored = GradMode.off()) {
            INDArray alone = m.forward(ids(new long[][] {{4, 5}}), ids(new long[][] {{1, 4, 3}})).logits().data();
            INDArray aloneMemory = m.encode(ids(new long[][] {{4, 5}})).states().data();
            INDArray aloneHalting = m.lastEncoderPonderTimes().dup();

            // The same sentence padded to 4 tokens, batched with a longer one that ponders on its own schedule.
            INDArray source = ids(new long[][] {{4, 5, 0, 0}, {6, 3, 2, 5}});
            EncoderMemory memory = m.encode(source);
            INDArray padded = m.decode(memory, ids(new long[][] {{1, 4, 3}, {1, 5, 2}})).data();
            assertClose(alone, padded.get(NDArrayIndex.interval(0, 1), NDArrayIndex.all(), NDArrayIndex.all()),
                    "logits of the padded row");
            assertClose(aloneMemory, memory.states().data().get(NDArrayIndex.interval(0, 1),
                    NDArrayIndex.interval(0, 2), NDArrayIndex.all()), "encoder output at the real positions");
            assertClose(aloneHalting, m.lastEncoderPonderTimes().get(NDArrayIndex.interval(0, 1),
                    NDArrayIndex.interval(0, 2)), "encoder ponder times at the real positions");
            assertEquals(0, m.lastEncoderHalting().updates().getDouble(0, 2), 0, "padding does not ponder");
            assertEquals(0, m.lastEncoderPonderTimes().getDouble(0, 3), 0, "padding does not ponder");

            // Target padding at the end of a row is left out of the decoder's pondering and changes nothing before it.
            INDArray shortTarget = m.forward(ids(new long[][] {{4, 5}}), ids(new long[][] {{1, 4}})).logits().data();
            INDArray paddedTarget = m.forward(ids(new long[][] {{4, 5}}), ids(new long[][] {{1, 4, 0}})).logits().data();
            assertClose(shortTarget, paddedTarget.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2), NDArrayIndex.all()),
                    "logits before target padding");
            assertEquals(0, m.lastDecoderPonderTimes().getDouble(0, 2), 0, "target padding does not ponder");
        }
    }

    @Test
    void decodingIsCausalEvenWithAdaptiveHalting() {
        UniversalTransformer m = model(UniversalTransformerGradTest.tinyConfig(true), 730);
        try (GradMode ignored = GradMode.off()) {
            EncoderMemory memory = m.encode(ids(new long[][] {{4, 5, 6}}));
            INDArray a = m.decode(memory, ids(new long[][] {{1, 4, 3}})).data();
            INDArray b = m.decode(memory, ids(new long[][] {{1, 4, 5}})).data();
            assertClose(a.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2), NDArrayIndex.all()),
                    b.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2), NDArrayIndex.all()), "logits before the change");
            assertTrue(a.sub(b).amaxNumber().doubleValue() > 1e-6, "the changed position itself should differ");
        }
    }

    @Test
    void ponderCostIsTheWeightedMeanPonderTimeAndHaltingIsBounded() {
        UniversalTransformerConfig c = UniversalTransformerGradTest.tinyConfig(true);
        UniversalTransformer m = model(c, 740);
        INDArray source = ids(new long[][] {{4, 5, 0}, {6, 3, 2}});
        INDArray target = ids(new long[][] {{1, 4, 0}, {1, 5, 2}});
        SequenceToSequence.Output out = m.forward(source, target);
        assertNotNull(out.auxiliaryLoss());
        double cost = out.auxiliaryLoss().data().getDouble(0);
        assertTrue(cost > 0, "ponder cost " + cost);
        HaltingStatistics enc = m.lastEncoderHalting();
        HaltingStatistics dec = m.lastDecoderHalting();
        double expected = c.ponderWeight() * (enc.ponderTimes().sumNumber().doubleValue() / 5
                + dec.ponderTimes().sumNumber().doubleValue() / 5);
        assertEquals(expected, cost, TOL, "τ·(mean ρ over the 5 real source + mean ρ over the 5 real target positions)");
        for (HaltingStatistics s : List.of(enc, dec)) {
            INDArray real = s.updates().gt(0);
            assertEquals(5, real.castTo(DataType.INT).sumNumber().intValue(), "exactly the real positions ponder");
            assertTrue(s.maxUpdates() <= c.maxSteps(), "N ≤ M: " + s.updates());
            assertEquals(s.maxUpdates(), s.steps());
            assertTrue(s.remainders().maxNumber().doubleValue() <= 1 + TOL, "R ≤ 1: " + s.remainders());
            assertTrue(s.remainders().minNumber().doubleValue() >= 0, "R ≥ 0: " + s.remainders());
        }
        out.auxiliaryLoss().backward();
        Tensor bias = m.namedParameters().get("encoder.recurrence.halting_unit.bias");
        assertTrue(Math.abs(bias.grad().getDouble(0)) > 0, "the ponder cost trains the halting unit");
    }

    @Test
    void repeatRowsGivesEachRowItsBeam() {
        UniversalTransformer m = model(UniversalTransformerGradTest.tinyConfig(true), 750);
        try (GradMode ignored = GradMode.off()) {
            EncoderMemory memory = m.encode(ids(new long[][] {{4, 5, 0}, {6, 3, 2}}));
            EncoderMemory beams = memory.repeatRows(3);
            assertArrayEquals(new long[] {6, 3, 4}, beams.states().shape());
            INDArray once = m.decode(memory, ids(new long[][] {{1, 4}, {1, 5}})).data();
            INDArray thrice = m.decode(beams, ids(new long[][] {{1, 4}, {1, 4}, {1, 4}, {1, 5}, {1, 5}, {1, 5}})).data();
            for (int row = 0; row < 6; row++) {
                assertClose(once.get(NDArrayIndex.interval(row / 3, row / 3 + 1)),
                        thrice.get(NDArrayIndex.interval(row, row + 1)), "beam row " + row);
            }
        }
    }

    @Test
    void oneSharedLayerWhateverTheNumberOfSteps() {
        UniversalTransformerConfig c = UniversalTransformerConfig.tiny(10, 12);
        long params = new UniversalTransformer(c, new Rng(1)).parameterCount();
        assertEquals(params, new UniversalTransformer(c.withAdaptiveComputation(9, 0.01, 0.01), new Rng(1)).parameterCount());
        long halting = 2 * (c.dModel() + 1);
        assertEquals(params - halting, new UniversalTransformer(c.withFixedDepth(12), new Rng(1)).parameterCount());
        Map<String, INDArray> state = new UniversalTransformer(c, new Rng(1)).stateDict();
        for (String key : List.of("src_embed.weight", "tgt_embed.weight", "encoder.layer.self_attn.in_proj_weight",
                "encoder.layer.linear1.weight", "encoder.recurrence.halting_unit.weight", "encoder.norm.weight",
                "decoder.layer.multihead_attn.in_proj_weight", "decoder.recurrence.halting_unit.bias",
                "decoder.norm.bias", "generator.weight")) {
            assertTrue(state.containsKey(key), key + " missing from " + state.keySet());
        }
        assertEquals(AdaptiveComputationTime.HALTING_BIAS_INIT, state.get("encoder.recurrence.halting_unit.bias").getDouble(0));
    }

    @Test
    void namedConfigurationsBuild() {
        for (String name : UniversalTransformerConfig.NAMES) {
            UniversalTransformerConfig c = UniversalTransformerConfig.named(name, 20, 20);
            assertEquals(!name.endsWith("fixed"), c.adaptive(), name);
            assertTrue(new UniversalTransformer(c, new Rng(2)).parameterCount() > 0, name);
        }
    }

    /** A few Adam steps on one fixed copy batch must lower the loss (cross-entropy plus ponder cost). */
    @Test
    void adamLowersTheLossOnAFixedToyBatch() {
        UniversalTransformer m = new UniversalTransformer(UniversalTransformerConfig.tiny(8, 8), new Rng(760));
        INDArray source = ids(new long[][] {{4, 5, 6, 2}, {7, 6, 2, 0}});
        INDArray input = ids(new long[][] {{1, 4, 5, 6}, {1, 7, 6, 2}});
        INDArray output = ids(new long[][] {{4, 5, 6, 2}, {7, 6, 2, 0}});
        CrossEntropy ce = new CrossEntropy(0, Vocabulary.PAD, CrossEntropy.Reduction.MEAN);
        Adam adam = Adam.adam(m.parameters(), LearningRateSchedule.constant(0.02));
        double first = 0;
        double last = 0;
        for (int step = 0; step < 40; step++) {
            adam.zeroGrad();
            SequenceToSequence.Output out = m.forward(source, input);
            Tensor loss = ce.loss(out.logits().reshape(8, 8), output.reshape(8)).add(out.auxiliaryLoss());
            loss.backward();
            adam.step();
            last = loss.data().getDouble(0);
            first = step == 0 ? last : first;
        }
        assertTrue(last < 0.5 * first, "loss went from " + first + " to " + last);
    }
}
