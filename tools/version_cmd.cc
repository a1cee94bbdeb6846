// `jpki version`: prints the library version, so scripts can tell which jpkicore they run.
#include <ostream>

#include "tools/cli.h"

namespace jpki::cli {
namespace {

int RunVersion(const std::vector<std::string>& argv, Io& io) {
  if (!argv.empty()) return UsageError(io, "`jpki version` takes no arguments");
  io.out << "jpkicore 0.1.0\n";
  return kExitOk;
}

JPKI_REGISTER_COMMAND(Command{"version", "print jpkicore's version", "", RunVersion});

}  // namespace
}  // namespace jpki::cli
