package newarch.nn;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static newarch.tensor.GradAssert.normal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import newarch.tensor.GradMode;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Parameter names and counts, what lengths mean, initialisation, and one-line messages for bad input. */
class RecurrentTest {

    @Test
    void parameterNamesFollowPyTorch() {
        GRU gru = new GRU(RecurrentConfig.of(3, 4).withLayers(2).withBidirectional(true), new Rng(430));
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
                "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse",
                "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1",
                "weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse", "bias_hh_l1_reverse"),
                List.copyOf(gru.stateDict().keySet()));
        assertArrayEquals(new long[] {12, 8}, gru.stateDict().get("weight_ih_l1").shape());
        LSTM lstm = new LSTM(RecurrentConfig.of(3, 4).withBias(false), new Rng(431));
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0"), List.copyOf(lstm.stateDict().keySet()));
        // PyTorch's counts: 3·H·(I + H + 2) per GRU layer and direction, 4·H·(I + H) for an LSTM without biases.
        assertEquals(2 * 12 * (3 + 4 + 2) + 2 * 12 * (8 + 4 + 2), gru.parameterCount());
        assertEquals(16 * (3 + 4), lstm.parameterCount());
    }

    @Test
    void initialisationIsUniformWithinOneOverRootHidden() {
        LSTM lstm = new LSTM(RecurrentConfig.of(5, 16), new Rng(432));
        for (Tensor p : lstm.parameters()) {
            double max = p.data().amaxNumber().doubleValue();
            assertTrue(max <= 0.25 && max > 0.2, p.name() + " spans ±" + max + ", expected ±1/√16");
        }
    }

    /** A padded batch with lengths gives, row by row, what each sequence gives alone (as a packed sequence would). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gru", "lstm"})
    void lengthsMatchRunningEachSequenceAlone(String kind) {
        Recurrent net = RecurrentGradTest.network(kind, RecurrentConfig.of(3, 4).withLayers(2).withBidirectional(true), 433);
        long[] lengths = {5, 2, 3};
        Tensor x = normal(new Rng(434), 3, 5, 3);
        try (GradMode ignored = GradMode.off()) {
            RecurrentOutput batch = net.forward(x, null, Nd4j.createFromArray(lengths));
            for (int b = 0; b < 3; b++) {
                long len = lengths[b];
                Tensor alone = Tensor.constant(x.data().get(NDArrayIndex.interval(b, b + 1),
                        NDArrayIndex.interval(0, len), NDArrayIndex.all()).dup());
                RecurrentOutput single = net.forward(alone);
                INDArray rowOut = batch.output().data().get(NDArrayIndex.point(b), NDArrayIndex.all(), NDArrayIndex.all());
                assertTrue(rowOut.get(NDArrayIndex.interval(0, len), NDArrayIndex.all())
                        .equalsWithEps(single.output().data().reshape(len, 8), 1e-12), "output of row " + b);
                if (len < 5) {
                    assertEquals(0.0, rowOut.get(NDArrayIndex.interval(len, 5), NDArrayIndex.all()).amaxNumber().doubleValue(),
                            0, "padding outputs of row " + b);
                }
                INDArray rowHidden = batch.hidden().data().get(NDArrayIndex.all(), NDArrayIndex.point(b), NDArrayIndex.all());
                assertTrue(rowHidden.equalsWithEps(single.hidden().data().reshape(4, 4), 1e-12), "h_n of row " + b);
                if (batch.cell() != null) {
                    INDArray rowCell = batch.cell().data().get(NDArrayIndex.all(), NDArrayIndex.point(b), NDArrayIndex.all());
                    assertTrue(rowCell.equalsWithEps(single.cell().data().reshape(4, 4), 1e-12), "c_n of row " + b);
                }
            }
        }
    }

    @Test
    void finalStateOfAForwardLayerIsItsLastOutput() {
        GRU gru = new GRU(4, 3, new Rng(435));
        RecurrentOutput out = gru.forward(Tensor.constant(new Rng(436).normal(DataType.FLOAT, 0, 1, 2, 6, 4)));
        assertTrue(out.output().data().get(NDArrayIndex.all(), NDArrayIndex.point(5), NDArrayIndex.all())
                .equalsWithEps(out.hidden().data().reshape(2, 3), 0));
    }

    @Test
    void badInputIsNamedWithItsShape() {
        GRU gru = new GRU(RecurrentConfig.of(4, 3).withLayers(2), new Rng(437));
        Tensor x = Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2, 5, 4));
        assertBadInput(() -> gru.forward(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2, 5, 6))),
                "GRU: input is [2,5,6]", "input_size 4", "[batch, time, input_size]");
        assertBadInput(() -> gru.forward(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 1, 2, 5, 4))),
                "GRU: input is [1,2,5,4]", "[batch, time, input_size] or [time, input_size]");
        assertBadInput(() -> gru.forward(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 4))), "input is [4]");
        assertBadInput(() -> gru.forward(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2, 0, 4))), "[2,0,4]", "no time steps");
        assertBadInput(() -> gru.forward(Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 2, 5, 4))),
                "input is DOUBLE [2,5,4]", "parameters are FLOAT");
        assertBadInput(() -> gru.forward(x, Tensor.constant(Nd4j.zeros(DataType.FLOAT, 1, 2, 3))),
                "GRU: h_0 is [1,2,3]", "[layers·directions, batch, hidden] = [2,2,3]");
        assertBadInput(() -> gru.forward(x, new RecurrentState(null, Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2, 2, 3))), null),
                "GRU: has no cell state", "c_0 [2,2,3]");
        assertBadInput(() -> gru.forward(x, null, Nd4j.createFromArray(5L, 6L)), "GRU: lengths[1] is 6", "5 time steps");
        assertBadInput(() -> gru.forward(x, null, Nd4j.createFromArray(5L, 2L, 1L)), "GRU: lengths is LONG [3]", "[2]");
        assertBadInput(() -> gru.forward(x, null, Nd4j.createFromArray(5f, 2f)), "lengths is FLOAT [2]");
        LSTM lstm = new LSTM(RecurrentConfig.of(4, 3).withBatchFirst(false), new Rng(438));
        assertBadInput(() -> lstm.forward(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 5, 2, 3))),
                "LSTM: input is [5,2,3]", "[time, batch, input_size]");
        // Time-major: x [2,5,4] is 2 steps of a batch of 5.
        assertBadInput(() -> lstm.forward(x, new RecurrentState(null, Tensor.constant(Nd4j.zeros(DataType.FLOAT, 1, 2, 3)))),
                "LSTM: c_0 is [1,2,3]", "[1,5,3]");
    }

    @Test
    void badConfigurationsAreNamed() {
        assertBadInput(() -> RecurrentConfig.of(0, 3), "input_size 0");
        assertBadInput(() -> RecurrentConfig.of(2, 3).withLayers(0), "num_layers is 0");
        assertBadInput(() -> RecurrentConfig.of(2, 3).withDropout(1.0), "dropout is 1.0");
    }
}
