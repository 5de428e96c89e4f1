# Sourced by the project's scripts: settings that must be in place before a JVM starts.

# OpenBLAS mis-detects some recent CPUs and falls back to slow generic kernels; on a CPU with AVX2 and FMA
# the Haswell kernels measured ~1.7x faster here (SPEC §5). A value the user already set wins.
if [ -z "${OPENBLAS_CORETYPE:-}" ] && grep -qw avx2 /proc/cpuinfo 2>/dev/null && grep -qw fma /proc/cpuinfo 2>/dev/null; then
  export OPENBLAS_CORETYPE=Haswell
fi
# ND4J frees its native buffers from many threads; glibc then keeps up to 8 arenas per core of freed memory and grows
# without bound in long runs (measured: a Brown fine-tuning run reached 16 GB resident in 20 min, the same run stays
# near 1.5 GB with these two settings). Values the user already set win.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-131072}"
# libnd4j's OpenMP threads spin after each op by default and steal the cores from OpenBLAS's own threads in the next
# matrix product (measured, multi-head attention fwd+bwd on 2 cores: B=1 L=128 64 -> 20 ms, B=1 L=512 113 -> 73 ms
# with PASSIVE; no change at B=8 L=1024). A value the user already set wins.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
# Debian's python3 has nbformat/nbclient; a pyenv python3 first on PATH may not.
PYTHON=/usr/bin/python3
[ -x "$PYTHON" ] || PYTHON=python3
SHARED="${NEWARCH_SHARED:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/../shared}"
