#ifndef JPKICORE_X509_TRUST_STORE_H_
#define JPKICORE_X509_TRUST_STORE_H_

// TrustStore: the trust anchors path validation chains to, each kept with its public key already decoded
// (VerificationKey), indexed by subject name. Several anchors may share one name: J-LIS has issued three
// generations of its signing and authentication CAs under identical DNs (domain-research 2.1), so lookup returns
// every same-named anchor and the validator decides among them by key identifier and then by signature.
//
// Anchors of the J-LIS test hierarchy (issuer O=JPKI-TEST, see ProfileTable) are refused unless the store was built
// with allow_test_hierarchy: a production verifier must never chain a test card's certificate (domain-research 3.2).

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/bytes.h"
#include "x509/certificate.h"
#include "x509/name.h"
#include "x509/verification_key.h"

namespace jpki::x509 {

struct TrustStoreOptions {
  // Accept anchors of the J-LIS test hierarchy (O=JPKI-TEST) and other anchors an application marks as test.
  bool allow_test_hierarchy = false;
  // Smallest RSA modulus an anchor may have.
  size_t min_rsa_bits = kMinRsaBits;
  // How anchors are parsed by AddEncoded / AddFile. Strict by default; some long-lived public roots carry a zero
  // serial (Starfield Root Certificate Authority - G2), which ParseOptions::allow_negative_serial admits.
  ParseOptions parse_options;
};

// TrustAnchor is one anchor: the certificate, its decoded key and where it came from.
struct TrustAnchor {
  Certificate certificate;
  std::shared_ptr<const VerificationKey> key;
  std::string label;  // file name or caller-chosen label, for messages
  bool test_hierarchy = false;
};

class TrustStore {
 public:
  explicit TrustStore(TrustStoreOptions options = {}) : options_(options) {}

  // Add adds a parsed certificate as an anchor. Fails with kUnsupported / kMalformedInput / kPolicyViolation when
  // its key cannot be used (see VerificationKey), with kPolicyViolation for a test-hierarchy anchor in a
  // production store (or when `test_hierarchy` is set without allow_test_hierarchy). Adding the same DER twice is a
  // no-op.
  absl::Status Add(const Certificate& certificate, std::string label = "", bool test_hierarchy = false);
  // AddEncoded parses DER, or PEM with one or more CERTIFICATE blocks, and adds each certificate.
  absl::Status AddEncoded(ByteView der_or_pem, std::string label = "", bool test_hierarchy = false);
  // AddFile reads a DER or PEM file (kNotFound when unreadable) and calls AddEncoded with the path as label.
  absl::Status AddFile(const std::string& path, bool test_hierarchy = false);

  // FromFiles builds a store from files (the `--roots` of `jpki x509 verify`).
  static absl::StatusOr<TrustStore> FromFiles(const std::vector<std::string>& paths, TrustStoreOptions options = {});

  // JlisRootFileNames lists the J-LIS root files jpkicore ships for tests and the demo (tests/data/jpki-myna):
  // "sign_ca_2015.der", "sign_ca_2023.der", "auth_ca_2015.der", "auth_ca_2023.der". The 2019 generation is not
  // publicly bundled anywhere jpkicore could take it from; add signca02/authca02 from https://www.jpki.go.jp/ca/
  // with AddFile after checking J-LIS's published fingerprints.
  static std::vector<std::string> JlisRootFileNames();
  // AddJlisRoots adds every file of JlisRootFileNames() found in `directory` (at least one must exist).
  absl::Status AddJlisRoots(const std::string& directory);

  // FindBySubject returns every anchor whose subject equals `name` (RFC 5280 7.1 comparison), in insertion order.
  std::vector<const TrustAnchor*> FindBySubject(const Name& name) const;
  // FindSame returns the anchor with exactly this DER, or nullptr.
  const TrustAnchor* FindSame(const Certificate& certificate) const;

  size_t size() const { return anchors_.size(); }
  const std::vector<std::unique_ptr<TrustAnchor>>& anchors() const { return anchors_; }
  const TrustStoreOptions& options() const { return options_; }

 private:
  TrustStoreOptions options_;
  std::vector<std::unique_ptr<TrustAnchor>> anchors_;
};

// DecodeCertificates parses DER, or PEM holding one or more CERTIFICATE blocks, into certificates (used for
// anchors, intermediates and leaves alike). Fails with kMalformedInput for bad PEM, a non-CERTIFICATE block, or a
// certificate that does not parse.
absl::StatusOr<std::vector<Certificate>> DecodeCertificates(ByteView der_or_pem, const ParseOptions& options = {});

}  // namespace jpki::x509

#endif  // JPKICORE_X509_TRUST_STORE_H_
