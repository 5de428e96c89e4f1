package newarch.grading.assignments;

import static newarch.grading.Probe.array;
import static newarch.grading.Probe.literal;
import static newarch.grading.Probe.tensor;
import static newarch.grading.assignments.SelfAttentionAssignment.probeId;
import static newarch.grading.assignments.SelfAttentionAssignment.shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import newarch.data.pretraining.MaskedTokens;
import newarch.data.pretraining.PreTrainingCorpus;
import newarch.data.pretraining.SentencePairs;
import newarch.data.wordpiece.WordPieceTokenizer;
import newarch.data.wordpiece.WordPieceVocabulary;
import newarch.grading.Assignment;
import newarch.grading.GradedTest;
import newarch.grading.Probe;
import newarch.grading.assignments.Judges.Expectation;
import newarch.tensor.GradMode;
import newarch.tensor.Tensor;
import newarch.train.CrossEntropy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Assignment 12, BERT: the layout and segment ids of a sentence pair (with trimming), the 80/10/10 masked-LM
 * corruption given its random draws, the masked-LM loss over the selected positions only, and WordPiece's greedy
 * longest match. Expected values come from the library ({@link SentencePairs#layout}, {@link CrossEntropy} with ignore
 * index −100, {@link WordPieceTokenizer}; the corruption from {@link MaskedTokens}'s rule and constants applied to the
 * given draws). Hidden tests use other lengths, trimming of either segment, draws on the thresholds' edges, batches of
 * several rows and words that need the longest match or end in [UNK].
 */
public final class BertAssignment implements Assignment {
    @Override
    public String id() {
        return "12-bert";
    }

    @Override
    public String title() {
        return "BERT: sentence pairs, masking, the MLM loss and WordPiece";
    }

    @Override
    public List<GradedTest> tests() {
        SplittableRandom random = new SplittableRandom(1212);
        Inputs in = new Inputs(1212);
        return List.of(
                pairs("12.1 pair layout: no trimming", false, random, new int[][] {{3, 4, 20}}),
                pairs("12.1 pair layout: trimming B, trimming A, a tie, a one-token B", true, random,
                        new int[][] {{2, 9, 8}, {10, 3, 9}, {6, 6, 11}, {4, 1, 12}}),
                masking("12.2 80/10/10 rule: 12 tokens", false, random, List.of(12), false),
                masking("12.2 80/10/10 rule: 40 tokens, draws on the thresholds, another [MASK] id", true, random,
                        List.of(40, 25), true),
                loss("12.3 MLM loss: [2, 3, 5]", false, in, random, new long[][] {{2, 3, 5}}),
                loss("12.3 MLM loss: one selected position, [3, 6, 11], [1, 9, 4]", true, in, random,
                        new long[][] {{1, 4, 7}, {3, 6, 11}, {1, 9, 4}}),
                wordPieces("12.4 WordPiece: whole words and suffixes", false,
                        List.of("[UNK]", "play", "##ing", "##ed", "##s", "saw", "un", "##able"),
                        List.of("playing", "saw", "played")),
                wordPieces("12.4 WordPiece: the longest piece wins, [UNK] for the whole word", true,
                        List.of("trans", "##form", "##former", "##ers", "##s", "[UNK]", "a", "##b", "##bc", "##c",
                                "x", "##y"),
                        List.of("transformers", "transform", "abc", "abd", "xyyy", "zx", "a")));
    }

    private static INDArray longs(SplittableRandom random, int n, int from, int to) {
        return Nd4j.createFromArray(random.ints(n, from, to).asLongStream().toArray());
    }

    /** One probe per {|A|, |B|, maxLength}. */
    private static GradedTest pairs(String name, boolean hidden, SplittableRandom random, int[][] sizes) {
        List<Expectation> cases = new ArrayList<>();
        for (int[] s : sizes) {
            INDArray a = longs(random, s[0], 5, 100);
            INDArray b = longs(random, s[1], 5, 100);
            int[] ai = Arrays.stream(a.toLongVector()).mapToInt(v -> (int) v).toArray();
            int[] bi = Arrays.stream(b.toLongVector()).mapToInt(v -> (int) v).toArray();
            SentencePairs layout = new SentencePairs(List.of(List.of(ai, bi), List.of(bi, ai)),
                    SentencePairs.Task.NSP, s[2], PreTrainingCorpus.CLS, PreTrainingCorpus.SEP);
            SentencePairs.Pair pair = layout.layout(ai, bi, 0);
            INDArray expected = Nd4j.createFromArray(new long[][] {pair.inputIds(), pair.tokenTypes()});
            Probe p = Probe.call(probeId(name + Arrays.toString(s)), "pairLayout", array(a), array(b), literal(s[2]));
            cases.add(new Expectation(p, expected, "pairLayout(a of " + s[0] + ", b of " + s[1] + ", maxLength "
                    + s[2] + ")"));
        }
        return new GradedTest(name, "12.1", 1.25, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: row 0 is [CLS]=1, a, [SEP]=2, b, [SEP]=2; row 1 is 0 up to and including"
                        + " the first [SEP] and 1 from the first token of b to the last [SEP]. If the pair is longer"
                        + " than maxLength, remove the last token of the longer segment (of a when they are equally"
                        + " long) until |a| + |b| + 3 ≤ maxLength."));
    }

    /** One probe per length; with {@code edges}, some draws sit exactly on 0.15, 0.8 and 0.5. */
    private static GradedTest masking(String name, boolean hidden, SplittableRandom random, List<Integer> lengths,
                                      boolean edges) {
        List<Expectation> cases = new ArrayList<>();
        for (int n : lengths) {
            long maskId = edges ? 103 : PreTrainingCorpus.MASK_ID;
            long[] ids = random.ints(n, 5, 100).asLongStream().toArray();
            long[] maskable = new long[n];
            double[][] draws = new double[n][3];
            long[] replacement = random.ints(n, 5, 100).asLongStream().toArray();
            for (int i = 0; i < n; i++) {
                maskable[i] = i == 0 || i == n - 1 || random.nextDouble() < 0.1 ? 0 : 1;
                // selection draws concentrated below 0.3 so that many tokens are selected and all branches occur
                draws[i][0] = random.nextDouble() * 0.3;
                draws[i][1] = random.nextDouble();
                draws[i][2] = random.nextDouble();
                if (edges && i % 7 == 3) {
                    draws[i][0] = MaskedTokens.SELECT;
                } else if (edges && i % 7 == 5) {
                    draws[i][0] = 0.01;
                    draws[i][1] = MaskedTokens.AS_MASK;
                    draws[i][2] = MaskedTokens.RANDOM_OF_REST;
                }
            }
            long[][] expected = new long[2][n];
            for (int i = 0; i < n; i++) {
                expected[0][i] = ids[i];
                expected[1][i] = MaskedTokens.IGNORED;
                if (maskable[i] == 0 || draws[i][0] >= MaskedTokens.SELECT) {
                    continue;
                }
                expected[1][i] = ids[i];
                if (draws[i][1] < MaskedTokens.AS_MASK) {
                    expected[0][i] = maskId;
                } else if (draws[i][2] < MaskedTokens.RANDOM_OF_REST) {
                    expected[0][i] = replacement[i];
                }
            }
            Probe p = Probe.call(probeId(name + n), "maskTokens", array(Nd4j.createFromArray(ids)),
                    array(Nd4j.createFromArray(maskable)), array(Nd4j.createFromArray(draws)),
                    array(Nd4j.createFromArray(replacement)), literal(maskId + "L"));
            cases.add(new Expectation(p, Nd4j.createFromArray(expected), "maskTokens(" + n + " tokens, maskId "
                    + maskId + ")"));
        }
        return new GradedTest(name, "12.2", 1.25, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: a token is selected only if it is maskable and u1 < 0.15; then its label"
                        + " is its own id (−100 for every other token) and it becomes maskId if u2 < 0.8, else"
                        + " randomIds[i] if u3 < 0.5, else it stays. Use strict <: a draw equal to the threshold"
                        + " fails the test. Return [2, L]: corrupted ids, then labels."));
    }

    /** One probe per {B, L, V}; the labels select about a third of the positions, at least one. */
    private static GradedTest loss(String name, boolean hidden, Inputs in, SplittableRandom random, long[][] shapes) {
        List<Expectation> cases = new ArrayList<>();
        CrossEntropy reference = new CrossEntropy(0, MaskedTokens.IGNORED, CrossEntropy.Reduction.MEAN);
        for (long[] s : shapes) {
            INDArray logits = in.scaled(2, s);
            long[][] labels = new long[(int) s[0]][(int) s[1]];
            for (long[] row : labels) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = random.nextDouble() < 0.35 ? random.nextInt((int) s[2]) : MaskedTokens.IGNORED;
                }
            }
            if (Arrays.stream(labels).flatMapToLong(Arrays::stream).allMatch(v -> v == MaskedTokens.IGNORED)) {
                labels[0][0] = 0;
            }
            INDArray y = Nd4j.createFromArray(labels);
            INDArray expected;
            try (GradMode ignored = GradMode.off()) {
                expected = reference.sequenceLoss(Tensor.constant(logits), y).data().reshape(1);
            }
            Probe call = Probe.call(probeId(name + Arrays.toString(s)), "mlmLoss", tensor(logits), array(y));
            // a scalar of shape [] or [1] is fine: the probe flattens what the student returns to [1]
            String code = call.code().substring(0, call.code().length() - 2) + ".data().reshape(1));";
            Probe p = new Probe(call.id(), code, call.inputs());
            cases.add(new Expectation(p, expected, "mlmLoss(logits " + shape(logits) + ", labels with "
                    + y.neq(MaskedTokens.IGNORED).castTo(org.nd4j.linalg.api.buffer.DataType.LONG).sumNumber().longValue()
                    + " selected)"));
        }
        return new GradedTest(name, "12.3", 1.25, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: take logSoftmax over the last axis (V), pick the log-probability of the"
                        + " label at every selected position, and divide the negated sum by the number of selected"
                        + " positions — not by B·L: positions labelled −100 count neither in the sum nor in the mean."
                        + " Return a scalar."));
    }

    /** One probe per word, against the library's tokenizer. */
    private static GradedTest wordPieces(String name, boolean hidden, List<String> vocab, List<String> words) {
        List<Expectation> cases = new ArrayList<>();
        WordPieceTokenizer tokenizer = new WordPieceTokenizer(WordPieceVocabulary.of(vocab), "[UNK]", 100);
        String vocabSource = vocab.stream().map(t -> "\"" + t + "\"")
                .collect(Collectors.joining(", ", "java.util.List.of(", ")"));
        for (String word : words) {
            INDArray expected = Nd4j.createFromArray(tokenizer.tokenize(word).stream().mapToLong(vocab::indexOf)
                    .toArray());
            Probe p = Probe.call(probeId(name + word), "wordPiece", literal("\"" + word + "\""), literal(vocabSource));
            cases.add(new Expectation(p, expected, "wordPiece(\"" + word + "\", " + vocab + ")"));
        }
        return new GradedTest(name, "12.4", 1.25, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: at each position try the longest rest of the word first and shorten it one"
                        + " character at a time; every piece after the first needs the \"##\" prefix to match. If no"
                        + " piece matches, return only the index of \"[UNK]\" for the whole word, not the pieces found"
                        + " so far."));
    }
}
