#!/bin/bash
# Runs every test jpkicore has, as CI does: unit and integration tests, the same under ASan+UBSan, the constant-time
# proof under valgrind, a short libFuzzer run of every fuzzer on its seed corpus, and the clang-format check.
# Ends with the line "N passed, N failed". Exit status 0 only if nothing failed.
set -uo pipefail
cd "$(dirname "$0")/.."

FUZZ_SECONDS=${FUZZ_SECONDS:-5}
BAZEL=${BAZEL:-bazel}
passed=0
failed=0
log=$(mktemp)

# count_bazel LOG: adds Bazel's per-target test results to the totals.
count_bazel() {
  local p f
  p=$(grep -cE '^//[^ ]+ +(\(cached\) )?PASSED' "$1" || true)
  f=$(grep -cE '^//[^ ]+ +(\(cached\) )?(FAILED|TIMEOUT|NO STATUS|INCOMPLETE|FLAKY)' "$1" || true)
  passed=$((passed + p))
  failed=$((failed + f))
  if grep -qE '^(ERROR|FAILED): Build did NOT complete' "$1"; then
    echo "test_all: build failed" >&2
    failed=$((failed + 1))
  fi
}

step() { echo; echo "=== $* ==="; }

step "unit tests, fuzz corpus replays (default config)"
$BAZEL test //... 2>&1 | tee "$log"
count_bazel "$log"

# The fuzz config is ASan + UBSan plus libFuzzer's coverage instrumentation, so one sanitizer build serves both the
# sanitized test run and the fuzzer binaries (a separate --config=asan build would double CI's compile time).
step "ASan + UBSan (the sanitizer build shared with the fuzzers)"
$BAZEL test --config=fuzz --build_tests_only --test_tag_filters=-ct,-no_asan //... 2>&1 | tee "$log"
count_bazel "$log"

step "constant-time proof (valgrind memcheck)"
if $BAZEL query 'attr(tags, "\bct\b", tests(//...))' 2>/dev/null | grep -q .; then
  $BAZEL test --config=ct //... 2>&1 | tee "$log"
  count_bazel "$log"
fi

step "fuzzers: libFuzzer smoke run on each seed corpus (${FUZZ_SECONDS}s each)"
fuzzers=$($BAZEL query 'attr(tags, "\bfuzzer\b", kind(cc_binary, //...))' 2>/dev/null)
if [ -n "$fuzzers" ]; then
  if $BAZEL build --config=fuzz $fuzzers 2>&1 | tee "$log" | tail -3; then
    for target in $fuzzers; do
      pkg=${target%%:*}; pkg=${pkg#//}; name=${target##*:}
      binary="bazel-bin/$pkg/$name"
      corpus="$pkg/corpus/$name"
      work=$(mktemp -d)
      [ -d "$corpus" ] && cp -r "$corpus/." "$work/"
      if "$binary" -max_total_time="$FUZZ_SECONDS" -timeout=25 -rss_limit_mb=4096 -print_final_stats=1 \
          "$work" >"$log" 2>&1; then
        echo "fuzz $name: $(grep -E 'stat::number_of_executed_units' "$log" | awk '{print $2}') executions, ok"
        passed=$((passed + 1))
      else
        echo "fuzz $name: FAILED"; tail -40 "$log"
        failed=$((failed + 1))
      fi
      rm -rf "$work"
    done
  else
    echo "fuzz build failed"; failed=$((failed + 1))
  fi
fi

step "clang-format (Google style, .clang-format)"
unformatted=$(git ls-files '*.cc' '*.h' | xargs -r clang-format --dry-run -Werror 2>&1 | grep -oE '^[^:]+\.(cc|h)' | sort -u)
if [ -z "$unformatted" ]; then
  echo "all files formatted"; passed=$((passed + 1))
else
  echo "not formatted (run clang-format -i):"; echo "$unformatted"; failed=$((failed + 1))
fi

rm -f "$log"
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
