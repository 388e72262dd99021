#!/usr/bin/env bash
# Builds Kafka Desk with sanitizers, in a build directory of its own, and runs
# tests under them; fails on any report, from a test or from a kafkadesk
# process a test started.
#   scripts/sanitize.sh address [ctest args]  build-asan: ASan + UBSan (+ LSan), the whole suite
#   scripts/sanitize.sh thread  [ctest args]  build-tsan: TSan, the tests labelled "threaded"
# Suppressions and why each exists: tests/sanitizers/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-}
shift || true
supp=$PWD/tests/sanitizers
case "$kind" in
  address)
    dir=build-asan
    flags=address,undefined
    # The whole suite, but the package check, which tests the Release
    # package, not this build, and the real-Kafka variants of the two hostile-
    # input tables: the same inputs through the same code as their sandbox
    # variants, which do run here (CI's time: 40 minutes).
    select=(-E '^(test_package|test_hostilecli_kafka|test_hostileforms_kafka)$')
    # A sanitized GUI thread is slower: a stall that is 100 ms in the
    # normal build is up to this in this one (tests/support/guiwatchdog.h).
    export KAFKADESK_TEST_STALL_MS=${KAFKADESK_TEST_STALL_MS:-300}
    ;;
  thread)
    dir=build-tsan
    flags=thread
    # On the sandbox only: the same code paths as on real Kafka, without
    # TSan's slowdown deciding the real cluster's timeouts.
    select=(-L threaded -E '_kafka$')
    export KAFKADESK_TEST_STALL_MS=${KAFKADESK_TEST_STALL_MS:-1000}
    ;;
  *)
    echo "usage: scripts/sanitize.sh address|thread [ctest args]" >&2
    exit 2
    ;;
esac

# The real clusters of this run get port bases (and so directories) of their
# own: in CI the normal suite's clusters have just been stopped on the
# default ones, and once a new start on the same base found its directory
# going away under it.
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKAFKADESK_SANITIZE="$flags" \
  -DKAFKADESK_TEST_KAFKA_PORT_BASE=24092 -DKAFKADESK_TEST_ZOOKEEPER_PORT_BASE=24192 \
  -DKAFKADESK_TEST_FAULT_PORT_BASE=24292 -DKAFKADESK_TEST_SECURE_PORT_BASE=24392 \
  -DKAFKADESK_TEST_SCHEMA_REGISTRY_PORT=24581 >/dev/null
# Only what the chosen tests run: their programs (named as the tests, less
# _kafka) and the kafkadesk binary some of them start.
mapfile -t tests < <(cd "$dir" && ctest -N "${select[@]}" | sed -n 's/^ *Test *#[0-9]*: //p')
targets=(kafkadesk)
for t in "${tests[@]}"; do
  target=${t%_kafka}
  target=${target%_zookeeper}
  [ -f "$dir/tests/CMakeFiles/$target.dir/build.make" ] && targets+=("$target")
done
cmake --build "$dir" -j"$(nproc)" --target "${targets[@]}"

# Every report goes to a file per process as well as to stderr, so that a
# kafkadesk started by a test (whose exit code the test may expect to be 1)
# cannot hide one.
logs=$PWD/$dir/sanitizer-logs
rm -rf "$logs"
mkdir -p "$logs"
common="log_path=$logs/report:log_exe_name=1"
export ASAN_OPTIONS="$common:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1"
export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="$common:halt_on_error=1:print_stacktrace=1"
# die_after_fork=0: tests start kcat and kafkadesk with QProcess, whose
# child only execs; TSan would otherwise refuse any fork of a threaded test.
# ignore_noninstrumented_modules=1: librdkafka and Qt are not instrumented, so
# TSan never sees their atomics (a refcount, a futex-based QMutex); it only
# sees the pthread calls they make, and reported a lock destroyed by one of
# their threads as racing with another of their threads that had used it (a
# topic's lock in librdkafka, in 7 of 20 runs of test_producer; a
# QWaitCondition of QtTest's watchdog). With this, what their interceptor
# calls touch is not checked, as nothing else they touch is; their locks
# still order our code.
export TSAN_OPTIONS="$common:halt_on_error=1:second_deadlock_stack=1:die_after_fork=0:ignore_noninstrumented_modules=1:suppressions=$supp/tsan.supp:print_suppressions=0"

status=0
(cd "$dir" && ctest --output-on-failure --timeout 900 -j"$(nproc)" "${select[@]}" "$@") || status=$?
reports=("$logs"/report*)
if [ -e "${reports[0]}" ]; then
  echo "sanitize: ${#reports[@]} report(s) from $kind sanitizers:" >&2
  for r in "${reports[@]}"; do
    echo "==== $r" >&2
    cat "$r" >&2
  done
  status=1
fi
exit $status
