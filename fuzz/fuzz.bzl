"""jpkicore_cc_fuzz_test: one libFuzzer target plus a seed-corpus replay test (rules_fuzzing cannot be fetched here).

For a fuzzer `foo_fuzzer` (source fuzz/foo_fuzzer.cc defining LLVMFuzzerTestOneInput, seeds in fuzz/corpus/foo_fuzzer/):
  - `foo_fuzzer`: under --config=fuzz, a libFuzzer binary (clang, -fsanitize=fuzzer,address,undefined); in other
    configurations the same target links the replay driver instead, so it still builds everywhere.
  - `foo_fuzzer_replay_test`: a cc_test that runs every seed through LLVMFuzzerTestOneInput with the default toolchain
    (and with ASan/UBSan under --config=asan), so every CI run exercises every fuzzer.
fuzz/oss_fuzz_build.sh builds the same sources the OSS-Fuzz / ClusterFuzzLite way.
"""

load("//:copts.bzl", "JPKICORE_COPTS")

def jpkicore_cc_fuzz_test(name, srcs, deps = [], corpus = None, dict = None, options = None, size = "small"):
    corpus = corpus if corpus != None else native.glob(["corpus/%s/**" % name], allow_empty = True)
    native.cc_library(
        name = name + "_lib",
        srcs = srcs,
        copts = JPKICORE_COPTS,
        deps = deps,
        alwayslink = True,
        testonly = True,
    )
    native.cc_binary(
        name = name,
        deps = [":" + name + "_lib"] + select({
            "//fuzz:fuzzing_engine": [],
            "//conditions:default": ["//fuzz:replay_main"],
        }),
        linkopts = select({
            "//fuzz:fuzzing_engine": ["-fsanitize=fuzzer"],
            "//conditions:default": [],
        }),
        data = corpus + ([dict] if dict else []) + ([options] if options else []),
        testonly = True,
        tags = ["fuzzer"],
    )
    native.cc_test(
        name = name + "_replay_test",
        deps = [":" + name + "_lib", "//fuzz:replay_main"],
        # $(rootpaths) of an empty filegroup is an analysis error; a fuzzer without seeds still replays the empty input.
        args = ["$(rootpaths :%s_corpus_dir)" % name] if corpus else [],
        data = [":%s_corpus_dir" % name],
        size = size,
        tags = ["fuzz_replay"],
    )
    native.filegroup(
        name = name + "_corpus_dir",
        srcs = corpus,
        testonly = True,
    )
