package newarch.train;

import java.util.List;
import newarch.data.CharacterTokenizer;
import newarch.data.Corpus;
import newarch.data.LanguageModelCorpus;

/**
 * The corpus language-modelling tasks {@code train --task} accepts beside the synthetic ones of
 * {@link newarch.data.Tasks}: {@code moby-dick-chars} is Moby-Dick at the character level with the fixed 90/5/5 split
 * of {@link LanguageModelCorpus} and a context of {@value #DEFAULT_CONTEXT} characters; {@code moby-dick-chars-ctxT}
 * is the same with a context of T. The name alone determines the data, so a saved {@code config.json} resumes it.
 */
public final class CorpusTasks {
    public static final String MOBY_DICK_CHARS = "moby-dick-chars";
    public static final int DEFAULT_CONTEXT = 64;
    private static final String CONTEXT_SUFFIX = "-ctx";

    private CorpusTasks() {
    }

    /** A corpus task: which text, how it is tokenised, and the context length T the model is trained with. */
    public record Task(String name, String corpus, int context) {
    }

    public static List<String> names() {
        return List.of(MOBY_DICK_CHARS, MOBY_DICK_CHARS + CONTEXT_SUFFIX + "T");
    }

    public static boolean isCorpusTask(String name) {
        return name != null && (name.equals(MOBY_DICK_CHARS) || name.startsWith(MOBY_DICK_CHARS + CONTEXT_SUFFIX));
    }

    /** Parses a task name; an unknown name or a bad context is a one-line IllegalArgumentException. */
    public static Task parse(String name) {
        if (name == null || !isCorpusTask(name)) {
            throw new IllegalArgumentException("unknown corpus task '" + name + "' (known: " + String.join(", ",
                    names()) + ")");
        }
        if (name.equals(MOBY_DICK_CHARS)) {
            return new Task(name, Corpus.MOBY_DICK, DEFAULT_CONTEXT);
        }
        String t = name.substring((MOBY_DICK_CHARS + CONTEXT_SUFFIX).length());
        try {
            int context = Integer.parseInt(t);
            if (context >= 1) {
                return new Task(name, Corpus.MOBY_DICK, context);
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("corpus task '" + name + "': the context after '" + CONTEXT_SUFFIX
                + "' must be a positive whole number, got '" + t + "'");
    }

    /** Loads and splits the task's corpus at the character level (every character seen in training is a token). */
    public static LanguageModelCorpus load(Task task) {
        return LanguageModelCorpus.of(Corpus.named(task.corpus()), new CharacterTokenizer(), 1);
    }
}
