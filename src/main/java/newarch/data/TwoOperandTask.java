package newarch.data;

import java.util.ArrayList;
import java.util.List;

/**
 * A task whose input is two numbers joined by an operator, "a∘b", written one symbol per token, each operand's number
 * of symbols drawn from the length range: decimal addition and the binary arithmetic tasks. This class knows the
 * vocabulary (the digits and the operator), turns text into ids, and counts the possible inputs of each length; a
 * subclass draws the operands and writes the answer.
 */
public abstract class TwoOperandTask extends SequenceTask {
    private final List<String> digits;
    private final String operator;

    protected TwoOperandTask(String name, List<String> digits, String operator, LengthRange trainLengths,
                             LengthRange testLengths) {
        super(name, new Vocabulary(withOperator(digits, operator)), trainLengths, testLengths);
        this.digits = List.copyOf(digits);
        this.operator = operator;
    }

    private static List<String> withOperator(List<String> digits, String operator) {
        List<String> symbols = new ArrayList<>(digits);
        symbols.add(operator);
        return symbols;
    }

    /** How many operands have exactly {@code k} digits (no leading zeros). */
    protected abstract double operandsWithDigits(int k);

    /** The operator's symbol, e.g. "+". */
    protected final String operator() {
        return operator;
    }

    /** The ids of a string of digits and the operator. */
    public int[] ids(String text) {
        int[] out = new int[text.length()];
        for (int i = 0; i < text.length(); i++) {
            String c = text.substring(i, i + 1);
            if (!vocabulary().contains(c)) {
                throw new IllegalArgumentException(name() + ": '" + c + "' in '" + text + "' is neither a digit ("
                        + String.join(" ", digits) + ") nor '" + operator + "'");
            }
            out[i] = vocabulary().id(c);
        }
        return out;
    }

    @Override
    protected double inputsOfSourceLength(int sourceTokens) {
        int symbols = sourceTokens - 1;   // all but the operator
        double total = 0;
        for (int a = 1; a < symbols; a++) {
            total += operandsWithDigits(a) * operandsWithDigits(symbols - a);
        }
        return total;
    }

    @Override
    public int maxSourceLength(LengthRange lengths) {
        return 2 * lengths.max() + 1;
    }
}
