package newarch.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * LAMBADA-style last-word prediction from real text: the input is a passage of words, the answer is the word that
 * follows it. As in LAMBADA, the passages are chosen so that the answer needs the passage: the answer word already
 * occurs in it, and it is not one of the {@value #FUNCTION_WORDS} most frequent words (which a model could guess
 * without reading). So a model has to find the earlier mention and judge that it comes back, a long-range
 * dependency of the kind the lectures compare RSE, the Universal Transformer and the Transformer on.
 *
 * <p>The text is lower-cased words (punctuation dropped); the vocabulary is the most frequent words, the rest UNK,
 * and an answer is always in the vocabulary. The length of an example is the number of passage words, drawn from the
 * range. Held out: the passages whose answer and last {@value #HELD_OUT_KEY} words hash into the held-out tenth, so
 * passages of different lengths that end at the same place are held out together (no test answer is trained on with
 * a slightly longer context).
 */
public final class LastWordTask extends SequenceTask {
    /** The most frequent words never chosen as answers. */
    public static final int FUNCTION_WORDS = 100;
    static final int HELD_OUT_KEY = 8;

    private final int[] words;
    /** End positions usable as answers, by increasing distance back to the answer's previous occurrence. */
    private final int[] answers;
    private final int[] distance;

    /**
     * @param name           the task's name
     * @param text           running text
     * @param vocabularySize words in the vocabulary (besides PAD, BOS, EOS, UNK)
     */
    public LastWordTask(String name, String text, int vocabularySize, LengthRange trainLengths,
                        LengthRange testLengths) {
        this(name, WordTokenizer.words(text), vocabularySize, trainLengths, testLengths);
    }

    private LastWordTask(String name, List<String> tokens, int vocabularySize, LengthRange trainLengths,
                         LengthRange testLengths) {
        super(name, vocabulary(tokens, vocabularySize), trainLengths, testLengths);
        if (vocabularySize <= FUNCTION_WORDS) {
            throw new IllegalArgumentException("vocabulary size is " + vocabularySize + " but must exceed the "
                    + FUNCTION_WORDS + " function words that are never answers");
        }
        this.words = VocabularyBuilder.encode(vocabulary(), tokens);
        int longest = Math.max(trainLengths.max(), testLengths.max());
        int shortest = Math.min(trainLengths.min(), testLengths.min());
        Map<Integer, Integer> lastSeen = new HashMap<>();
        List<int[]> usable = new ArrayList<>();   // {position, distance back}
        int firstAnswer = Vocabulary.UNK + 1 + FUNCTION_WORDS;   // ids are by frequency, after the reserved four
        for (int i = 0; i < words.length; i++) {
            Integer before = lastSeen.put(words[i], i);
            if (words[i] >= firstAnswer && before != null && i - before <= longest && i >= longest) {
                usable.add(new int[] {i, i - before});
            }
        }
        usable.sort(Comparator.comparingInt(u -> u[1]));
        this.answers = usable.stream().mapToInt(u -> u[0]).toArray();
        this.distance = usable.stream().mapToInt(u -> u[1]).toArray();
        if (answers.length == 0 || distance[0] > shortest) {
            throw new IllegalArgumentException(name + ": the text has no passage of " + shortest
                    + " words whose next word occurs in it; use a longer text or longer passages");
        }
    }

    private static Vocabulary vocabulary(List<String> tokens, int size) {
        Vocabulary all = VocabularyBuilder.build(tokens, 1);
        List<String> kept = all.tokens().subList(Vocabulary.UNK + 1, Math.min(all.size(), Vocabulary.UNK + 1 + size));
        return new Vocabulary(kept);
    }

    /** How many passages of {@code length} words the text offers (answers whose earlier mention is in reach). */
    public int passages(int length) {
        int lo = 0;
        int hi = distance.length;   // the first index whose distance exceeds length
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (distance[mid] <= length) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    protected Example generate(SplittableRandom random, LengthRange lengths) {
        int length = lengths.draw(random);
        int end = answers[random.nextInt(passages(length))];
        return new Example(Arrays.copyOfRange(words, end - length, end), new int[] {words[end]});
    }

    @Override
    public boolean isHeldOut(Example example) {
        int[] x = example.source();
        int[] key = Arrays.copyOfRange(x, Math.max(0, x.length - HELD_OUT_KEY), x.length + 1);
        key[key.length - 1] = example.target()[0];
        return Long.remainderUnsigned(mix(Arrays.hashCode(key)), 10) == 0;
    }

    @Override
    protected double inputsOfSourceLength(int sourceTokens) {
        return passages(sourceTokens);
    }

    @Override
    public int maxSourceLength(LengthRange lengths) {
        return lengths.max();
    }

    @Override
    public int maxTargetLength(LengthRange lengths) {
        return 1;
    }

    /** Words separated by spaces. */
    @Override
    public String render(int[] ids) {
        return String.join(" ", VocabularyBuilder.decode(vocabulary(), ids));
    }
}
