package newarch.models.distilbert;

import java.util.LinkedHashMap;
import java.util.Map;
import newarch.models.bert.BertForPreTraining;
import newarch.models.bert.BertModel;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DistilBERT's initialisation of the student from the teacher (Sanh et al. 2019, §3): same width, so every student
 * tensor has a teacher tensor of the same shape; the student keeps the teacher's embeddings (not the segment table,
 * which it lacks) and one layer out of two, by default teacher layers 0, 2, 4, … (Hugging Face's own extraction
 * script picked 0, 2, 4, 7, 9, 11 for BERT-base; pass those to {@link #copy(BertModel, DistilBertModel, int[])}).
 * The names map one to one: query/key/value/attention.output.dense → q_lin/k_lin/v_lin/out_lin,
 * attention.output.LayerNorm → sa_layer_norm, intermediate.dense → ffn.lin1, output.dense → ffn.lin2,
 * output.LayerNorm → output_layer_norm.
 */
public final class StudentInitializer {
    private StudentInitializer() {
    }

    /** A student of half the teacher's depth (rounded up) initialised from teacher layers 0, 2, 4, …. */
    public static DistilBertModel studentOf(BertModel teacher, newarch.tensor.Rng rng) {
        DistilBertModel student = new DistilBertModel(DistilBertConfig.studentOf(teacher.config()), rng);
        copy(teacher, student, everyOther(student.config().nLayers()));
        return student;
    }

    /** Teacher layers 0, 2, 4, … for {@code studentLayers} student layers. */
    public static int[] everyOther(int studentLayers) {
        int[] layers = new int[studentLayers];
        for (int i = 0; i < studentLayers; i++) {
            layers[i] = 2 * i;
        }
        return layers;
    }

    /** Copies the teacher's embeddings and layers {@code teacherLayers[i]} into student layer i. */
    public static void copy(BertModel teacher, DistilBertModel student, int[] teacherLayers) {
        Map<String, INDArray> t = teacher.stateDict();
        Map<String, INDArray> s = new LinkedHashMap<>();
        mapEncoder(t, "", s, "", teacherLayers, student.config().nLayers(), teacher.config().numHiddenLayers());
        if (student.config().sinusoidalPosEmbds()) {
            s.remove("embeddings.position_embeddings.weight"); // the student's table is fixed
        }
        student.loadStateDict(s, false);
    }

    /**
     * Copies a BERT pre-training model into a masked-LM student: the encoder as {@link #copy}, and the MLM head
     * (cls.predictions.transform.dense → vocab_transform, its LayerNorm → vocab_layer_norm, cls.predictions.bias →
     * vocab_projector.bias). The next-sentence head and the pooler have no counterpart.
     */
    public static void copy(BertForPreTraining teacher, DistilBertForMaskedLM student, int[] teacherLayers) {
        Map<String, INDArray> t = teacher.stateDict();
        Map<String, INDArray> s = new LinkedHashMap<>();
        mapEncoder(t, "bert.", s, "distilbert.", teacherLayers, student.distilbert().config().nLayers(),
                teacher.bert().config().numHiddenLayers());
        for (String p : new String[] {"weight", "bias"}) {
            s.put("vocab_transform." + p, t.get("cls.predictions.transform.dense." + p));
            s.put("vocab_layer_norm." + p, t.get("cls.predictions.transform.LayerNorm." + p));
        }
        s.put("vocab_projector.bias", t.get("cls.predictions.bias"));
        if (student.distilbert().config().sinusoidalPosEmbds()) {
            s.remove("distilbert.embeddings.position_embeddings.weight");
        }
        student.loadStateDict(s, false);
    }

    private static void mapEncoder(Map<String, INDArray> t, String tp, Map<String, INDArray> s, String sp,
                                   int[] teacherLayers, int studentLayers, int teacherDepth) {
        if (teacherLayers.length != studentLayers) {
            throw new IllegalArgumentException("teacher layers " + java.util.Arrays.toString(teacherLayers)
                    + " name " + teacherLayers.length + " layers but the student has " + studentLayers);
        }
        for (String name : new String[] {"word_embeddings.weight", "position_embeddings.weight", "LayerNorm.weight",
            "LayerNorm.bias"}) {
            s.put(sp + "embeddings." + name, t.get(tp + "embeddings." + name));
        }
        for (int i = 0; i < studentLayers; i++) {
            int from = teacherLayers[i];
            if (from < 0 || from >= teacherDepth) {
                throw new IllegalArgumentException("teacher layer " + from + " does not exist: the teacher has "
                        + teacherDepth + " layers");
            }
            String a = tp + "encoder.layer." + from + ".";
            String b = sp + "transformer.layer." + i + ".";
            for (String p : new String[] {"weight", "bias"}) {
                s.put(b + "attention.q_lin." + p, t.get(a + "attention.self.query." + p));
                s.put(b + "attention.k_lin." + p, t.get(a + "attention.self.key." + p));
                s.put(b + "attention.v_lin." + p, t.get(a + "attention.self.value." + p));
                s.put(b + "attention.out_lin." + p, t.get(a + "attention.output.dense." + p));
                s.put(b + "sa_layer_norm." + p, t.get(a + "attention.output.LayerNorm." + p));
                s.put(b + "ffn.lin1." + p, t.get(a + "intermediate.dense." + p));
                s.put(b + "ffn.lin2." + p, t.get(a + "output.dense." + p));
                s.put(b + "output_layer_norm." + p, t.get(a + "output.LayerNorm." + p));
            }
        }
    }
}
