// Replays fuzzer inputs through LLVMFuzzerTestOneInput without libFuzzer: every argument is a file or a directory
// (walked recursively). Used by the *_replay_test targets so every CI run exercises every fuzzer's seed corpus, and
// to reproduce a crash from a file under a debugger.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {

bool RunFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "replay: cannot read %s\n", path.c_str());
    return false;
  }
  std::vector<uint8_t> data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // A copy of exactly the input's size, so ASan catches any read past its end.
  auto* exact = new uint8_t[data.size() + (data.empty() ? 1 : 0)];
  std::copy(data.begin(), data.end(), exact);
  LLVMFuzzerTestOneInput(exact, data.size());
  delete[] exact;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (LLVMFuzzerInitialize != nullptr) LLVMFuzzerInitialize(&argc, &argv);
  size_t count = 0;
  bool ok = true;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path root(argv[i]);
    std::error_code ec;
    if (std::filesystem::is_directory(root, ec)) {
      std::vector<std::filesystem::path> files;
      for (const auto& entry : std::filesystem::recursive_directory_iterator(root, ec)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
      }
      std::sort(files.begin(), files.end());
      for (const auto& file : files) ok &= RunFile(file), ++count;
    } else {
      ok &= RunFile(root);
      ++count;
    }
  }
  // An empty input always runs too: the cheapest edge case.
  LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(""), 0);
  std::printf("replayed %zu inputs\n", count);
  return ok ? 0 : 1;
}
