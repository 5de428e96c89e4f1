package newarch.grading;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import newarch.grading.assignments.BeyondTextAssignment;
import newarch.grading.assignments.BertAssignment;
import newarch.grading.assignments.DistilBertAssignment;
import newarch.grading.assignments.MultiHeadAssignment;
import newarch.grading.assignments.ReformerAssignment;
import newarch.grading.assignments.SandwichAssignment;
import newarch.grading.assignments.SelfAttentionAssignment;
import newarch.grading.assignments.ShuffleExchangeAssignment;
import newarch.grading.assignments.UniversalTransformerAssignment;
import newarch.grading.assignments.TransformerAssignment;
import newarch.grading.assignments.Seq2SeqAttentionAssignment;

/** The registry of assignments by id. */
public final class Assignments {
    private static final Map<String, Assignment> ALL = new LinkedHashMap<>();

    static {
        add(new SelfAttentionAssignment());
        add(new MultiHeadAssignment());
        add(new UniversalTransformerAssignment());
        add(new SandwichAssignment());
        add(new TransformerAssignment());
        add(new Seq2SeqAttentionAssignment());
        add(new BeyondTextAssignment());
        add(new ReformerAssignment());
        add(new ShuffleExchangeAssignment());
        add(new newarch.grading.assignments.EfficientAttentionAssignment());
        add(new newarch.grading.assignments.WordVectorsAssignment());
        add(new newarch.grading.assignments.AlbertAssignment());
        add(new BertAssignment());
        add(new DistilBertAssignment());
    }

    private Assignments() {
    }

    private static void add(Assignment a) {
        ALL.put(a.id(), a);
    }

    public static Optional<Assignment> byId(String id) {
        return Optional.ofNullable(id == null ? null : ALL.get(id));
    }

    /** The assignment whose id starts the file name ("01-self-attention-alice.ipynb"), if any. */
    public static Optional<Assignment> byFileName(String fileName) {
        return ALL.values().stream().filter(a -> fileName.startsWith(a.id())).findFirst();
    }

    public static java.util.Set<String> ids() {
        return ALL.keySet();
    }
}
