package newarch.data;

import java.util.List;

/** One token per Unicode character (code point), spaces and newlines included: the character-level model's view. */
public final class CharacterTokenizer implements Tokenizer {
    @Override
    public List<String> tokenize(String text) {
        return text.codePoints().mapToObj(Character::toString).toList();
    }

    @Override
    public String detokenize(List<String> tokens) {
        return String.join("", tokens);
    }
}
