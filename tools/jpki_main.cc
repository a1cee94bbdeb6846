// The `jpki` command. Verbs register themselves (tools/*_cmd.cc); this file only dispatches.
#include <iostream>
#include <string>
#include <vector>

#include "tools/cli.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  jpki::cli::Io io{std::cin, std::cout, std::cerr};
  std::vector<std::string> args(argv + 1, argv + argc);
  const int code = jpki::cli::Dispatch(args, io);
  std::cout.flush();
  return code;
}
