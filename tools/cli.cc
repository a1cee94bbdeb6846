#include "tools/cli.h"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/error.h"
#include "base/status_macros.h"
#include "crypto/pem.h"

namespace jpki::cli {
namespace {

absl::Status UsageStatus(const std::string& message) {
  return MakeError(ErrorCode::kInvalidArgument, "usage", message);
}

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
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
  if (label != nullptr) label->clear();
  if (!crypto::LooksLikePem(data)) return ToBytes(data);
  JPKI_ASSIGN_OR_RETURN(crypto::PemBlock block, crypto::PemDecode(data));
  if (label != nullptr) *label = block.label;
  return ToBytes(block.body.view());
}

std::string PemEncode(ByteView der, const std::string& label) { return crypto::PemEncode(der, label); }

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
