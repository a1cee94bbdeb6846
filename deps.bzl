"""jpkicore's external dependencies, in one place.

Everything comes from Debian packages (see tools/bootstrap.sh), so a build needs no network. The repository names
are the ones upstream uses, so that moving to http_archive or bzlmod later changes this file only.

A consumer's WORKSPACE needs two lines (plus a local_repository or http_archive naming jpkicore itself):

    load("@jpkicore//:deps.bzl", "jpkicore_deps")
    jpkicore_deps()
"""

# Sub-packages of upstream Abseil that jpkicore (or a consumer) names; each target forwards to the one Debian-backed
# library, so labels such as @com_google_absl//absl/status:statusor keep working after a move to upstream.
_ABSL_TARGETS = {
    "absl/algorithm": ["algorithm", "container"],
    "absl/base": ["base", "core_headers", "endian"],
    "absl/cleanup": ["cleanup"],
    "absl/container": ["btree", "fixed_array", "flat_hash_map", "flat_hash_set", "inlined_vector"],
    "absl/flags": ["flag", "parse", "usage"],
    "absl/hash": ["hash"],
    "absl/memory": ["memory"],
    "absl/numeric": ["bits", "int128"],
    "absl/status": ["status", "statusor"],
    "absl/strings": ["strings", "str_format", "cord"],
    "absl/synchronization": ["synchronization"],
    "absl/time": ["time"],
    "absl/types": ["optional", "span", "variant"],
}

def _debian_absl_impl(rctx):
    rctx.symlink("/usr/include/absl", "include/absl")
    rctx.file("WORKSPACE", "workspace(name = \"com_google_absl\")\n")
    rctx.file("BUILD.bazel", rctx.read(rctx.attr.build_file))
    for pkg, names in _ABSL_TARGETS.items():
        rules = ["package(default_visibility = [\"//visibility:public\"])\n"]
        for name in names:
            rules.append("alias(name = \"%s\", actual = \"//:absl\")\n" % name)
        rctx.file(pkg + "/BUILD.bazel", "\n".join(rules))

_debian_absl = repository_rule(
    implementation = _debian_absl_impl,
    attrs = {"build_file": attr.label(allow_single_file = True)},
    local = True,
)

def _debian_library_impl(rctx):
    # Headers come from Debian's /usr/include; the libraries are found by the linker's default search path.
    rctx.symlink("/usr/include", "include")
    rctx.file("WORKSPACE", "workspace(name = \"%s\")\n" % rctx.name)
    rctx.file("BUILD.bazel", rctx.read(rctx.attr.build_file))

_debian_library = repository_rule(
    implementation = _debian_library_impl,
    attrs = {"build_file": attr.label(allow_single_file = True)},
    local = True,
)

def _offline_stand_in_impl(rctx):
    # Resolved through a label so it works both in jpkicore's own workspace and when jpkicore is an external repository.
    third_party = rctx.path(Label("//third_party:BUILD.bazel")).dirname
    source = third_party.get_child(rctx.attr.folder)
    for child in source.readdir():
        rctx.symlink(child, child.basename)

_offline_stand_in = repository_rule(
    implementation = _offline_stand_in_impl,
    attrs = {"folder": attr.string()},
    local = True,
)

def _jpkicore_label(path):
    return Label("//third_party:" + path)

def jpkicore_deps():
    """Declares every external repository jpkicore needs, unless the consumer already did."""
    existing = native.existing_rules()

    # Bazel 4.2 parses these even for C++-only builds and would download them; offline stand-ins instead.
    for name in ["rules_cc", "rules_java", "remote_coverage_tools"]:
        if name not in existing:
            _offline_stand_in(name = name, folder = name)

    if "com_google_absl" not in existing:
        _debian_absl(name = "com_google_absl", build_file = _jpkicore_label("absl.BUILD"))

    system_libraries = {
        "com_google_googletest": "googletest.BUILD",
        "com_github_google_benchmark": "benchmark.BUILD",
        "botan": "botan.BUILD",
        "openssl": "openssl.BUILD",
        "valgrind": "valgrind.BUILD",
        "nlohmann_json": "nlohmann_json.BUILD",
    }
    for name, build_file in system_libraries.items():
        if name not in existing:
            _debian_library(name = name, build_file = _jpkicore_label(build_file))
