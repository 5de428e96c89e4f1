package newarch.conform;

import java.util.Map;
import newarch.nn.GRU;
import newarch.nn.LSTM;
import newarch.nn.Recurrent;
import newarch.nn.RecurrentConfig;
import newarch.nn.RecurrentOutput;
import newarch.nn.RecurrentState;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * torch.nn.GRU and torch.nn.LSTM: output, and h_n / c_n when the fixture lists them; an optional initial state input
 * (h_0 / c_0, also spelled h0 / c0 or hx / cx) replaces the zero initial state.
 */
final class RecurrentRunner implements KindRunner {
    private final boolean lstm;

    private RecurrentRunner(boolean lstm) {
        this.lstm = lstm;
    }

    static RecurrentRunner gru() {
        return new RecurrentRunner(false);
    }

    static RecurrentRunner lstm() {
        return new RecurrentRunner(true);
    }

    @Override
    public Map<String, INDArray> run(Fixture f) {
        FixtureConfig c = f.config();
        if (c.integer("proj_size", 0) != 0) {
            throw new FixtureException(f.name() + ": LSTM proj_size " + c.integer("proj_size") + " is not supported");
        }
        RecurrentConfig config = new RecurrentConfig(c.integer("input_size"), c.integer("hidden_size"),
                c.integer("num_layers", 1), c.flag("bias", true), c.flag("batch_first", false), c.real("dropout", 0),
                c.flag("bidirectional", false));
        Recurrent net = lstm ? new LSTM(config, new Rng(0)) : new GRU(config, new Rng(0));
        net.loadStateDict(f.weights(), true);
        net.eval();
        GradientRun run = new GradientRun(f);
        Tensor h0 = optional(f, run, "h_0", "h0", "hx");
        Tensor c0 = lstm ? optional(f, run, "c_0", "c0", "cx") : null;
        RecurrentState initial = h0 == null && c0 == null ? null : new RecurrentState(h0, c0);
        RecurrentOutput out = net.forward(run.input("input"), initial, null);
        run.output("output", out.output());
        run.output("h_n", out.hidden());
        if (lstm) {
            run.output("c_n", out.cell());
        }
        return run.finish(out.output(), net);
    }

    /** The first of these inputs the fixture lists (PyTorch's documentation spells the initial state several ways). */
    private static Tensor optional(Fixture f, GradientRun run, String... names) {
        for (String n : names) {
            if (f.hasInput(n)) {
                return run.input(n);
            }
        }
        return null;
    }
}
