package newarch.models.mixer;

import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Elementwise;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/**
 * The two-layer MLP of a Mixer layer (paper eq. 1): fc1 [in → hidden], GELU, fc2 [hidden → in], applied to the last
 * axis. As channel mixing ({@code mlp_channels}) it runs on each patch's C channels, the same weights for every patch.
 */
public class MixerMlp extends Module {
    private final Linear fc1;
    private final Linear fc2;

    public MixerMlp(int features, int hidden, Rng rng) {
        this.fc1 = child("fc1", new Linear(features, hidden, true, rng));
        this.fc2 = child("fc2", new Linear(hidden, features, true, rng));
    }

    /** [..., features] → [..., features]. */
    public Tensor forward(Tensor x) {
        return fc2.forward(Elementwise.gelu(fc1.forward(x)));
    }
}
