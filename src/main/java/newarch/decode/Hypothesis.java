package newarch.decode;

import java.util.Arrays;

/**
 * One decoded output: the tokens after BOS up to but not including EOS, whether EOS was produced, the sum of the
 * tokens' log-probabilities (EOS included when produced), and the score that ranked it (the log-probability,
 * divided by the length penalty in beam search).
 */
public record Hypothesis(int[] tokens, boolean finished, double logProbability, double score) {
    public Hypothesis {
        tokens = tokens.clone();
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }

    @Override
    public String toString() {
        return Arrays.toString(tokens) + (finished ? " <eos>" : " (unfinished)") + " logp " + logProbability
                + " score " + score;
    }
}
