#!/bin/bash -eu
# Builds every jpkicore fuzzer the OSS-Fuzz / ClusterFuzzLite way: $CXX $CXXFLAGS ... $LIB_FUZZING_ENGINE, with
# <fuzzer>_seed_corpus.zip, <fuzzer>.dict and <fuzzer>.options beside each binary in $OUT.
# Locally: CXX=clang++ CXXFLAGS="-fsanitize=address,fuzzer-no-link -g -O1" LIB_FUZZING_ENGINE=-fsanitize=fuzzer \
#          OUT=/tmp/out SRC=$PWD fuzz/oss_fuzz_build.sh
SRC_ROOT=${SRC_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
OUT=${OUT:?set OUT to the output directory}
CXX=${CXX:-clang++}
CXXFLAGS=${CXXFLAGS:-}
LIB_FUZZING_ENGINE=${LIB_FUZZING_ENGINE:--fsanitize=fuzzer}
WORK=${WORK:-$(mktemp -d)}
mkdir -p "$OUT" "$WORK/obj"

cd "$SRC_ROOT"
ABSL_LIBS=$(pkg-config --libs absl_statusor absl_str_format absl_strings absl_status absl_time absl_hash \
  absl_flat_hash_map absl_cord absl_span absl_optional absl_base)
LIBS="-lbotan-2 $ABSL_LIBS -lpthread"
INCLUDES="-I$SRC_ROOT -I/usr/include/botan-2"

# The library: every non-test source of the modules a fuzzer can reach (sim for the card-side fuzzer; tools and
# bench are not needed).
objects=()
for src in $(find base asn1 crypto x509 apdu sim -name '*.cc' 2>/dev/null | sort); do
  obj="$WORK/obj/$(echo "$src" | tr '/' '_').o"
  $CXX $CXXFLAGS -std=c++17 $INCLUDES -c "$src" -o "$obj"
  objects+=("$obj")
done

# Fuzzers live in fuzz/ and fuzz/<module>/, each with its corpus beside it in corpus/<fuzzer>/.
for fuzzer_src in $(find fuzz -name '*_fuzzer.cc' | sort); do
  name=$(basename "$fuzzer_src" .cc)
  dir=$(dirname "$fuzzer_src")
  $CXX $CXXFLAGS -std=c++17 $INCLUDES "$fuzzer_src" "${objects[@]}" $LIB_FUZZING_ENGINE $LIBS -o "$OUT/$name"
  if [ -d "$dir/corpus/$name" ]; then
    (cd "$dir/corpus/$name" && zip -q -r "$OUT/${name}_seed_corpus.zip" .)
  fi
  [ -f "$dir/$name.dict" ] && cp "$dir/$name.dict" "$OUT/"
  [ -f "$dir/$name.options" ] && cp "$dir/$name.options" "$OUT/"
done
echo "built $(find fuzz -name '*_fuzzer.cc' | wc -l) fuzzers into $OUT"
