#ifndef JPKICORE_SIM_JPKI_APPLET_BIOMETRIC_UNLOCK_H_
#define JPKICORE_SIM_JPKI_APPLET_BIOMETRIC_UNLOCK_H_

// The biometric alternative to the authentication PIN on a smartphone: the phone's screen-lock credential is the
// primary factor and a Class 3 biometric match the secondary one. A biometric match alone unlocks the
// authentication key only while the last primary verification is less than 72 hours old (the Digital Agency's
// rule); after that the primary credential must be given again. Time comes from the injectable sim clock.

#include <cstdint>
#include <optional>

#include "sim/clock/clock.h"

namespace jpki::sim::jpki_applet {

inline constexpr int64_t kPrimaryValiditySeconds = 72 * kSecondsPerHour;

enum class BiometricDecision {
  kAllowed,          // primary fresh: the biometric match may stand in for the PIN
  kPrimaryRequired,  // no primary yet, or it is 72 hours old or older
};

class BiometricUnlock {
 public:
  explicit BiometricUnlock(const Clock& clock) : clock_(clock) {}

  // RecordPrimary notes a successful primary (screen-lock) verification now.
  void RecordPrimary() { primary_at_ = clock_.NowUnix(); }
  // Decide says whether a biometric match may unlock the key now.
  BiometricDecision Decide() const;
  // Forget drops the primary verification (credential changed, applet reset).
  void Forget() { primary_at_.reset(); }
  std::optional<int64_t> primary_at() const { return primary_at_; }

 private:
  const Clock& clock_;
  std::optional<int64_t> primary_at_;
};

}  // namespace jpki::sim::jpki_applet

#endif  // JPKICORE_SIM_JPKI_APPLET_BIOMETRIC_UNLOCK_H_
