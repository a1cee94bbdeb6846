#ifndef JPKICORE_BASE_STATUS_MACROS_H_
#define JPKICORE_BASE_STATUS_MACROS_H_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

// Debian's Abseil 20220623 has no RETURN_IF_ERROR / ASSIGN_OR_RETURN; these are ours, defined once.

// JPKI_RETURN_IF_ERROR(expr): returns the status of `expr` (a Status or StatusOr) from the enclosing function when it
// is not OK.
#define JPKI_RETURN_IF_ERROR(expr)                                      \
  do {                                                                  \
    const absl::Status jpki_status_ = ::jpki::internal::AsStatus(expr); \
    if (!jpki_status_.ok()) return jpki_status_;                        \
  } while (false)

// JPKI_ASSIGN_OR_RETURN(lhs, expr): evaluates the StatusOr `expr`; returns its status when not OK, otherwise moves
// the value into `lhs` (which may be a declaration: `JPKI_ASSIGN_OR_RETURN(auto x, F());`).
#define JPKI_ASSIGN_OR_RETURN(lhs, expr) \
  JPKI_ASSIGN_OR_RETURN_IMPL_(JPKI_STATUS_CONCAT_(jpki_statusor_, __LINE__), lhs, expr)

#define JPKI_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr) \
  auto statusor = (expr);                                \
  if (!statusor.ok()) return statusor.status();          \
  lhs = std::move(statusor).value()

#define JPKI_STATUS_CONCAT_INNER_(a, b) a##b
#define JPKI_STATUS_CONCAT_(a, b) JPKI_STATUS_CONCAT_INNER_(a, b)

namespace jpki::internal {

inline absl::Status AsStatus(absl::Status status) { return status; }
template <typename T>
absl::Status AsStatus(const absl::StatusOr<T>& status_or) {
  return status_or.status();
}

}  // namespace jpki::internal

#endif  // JPKICORE_BASE_STATUS_MACROS_H_
