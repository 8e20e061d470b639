# Sourced by the benchmark scripts: the OpenBLAS kernels and OpenMP waiting bin/ebm uses.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
# OpenBLAS picks its kernels by CPU model and falls back to slow SSE3 ones on CPUs it does not know (recent AMD
# ones among them). Use the SkylakeX (AVX-512) kernels where the CPU has the AVX-512 subsets they need, else the
# Haswell (AVX2) ones where it has AVX2. A value you set yourself wins.
if [ -z "${OPENBLAS_CORETYPE:-}" ] && [ -r /proc/cpuinfo ] && [ "$(uname -m)" = x86_64 ]; then
  OPENBLAS_CORETYPE=SKYLAKEX
  for flag in avx512f avx512cd avx512bw avx512dq avx512vl; do
    grep -qw "$flag" /proc/cpuinfo || OPENBLAS_CORETYPE=HASWELL
  done
  if [ "$OPENBLAS_CORETYPE" = HASWELL ] && ! grep -qw avx2 /proc/cpuinfo; then OPENBLAS_CORETYPE=PRESCOTT; fi
  export OPENBLAS_CORETYPE
fi
