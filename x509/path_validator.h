#ifndef JPKICORE_X509_PATH_VALIDATOR_H_
#define JPKICORE_X509_PATH_VALIDATOR_H_

// RFC 5280 section 6 path validation for RSA chains, with path building.
//
// Building: from the leaf upwards, candidate issuers are the trust anchors and then the supplied intermediates
// whose subject equals the certificate's issuer (RFC 5280 7.1), those whose subjectKeyIdentifier matches the
// certificate's authorityKeyIdentifier tried first. Every candidate's signature over the certificate is checked
// before it is followed, so among same-named anchors (the three J-LIS generations) the right one is found by
// signature; a failing candidate is skipped and the next one tried (backtracking), and a complete path that fails
// a later check is abandoned for the next alternative too. A certificate already on the path is never added
// again (loops), paths are at most max_path_length certificates, and the whole search is bounded by
// max_signature_checks and max_paths, so hostile input cannot make it run long.
//
// Checking one path (6.1.3 - 6.1.5): validity of every certificate including the anchor at the validation time,
// name chaining, basicConstraints cA and pathLenConstraint, keyUsage keyCertSign on issuers, the leaf's purpose,
// the valid_policy_tree algorithm (initial policy set, explicit policy, policy mapping inhibit, any-policy
// inhibit; bounded in size), name constraints (directoryName, dNSName, rfc822Name, URI, iPAddress, and
// emailAddress in subject DNs), rejection of unknown critical extensions, and, when CRLs are supplied, revocation
// of every certificate below the anchor (6.3: issuer, cRLSign, signature, thisUpdate/nextUpdate, issuing
// distribution point scope).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "base/bytes.h"
#include "x509/certificate.h"
#include "x509/crl.h"
#include "x509/trust_store.h"
#include "x509/validation_code.h"
#include "x509/verification_key.h"

namespace jpki::x509 {

// Purpose is what the leaf's key is to be used for (keyUsage, per the JPKI profile).
enum class Purpose {
  kAny,             // no keyUsage requirement on the leaf
  kSigning,         // 署名用: nonRepudiation (contentCommitment) required when keyUsage is present
  kAuthentication,  // 利用者証明用: digitalSignature required when keyUsage is present
};

// PurposeName: "any", "signing", "authentication". ParsePurpose is its inverse.
std::string_view PurposeName(Purpose purpose);
std::optional<Purpose> ParsePurpose(std::string_view name);

struct ValidationOptions {
  // AtTime returns default options with `time` set.
  static ValidationOptions AtTime(int64_t time) {
    ValidationOptions options;
    options.time = time;
    return options;
  }

  // The validation time, Unix seconds. Every certificate (and the anchor) must be valid at this time; CRLs must be
  // current at this time; a revocation dated after it does not count.
  int64_t time = 0;
  Purpose purpose = Purpose::kAny;
  // RFC 5280 6.1.1 inputs. An empty initial policy set means {anyPolicy}. OIDs as content octets.
  std::vector<Bytes> initial_policy_set;
  bool initial_explicit_policy = false;
  bool initial_policy_mapping_inhibit = false;
  bool initial_any_policy_inhibit = false;
  // Extended key usages the leaf must allow (content octets): an extKeyUsage extension, when present, must list
  // each of them or anyExtendedKeyUsage. Empty: no requirement.
  std::vector<Bytes> required_ext_key_usages;
  // Limits: certificates on a path including leaf and anchor; signature checks and complete paths tried per call;
  // nodes of the valid_policy_tree.
  size_t max_path_length = 10;
  size_t max_signature_checks = 64;
  size_t max_paths = 16;
  size_t max_policy_nodes = 1024;
  // Smallest RSA modulus accepted for intermediates (anchors are checked by the trust store).
  size_t min_rsa_bits = kMinRsaBits;
};

// CertificateSet holds untrusted intermediates with their keys decoded once (through VerificationKey's
// process-wide cache), for callers that validate many leaves against the same intermediates. Certificates whose key
// cannot be decoded are kept (they can still be a leaf of a search, and are reported by signature checks that need
// their key).
class CertificateSet {
 public:
  CertificateSet() = default;
  explicit CertificateSet(absl::Span<const Certificate> certificates, size_t min_rsa_bits = kMinRsaBits);
  void Add(const Certificate& certificate, size_t min_rsa_bits = kMinRsaBits);

  struct Entry {
    Certificate certificate;
    std::shared_ptr<const VerificationKey> key;  // null when the key is unusable
    absl::Status key_status;                     // why it is null
  };
  const std::vector<Entry>& entries() const { return entries_; }
  size_t size() const { return entries_.size(); }

 private:
  std::vector<Entry> entries_;
};

// ValidatedPath is a successful result.
struct ValidatedPath {
  // chain[0] is the leaf, chain.back() the trust anchor's certificate.
  std::vector<Certificate> chain;
  const TrustAnchor* anchor = nullptr;
  // The authority-constrained policy set at the leaf (dotted OIDs); {"2.5.29.32.0"} when any policy is acceptable.
  std::vector<std::string> valid_policies;
  bool revocation_checked = false;  // CRLs were supplied and every certificate below the anchor is covered
};

// ValidationResult is the outcome: kOk with the path, or the code and a detail for people.
struct ValidationResult {
  ValidationCode code = ValidationCode::kUnknownIssuer;
  std::string detail;
  ValidatedPath path;

  bool ok() const { return code == ValidationCode::kOk; }
  // ToStatus: OK, or ValidationError(code, detail).
  absl::Status ToStatus() const;
};

// ValidatePath validates `leaf` against `trust_store`, building a path through `intermediates`. CRLs, when any are
// given, are checked for every certificate below the anchor. Never fails otherwise than through the result.
ValidationResult ValidatePath(const Certificate& leaf, const CertificateSet& intermediates,
                              const TrustStore& trust_store, absl::Span<const Crl> crls,
                              const ValidationOptions& options);
// Overload for a plain list of intermediates (their keys are decoded during the call).
ValidationResult ValidatePath(const Certificate& leaf, absl::Span<const Certificate> intermediates,
                              const TrustStore& trust_store, absl::Span<const Crl> crls,
                              const ValidationOptions& options);

}  // namespace jpki::x509

#endif  // JPKICORE_X509_PATH_VALIDATOR_H_
