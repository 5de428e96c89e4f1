package newarch.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The synthetic tasks by name, each with default train and test lengths:
 * {@code copy}, {@code reverse}, {@code sort} (10 symbols, train 1..10, test 11..20), {@code addition}
 * (operands of 1..5 digits, test 6..8), and for length generalisation of taggers {@code binary-addition},
 * {@code binary-multiplication} (operands of 1..16 bits, test 64) and {@code sort-labelling} (1..16 symbols, test 64);
 * and one from real text: {@code last-word}, LAMBADA-style last-word prediction on Moby-Dick (passages of 16..32
 * words, test 64, a vocabulary of 2000 words).
 */
public final class Tasks {
    private record Entry(LengthRange train, LengthRange test, BiFunction<LengthRange, LengthRange, SequenceTask> make) {
    }

    /** Moby-Dick last-word prediction ({@link LastWordTask}). */
    public static final String LAST_WORD = "last-word";
    private static final int LAST_WORD_VOCABULARY = 2000;
    private static final int ALPHABET = 10;
    private static final Map<String, Entry> TASKS = new LinkedHashMap<>();

    static {
        register("copy", LengthRange.of(1, 10), LengthRange.of(11, 20), (tr, te) -> new CopyTask(ALPHABET, tr, te));
        register("reverse", LengthRange.of(1, 10), LengthRange.of(11, 20),
                (tr, te) -> new ReverseTask(ALPHABET, tr, te));
        register("sort", LengthRange.of(1, 10), LengthRange.of(11, 20), (tr, te) -> new SortTask(ALPHABET, tr, te));
        register("addition", LengthRange.of(1, 5), LengthRange.of(6, 8), AdditionTask::new);
        // Length generalisation for taggers (Shuffle-Exchange papers): test on 4x the longest training length.
        register("binary-addition", LengthRange.of(1, 16), LengthRange.of(64, 64), BinaryAdditionTask::new);
        register("binary-multiplication", LengthRange.of(1, 16), LengthRange.of(64, 64),
                BinaryMultiplicationTask::new);
        register("sort-labelling", LengthRange.of(1, 16), LengthRange.of(64, 64),
                (tr, te) -> new SortTask(ALPHABET, tr, te));
        // LAMBADA-style, from real text (needs scripts/fetch-corpora moby-dick): passages of 16..32 words, test 64.
        register(LAST_WORD, LengthRange.of(16, 32), LengthRange.of(64, 64),
                (tr, te) -> new LastWordTask(LAST_WORD, Corpus.mobyDick().text(), LAST_WORD_VOCABULARY, tr, te));
    }

    private Tasks() {
    }

    private static void register(String name, LengthRange train, LengthRange test,
                                 BiFunction<LengthRange, LengthRange, SequenceTask> make) {
        TASKS.put(name, new Entry(train, test, make));
    }

    public static List<String> names() {
        return List.copyOf(TASKS.keySet());
    }

    /** The task with its default lengths. */
    public static SequenceTask create(String name) {
        return create(name, null, null);
    }

    /** The task with the given lengths; a null range keeps the task's default. */
    public static SequenceTask create(String name, LengthRange train, LengthRange test) {
        Entry e = TASKS.get(name);
        if (e == null) {
            throw new IllegalArgumentException("unknown task '" + name + "' (known: " + String.join(", ", names())
                    + ")");
        }
        return e.make().apply(train != null ? train : e.train(), test != null ? test : e.test());
    }
}
