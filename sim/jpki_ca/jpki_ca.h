#ifndef JPKICORE_SIM_JPKI_CA_JPKI_CA_H_
#define JPKICORE_SIM_JPKI_CA_JPKI_CA_H_

// The JPKI CA (the J-LIS role) of the simulation: two hierarchies, signing (署名用) and user authentication
// (利用者証明用), each a root and an issuing CA with RSA-2048 keys. It issues card and smartphone certificates
// following the profile in shared/notes/domain-research.md 2.2 (keyUsage, policies, the holder's basic four in the
// signing certificate's subjectAltName otherNames under 1.2.392.200149.8.5.5), revokes on request and publishes
// CRLs (one per CA, so every certificate below a root is covered). Policies: signing card .1.1.20, signing
// smartphone .1.1.40 (as reported in 2.3), authentication card .1.3.30, authentication smartphone .1.3.40 — the
// last is the simulation's own choice (the public record has none), which the demo's verifier adds to its profile
// table at run time (kSmartphoneAuthProfileRow).

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "base/bytes.h"
#include "crypto/random.h"
#include "crypto/rsa_key.h"
#include "sim/clock/clock.h"
#include "x509/certificate.h"
#include "x509/crl.h"
#include "x509/extensions.h"

namespace jpki::sim::ca {

enum class Medium { kCard, kSmartphone };
enum class Hierarchy { kSigning, kAuthentication };

// The profile-table row the verifier adds for the simulation's smartphone authentication policy.
extern const char kSmartphoneAuthProfileRow[];

// HolderIdentity is the basic four (and the municipality that issues the card).
struct HolderIdentity {
  std::string name;        // 氏名
  std::string gender;      // JIS X 0303: "1" male, "2" female
  std::string birth_date;  // era digit + YYYYMMDD, e.g. "419900102"
  std::string address;     // 住所
  std::string prefecture = "Tokyo-to";
  std::string municipality = "Chiyoda-ku";
};

class JpkiCa {
 public:
  // Create generates the four CA keys and certificates. `clock` and `rng` must outlive the CA.
  static absl::StatusOr<std::unique_ptr<JpkiCa>> Create(const Clock& clock, crypto::RandomSource& rng);

  absl::StatusOr<x509::Certificate> IssueSigning(ByteView spki_der, const HolderIdentity& holder, Medium medium);
  absl::StatusOr<x509::Certificate> IssueAuthentication(ByteView spki_der, Medium medium);
  // Revoke adds an issued certificate to its issuing CA's next CRL.
  absl::Status Revoke(const x509::Certificate& certificate, x509::RevocationReason reason);
  // PublishCrls signs fresh CRLs for all four CAs (thisUpdate now, nextUpdate in 24 hours).
  absl::StatusOr<std::vector<x509::Crl>> PublishCrls();

  const std::vector<x509::Certificate>& roots() const { return roots_; }
  const std::vector<x509::Certificate>& intermediates() const { return intermediates_; }
  const x509::Certificate& issuing_certificate(Hierarchy hierarchy) const;

 private:
  struct Authority {
    crypto::RsaPrivateKey key;
    Bytes name_der;
    Bytes key_id;
    std::vector<std::pair<Bytes, int64_t>> revoked;  // serial content, date
    std::vector<x509::RevocationReason> reasons;
    uint64_t crl_number = 0;
  };
  JpkiCa(const Clock& clock, crypto::RandomSource& rng) : clock_(clock), rng_(rng) {}
  absl::Status Setup();
  Authority& IssuerOf(Hierarchy hierarchy) { return hierarchy == Hierarchy::kSigning ? *signing_ : *auth_; }
  absl::StatusOr<x509::Certificate> IssueLeaf(Hierarchy hierarchy, ByteView spki_der, ByteView subject_der,
                                              const HolderIdentity* holder, Medium medium);

  const Clock& clock_;
  crypto::RandomSource& rng_;
  uint64_t next_serial_ = 0x1000;
  std::unique_ptr<Authority> signing_root_, signing_, auth_root_, auth_;
  std::vector<x509::Certificate> roots_;
  std::vector<x509::Certificate> intermediates_;
  int holder_counter_ = 0;
};

}  // namespace jpki::sim::ca

#endif  // JPKICORE_SIM_JPKI_CA_JPKI_CA_H_
