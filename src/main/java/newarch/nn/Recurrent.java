package newarch.nn;

import newarch.tensor.Broadcast;
import newarch.tensor.MatMul;
import newarch.tensor.Reshaping;
import newarch.tensor.Rng;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What torch.nn.GRU and torch.nn.LSTM share: stacked layers, an optional backward direction, the parameters
 * {@code weight_ih_l0}, {@code weight_hh_l0}, {@code bias_ih_l0}, {@code bias_hh_l0} ({@code _reverse} for the
 * backward direction) with the gates stacked along the rows, and U(−1/√hidden, 1/√hidden) initialisation.
 *
 * <p>Each layer multiplies the input of all time steps by W_ih in one matrix product; only the recurrent part,
 * which needs the previous step's state, loops over time (in a subclass's sweep). Layer l &gt; 0 reads the output
 * of layer l − 1, the two directions concatenated (forward first).
 *
 * <p>Sequences of different lengths, padded at the end, can pass their {@code lengths}: this gives what PyTorch
 * gives for a packed sequence. Outputs past a sequence's end are 0, its final state is the state after its last real
 * step, and the backward direction starts at its last real step.
 */
public abstract class Recurrent extends Module {
    private final String kind;
    private final RecurrentConfig config;
    private final int gates;
    private final Tensor[][] weightIh;
    private final Tensor[][] weightHh;
    private final Tensor[][] biasIh;
    private final Tensor[][] biasHh;
    private final Dropout dropout;

    /**
     * @param kind  the class name for messages ("GRU")
     * @param gates how many gates are stacked in each weight matrix (3 for a GRU, 4 for an LSTM)
     */
    protected Recurrent(String kind, int gates, RecurrentConfig config, Rng rng) {
        this.kind = kind;
        this.config = config;
        this.gates = gates;
        int layers = config.numLayers();
        int dirs = config.directions();
        long h = config.hiddenSize();
        weightIh = new Tensor[layers][dirs];
        weightHh = new Tensor[layers][dirs];
        biasIh = new Tensor[layers][dirs];
        biasHh = new Tensor[layers][dirs];
        // Registered in PyTorch's state_dict order: layer by layer, forward before reverse, W_ih, W_hh, b_ih, b_hh.
        for (int l = 0; l < layers; l++) {
            long in = l == 0 ? config.inputSize() : dirs * h;
            for (int d = 0; d < dirs; d++) {
                String suffix = "_l" + l + (d == 1 ? "_reverse" : "");
                weightIh[l][d] = parameter("weight_ih" + suffix, Init.linearUniform(rng, h, gates * h, in));
                weightHh[l][d] = parameter("weight_hh" + suffix, Init.linearUniform(rng, h, gates * h, h));
                if (config.bias()) {
                    biasIh[l][d] = parameter("bias_ih" + suffix, Init.linearUniform(rng, h, gates * h));
                    biasHh[l][d] = parameter("bias_hh" + suffix, Init.linearUniform(rng, h, gates * h));
                }
            }
        }
        dropout = child("dropout", new Dropout(config.dropout(), rng));
    }

    /**
     * One direction of one layer over the whole sequence (time-major).
     *
     * @param inputProjection W_ih x + b_ih for all steps, [time, batch, gates·hidden]
     * @param initial         the initial state [batch, hidden]: h, or h and c
     * @param mask            [time, batch, hidden] with 1 at real steps, or null
     * @return [time + states, batch, hidden]: the output at each step, then each final state
     */
    protected abstract Tensor sweep(Tensor inputProjection, Tensor[] initial, Tensor weightHh, Tensor biasHh,
                                    INDArray mask, boolean reverse);

    /** 1 (h) for a GRU, 2 (h, c) for an LSTM. */
    protected abstract int stateCount();

    /** From a zero initial state. */
    public RecurrentOutput forward(Tensor input) {
        return forward(input, null, null);
    }

    public RecurrentOutput forward(Tensor input, RecurrentState initial) {
        return forward(input, initial, null);
    }

    /**
     * @param input   [batch, time, input_size] when batch-first, else [time, batch, input_size]; or [time, input_size]
     *                for a single unbatched sequence (then the states have no batch dimension either)
     * @param initial h_0 (and c_0) [layers·directions, batch, hidden], or null for zeros (a null c_0 is zeros too)
     * @param lengths the real length of each sequence [batch] (integers, padding at the end), or null when all are full
     */
    public RecurrentOutput forward(Tensor input, RecurrentState initial, INDArray lengths) {
        boolean unbatched = checkInput(input);
        Tensor x;                                                      // [time, batch, features]
        if (unbatched) {
            x = input.reshape(input.size(0), 1, input.size(1));
        } else {
            x = config.batchFirst() ? input.permute(1, 0, 2) : input;
        }
        long steps = x.size(0);
        long batch = x.size(1);
        DataType type = x.dataType();
        INDArray mask = lengths == null ? null : stepMask(lengths, steps, batch, type);  // [time, batch, hidden]
        if (stateCount() == 1 && initial != null && initial.cell() != null) {
            throw new IllegalArgumentException(kind + ": has no cell state, but the initial state has c_0 "
                    + Shapes.show(initial.cell().data()));
        }
        Tensor[] h0 = initialStates(initial == null ? null : initial.hidden(), "h_0", batch, unbatched, type);
        Tensor[] c0 = stateCount() == 2
                ? initialStates(initial == null ? null : initial.cell(), "c_0", batch, unbatched, type) : null;
        int layers = config.numLayers();
        int dirs = config.directions();
        Tensor[][] finals = new Tensor[stateCount()][layers * dirs];
        for (int l = 0; l < layers; l++) {
            Tensor[] outputs = new Tensor[dirs];
            for (int d = 0; d < dirs; d++) {
                int k = l * dirs + d;
                Tensor projection = MatMul.matmul(x, weightIh[l][d], false, true);   // [time, batch, gates·hidden]
                if (biasIh[l][d] != null) {
                    projection = projection.add(biasIh[l][d]);
                }
                Tensor[] start = c0 == null ? new Tensor[] {h0[k]} : new Tensor[] {h0[k], c0[k]};
                Tensor packed = sweep(projection, start, weightHh[l][d], biasHh[l][d], mask, d == 1);
                outputs[d] = packed.slice(0, 0, steps);                                // [time, batch, hidden]
                for (int s = 0; s < stateCount(); s++) {
                    finals[s][k] = packed.slice(0, steps + s, steps + s + 1);           // [1, batch, hidden]
                }
            }
            x = dirs == 1 ? outputs[0] : Reshaping.concat(2, outputs);                 // [time, batch, dirs·hidden]
            if (l < layers - 1) {
                x = dropout.forward(x);
            }
        }
        Tensor hidden = Reshaping.concat(0, finals[0]);                                // [layers·dirs, batch, hidden]
        Tensor cell = stateCount() == 2 ? Reshaping.concat(0, finals[1]) : null;
        if (unbatched) {
            x = x.reshape(steps, x.size(2));
            hidden = hidden.reshape(hidden.size(0), hidden.size(2));
            cell = cell == null ? null : cell.reshape(cell.size(0), cell.size(2));
        } else if (config.batchFirst()) {
            x = x.permute(1, 0, 2);
        }
        return new RecurrentOutput(x, new RecurrentState(hidden, cell));
    }

    /** Whether the input is a single unbatched sequence; any other problem is a one-line error. */
    private boolean checkInput(Tensor input) {
        String layout = config.batchFirst() ? "[batch, time, input_size]" : "[time, batch, input_size]";
        if (input.rank() != 2 && input.rank() != 3) {
            throw new ShapeException(kind + ": input is " + Shapes.show(input.data()) + " but must be " + layout
                    + " or [time, input_size]");
        }
        if (input.size(-1) != config.inputSize()) {
            throw new ShapeException(kind + ": input is " + Shapes.show(input.data()) + " but its last dimension must be "
                    + "input_size " + config.inputSize() + " (" + layout + ")");
        }
        long steps = input.rank() == 2 || !config.batchFirst() ? input.size(0) : input.size(1);
        if (steps == 0 || input.data().length() == 0) {
            throw new ShapeException(kind + ": input is " + Shapes.show(input.data()) + " and has no time steps "
                    + "or no sequences (" + layout + ")");
        }
        DataType own = weightIh[0][0].dataType();
        if (input.dataType() != own) {
            throw new ShapeException(kind + ": input is " + input.dataType() + " " + Shapes.show(input.data())
                    + " but the parameters are " + own + ": convert the input or call to(" + input.dataType() + ")");
        }
        return input.rank() == 2;
    }

    /** The initial state split per layer and direction, each [batch, hidden]; zeros when none is given. */
    private Tensor[] initialStates(Tensor given, String name, long batch, boolean unbatched, DataType type) {
        int n = config.numLayers() * config.directions();
        long h = config.hiddenSize();
        Tensor[] out = new Tensor[n];
        if (given == null) {
            java.util.Arrays.fill(out, Tensor.constant(Nd4j.zeros(type, batch, h)));
            return out;
        }
        long[] expected = unbatched ? new long[] {n, h} : new long[] {n, batch, h};
        if (!java.util.Arrays.equals(given.shape(), expected)) {
            throw new ShapeException(kind + ": " + name + " is " + Shapes.show(given.data()) + " but must be "
                    + (unbatched ? "[layers·directions, hidden] = " : "[layers·directions, batch, hidden] = ")
                    + Shapes.show(expected));
        }
        if (given.dataType() != type) {
            throw new ShapeException(kind + ": " + name + " is " + given.dataType() + " " + Shapes.show(given.data())
                    + " but the input is " + type + ": convert one of them first");
        }
        for (int k = 0; k < n; k++) {
            out[k] = given.slice(0, k, k + 1).reshape(batch, h);
        }
        return out;
    }

    /** [time, batch, hidden]: 1 where step t is within sequence b's length. */
    private INDArray stepMask(INDArray lengths, long steps, long batch, DataType type) {
        if (lengths.rank() != 1 || lengths.length() != batch || !lengths.dataType().isIntType()) {
            throw new ShapeException(kind + ": lengths is " + lengths.dataType() + " " + Shapes.show(lengths)
                    + " but must hold one integer per sequence, [" + batch + "]");
        }
        long[] len = lengths.toLongVector();
        double[] m = new double[Math.toIntExact(steps * batch)];
        for (int b = 0; b < batch; b++) {
            if (len[b] < 0 || len[b] > steps) {
                throw new ShapeException(kind + ": lengths[" + b + "] is " + len[b] + " but the input has " + steps
                        + " time steps");
            }
            for (int t = 0; t < len[b]; t++) {
                m[(int) (t * batch + b)] = 1;
            }
        }
        // As wide as the state, so that the sweep masks with same-shape products.
        INDArray narrow = Nd4j.createFromArray(m).reshape(steps, batch, 1).castTo(type);
        return Broadcast.to(narrow, new long[] {steps, batch, config.hiddenSize()}).dup('c');
    }

    public RecurrentConfig config() {
        return config;
    }

    /** Gates stacked in each weight matrix (3 or 4). */
    public int gateCount() {
        return gates;
    }
}
