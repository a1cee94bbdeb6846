#ifndef JPKICORE_TOOLS_CLI_H_
#define JPKICORE_TOOLS_CLI_H_

// The `jpki` command's small framework: verb registration, flag parsing, input reading and the exit-code and
// error-line conventions of shared/spec/cli.md. Each verb lives in its own file and registers itself with
// JPKI_REGISTER_COMMAND; tools/jpki_main.cc dispatches.

#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/bytes.h"

namespace jpki::cli {

// Exit codes of the contract.
inline constexpr int kExitOk = 0;        // success, or: valid
inline constexpr int kExitRejected = 1;  // well-formed input that fails a check
inline constexpr int kExitUsage = 2;     // usage error or malformed input

struct Io {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

// Args holds the parsed command line of one verb: `--name value`, `--name=value`, repeated flags, boolean switches
// and positional arguments.
class Args {
 public:
  // Parse splits `argv` (the words after the verb) using the set of flags that take a value; every other `--x` is a
  // boolean switch. "--" ends flags. Unknown flags are an error, so typos do not silently change behaviour.
  static absl::StatusOr<Args> Parse(const std::vector<std::string>& argv, const std::vector<std::string>& value_flags,
                                    const std::vector<std::string>& switches);

  bool Has(const std::string& name) const { return values_.count(name) > 0 || switches_.count(name) > 0; }
  std::optional<std::string> Get(const std::string& name) const;
  std::vector<std::string> GetAll(const std::string& name) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::map<std::string, std::vector<std::string>> values_;
  std::map<std::string, bool> switches_;
  std::vector<std::string> positional_;
};

struct Command {
  std::string path;     // "asn1 dump"
  std::string summary;  // one line for `jpki --help`
  std::string usage;    // full text for `jpki <verb> --help`
  std::function<int(const std::vector<std::string>& argv, Io& io)> run;
};

// Registry of verbs, filled by static registration before main() runs.
std::vector<Command>& Commands();

struct Registrar {
  explicit Registrar(Command command) { Commands().push_back(std::move(command)); }
};

#define JPKI_CLI_CONCAT_INNER_(a, b) a##b
#define JPKI_CLI_CONCAT_(a, b) JPKI_CLI_CONCAT_INNER_(a, b)
// JPKI_REGISTER_COMMAND(Command{...}) registers a verb; use once per verb at namespace scope.
#define JPKI_REGISTER_COMMAND(...) \
  static ::jpki::cli::Registrar JPKI_CLI_CONCAT_(jpki_cli_registrar_, __LINE__)(__VA_ARGS__)

// Dispatch runs the verb named by the leading words of `argv` (without the program name). Returns the exit code.
int Dispatch(const std::vector<std::string>& argv, Io& io);

// ReadInput reads a whole file, or stdin for "-".
absl::StatusOr<Bytes> ReadInput(const std::string& path, Io& io);
// WriteOutput writes bytes to a file, or stdout for "-".
absl::Status WriteOutput(const std::string& path, ByteView data, Io& io);

// PemOrDer: when `data` is PEM, returns the decoded body of the first block (and its label in `*label`);
// otherwise returns `data` unchanged with an empty label. Malformed PEM is an error.
absl::StatusOr<Bytes> PemOrDer(ByteView data, std::string* label = nullptr);
// PemEncode wraps DER in a PEM block with the given label, 64 columns.
std::string PemEncode(ByteView der, const std::string& label);

// Error-line helpers: print "error: ..." and return 2; "invalid: ..." / "rejected: ..." and return 1.
int UsageError(Io& io, const std::string& message);
int StatusError(Io& io, const absl::Status& status);  // "error: <message>", exit 2
int Invalid(Io& io, const std::string& reason);       // "invalid: <reason>", exit 1
int Rejected(Io& io, const std::string& reason);      // "rejected: <reason>", exit 1

}  // namespace jpki::cli

#endif  // JPKICORE_TOOLS_CLI_H_
