package newarch.data;

import java.math.BigInteger;

/**
 * Binary multiplication as labelling: "a*b" (LSB first) → a·b (LSB first, at most as many bits as both operands):
 * every output bit depends on up to all input bits, which the Neural GPU found far harder than addition.
 */
public final class BinaryMultiplicationTask extends BinaryArithmeticTask {
    public BinaryMultiplicationTask(LengthRange trainLengths, LengthRange testLengths) {
        super("binary-multiplication", "*", trainLengths, testLengths);
    }

    @Override
    protected BigInteger apply(BigInteger a, BigInteger b) {
        return a.multiply(b);
    }

    @Override
    public int maxTargetLength(LengthRange lengths) {
        return 2 * lengths.max();
    }
}
