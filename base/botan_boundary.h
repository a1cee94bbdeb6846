#ifndef JPKICORE_BASE_BOTAN_BOUNDARY_H_
#define JPKICORE_BASE_BOTAN_BOUNDARY_H_

// Botan reports errors by throwing. No exception may cross jpkicore's API, so every call into Botan goes through
// CallBotan, which turns an exception into a status naming the operation.

#include <exception>
#include <string_view>
#include <type_traits>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/error.h"

namespace jpki {

// CallBotan runs `fn` and returns its result, or an error "<module>: <what> failed: <exception text>" if it throws.
// For `fn` returning void, the result is an absl::Status.
template <typename Fn>
auto CallBotan(std::string_view module, std::string_view what, Fn&& fn) {
  using Result = std::invoke_result_t<Fn>;
  auto failure = [&](const char* detail) {
    std::string message(what);
    message += " failed: ";
    message += detail;
    return MakeError(ErrorCode::kInternal, module, message);
  };
  if constexpr (std::is_void_v<Result>) {
    try {
      std::forward<Fn>(fn)();
      return absl::OkStatus();
    } catch (const std::exception& e) {
      return failure(e.what());
    } catch (...) {
      return failure("unknown exception");
    }
  } else {
    using Out = absl::StatusOr<Result>;
    try {
      return Out(std::forward<Fn>(fn)());
    } catch (const std::exception& e) {
      return Out(failure(e.what()));
    } catch (...) {
      return Out(failure("unknown exception"));
    }
  }
}

}  // namespace jpki

#endif  // JPKICORE_BASE_BOTAN_BOUNDARY_H_
