#ifndef JPKICORE_SIM_VERIFIER_VERIFIER_H_
#define JPKICORE_SIM_VERIFIER_VERIFIER_H_

// A signature verifier (署名検証者 / 利用者証明検証者): validates a login (an authentication certificate and its
// signature over the verifier's challenge) and a document signature (a signing certificate, its signature over the
// document, the holder's attributes), with path validation against pinned roots and revocation from the CA's
// CRLs, and tells card from smartphone through the JPKI profile table. Built on x509's verifier-facing call
// (x509/verifier.h: signature, path validation, classification, holder attributes).

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "base/bytes.h"
#include "crypto/random.h"
#include "sim/clock/clock.h"
#include "x509/certificate.h"
#include "x509/crl.h"
#include "x509/jpki_profile.h"
#include "x509/trust_store.h"

namespace jpki::sim::verifier {

struct Verdict {
  bool ok = false;
  std::string code;    // "ok", or the x509 validation code ("revoked", "crl_expired", ...), or "bad_signature"
  std::string detail;  // for people
  x509::Classification classification;
  x509::HolderAttributes holder;  // signing certificates only
  std::string subject;            // the leaf's subject (RFC 4514)
};

class Verifier {
 public:
  // `roots` are the pinned trust anchors; `profile_rows` extra profile-table rows (run-time additions).
  static absl::StatusOr<std::unique_ptr<Verifier>> Create(const std::vector<x509::Certificate>& roots,
                                                          const std::vector<x509::Certificate>& intermediates,
                                                          std::string_view profile_rows, const Clock& clock);

  // SetCrls replaces the CRLs the verifier holds (as fetched from J-LIS).
  void SetCrls(std::vector<x509::Crl> crls) { crls_ = std::move(crls); }

  // NewChallenge returns 32 fresh random bytes for a login.
  absl::StatusOr<Bytes> NewChallenge(crypto::RandomSource& rng);
  // VerifyLogin: the signature is RSASSA-PKCS1-v1_5 over SHA-256(challenge) (DigestInfo form).
  Verdict VerifyLogin(ByteView challenge, ByteView signature, ByteView authentication_certificate_der) const;
  // VerifyDocument: the same over the document, with a signing certificate; reports the holder attributes.
  Verdict VerifyDocument(ByteView document, ByteView signature, ByteView signing_certificate_der) const;

 private:
  Verifier(const Clock& clock) : clock_(clock) {}
  Verdict Verify(ByteView message, ByteView signature, ByteView certificate_der, bool signing) const;

  const Clock& clock_;
  x509::TrustStore trust_store_;
  std::vector<x509::Certificate> intermediates_;
  x509::ProfileTable profile_;
  std::vector<x509::Crl> crls_;
};

}  // namespace jpki::sim::verifier

#endif  // JPKICORE_SIM_VERIFIER_VERIFIER_H_
