package newarch.models.distilbert;

import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import newarch.train.CrossEntropy;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * DistilBERT's triple training loss (Sanh et al. 2019, §2): L = α_ce·L_ce + α_mlm·L_mlm + α_cos·L_cos.
 * <ul>
 *   <li>L_ce, the distillation (soft-target) loss of Hinton et al.: KL(p_t ‖ p_s) between the teacher's and the
 *   student's distributions softened by a temperature T, p = softmax(z / T), averaged over the real (unpadded) tokens
 *   and multiplied by T² so that its gradient keeps the same scale as T changes;</li>
 *   <li>L_mlm, the ordinary masked-LM cross-entropy against the true tokens (labels −100 are not scored);</li>
 *   <li>L_cos, 1 − cos(h_s, h_t) between the student's and the teacher's last hidden states, averaged over the real
 *   tokens, which aligns the directions of the two models' representations.</li>
 * </ul>
 * The teacher's tensors are treated as constants: no gradient flows into the teacher.
 *
 * @param temperature T of the soft targets
 * @param alphaCe     weight of L_ce
 * @param alphaMlm    weight of L_mlm
 * @param alphaCos    weight of L_cos
 */
public record DistillationLoss(double temperature, double alphaCe, double alphaMlm, double alphaCos) {
    /** PyTorch's CosineEmbeddingLoss guards the norms with this ε. */
    private static final double NORM_EPS = 1e-12;
    private static final CrossEntropy MLM = new CrossEntropy();

    public DistillationLoss {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature is " + temperature + " but must be positive");
        }
        if (alphaCe < 0 || alphaMlm < 0 || alphaCos < 0) {
            throw new IllegalArgumentException("loss weights alpha_ce " + alphaCe + ", alpha_mlm " + alphaMlm
                    + ", alpha_cos " + alphaCos + " must not be negative");
        }
    }

    /** The weights DistilBERT was trained with: T 2, α_ce 5, α_mlm 2, α_cos 1. */
    public static DistillationLoss defaults() {
        return new DistillationLoss(2.0, 5.0, 2.0, 1.0);
    }

    /** The three terms and their weighted sum, the value to minimise. */
    public record Terms(Tensor total, Tensor softTarget, Tensor maskedLm, Tensor cosine) {
    }

    /**
     * @param studentLogits [B, L, V]
     * @param teacherLogits [B, L, V] (a constant is made of it)
     * @param studentHidden [B, L, H]
     * @param teacherHidden [B, L, H] (a constant is made of it)
     * @param attentionMask [B, L], 1 at real tokens; null means all real
     * @param mlmLabels     [B, L] true ids at masked positions, −100 elsewhere; null leaves out the MLM term
     */
    public Terms compute(Tensor studentLogits, Tensor teacherLogits, Tensor studentHidden, Tensor teacherHidden,
                         INDArray attentionMask, INDArray mlmLabels) {
        check("teacher logits", teacherLogits, "student logits", studentLogits);
        check("teacher hidden states", teacherHidden, "student hidden states", studentHidden);
        long b = studentLogits.size(0);
        long l = studentLogits.size(1);
        DataType type = studentLogits.dataType();
        INDArray real = attentionMask == null ? org.nd4j.linalg.factory.Nd4j.ones(type, b, l)
                : attentionMask.castTo(type);                                          // [B, L]
        if (attentionMask != null && (attentionMask.rank() != 2 || attentionMask.size(0) != b
                || attentionMask.size(1) != l)) {
            throw new IllegalArgumentException("attention_mask is " + Shapes.show(attentionMask)
                    + " but must be [B, L] = [" + b + "," + l + "] like the logits");
        }
        double count = real.sumNumber().doubleValue();
        if (count == 0) {
            throw new IllegalArgumentException("attention_mask has no real token: nothing to distil");
        }
        Tensor realTokens = Tensor.constant(real);

        // Soft targets: Σ_v p_t (log p_t − log p_s) per token, both at temperature T.
        INDArray teacherLogP = logSoftmax(teacherLogits.data().div(temperature));     // [B, L, V]
        INDArray teacherP = Transforms.exp(teacherLogP, true);
        Tensor studentLogP = studentLogits.mul(1 / temperature).logSoftmax(2);          // [B, L, V]
        Tensor klPerToken = Tensor.constant(teacherP.mul(teacherLogP).sum(2))           // Σ p_t log p_t, [B, L]
                .sub(Tensor.constant(teacherP).mul(studentLogP).sum(2));
        Tensor softTarget = klPerToken.mul(realTokens).sumAll().mul(temperature * temperature / count);

        Tensor maskedLm = mlmLabels == null ? Tensor.scalar(0, type)
                : MLM.loss(studentLogits.permute(0, 2, 1), mlmLabels);                   // classes on dim 1

        // 1 − cos(h_s, h_t) per token.
        Tensor t = Tensor.constant(teacherHidden.data());
        Tensor dot = studentHidden.mul(t).sum(2);                                        // [B, L]
        Tensor norms = studentHidden.mul(studentHidden).sum(2).add(NORM_EPS)
                .mul(t.mul(t).sum(2).add(NORM_EPS)).sqrt();                              // |h_s|·|h_t|, [B, L]
        Tensor cosine = dot.div(norms).neg().add(1).mul(realTokens).sumAll().mul(1 / count);

        Tensor total = softTarget.mul(alphaCe).add(maskedLm.mul(alphaMlm)).add(cosine.mul(alphaCos));
        return new Terms(total, softTarget, maskedLm, cosine);
    }

    private static INDArray logSoftmax(INDArray x) {
        INDArray shifted = x.sub(x.max(true, 2));
        return shifted.subi(Transforms.log(Transforms.exp(shifted, true).sum(true, 2), false));
    }

    private static void check(String aName, Tensor a, String bName, Tensor b) {
        if (a.rank() != 3 || !java.util.Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(aName + " are " + Shapes.show(a.data()) + " but must be [B, L, ·] like the "
                    + bName + " " + Shapes.show(b.data()));
        }
    }
}
