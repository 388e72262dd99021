#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz, KAFKADESK_FUZZ=ON, clang) into
# ./build-fuzz and runs each for a bounded time on a scratch copy of its seed
# corpus, with ASan and UBSan. Exits non-zero if any target finds a crash, a
# leak, a timeout or undefined behaviour; the input that did it is kept in
# build-fuzz/artifacts/.
#
#   scripts/fuzz.sh [--seconds N] [--jobs J] [TARGET...]
#
# TARGET is a name such as payload or fuzz_payload; default: all of them.
# N: seconds per target (default 20). J: targets run at once (default: the
# number of cores). The scratch corpora (build-fuzz/corpus/TARGET) keep what
# earlier runs found; tests/fuzz is never written to.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=20
jobs=$(nproc)
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("${1#fuzz_}"); shift ;;
  esac
done
if [ ${#targets[@]} -eq 0 ]; then
  for source in tests/fuzz/fuzz_*.cpp; do
    name=$(basename "$source" .cpp)
    targets+=("${name#fuzz_}")
  done
fi
for target in "${targets[@]}"; do
  [ -f "tests/fuzz/fuzz_$target.cpp" ] || { echo "fuzz.sh: no target '$target' in tests/fuzz" >&2; exit 2; }
done

out=build-fuzz
CC=clang CXX=clang++ cmake -S . -B "$out" -DKAFKADESK_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$out" -j"$(nproc)" --target "${targets[@]/#/fuzz_}" >/dev/null

mkdir -p "$out/artifacts" "$out/logs"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

# One target: fuzz, then one line from libFuzzer's final stats.
run() {
  local target=$1 corpus="$out/corpus/$1" log="$out/logs/$1.log" dict=()
  mkdir -p "$corpus"
  cp -p tests/fuzz/corpus/"$target"/* "$corpus"/ 2>/dev/null || true
  [ -f "tests/fuzz/$target.dict" ] && dict=(-dict="tests/fuzz/$target.dict")
  # -close_fd_mask=3: the targets' own output (help texts, Qt warnings) is
  # dropped; libFuzzer's and the sanitizers' reports still reach the log.
  local status=0
  "$out/tests/fuzz/fuzz_$target" "$corpus" "${dict[@]}" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -error_exitcode=77 -print_final_stats=1 -close_fd_mask=3 \
    -artifact_prefix="$out/artifacts/$target-" >"$log" 2>&1 || status=$?
  local runs rate
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  if [ "$status" -eq 0 ]; then
    printf '%-16s %10s runs %7s exec/s  ok\n' "$target" "${runs:-?}" "${rate:-?}"
  else
    local artifact
    artifact=$(sed -n 's/.*Test unit written to //p' "$log" | tail -n 1)
    printf '%-16s %10s runs %7s exec/s  FAILED (exit %s): %s\n' "$target" "${runs:-?}" "${rate:-?}" "$status" \
      "$(grep -m1 -E 'ERROR: |FUZZ_CHECK|runtime error' "$log" | cut -c1-160)"
    printf '%-16s input %s, log %s\n' "" "${artifact:-(none)}" "$log"
    return 1
  fi
}

# Targets in parallel, up to --jobs at once; each one's line printed in order.
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
for target in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  ( status=0; run "$target" >"$results/$target" || status=$?; echo "$status" >"$results/$target.status" ) &
done
wait
failed=0
for target in "${targets[@]}"; do
  cat "$results/$target"
  [ "$(cat "$results/$target.status")" = 0 ] || failed=$((failed + 1))
done
echo "fuzz: ${#targets[@]} targets, ${seconds}s each, $failed failed"
[ "$failed" -eq 0 ]
