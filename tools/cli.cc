#include "tools/cli.h"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/error.h"

namespace jpki::cli {
namespace {

absl::Status UsageStatus(const std::string& message) {
  return MakeError(ErrorCode::kInvalidArgument, "usage", message);
}

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

}  // namespace

absl::StatusOr<Args> Args::Parse(const std::vector<std::string>& argv, const std::vector<std::string>& value_flags,
                                 const std::vector<std::string>& switches) {
  Args args;
  bool flags_done = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& word = argv[i];
    if (flags_done || word.size() < 3 || word.compare(0, 2, "--") != 0) {
      if (word == "--") {
        flags_done = true;
        continue;
      }
      args.positional_.push_back(word);
      continue;
    }
    std::string name = word.substr(2);
    std::optional<std::string> inline_value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (Contains(value_flags, name)) {
      if (inline_value.has_value()) {
        args.values_[name].push_back(*inline_value);
      } else if (i + 1 < argv.size()) {
        args.values_[name].push_back(argv[++i]);
      } else {
        return UsageStatus("--" + name + " needs a value");
      }
    } else if (Contains(switches, name)) {
      if (inline_value.has_value()) return UsageStatus("--" + name + " takes no value");
      args.switches_[name] = true;
    } else {
      return UsageStatus("unknown flag --" + name);
    }
  }
  return args;
}

std::optional<std::string> Args::Get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> Args::GetAll(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

std::vector<Command>& Commands() {
  static auto* commands = new std::vector<Command>();
  return *commands;
}

namespace {

void PrintHelp(Io& io) {
  io.out << "jpki: jpkicore's command line (see shared/spec/cli.md)\n\nverbs:\n";
  std::vector<const Command*> sorted;
  for (const auto& c : Commands()) sorted.push_back(&c);
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->path < b->path; });
  for (const auto* c : sorted) io.out << "  jpki " << c->path << "  " << c->summary << "\n";
  io.out << "\n`jpki VERB --help` prints a verb's flags.\n";
}

}  // namespace

int Dispatch(const std::vector<std::string>& argv, Io& io) {
  if (argv.empty() || argv[0] == "--help" || argv[0] == "-h" || argv[0] == "help") {
    PrintHelp(io);
    return argv.empty() ? kExitUsage : kExitOk;
  }
  // The longest registered path that prefixes the words wins ("rsa sign" before "rsa").
  const Command* best = nullptr;
  size_t best_words = 0;
  for (const auto& command : Commands()) {
    std::istringstream words(command.path);
    std::string word;
    size_t n = 0;
    bool match = true;
    while (words >> word) {
      if (n >= argv.size() || argv[n] != word) {
        match = false;
        break;
      }
      ++n;
    }
    if (match && n > best_words) {
      best = &command;
      best_words = n;
    }
  }
  if (best == nullptr) {
    return UsageError(io, "unknown verb '" + argv[0] + "'; run `jpki --help` for the list");
  }
  std::vector<std::string> rest(argv.begin() + static_cast<long>(best_words), argv.end());
  if (std::find(rest.begin(), rest.end(), "--help") != rest.end()) {
    io.out << "usage: jpki " << best->path << " " << best->usage << "\n";
    return kExitOk;
  }
  return best->run(rest, io);
}

absl::StatusOr<Bytes> ReadInput(const std::string& path, Io& io) {
  if (path == "-") {
    return Bytes((std::istreambuf_iterator<char>(io.in)), std::istreambuf_iterator<char>());
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) return MakeError(ErrorCode::kNotFound, "io", "cannot read '" + path + "'");
  return Bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
}

absl::Status WriteOutput(const std::string& path, ByteView data, Io& io) {
  if (path == "-") {
    io.out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
    io.out.flush();
    return absl::OkStatus();
  }
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
  if (!file) return MakeError(ErrorCode::kNotFound, "io", "cannot write '" + path + "'");
  return absl::OkStatus();
}

absl::StatusOr<Bytes> PemOrDer(ByteView data, std::string* label) {
  const std::string text(data.begin(), data.end());
  const auto begin = text.find("-----BEGIN ");
  if (label != nullptr) label->clear();
  // DER never starts with printable "-----BEGIN" preceded only by whitespace; anything else is taken as DER.
  if (begin == std::string::npos || text.find_first_not_of(" \t\r\n") != begin) return ToBytes(data);
  const auto label_end = text.find("-----", begin + 11);
  if (label_end == std::string::npos) return MakeError(ErrorCode::kMalformedInput, "pem", "unterminated BEGIN line");
  const std::string found_label = text.substr(begin + 11, label_end - begin - 11);
  const std::string end_marker = "-----END " + found_label + "-----";
  const auto end = text.find(end_marker, label_end + 5);
  if (end == std::string::npos) {
    return MakeError(ErrorCode::kMalformedInput, "pem", "missing '" + end_marker + "'");
  }
  Bytes out;
  uint32_t accumulator = 0;
  int bits = 0;
  bool padding = false;
  for (size_t i = label_end + 5; i < end; ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (c == '=') {
      padding = true;
      continue;
    }
    const int v = Base64Value(c);
    if (v < 0 || padding) {
      return MakeError(ErrorCode::kMalformedInput, "pem", "invalid base64 character at offset " + std::to_string(i));
    }
    accumulator = (accumulator << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<uint8_t>(accumulator >> bits));
    }
  }
  if (out.empty()) return MakeError(ErrorCode::kMalformedInput, "pem", "empty PEM body");
  if (label != nullptr) *label = found_label;
  return out;
}

std::string PemEncode(ByteView der, const std::string& label) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string body;
  for (size_t i = 0; i < der.size(); i += 3) {
    const uint32_t b0 = der[i];
    const uint32_t b1 = i + 1 < der.size() ? der[i + 1] : 0;
    const uint32_t b2 = i + 2 < der.size() ? der[i + 2] : 0;
    const uint32_t triple = (b0 << 16) | (b1 << 8) | b2;
    body.push_back(kAlphabet[(triple >> 18) & 63]);
    body.push_back(kAlphabet[(triple >> 12) & 63]);
    body.push_back(i + 1 < der.size() ? kAlphabet[(triple >> 6) & 63] : '=');
    body.push_back(i + 2 < der.size() ? kAlphabet[triple & 63] : '=');
  }
  std::string pem = "-----BEGIN " + label + "-----\n";
  for (size_t i = 0; i < body.size(); i += 64) pem += body.substr(i, 64) + "\n";
  pem += "-----END " + label + "-----\n";
  return pem;
}

int UsageError(Io& io, const std::string& message) {
  io.err << "error: " << message << "\n";
  return kExitUsage;
}

int StatusError(Io& io, const absl::Status& status) {
  io.err << "error: " << status.message() << "\n";
  return kExitUsage;
}

int Invalid(Io& io, const std::string& reason) {
  io.err << "invalid: " << reason << "\n";
  return kExitRejected;
}

int Rejected(Io& io, const std::string& reason) {
  io.err << "rejected: " << reason << "\n";
  return kExitRejected;
}

}  // namespace jpki::cli
