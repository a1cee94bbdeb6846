#!/bin/sh
echo "coverage under Bazel is not available offline; use gcov/lcov on a --config=coverage build" >&2
exit 1
