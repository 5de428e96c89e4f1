package newarch.train;

import newarch.data.SequenceTask;

/**
 * What a model factory needs to know about the data: vocabulary sizes and the longest sequences it will see (in
 * tokens, BOS/EOS included), so that position tables are big enough for the longer test lengths too.
 *
 * @param maxSourceLength longest source, in tokens
 * @param maxTargetLength longest decoder input or output (target + BOS or EOS), in tokens
 */
public record ModelSpec(int sourceVocabulary, int targetVocabulary, int maxSourceLength, int maxTargetLength) {
    public ModelSpec {
        if (sourceVocabulary < 1 || targetVocabulary < 1 || maxSourceLength < 1 || maxTargetLength < 1) {
            throw new IllegalArgumentException("model spec: vocabularies " + sourceVocabulary + "/" + targetVocabulary
                    + " and lengths " + maxSourceLength + "/" + maxTargetLength + " must be positive");
        }
    }

    /** Covers both the training and the test lengths of {@code task}. */
    public static ModelSpec forTask(SequenceTask task) {
        int v = task.vocabulary().size();
        int src = Math.max(task.maxSourceLength(task.trainLengths()), task.maxSourceLength(task.testLengths()));
        int tgt = Math.max(task.maxTargetLength(task.trainLengths()), task.maxTargetLength(task.testLengths()));
        return new ModelSpec(v, v, src, tgt + 1);
    }

    /**
     * The spec of a language model over {@code vocabulary} tokens with a context of {@code context} tokens (a corpus
     * task): its {@link #languageModelContext()} is exactly {@code context} (at least 4).
     */
    public static ModelSpec forLanguageModel(int vocabulary, int context) {
        if (context < 1) {
            throw new IllegalArgumentException("language model context is " + context + " but must be positive");
        }
        return new ModelSpec(vocabulary, vocabulary, Math.max(1, context - 3), 1);
    }

    /**
     * The spec of an image classifier over {@code classes} classes (an image task): the output "vocabulary" is the
     * classes, read back by {@link #classes()}; the lengths mean nothing for images and are 1.
     */
    public static ModelSpec forImages(int classes) {
        return new ModelSpec(classes, classes, 1, 1);
    }

    /** The classes of an image classifier ({@link #forImages}). */
    public int classes() {
        return targetVocabulary;
    }

    /**
     * The context a decoder-only language model needs for the same task: BOS, source, EOS, target, EOS
     * (see {@link LanguageModelObjective}).
     */
    public int languageModelContext() {
        return maxSourceLength + maxTargetLength + 2;
    }

    /** The single vocabulary of a language model (the larger of the two). */
    public int languageModelVocabulary() {
        return Math.max(sourceVocabulary, targetVocabulary);
    }
}
