package newarch.grading.assignments;

import static newarch.grading.Probe.literal;
import static newarch.grading.assignments.SelfAttentionAssignment.probeId;
import static newarch.grading.assignments.SelfAttentionAssignment.shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import newarch.data.Vocabulary;
import newarch.embeddings.BagOfWords;
import newarch.embeddings.CbowExamples;
import newarch.embeddings.NGramLanguageModel;
import newarch.embeddings.WordVectors;
import newarch.grading.Assignment;
import newarch.grading.GradedTest;
import newarch.grading.Probe;
import newarch.grading.assignments.Judges.Expectation;
import newarch.tensor.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Assignment 11, from one-hot to word2vec: a bag-of-words vector over a vocabulary (unknown words count towards
 * UNK, optionally binary), an add-k smoothed bigram probability from counts, the perplexity of a test sequence under
 * that model, the (context, target) windows of CBOW with UNK targets skipped, and an analogy by 3CosAdd. Expected
 * values come from the library ({@link BagOfWords}, {@link NGramLanguageModel}, {@link CbowExamples},
 * {@link WordVectors#analogy}); hidden tests change the texts, vocabularies, k, windows and vectors, and include the
 * edge cases a shortcut gets wrong (a history at the very end of the corpus, UNK targets, binary counts).
 */
public final class WordVectorsAssignment implements Assignment {
    private static final List<String> WORDS = List.of("the", "whale", "ship", "sea", "ahab", "white", "boat", "man",
            "call", "me", "ishmael", "a", "of", "and", "harpoon");

    @Override
    public String id() {
        return "11-word-vectors";
    }

    @Override
    public String title() {
        return "From one-hot to word2vec: counts, smoothing, perplexity, CBOW windows and analogies";
    }

    @Override
    public List<GradedTest> tests() {
        Rng rng = new Rng(1111);
        return List.of(
                bagOfWords("11.1 bag of words: counts over a 6-word vocabulary", false,
                        List.of(new BowCase(List.of("the", "whale", "the", "sea", "whale", "the"),
                                List.of("the", "whale", "sea", "ship", "a", "of"), false))),
                bagOfWords("11.1 bag of words: unknown words, binary presence, an empty text", true,
                        List.of(new BowCase(List.of("call", "me", "ishmael", "call", "the", "whale", "moby"),
                                        List.of("me", "call", "whale", "harpoon"), false),
                                new BowCase(List.of("the", "white", "whale", "the", "white", "sea", "ahab"),
                                        List.of("white", "the", "sea", "boat"), true),
                                new BowCase(List.of(), List.of("a", "of"), false))),
                bigram("11.2 add-k bigram probability: a seen and an unseen bigram, k = 1", false,
                        List.of(new BigramCase(new int[] {4, 5, 6, 4, 5, 7, 4, 6}, 4, 5, 8, 1.0),
                                new BigramCase(new int[] {4, 5, 6, 4, 5, 7, 4, 6}, 5, 4, 8, 1.0))),
                bigram("11.2 add-k bigram probability: other k, a history that ends the corpus, BOS as history", true,
                        List.of(new BigramCase(randomIds(rng, 30, 4, 10), 6, 7, 10, 0.1),
                                new BigramCase(new int[] {4, 5, 4, 6, 5, 7}, 7, 4, 9, 0.5),
                                new BigramCase(new int[] {5, 4, 6, 6, 5, 4}, 4, 6, 7, 0.01),
                                new BigramCase(new int[] {5, 4, 6, 6, 5, 4}, 1, 5, 7, 0.2))),
                perplexity("11.3 bigram perplexity of a test text, k = 1", false,
                        List.of(new PerplexityCase(new int[] {4, 5, 6, 4, 5, 7, 4, 6}, new int[] {4, 5, 6}, 8, 1.0))),
                perplexity("11.3 bigram perplexity: longer texts, small k, unseen bigrams", true,
                        List.of(new PerplexityCase(randomIds(rng, 60, 4, 12), randomIds(rng, 15, 4, 12), 12, 0.05),
                                new PerplexityCase(new int[] {4, 5, 4, 5, 4, 5}, new int[] {5, 4, 4, 6}, 7, 0.001),
                                new PerplexityCase(new int[] {6, 5, 4}, new int[] {7}, 8, 2.0))),
                cbow("11.4 CBOW windows: 7 ids, window 2", false,
                        List.of(new CbowCase(new int[] {4, 5, 6, 7, 8, 9, 10}, 2))),
                cbow("11.4 CBOW windows: window 1 and 3, UNK targets skipped", true,
                        List.of(new CbowCase(new int[] {4, 5, 3, 6, 7, 3, 8, 9}, 1),
                                new CbowCase(new int[] {12, 3, 5, 9, 3, 6, 4, 11, 8, 3, 7}, 3))),
                analogy("11.5 analogy by 3CosAdd: 10 words in 3 dimensions", false, rng, List.of(new int[] {10, 3})),
                analogy("11.5 analogy by 3CosAdd: more words, other sizes, vectors of different lengths", true, rng,
                        List.of(new int[] {16, 5}, new int[] {12, 2}, new int[] {20, 8})));
    }

    private static int[] randomIds(Rng rng, int n, int from, int to) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = from + rng.nextInt(to - from);
        }
        return ids;
    }

    private static String stringList(List<String> words) {
        return words.stream().map(w -> '"' + w + '"').collect(Collectors.joining(", ", "java.util.List.of(", ")"));
    }

    private static String intArray(int[] ids) {
        return Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(", ", "new int[] {", "}"));
    }

    private static String show(int[] ids) {
        return Arrays.toString(ids).replace(" ", "");
    }

    private record BowCase(List<String> tokens, List<String> words, boolean binary) {
    }

    private static GradedTest bagOfWords(String name, boolean hidden, List<BowCase> bowCases) {
        List<Expectation> cases = new ArrayList<>();
        for (BowCase c : bowCases) {
            Vocabulary vocabulary = new Vocabulary(c.words());
            INDArray expected = new BagOfWords(vocabulary, c.binary()).vector(c.tokens()).castTo(DataType.DOUBLE);
            Probe p = Probe.call(probeId(name + c), "bagOfWords", literal(stringList(c.tokens())),
                    literal("new newarch.data.Vocabulary(" + stringList(c.words()) + ")"), literal(c.binary()));
            cases.add(new Expectation(p, expected, "bagOfWords(" + c.tokens() + ", vocabulary " + c.words()
                    + ", binary " + c.binary() + ")"));
        }
        return new GradedTest(name, "11.1", 1, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: the vector has vocabulary.size() entries — the 4 reserved tokens"
                        + " (<pad>, <s>, </s>, <unk>) come first, so word ids start at 4. Add 1 at"
                        + " vocabulary.id(token) for every token: a word not in the vocabulary has id UNK = 3 and"
                        + " counts there. With binary = true an entry is 1 if the word occurs at all. An empty text"
                        + " gives all zeros."));
    }

    private record BigramCase(int[] corpus, int previous, int word, int vocabularySize, double k) {
    }

    private static GradedTest bigram(String name, boolean hidden, List<BigramCase> bigramCases) {
        List<Expectation> cases = new ArrayList<>();
        for (BigramCase c : bigramCases) {
            double p = new NGramLanguageModel(2, c.vocabularySize(), c.k()).train(c.corpus())
                    .probability(new int[] {c.previous()}, c.word());
            Probe probe = Probe.call(probeId(name + show(c.corpus()) + c.previous() + c.word() + c.k()), "addKBigram",
                    literal(intArray(c.corpus())), literal(c.previous()), literal(c.word()),
                    literal(c.vocabularySize()), literal(c.k()));
            cases.add(new Expectation(probe, Nd4j.scalar(p), "addKBigram(corpus " + show(c.corpus()) + ", previous "
                    + c.previous() + ", word " + c.word() + ", V " + c.vocabularySize() + ", k " + c.k() + ")"));
        }
        return new GradedTest(name, "11.2", 1, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: P(w | h) = (c(h, w) + k) / (c(h) + k·V). Count bigrams over the corpus"
                        + " with one <s> (BOS = 1) in front: the pairs (BOS, c0), (c0, c1), ..., (c[n-2], c[n-1])."
                        + " c(h) is the number of those pairs whose first id is h — an h at the very end of the"
                        + " corpus starts no pair and does not count; BOS starts exactly one."));
    }

    private record PerplexityCase(int[] train, int[] test, int vocabularySize, double k) {
    }

    private static GradedTest perplexity(String name, boolean hidden, List<PerplexityCase> perplexityCases) {
        List<Expectation> cases = new ArrayList<>();
        for (PerplexityCase c : perplexityCases) {
            double ppl = new NGramLanguageModel(2, c.vocabularySize(), c.k()).train(c.train()).perplexity(c.test());
            Probe probe = Probe.call(probeId(name + show(c.train()) + show(c.test()) + c.k()), "bigramPerplexity",
                    literal(intArray(c.train())), literal(intArray(c.test())), literal(c.vocabularySize()),
                    literal(c.k()));
            cases.add(new Expectation(probe, Nd4j.scalar(ppl), "bigramPerplexity(train " + show(c.train()) + ", test "
                    + show(c.test()) + ", V " + c.vocabularySize() + ", k " + c.k() + ")"));
        }
        return new GradedTest(name, "11.3", 1, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: the test text also starts after one <s>: its first token is scored as"
                        + " P(t0 | BOS), then P(t1 | t0), ... — N probabilities for N tokens. Perplexity is"
                        + " exp(−(1/N) Σ ln P), natural logarithms, divided by the number of test tokens (not by"
                        + " N + 1)."));
    }

    private record CbowCase(int[] ids, int window) {
    }

    private static GradedTest cbow(String name, boolean hidden, List<CbowCase> cbowCases) {
        List<Expectation> cases = new ArrayList<>();
        for (CbowCase c : cbowCases) {
            INDArray expected = CbowExamples.of(c.ids(), c.window()).contexts().castTo(DataType.LONG);
            Probe probe = Probe.call(probeId(name + show(c.ids()) + c.window()), "cbowContexts",
                    literal(intArray(c.ids())), literal(c.window()));
            cases.add(new Expectation(probe, expected, "cbowContexts(" + show(c.ids()) + ", window " + c.window()
                    + ")"));
        }
        return new GradedTest(name, "11.4", 1, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: one row per position t with a full window (window ≤ t < n − window)"
                        + " whose middle id is not UNK (3); the row is the window ids before t, in order, then the"
                        + " window ids after t, in order: shape [rows, 2·window]. Context ids may be UNK; only"
                        + " targets are skipped."));
    }

    private static GradedTest analogy(String name, boolean hidden, Rng rng, List<int[]> sizes) {
        List<Expectation> cases = new ArrayList<>();
        for (int[] s : sizes) {
            int v = s[0];
            // rows of different lengths: an answer that skips the normalisation picks a long vector instead
            INDArray vectors = rng.normal(DataType.FLOAT, 0, 1, v, s[1]);
            INDArray lengths = rng.normal(DataType.FLOAT, 0, 1, v, 1);
            vectors.muli(Transforms.exp(lengths).broadcast(v, s[1]));
            List<String> words = IntStream.range(Vocabulary.UNK + 1, v).mapToObj(i -> "w" + i).toList();
            Vocabulary vocabulary = new Vocabulary(words);
            int a = 4 + rng.nextInt(v - 4);
            int b = 4 + rng.nextInt(v - 4);
            int c = 4 + rng.nextInt(v - 4);
            while (b == a) {
                b = 4 + rng.nextInt(v - 4);
            }
            while (c == a || c == b) {
                c = 4 + rng.nextInt(v - 4);
            }
            String best = new WordVectors(vocabulary, vectors).analogy("w" + a, "w" + b, "w" + c, 1).get(0).word();
            Probe probe = Probe.call(probeId(name + Arrays.toString(s)), "analogy", Probe.array(vectors), literal(a), literal(b), literal(c));
            cases.add(new Expectation(probe, Nd4j.scalar((double) vocabulary.id(best)), "analogy(vectors "
                    + shape(vectors) + ", a " + a + ", b " + b + ", c " + c + ")"));
        }
        return new GradedTest(name, "11.5", 1, hidden, cases.stream().map(Expectation::probe).toList(),
                Judges.allClose(cases, "Hint: scale every row to unit length first, form q = v̂_b − v̂_a + v̂_c and"
                        + " return the id d ≥ 4 (not a reserved token) that is none of a, b, c and has the largest"
                        + " cosine with q; on a tie the smaller id wins."));
    }
}
