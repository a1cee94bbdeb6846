#!/usr/bin/env python3
"""Print the ratio table jpkicore / openssl and jpkicore / botan from one Google Benchmark JSON file.

Usage: tools/bench_compare.py rsa.json [--markdown]

Benchmarks are named Operation/implementation/parameter (shared/spec/bench.md). For every operation and parameter
that has an openssl or botan peer, each jpkicore implementation (jpkicore, jpkicore-portable, ...) is compared by
items_per_second (higher is better; a ratio above 1 means jpkicore is faster). With --benchmark_repetitions the
median aggregates are used (single runs are ignored then): on a shared machine one run can be off by 20%.
"""
import json
import sys
from collections import defaultdict


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    markdown = "--markdown" in argv
    with open(argv[1]) as f:
        data = json.load(f)
    rates = defaultdict(dict)  # (operation, parameter) -> implementation -> items/s
    order = []
    benchmarks = data.get("benchmarks", [])
    medians = [b for b in benchmarks if b.get("run_type") == "aggregate" and b.get("aggregate_name") == "median"]
    for b in medians or [b for b in benchmarks if b.get("run_type") != "aggregate"]:
        if "items_per_second" not in b:
            continue
        parts = b.get("run_name", b["name"]).split("/")
        if len(parts) < 3:
            continue
        op, impl, param = parts[0], parts[1], "/".join(parts[2:])
        key = (op, param)
        if key not in rates:
            order.append(key)
        rates[key][impl] = b["items_per_second"]
    header = ["benchmark", "items/s", "openssl items/s", "botan items/s", "vs openssl", "vs botan"]
    rows = []
    for key in order:
        impls = rates[key]
        ossl, botan = impls.get("openssl"), impls.get("botan")
        for impl in sorted(i for i in impls if i.startswith("jpkicore")):
            v = impls[impl]
            rows.append([
                "%s/%s/%s" % (key[0], impl, key[1]),
                "%.0f" % v,
                "%.0f" % ossl if ossl else "-",
                "%.0f" % botan if botan else "-",
                "%.2fx" % (v / ossl) if ossl else "-",
                "%.2fx" % (v / botan) if botan else "-",
            ])
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for r in rows:
            print("| " + " | ".join(r) + " |")
    else:
        widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)] if rows else [len(h) for h in header]
        fmt = "  ".join("%%-%ds" % w if i == 0 else "%%%ds" % w for i, w in enumerate(widths))
        print(fmt % tuple(header))
        for r in rows:
            print(fmt % tuple(r))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
