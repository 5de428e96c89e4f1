package newarch.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J SameDiff's own multi-head self-attention ({@code sd.nn().multiHeadDotProductAttention}) as a baseline:
 * input [batch, features, time], weights Wq/Wk/Wv [heads, projSize, features] and Wo [heads·projSize, features],
 * no biases, scaled by 1/√projSize. The loss is Σ(output ⊙ G) with a constant random G, so one
 * {@code calculateGradients} is a forward and a backward pass, with gradients for the input and all four weights.
 */
final class SameDiffAttention {
    private static final List<String> VARIABLES = List.of("x", "wq", "wk", "wv", "wo");
    private final SameDiff sd;

    SameDiffAttention(int batch, int length, int dModel, int heads, long seed) {
        int proj = dModel / heads;
        Nd4j.getRandom().setSeed(seed);
        double w = 1 / Math.sqrt(dModel);
        sd = SameDiff.create();
        SDVariable x = sd.var("x", Nd4j.randn(DataType.FLOAT, batch, dModel, length));
        SDVariable wq = sd.var("wq", Nd4j.randn(DataType.FLOAT, heads, proj, dModel).muli(w));
        SDVariable wk = sd.var("wk", Nd4j.randn(DataType.FLOAT, heads, proj, dModel).muli(w));
        SDVariable wv = sd.var("wv", Nd4j.randn(DataType.FLOAT, heads, proj, dModel).muli(w));
        SDVariable wo = sd.var("wo", Nd4j.randn(DataType.FLOAT, (long) heads * proj, dModel).muli(w));
        SDVariable g = sd.constant("g", Nd4j.randn(DataType.FLOAT, batch, dModel, length));
        SDVariable out = sd.nn().multiHeadDotProductAttention("mha", x, x, x, wq, wk, wv, wo, null, true);
        SDVariable loss = out.mul(g).sum("loss");
        sd.setLossVariables(loss);
        // Building the backward graph prints one "Added differentiated op" line per op with System.out.println:
        // keep it off our stdout table.
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            sd.createGradFunction();
        } finally {
            System.setOut(stdout);
        }
    }

    /** One forward and backward pass; returns the gradients by variable name. */
    Map<String, INDArray> step() {
        return sd.calculateGradients(Map.of(), VARIABLES);
    }
}
