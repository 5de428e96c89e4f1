package newarch.data;

import java.util.List;

/** Splits text into tokens for a {@link Vocabulary}, and joins tokens back into readable text. */
public interface Tokenizer {
    List<String> tokenize(String text);

    String detokenize(List<String> tokens);
}
