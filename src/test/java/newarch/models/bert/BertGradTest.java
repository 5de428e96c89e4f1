package newarch.models.bert;

import static newarch.tensor.GradAssert.assertGradients;
import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.awayFromZero;
import static newarch.tensor.GradAssert.randomized;

import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finite-difference gradient checks in double precision of BERT with every parameter: the encoder with padding and
 * segments (both outputs), the pre-training model through its MLM + NSP loss, and the activations BERT configs name.
 */
class BertGradTest {
    static final INDArray IDS = Nd4j.createFromArray(new long[][] {{1, 6, 0}, {3, 2, 5}});
    static final INDArray MASK = Nd4j.createFromArray(new long[][] {{1, 1, 0}, {1, 1, 1}});
    static final INDArray TYPES = Nd4j.createFromArray(new long[][] {{0, 1, 1}, {0, 0, 1}});

    static BertConfig tiny(String act) {
        return new BertConfig(7, 4, 1, 2, 5, act, 0, 0, 4, 2, 0.02, 1e-12);
    }

    @Test
    void encoderAndPoolerWithPaddingAndSegments() {
        BertModel m = randomized(new BertModel(tiny("gelu"), new Rng(800)), new Rng(801), 0.5);
        m.eval();
        assertModuleGradients(m, in -> {
            EncoderOutput out = m.forward(IDS, MASK, TYPES);
            return out.lastHiddenState().sum(1).add(out.poolerOutput());              // [B, H], both outputs
        });
    }

    @Test
    void preTrainingLossReachesEveryParameterIncludingTheTiedDecoder() {
        BertForPreTraining m = randomized(new BertForPreTraining(tiny("relu"), new Rng(802)), new Rng(803), 0.5);
        m.eval();
        INDArray labels = Nd4j.createFromArray(new long[][] {{-100, 4, -100}, {2, -100, -100}});
        INDArray nsp = Nd4j.createFromArray(new long[] {0, 1});
        assertModuleGradients(m, in -> PreTrainingLoss.of(m.forward(IDS, MASK, TYPES), labels, nsp));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gelu", "gelu_new", "relu", "silu", "quick_gelu", "tanh", "linear"})
    void activations(String name) {
        HiddenActivation act = new HiddenActivation(name, "hidden_act");
        Tensor x = awayFromZero(new Rng(804), 3, 4);
        assertGradients(in -> act.apply(in.get(0)), x);
    }
}
