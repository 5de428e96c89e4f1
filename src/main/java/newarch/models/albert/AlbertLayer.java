package newarch.models.albert;

import newarch.models.bert.EncoderInit;
import newarch.models.bert.HiddenActivation;
import newarch.nn.Dropout;
import newarch.nn.LayerNorm;
import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/**
 * One ALBERT layer, the same post-norm Transformer layer as BERT's with flat names: {@code attention}, then the
 * feed-forward {@code ffn} → activation → {@code ffn_output}, residual and {@code full_layer_layer_norm}.
 */
public class AlbertLayer extends Module {
    private final LayerNorm fullLayerLayerNorm;
    private final AlbertAttention attention;
    private final Linear ffn;
    private final Linear ffnOutput;
    private final HiddenActivation activation;
    private final Dropout dropout;

    public AlbertLayer(AlbertConfig c, Rng rng) {
        this.fullLayerLayerNorm = child("full_layer_layer_norm", new LayerNorm(c.hiddenSize(), c.layerNormEps()));
        this.attention = child("attention", new AlbertAttention(c, rng));
        this.ffn = child("ffn", EncoderInit.linear(c.hiddenSize(), c.intermediateSize(), c.initializerRange(), rng));
        this.ffnOutput = child("ffn_output", EncoderInit.linear(c.intermediateSize(), c.hiddenSize(),
                c.initializerRange(), rng));
        this.activation = new HiddenActivation(c.hiddenAct(), "hidden_act");
        this.dropout = child("dropout", new Dropout(c.hiddenDropoutProb(), rng));
    }

    /** x [B, L, H], additive mask [B, 1, 1, L] or null → [B, L, H]. */
    public Tensor forward(Tensor x, Tensor mask) {
        Tensor attended = attention.forward(x, mask);
        Tensor ff = dropout.forward(ffnOutput.forward(activation.apply(ffn.forward(attended)))); // [B, L, H]
        return fullLayerLayerNorm.forward(ff.add(attended));
    }
}
