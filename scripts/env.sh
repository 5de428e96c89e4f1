# Sourced by the project's scripts: settings that must be in place before a JVM starts.

# OpenBLAS mis-detects some recent CPUs and falls back to slow generic kernels; on a CPU with AVX2 and FMA
# the Haswell kernels measured ~1.7x faster here (SPEC §5). A value the user already set wins.
if [ -z "${OPENBLAS_CORETYPE:-}" ] && grep -qw avx2 /proc/cpuinfo 2>/dev/null && grep -qw fma /proc/cpuinfo 2>/dev/null; then
  export OPENBLAS_CORETYPE=Haswell
fi
# Debian's python3 has nbformat/nbclient; a pyenv python3 first on PATH may not.
PYTHON=/usr/bin/python3
[ -x "$PYTHON" ] || PYTHON=python3
SHARED="${NEWARCH_SHARED:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/../shared}"
