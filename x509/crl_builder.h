#ifndef JPKICORE_X509_CRL_BUILDER_H_
#define JPKICORE_X509_CRL_BUILDER_H_

// CrlBuilder assembles a TBSCertList in DER and signs it through crypto's Signer interface (local keys, HSMs,
// crypto::ExternalSigner). ReencodeCrl rebuilds a parsed CRL from its decoded fields, byte-identical for every CRL
// Crl::Parse accepts.

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "base/bytes.h"
#include "x509/crl.h"
#include "x509/extension_encoders.h"
#include "x509/extensions.h"
#include "x509/signature_algorithm.h"

namespace jpki::crypto {
class Signer;
class ExternalSigner;
}  // namespace jpki::crypto

namespace jpki::x509 {

// RevokedEntrySpec is one entry to list. Extensions are written in the order reasonCode, invalidityDate, then
// `extra_extensions` (raw Extension elements).
struct RevokedEntrySpec {
  Bytes serial;  // INTEGER content octets (see CrlBuilder::SerialContent)
  int64_t revocation_date = 0;
  std::optional<RevocationReason> reason;
  std::optional<int64_t> invalidity_date;
  std::vector<Bytes> extra_extensions;
  // extensions_der, when set, is the whole crlEntryExtensions SEQUENCE written verbatim instead of the fields above.
  std::optional<Bytes> extensions_der;
};

class CrlBuilder {
 public:
  // SerialContent turns a positive big-endian magnitude into INTEGER content octets.
  static Bytes SerialContent(ByteView magnitude);
  static Bytes SerialContent(uint64_t serial);

  // SetVersion: 2 (default) or 1 (then no extensions are allowed).
  CrlBuilder& SetVersion(int version);
  CrlBuilder& SetSignatureAlgorithm(const SignatureAlgorithm& algorithm);
  CrlBuilder& SetIssuer(ByteView name_der);
  CrlBuilder& SetThisUpdate(int64_t unix_seconds);
  CrlBuilder& SetNextUpdate(int64_t unix_seconds);
  // Reserve preallocates room for `count` entries (large CRLs).
  CrlBuilder& Reserve(size_t count);
  CrlBuilder& AddRevoked(RevokedEntrySpec entry);
  CrlBuilder& AddRevoked(ByteView serial_content, int64_t revocation_date,
                         std::optional<RevocationReason> reason = std::nullopt);

  CrlBuilder& AddExtension(ByteView oid, bool critical, ByteView value);
  CrlBuilder& AddCrlNumber(uint64_t number);
  CrlBuilder& AddDeltaCrlIndicator(uint64_t base_crl_number);
  CrlBuilder& AddAuthorityKeyIdentifier(ByteView key_id);
  CrlBuilder& AddIssuingDistributionPoint(const IssuingDistributionPointSpec& value);

  // BuildTbs encodes the TBSCertList; fails with kInvalidArgument for missing fields or extensions in v1.
  absl::StatusOr<Bytes> BuildTbs() const;
  absl::StatusOr<Bytes> Sign(const crypto::Signer& signer) const;
  absl::StatusOr<Bytes> SignExternal(std::shared_ptr<const crypto::ExternalSigner> signer) const;

 private:
  struct RawExtension {
    Bytes oid;
    bool critical;
    Bytes value;
  };
  int version_ = 2;
  std::optional<SignatureAlgorithm> algorithm_;
  Bytes algorithm_der_;
  std::optional<Bytes> issuer_;
  std::optional<int64_t> this_update_, next_update_;
  std::vector<RevokedEntrySpec> revoked_;
  std::vector<RawExtension> extensions_;
};

// AssembleCrl wraps a TBSCertList, the signature algorithm and the signature into CertificateList DER.
absl::StatusOr<Bytes> AssembleCrl(ByteView tbs_der, const SignatureAlgorithm& algorithm, ByteView signature);

// ReencodeCrl rebuilds `crl` from its decoded fields (entries in encoding order, re-encoded from their serial
// and date; entry extensions copied).
absl::StatusOr<Bytes> ReencodeCrl(const Crl& crl);

}  // namespace jpki::x509

#endif  // JPKICORE_X509_CRL_BUILDER_H_
