#!/usr/bin/env python3
"""An independent numpy float64 reference of torch.nn.GRU / torch.nn.LSTM, written from the PyTorch documentation,
that writes conformance fixtures (SPEC section 2) for configurations the shared set lacks: several layers,
bidirectional, no biases, time-major; with h_n / c_n and finite-difference gradients.

Usage: rnn-numpy-fixtures.py OUT_DIR [SHARED_FIXTURES_DIR]
With SHARED_FIXTURES_DIR, first reproduces gru_one_layer and lstm_one_layer (made by PyTorch) to show the
reference agrees with PyTorch. Then check them: check.py --cmd "... conform" OUT_DIR
"""
import json, os, sys
import numpy as np

def write_npy(path, a):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    np.save(path, a)

def sig(x): return 1 / (1 + np.exp(-x))

def run(kind, W, x, cfg, h0=None, c0=None):
    L, H, bi, bf = cfg["num_layers"], cfg["hidden_size"], cfg["bidirectional"], cfg["batch_first"]
    D = 2 if bi else 1
    if bf: x = x.transpose(1, 0, 2)
    T, B, _ = x.shape
    hn, cn = [], []
    inp = x
    for l in range(L):
        outs = []
        for d in range(D):
            sfx = f"_l{l}" + ("_reverse" if d else "")
            Wih, Whh = W["weight_ih" + sfx], W["weight_hh" + sfx]
            bih = W.get("bias_ih" + sfx, np.zeros(Wih.shape[0])); bhh = W.get("bias_hh" + sfx, np.zeros(Wih.shape[0]))
            k = l * D + d
            h = np.zeros((B, H)) if h0 is None else h0[k]
            c = np.zeros((B, H)) if c0 is None else c0[k]
            out = np.zeros((T, B, H))
            order = range(T - 1, -1, -1) if d else range(T)
            for t in order:
                gi = inp[t] @ Wih.T + bih; gh = h @ Whh.T + bhh
                if kind == "gru":
                    r = sig(gi[:, :H] + gh[:, :H]); z = sig(gi[:, H:2*H] + gh[:, H:2*H])
                    n = np.tanh(gi[:, 2*H:] + r * gh[:, 2*H:])
                    h = (1 - z) * n + z * h
                else:
                    a = gi + gh
                    i, f, g, o = sig(a[:, :H]), sig(a[:, H:2*H]), np.tanh(a[:, 2*H:3*H]), sig(a[:, 3*H:])
                    c = f * c + i * g; h = o * np.tanh(c)
                out[t] = h
            outs.append(out); hn.append(h); cn.append(c)
        inp = np.concatenate(outs, axis=2)
    out = inp.transpose(1, 0, 2) if bf else inp
    return out, np.stack(hn), np.stack(cn)

def make(root, name, kind, cfg, B=3, T=5, seed=0, grads=True):
    rng = np.random.default_rng(seed)
    H, I, L = cfg["hidden_size"], cfg["input_size"], cfg["num_layers"]
    G = 3 if kind == "gru" else 4
    D = 2 if cfg["bidirectional"] else 1
    bound = 1 / np.sqrt(H)
    W = {}
    for l in range(L):
        for d in range(D):
            sfx = f"_l{l}" + ("_reverse" if d else "")
            inn = I if l == 0 else D * H
            W["weight_ih" + sfx] = rng.uniform(-bound, bound, (G * H, inn)).astype(np.float32).astype(np.float64)
            W["weight_hh" + sfx] = rng.uniform(-bound, bound, (G * H, H)).astype(np.float32).astype(np.float64)
            if cfg["bias"]:
                W["bias_ih" + sfx] = rng.uniform(-bound, bound, G * H).astype(np.float32).astype(np.float64)
                W["bias_hh" + sfx] = rng.uniform(-bound, bound, G * H).astype(np.float32).astype(np.float64)
    shape = (B, T, I) if cfg["batch_first"] else (T, B, I)
    x = rng.normal(size=shape).astype(np.float32).astype(np.float64)
    out, hn, cn = run(kind, W, x, cfg)
    go = rng.normal(size=out.shape).astype(np.float32).astype(np.float64)
    d = os.path.join(root, name)
    outputs = ["output", "h_n"] + (["c_n"] if kind == "lstm" else [])
    exp = {"output": out, "h_n": hn, "c_n": cn}
    if grads:
        eps = 1e-6
        def loss(): return float((run(kind, W, x, cfg)[0] * go).sum())
        targets = {"input": x, **W}
        for key, arr in targets.items():
            g = np.zeros_like(arr)
            flat, gf = arr.reshape(-1), g.reshape(-1)
            for j in range(flat.size):
                o = flat[j]; flat[j] = o + eps; p = loss(); flat[j] = o - eps; m = loss(); flat[j] = o
                gf[j] = (p - m) / (2 * eps)
            exp["grad." + key] = g; outputs.append("grad." + key)
    for k, v in W.items(): write_npy(f"{d}/weights/{k}.npy", v.astype(np.float32))
    write_npy(f"{d}/inputs/input.npy", x.astype(np.float32))
    inputs = ["input"]
    if grads:
        write_npy(f"{d}/inputs/grad_output.npy", go.astype(np.float32)); inputs.append("grad_output")
    for k in outputs: write_npy(f"{d}/expected/{k}.npy", exp[k].astype(np.float32))
    json.dump({"kind": kind, "config": cfg, "inputs": inputs, "outputs": sorted(outputs), "rtol": 1e-4, "atol": 2e-5,
               "reference": "numpy float64 reference of the PyTorch docs"}, open(f"{d}/fixture.json", "w"), indent=1)

def agree_with_pytorch(shared):
    import glob
    for kind in ("gru", "lstm"):
        d = os.path.join(shared, f"{kind}_one_layer")
        cfg = json.load(open(os.path.join(d, "fixture.json")))["config"]
        W = {os.path.basename(p)[:-4]: np.load(p).astype(np.float64) for p in glob.glob(os.path.join(d, "weights", "*.npy"))}
        out = run(kind, W, np.load(os.path.join(d, "inputs", "input.npy")).astype(np.float64), cfg)[0]
        err = np.abs(out - np.load(os.path.join(d, "expected", "output.npy"))).max()
        print(f"{kind}_one_layer: max difference from PyTorch {err:.2g}")
        assert err < 1e-6


root = sys.argv[1]
if len(sys.argv) > 2:
    agree_with_pytorch(sys.argv[2])
base = dict(input_size=4, hidden_size=5, num_layers=1, bias=True, batch_first=True, bidirectional=False, dropout=0.0)
for kind in ("gru", "lstm"):
    make(root, f"{kind}_two_layers_bi", kind, {**base, "num_layers": 2, "bidirectional": True}, seed=1)
    make(root, f"{kind}_nobias_timemajor", kind, {**base, "bias": False, "batch_first": False, "num_layers": 2}, seed=2)
    make(root, f"{kind}_three_layers_bi_nobias", kind, {**base, "input_size": 7, "hidden_size": 3, "num_layers": 3,
         "bidirectional": True, "bias": False}, B=2, T=7, seed=3, grads=False)
