#include "tests/crypto/test_vectors.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace jpki::crypto::testing {

std::string ReadRunfile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "cannot open test data " << path << "\n";
    std::abort();
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

Bytes Hex(const std::string& hex) {
  auto bytes = HexDecode(hex);
  if (!bytes.ok()) {
    std::cerr << "bad hex in test data: " << bytes.status() << "\n";
    std::abort();
  }
  return *bytes;
}

std::optional<HashAlgorithm> WycheproofHash(const std::string& name) {
  if (name == "SHA-1") return HashAlgorithm::kSha1;
  if (name == "SHA-256") return HashAlgorithm::kSha256;
  if (name == "SHA-384") return HashAlgorithm::kSha384;
  if (name == "SHA-512") return HashAlgorithm::kSha512;
  if (name == "SHA-224") return HashAlgorithm::kSha224;
  if (name == "SHA-512/224") return HashAlgorithm::kSha512_224;
  if (name == "SHA-512/256") return HashAlgorithm::kSha512_256;
  return std::nullopt;
}

std::optional<HashAlgorithm> CavpHash(const std::string& name) {
  if (name == "SHA1") return HashAlgorithm::kSha1;
  if (name == "SHA256") return HashAlgorithm::kSha256;
  if (name == "SHA384") return HashAlgorithm::kSha384;
  if (name == "SHA512") return HashAlgorithm::kSha512;
  if (name == "SHA224") return HashAlgorithm::kSha224;
  return std::nullopt;
}

namespace {
std::string Trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  const size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}
}  // namespace

std::vector<CavpRecord> ParseCavp(const std::string& text, const std::string& required_key) {
  std::vector<CavpRecord> records;
  CavpRecord context;  // section values and sticky header values
  CavpRecord current;
  auto flush = [&] {
    if (current.count(required_key) != 0) {
      CavpRecord merged = context;
      for (const auto& [k, v] : current) merged[k] = v;
      records.push_back(merged);
    } else {
      // Header-only blocks (n, e, d, p, q) become context for the records that follow.
      for (const auto& [k, v] : current) context[k] = v;
    }
    current.clear();
  };
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    line = Trim(line);
    if (line.empty()) {
      flush();
      continue;
    }
    if (line[0] == '#') continue;
    if (line[0] == '[') {
      flush();
      const size_t eq = line.find('=');
      if (eq != std::string::npos) {
        context[Trim(line.substr(1, eq - 1))] = Trim(line.substr(eq + 1, line.size() - eq - 2));
      }
      continue;
    }
    const size_t eq = line.find('=');
    if (eq == std::string::npos) continue;
    current[Trim(line.substr(0, eq))] = Trim(line.substr(eq + 1));
  }
  flush();
  return records;
}

}  // namespace jpki::crypto::testing
