package newarch.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer or model: named parameters, buffers and child modules, addressed by PyTorch's dotted names
 * ({@code layers.0.self_attn.in_proj_weight}) so that checkpoints made by PyTorch or Hugging Face load as they are.
 *
 * <p>A child registered under the empty name lends its parameters to this module without a prefix, which lets a
 * reusable block (say a feed-forward pair {@code linear1}/{@code linear2}) sit inside a layer that PyTorch writes
 * flat.
 */
public abstract class Module {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, INDArray> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    protected final Tensor parameter(String name, INDArray initial) {
        Tensor p = Tensor.parameter(initial).named(name);
        parameters.put(name, p);
        return p;
    }

    protected final void buffer(String name, INDArray initial) {
        buffers.put(name, initial);
    }

    protected final INDArray buffer(String name) {
        return buffers.get(name);
    }

    protected final void setBuffer(String name, INDArray value) {
        if (!buffers.containsKey(name)) {
            throw new IllegalStateException("no buffer " + name);
        }
        buffers.put(name, value);
    }

    protected final <M extends Module> M child(String name, M module) {
        children.put(name, module);
        return module;
    }

    public boolean isTraining() {
        return training;
    }

    /** Training mode (dropout active, batch statistics) for this module and every child. */
    public Module train(boolean on) {
        training = on;
        children.values().forEach(c -> c.train(on));
        return this;
    }

    public Module eval() {
        return train(false);
    }

    /** Every parameter by its dotted name, in registration order. */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, null);
        return out;
    }

    public List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Parameters and buffers by dotted name, as {@code state_dict()} would list them. */
    public Map<String, INDArray> stateDict() {
        Map<String, Tensor> params = new LinkedHashMap<>();
        Map<String, INDArray> bufs = new LinkedHashMap<>();
        collect("", params, bufs);
        Map<String, INDArray> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, v.data()));
        out.putAll(bufs);
        return out;
    }

    private void collect(String prefix, Map<String, Tensor> params, Map<String, INDArray> bufs) {
        parameters.forEach((k, v) -> params.put(prefix + k, v));
        if (bufs != null) {
            buffers.forEach((k, v) -> bufs.put(prefix + k, v));
        }
        children.forEach((k, c) -> c.collect(k.isEmpty() ? prefix : prefix + k + ".", params, bufs));
    }

    public long parameterCount() {
        long n = 0;
        for (Tensor p : namedParameters().values()) {
            n += p.data().length();
        }
        return n;
    }

    public void zeroGrad() {
        namedParameters().values().forEach(Tensor::zeroGrad);
    }

    /**
     * Copies values from a state dict. With {@code strict}, missing and unexpected keys are an error that lists
     * them all; a shape mismatch is always an error. Values are cast to each parameter's own type.
     */
    public void loadStateDict(Map<String, INDArray> state, boolean strict) {
        Map<String, Tensor> params = new LinkedHashMap<>();
        Map<String, INDArray> bufs = new LinkedHashMap<>();
        collect("", params, bufs);
        TreeSet<String> missing = new TreeSet<>();
        TreeSet<String> unexpected = new TreeSet<>(state.keySet());
        unexpected.removeAll(params.keySet());
        unexpected.removeAll(bufs.keySet());
        List<String> mismatched = new ArrayList<>();
        params.forEach((k, p) -> {
            INDArray v = state.get(k);
            if (v == null) {
                missing.add(k);
            } else if (!Arrays.equals(v.shape(), p.shape())) {
                mismatched.add(k + " is " + Shapes.show(v) + " in the checkpoint but " + Shapes.show(p.data()) + " here");
            } else if (v.dataType().isFPType() && v.isNaN().any()) {
                mismatched.add(k + " contains NaN");
            } else {
                p.setData(v.castTo(p.dataType()).dup('c'));
            }
        });
        bufs.forEach((k, b) -> {
            INDArray v = state.get(k);
            if (v == null) {
                missing.add(k);
            } else if (!Arrays.equals(v.shape(), b.shape())) {
                mismatched.add(k + " is " + Shapes.show(v) + " in the checkpoint but " + Shapes.show(b) + " here");
            } else {
                assignBuffer(k, v.castTo(b.dataType()).dup('c'));
            }
        });
        if (!mismatched.isEmpty()) {
            throw new IllegalArgumentException("checkpoint values do not fit the model: " + String.join("; ", mismatched));
        }
        if (strict && (!missing.isEmpty() || !unexpected.isEmpty())) {
            throw new IllegalArgumentException("checkpoint keys do not fit the model:"
                    + (missing.isEmpty() ? "" : " missing " + missing)
                    + (unexpected.isEmpty() ? "" : " unexpected " + unexpected));
        }
    }

    /** Loads a checkpoint: a directory of {@code <key>.npy} files or a {@code .safetensors} file (strict keys). */
    public void load(java.nio.file.Path checkpoint) {
        loadStateDict(newarch.io.Checkpoints.load(checkpoint), true);
    }

    /** Saves the state dict as a {@code .safetensors} file, or as a directory of .npy files for any other path. */
    public void save(java.nio.file.Path checkpoint) {
        if (checkpoint.getFileName().toString().endsWith(".safetensors")) {
            newarch.io.Checkpoints.saveSafetensors(checkpoint, stateDict());
        } else {
            newarch.io.Checkpoints.saveNpyDirectory(checkpoint, stateDict());
        }
    }

    private void assignBuffer(String dotted, INDArray value) {
        if (buffers.containsKey(dotted)) {
            buffers.put(dotted, value);
            return;
        }
        for (Map.Entry<String, Module> e : children.entrySet()) {
            String prefix = e.getKey().isEmpty() ? "" : e.getKey() + ".";
            if (dotted.startsWith(prefix) && e.getValue().hasBuffer(dotted.substring(prefix.length()))) {
                e.getValue().assignBuffer(dotted.substring(prefix.length()), value);
                return;
            }
        }
    }

    private boolean hasBuffer(String dotted) {
        Map<String, Tensor> ignored = new LinkedHashMap<>();
        Map<String, INDArray> bufs = new LinkedHashMap<>();
        collect("", ignored, bufs);
        return bufs.containsKey(dotted);
    }

    /** Converts every parameter and buffer to {@code type} (DOUBLE for gradient checks). */
    public Module to(DataType type) {
        for (Tensor p : namedParameters().values()) {
            p.setData(p.data().castTo(type));
        }
        buffers.replaceAll((k, v) -> v.castTo(type));
        children.values().forEach(c -> c.to(type));
        return this;
    }
}
