#include "sim/jpki_applet/biometric_unlock.h"

namespace jpki::sim::jpki_applet {

BiometricDecision BiometricUnlock::Decide() const {
  if (!primary_at_.has_value()) return BiometricDecision::kPrimaryRequired;
  const int64_t age = clock_.NowUnix() - *primary_at_;
  // A clock that went backwards is not trusted to extend the window.
  if (age < 0 || age >= kPrimaryValiditySeconds) return BiometricDecision::kPrimaryRequired;
  return BiometricDecision::kAllowed;
}

}  // namespace jpki::sim::jpki_applet
