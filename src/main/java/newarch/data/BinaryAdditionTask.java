package newarch.data;

import java.math.BigInteger;

/** Binary addition as labelling: "a+b" (LSB first) → a + b (LSB first, at most one bit longer than an operand). */
public final class BinaryAdditionTask extends BinaryArithmeticTask {
    public BinaryAdditionTask(LengthRange trainLengths, LengthRange testLengths) {
        super("binary-addition", "+", trainLengths, testLengths);
    }

    @Override
    protected BigInteger apply(BigInteger a, BigInteger b) {
        return a.add(b);
    }

    @Override
    public int maxTargetLength(LengthRange lengths) {
        return lengths.max() + 1;
    }
}
