#ifndef JPKICORE_SIM_SE_ACCESS_RULES_H_
#define JPKICORE_SIM_SE_ACCESS_RULES_H_

// GlobalPlatform Secure Element Access Control (SEAC) rules, the mechanism behind the JPKI "whitelist" of apps that
// may call the JPKI API: the SE's ARA-M holds rules (applet AID + the SHA-256 hash of the calling Android app's
// signing certificate -> APDU access allowed or not), the phone's access-control enforcer reads them with
// GET DATA [All] (80 CA FF 40) and admits or refuses each app before it opens a channel to the applet.
//
// Encoding (GP SEAC v1.1): Response-ALL-AR-DO FF40 { REF-AR-DO E2 { REF-DO E1 { AID-REF-DO 4F, Hash-REF-DO C1 },
// AR-DO E3 { APDU-AR-DO D0 (00 never, 01 always) } } * }; updates arrive as STORE DATA with
// Command-Store-REF-AR-DO F0 { REF-AR-DO ... }.

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/bytes.h"

namespace jpki::sim::se {

inline constexpr uint32_t kTagResponseAllArDo = 0xFF40;
inline constexpr uint32_t kTagCommandStoreRefArDo = 0xF0;
inline constexpr uint32_t kTagRefArDo = 0xE2;
inline constexpr uint32_t kTagRefDo = 0xE1;
inline constexpr uint32_t kTagAidRefDo = 0x4F;
inline constexpr uint32_t kTagHashRefDo = 0xC1;
inline constexpr uint32_t kTagArDo = 0xE3;
inline constexpr uint32_t kTagApduArDo = 0xD0;

struct AccessRule {
  Bytes aid;        // the applet the rule is about
  Bytes cert_hash;  // SHA-1 (20) or SHA-256 (32) of the app's signing certificate; empty = every app
  bool allow_apdu = false;
};

// EncodeRefArDo encodes one rule as a REF-AR-DO (E2).
absl::StatusOr<Bytes> EncodeRefArDo(const AccessRule& rule);
// EncodeAllRules encodes the GET DATA [All] response (FF40).
absl::StatusOr<Bytes> EncodeAllRules(const std::vector<AccessRule>& rules);
// EncodeStoreCommand encodes the STORE DATA payload that adds `rule` (F0).
absl::StatusOr<Bytes> EncodeStoreCommand(const AccessRule& rule);

// ParseAllRules parses a GET DATA [All] response strictly (kMalformedInput on anything unexpected).
absl::StatusOr<std::vector<AccessRule>> ParseAllRules(ByteView response);
// ParseStoreCommand parses the F0 payload of a STORE DATA command.
absl::StatusOr<AccessRule> ParseStoreCommand(ByteView payload);

enum class AccessDecision { kAllowed, kDenied };

// Decide applies the SEAC precedence: a rule naming this AID and this app's hash wins; otherwise a rule naming the
// AID for every app; otherwise (no rule for the AID) access is denied, since the ARA-M exists and is silent.
AccessDecision Decide(const std::vector<AccessRule>& rules, ByteView aid, ByteView app_cert_hash);

}  // namespace jpki::sim::se

#endif  // JPKICORE_SIM_SE_ACCESS_RULES_H_
