package newarch.models.gpt;

import newarch.nn.Dropout;
import newarch.nn.Module;
import newarch.tensor.Elementwise;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/** GPT-2's position-wise MLP ({@code mlp}): c_fc [E, n_inner], the activation (gelu_new), c_proj [n_inner, E]. */
public class GptMlp extends Module {
    private final Conv1D cFc;
    private final Conv1D cProj;
    private final Dropout dropout;
    private final String activation;

    public GptMlp(GptConfig c, double projStd, Rng rng) {
        Elementwise.activation(c.activationFunction(), Tensor.constant(org.nd4j.linalg.factory.Nd4j.zeros(1)));
        this.activation = c.activationFunction();
        this.cFc = child("c_fc", new Conv1D(c.nEmbd(), c.nInner(), GptModel.INIT_STD, rng));
        this.cProj = child("c_proj", new Conv1D(c.nInner(), c.nEmbd(), projStd, rng));
        this.dropout = child("dropout", new Dropout(c.residPdrop(), rng));
    }

    /** [B, L, E] → [B, L, E]. */
    public Tensor forward(Tensor x) {
        return dropout.forward(cProj.forward(Elementwise.activation(activation, cFc.forward(x))));
    }
}
