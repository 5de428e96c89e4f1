package newarch.models.vit;

import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/** The position-wise MLP ({@code mlp}): fc1 [D → intermediate], {@code hidden_act}, fc2 [intermediate → D]. */
public class ViTMlp extends Module {
    private final Linear fc1;
    private final Linear fc2;
    private final String activation;

    public ViTMlp(ViTConfig c, Rng rng) {
        this.fc1 = child("fc1", new Linear(c.hiddenSize(), c.intermediateSize(), true, rng));
        this.fc2 = child("fc2", new Linear(c.intermediateSize(), c.hiddenSize(), true, rng));
        this.activation = c.hiddenAct();
    }

    /** [B, L, D] → [B, L, D]. */
    public Tensor forward(Tensor x) {
        return fc2.forward(Activations.apply(activation, fc1.forward(x)));
    }
}
