#ifndef JPKICORE_X509_CERTIFICATE_BUILDER_H_
#define JPKICORE_X509_CERTIFICATE_BUILDER_H_

// CertificateBuilder assembles a TBSCertificate in DER and signs it through crypto's Signer interface, so the same
// code issues certificates with a local key, an HSM or a Secure Element (crypto::ExternalSigner). It is what the
// JPKI CA of `jpki demo` and the test fixtures use. ReencodeCertificate rebuilds a parsed certificate from its
// decoded fields; for any certificate Certificate::Parse accepts, the result equals the input byte for byte.
//
//   CertificateBuilder b;
//   b.SetSerialUint64(1).SetSignatureAlgorithm(SignatureAlgorithm::RsaPkcs1(HashAlgorithm::kSha256))
//    .SetIssuer(ca_name).SetSubject(holder_name).SetValidity(from, to).SetSubjectPublicKeyInfo(key.SpkiDer())
//    .AddKeyUsage(KeyUsage{...}).AddSubjectAltNames({GeneralNameSpec::OtherNameUtf8(oid::kJpkiName, "...")});
//   absl::StatusOr<Bytes> der = b.Sign(*signer);

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "base/bytes.h"
#include "x509/certificate.h"
#include "x509/extension_encoders.h"
#include "x509/extensions.h"
#include "x509/general_name.h"
#include "x509/signature_algorithm.h"

namespace jpki::crypto {
class Signer;
class ExternalSigner;
}  // namespace jpki::crypto

namespace jpki::x509 {

class CertificateBuilder {
 public:
  // SetVersion: default v3 (extensions need v3; unique identifiers need v2 or v3).
  CertificateBuilder& SetVersion(Version version);
  // SetSerial takes INTEGER content octets (minimal two's complement, as Certificate::serial() returns).
  CertificateBuilder& SetSerial(ByteView integer_content);
  // SetSerialMagnitude takes a positive big-endian magnitude (a 0x00 is prefixed when the top bit is set).
  CertificateBuilder& SetSerialMagnitude(ByteView magnitude);
  CertificateBuilder& SetSerialUint64(uint64_t serial);
  // SetSignatureAlgorithm: written in the TBS and outside it; must match the Signer given to Sign.
  CertificateBuilder& SetSignatureAlgorithm(const SignatureAlgorithm& algorithm);
  CertificateBuilder& SetIssuer(ByteView name_der);
  CertificateBuilder& SetSubject(ByteView name_der);
  // SetValidity: Unix seconds; encoded as UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 4.1.2.5).
  CertificateBuilder& SetValidity(int64_t not_before, int64_t not_after);
  CertificateBuilder& SetSubjectPublicKeyInfo(ByteView spki_der);
  CertificateBuilder& SetIssuerUniqueId(ByteView bits);
  CertificateBuilder& SetSubjectUniqueId(ByteView bits);

  // AddExtension appends a raw extension (value = the extnValue content). Extensions are written in call order.
  CertificateBuilder& AddExtension(ByteView oid, bool critical, ByteView value);
  // Typed extensions (criticality defaults follow RFC 5280's MUST/SHOULD and the JPKI profile).
  CertificateBuilder& AddBasicConstraints(const BasicConstraints& value, bool critical = true);
  CertificateBuilder& AddKeyUsage(const KeyUsage& value, bool critical = true);
  CertificateBuilder& AddExtKeyUsage(const std::vector<Bytes>& purposes, bool critical = false);
  CertificateBuilder& AddSubjectKeyIdentifier(ByteView key_id);
  CertificateBuilder& AddAuthorityKeyIdentifier(const AuthorityKeyIdentifierSpec& value);
  CertificateBuilder& AddAuthorityKeyIdentifier(ByteView key_id);
  CertificateBuilder& AddSubjectAltNames(const std::vector<GeneralNameSpec>& names, bool critical = false);
  CertificateBuilder& AddIssuerAltNames(const std::vector<GeneralNameSpec>& names, bool critical = false);
  CertificateBuilder& AddCertificatePolicies(const std::vector<PolicyInformationSpec>& policies, bool critical = false);
  CertificateBuilder& AddPolicyMappings(const std::vector<PolicyMappingSpec>& mappings, bool critical = true);
  CertificateBuilder& AddPolicyConstraints(const PolicyConstraints& value, bool critical = true);
  CertificateBuilder& AddInhibitAnyPolicy(uint32_t skip_certs, bool critical = true);
  CertificateBuilder& AddNameConstraints(const std::vector<GeneralNameSpec>& permitted,
                                         const std::vector<GeneralNameSpec>& excluded, bool critical = true);
  CertificateBuilder& AddCrlDistributionPoints(const std::vector<DistributionPointSpec>& points, bool critical = false);
  CertificateBuilder& AddAuthorityInfoAccess(const std::vector<AccessDescriptionSpec>& descriptions,
                                             bool critical = false);

  // BuildTbs encodes the TBSCertificate. Fails with kInvalidArgument when the serial, a name, the validity, the
  // SPKI or the signature algorithm is missing, when extensions or unique identifiers do not fit the version, or
  // when an extension OID repeats.
  absl::StatusOr<Bytes> BuildTbs() const;
  // Sign builds the TBS, signs it with `signer` and returns the DER certificate.
  absl::StatusOr<Bytes> Sign(const crypto::Signer& signer) const;
  // SignExternal signs through an external RSA key (PKCS#1 v1.5 with the algorithm's hash; the signature is
  // checked against the external public key before it is used). The algorithm must be sha*WithRSAEncryption.
  absl::StatusOr<Bytes> SignExternal(std::shared_ptr<const crypto::ExternalSigner> signer) const;

 private:
  struct RawExtension {
    Bytes oid;
    bool critical;
    Bytes value;
  };
  Version version_ = Version::kV3;
  std::optional<Bytes> serial_;
  std::optional<SignatureAlgorithm> algorithm_;
  Bytes algorithm_der_;
  std::optional<Bytes> issuer_, subject_, spki_;
  std::optional<int64_t> not_before_, not_after_;
  std::optional<Bytes> issuer_unique_id_, subject_unique_id_;
  std::vector<RawExtension> extensions_;
};

// AssembleCertificate wraps a TBS, the signature algorithm and the signature into Certificate DER.
absl::StatusOr<Bytes> AssembleCertificate(ByteView tbs_der, const SignatureAlgorithm& algorithm, ByteView signature);

// ReencodeCertificate rebuilds `certificate` from its decoded fields (names from their attributes, the signature
// algorithm from its decoded parameters, times from Unix seconds, extensions from their raw values).
absl::StatusOr<Bytes> ReencodeCertificate(const Certificate& certificate);

}  // namespace jpki::x509

#endif  // JPKICORE_X509_CERTIFICATE_BUILDER_H_
