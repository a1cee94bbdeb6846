#include "x509/certificate_builder.h"

#include <utility>

#include "asn1/der_writer.h"
#include "base/error.h"
#include "base/status_macros.h"
#include "crypto/signer.h"
#include "x509/oids.h"

namespace jpki::x509 {
namespace {

using asn1::ContextSpecific;
using asn1::DerWriter;

absl::Status Missing(const char* what) {
  return MakeError(ErrorCode::kInvalidArgument, "x509", std::string("certificate builder: missing ") + what);
}

absl::StatusOr<crypto::SignatureHash> Pkcs1Hash(const SignatureAlgorithm& a) {
  switch (a.kind) {
    case SignatureAlgorithmKind::kRsaPkcs1Sha256:
      return crypto::SignatureHash::kSha256;
    case SignatureAlgorithmKind::kRsaPkcs1Sha384:
      return crypto::SignatureHash::kSha384;
    case SignatureAlgorithmKind::kRsaPkcs1Sha512:
      return crypto::SignatureHash::kSha512;
    default:
      return MakeError(ErrorCode::kInvalidArgument, "x509", "external signing needs sha*WithRSAEncryption");
  }
}

// WriteTime: RFC 5280 4.1.2.5's choice of type.
void WriteTime(DerWriter& w, int64_t t) { w.AddTime(t); }

}  // namespace

CertificateBuilder& CertificateBuilder::SetVersion(Version version) {
  version_ = version;
  return *this;
}
CertificateBuilder& CertificateBuilder::SetSerial(ByteView integer_content) {
  serial_ = ToBytes(integer_content);
  return *this;
}
CertificateBuilder& CertificateBuilder::SetSerialMagnitude(ByteView magnitude) {
  size_t start = 0;
  while (start + 1 < magnitude.size() && magnitude[start] == 0) ++start;
  Bytes content;
  if (magnitude.empty() || (magnitude[start] & 0x80)) content.push_back(0);
  content.insert(content.end(), magnitude.begin() + start, magnitude.end());
  serial_ = std::move(content);
  return *this;
}
CertificateBuilder& CertificateBuilder::SetSerialUint64(uint64_t serial) {
  uint8_t be[8];
  for (int i = 0; i < 8; ++i) be[i] = static_cast<uint8_t>(serial >> (56 - 8 * i));
  return SetSerialMagnitude(be);
}
CertificateBuilder& CertificateBuilder::SetSignatureAlgorithm(const SignatureAlgorithm& algorithm) {
  // Only the encoding and the kind are kept: `algorithm` may view bytes that do not outlive the builder.
  algorithm_der_ = EncodeSignatureAlgorithm(algorithm);
  algorithm_ = DetachedSignatureAlgorithm(algorithm);
  return *this;
}
CertificateBuilder& CertificateBuilder::SetIssuer(ByteView name_der) {
  issuer_ = ToBytes(name_der);
  return *this;
}
CertificateBuilder& CertificateBuilder::SetSubject(ByteView name_der) {
  subject_ = ToBytes(name_der);
  return *this;
}
CertificateBuilder& CertificateBuilder::SetValidity(int64_t not_before, int64_t not_after) {
  not_before_ = not_before;
  not_after_ = not_after;
  return *this;
}
CertificateBuilder& CertificateBuilder::SetSubjectPublicKeyInfo(ByteView spki_der) {
  spki_ = ToBytes(spki_der);
  return *this;
}
CertificateBuilder& CertificateBuilder::SetIssuerUniqueId(ByteView bits) {
  issuer_unique_id_ = ToBytes(bits);
  return *this;
}
CertificateBuilder& CertificateBuilder::SetSubjectUniqueId(ByteView bits) {
  subject_unique_id_ = ToBytes(bits);
  return *this;
}

CertificateBuilder& CertificateBuilder::AddExtension(ByteView oid, bool critical, ByteView value) {
  extensions_.push_back(RawExtension{ToBytes(oid), critical, ToBytes(value)});
  return *this;
}
CertificateBuilder& CertificateBuilder::AddBasicConstraints(const BasicConstraints& value, bool critical) {
  return AddExtension(oid::kBasicConstraints, critical, EncodeBasicConstraints(value));
}
CertificateBuilder& CertificateBuilder::AddKeyUsage(const KeyUsage& value, bool critical) {
  return AddExtension(oid::kKeyUsage, critical, EncodeKeyUsage(value));
}
CertificateBuilder& CertificateBuilder::AddExtKeyUsage(const std::vector<Bytes>& purposes, bool critical) {
  return AddExtension(oid::kExtKeyUsage, critical, EncodeExtKeyUsage(purposes));
}
CertificateBuilder& CertificateBuilder::AddSubjectKeyIdentifier(ByteView key_id) {
  return AddExtension(oid::kSubjectKeyIdentifier, false, EncodeSubjectKeyIdentifier(key_id));
}
CertificateBuilder& CertificateBuilder::AddAuthorityKeyIdentifier(const AuthorityKeyIdentifierSpec& value) {
  return AddExtension(oid::kAuthorityKeyIdentifier, false, EncodeAuthorityKeyIdentifier(value));
}
CertificateBuilder& CertificateBuilder::AddAuthorityKeyIdentifier(ByteView key_id) {
  AuthorityKeyIdentifierSpec spec;
  spec.key_id = ToBytes(key_id);
  return AddAuthorityKeyIdentifier(spec);
}
CertificateBuilder& CertificateBuilder::AddSubjectAltNames(const std::vector<GeneralNameSpec>& names, bool critical) {
  return AddExtension(oid::kSubjectAltName, critical, EncodeAltNames(names));
}
CertificateBuilder& CertificateBuilder::AddIssuerAltNames(const std::vector<GeneralNameSpec>& names, bool critical) {
  return AddExtension(oid::kIssuerAltName, critical, EncodeAltNames(names));
}
CertificateBuilder& CertificateBuilder::AddCertificatePolicies(const std::vector<PolicyInformationSpec>& policies,
                                                               bool critical) {
  return AddExtension(oid::kCertificatePolicies, critical, EncodeCertificatePolicies(policies));
}
CertificateBuilder& CertificateBuilder::AddPolicyMappings(const std::vector<PolicyMappingSpec>& mappings,
                                                          bool critical) {
  return AddExtension(oid::kPolicyMappings, critical, EncodePolicyMappings(mappings));
}
CertificateBuilder& CertificateBuilder::AddPolicyConstraints(const PolicyConstraints& value, bool critical) {
  return AddExtension(oid::kPolicyConstraints, critical, EncodePolicyConstraints(value));
}
CertificateBuilder& CertificateBuilder::AddInhibitAnyPolicy(uint32_t skip_certs, bool critical) {
  return AddExtension(oid::kInhibitAnyPolicy, critical, EncodeInhibitAnyPolicy(skip_certs));
}
CertificateBuilder& CertificateBuilder::AddNameConstraints(const std::vector<GeneralNameSpec>& permitted,
                                                           const std::vector<GeneralNameSpec>& excluded,
                                                           bool critical) {
  return AddExtension(oid::kNameConstraints, critical, EncodeNameConstraints(permitted, excluded));
}
CertificateBuilder& CertificateBuilder::AddCrlDistributionPoints(const std::vector<DistributionPointSpec>& points,
                                                                 bool critical) {
  return AddExtension(oid::kCrlDistributionPoints, critical, EncodeCrlDistributionPoints(points));
}
CertificateBuilder& CertificateBuilder::AddAuthorityInfoAccess(const std::vector<AccessDescriptionSpec>& descriptions,
                                                               bool critical) {
  return AddExtension(oid::kAuthorityInfoAccess, critical, EncodeInfoAccess(descriptions));
}

absl::StatusOr<Bytes> CertificateBuilder::BuildTbs() const {
  if (!serial_) return Missing("serial");
  if (!algorithm_) return Missing("signature algorithm");
  if (!issuer_) return Missing("issuer");
  if (!subject_) return Missing("subject");
  if (!not_before_ || !not_after_) return Missing("validity");
  if (!spki_) return Missing("subject public key info");
  if (!extensions_.empty() && version_ != Version::kV3) {
    return MakeError(ErrorCode::kInvalidArgument, "x509", "certificate builder: extensions need v3");
  }
  if ((issuer_unique_id_ || subject_unique_id_) && version_ == Version::kV1) {
    return MakeError(ErrorCode::kInvalidArgument, "x509", "certificate builder: unique identifiers need v2 or v3");
  }
  for (size_t i = 0; i < extensions_.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (extensions_[i].oid == extensions_[j].oid) {
        return MakeError(ErrorCode::kInvalidArgument, "x509", "certificate builder: extension added twice");
      }
    }
  }
  DerWriter w;
  // TBSCertificate ::= SEQUENCE { version [0] EXPLICIT Version DEFAULT v1, serialNumber, signature, issuer,
  //   validity, subject, subjectPublicKeyInfo, issuerUniqueID [1] IMPLICIT OPTIONAL,
  //   subjectUniqueID [2] IMPLICIT OPTIONAL, extensions [3] EXPLICIT OPTIONAL }
  w.AddSequence([&](DerWriter& tbs) {
    if (version_ != Version::kV1) {
      tbs.AddExplicit(0, [&](DerWriter& v) { v.AddUint64(static_cast<uint64_t>(version_) - 1); });
    }
    tbs.AddInteger(*serial_);
    tbs.AddRaw(algorithm_der_);
    tbs.AddRaw(*issuer_);
    tbs.AddSequence([&](DerWriter& validity) {
      WriteTime(validity, *not_before_);
      WriteTime(validity, *not_after_);
    });
    tbs.AddRaw(*subject_);
    tbs.AddRaw(*spki_);
    if (issuer_unique_id_) tbs.AddBitString(*issuer_unique_id_, 0, ContextSpecific(1));
    if (subject_unique_id_) tbs.AddBitString(*subject_unique_id_, 0, ContextSpecific(2));
    if (!extensions_.empty()) {
      tbs.AddExplicit(3, [&](DerWriter& x) {
        x.AddSequence([&](DerWriter& list) {
          for (const RawExtension& e : extensions_) {
            list.AddSequence([&](DerWriter& ext) {
              ext.AddPrimitive(asn1::kObjectIdentifier, e.oid);
              if (e.critical) ext.AddBoolean(true);
              ext.AddOctetString(e.value);
            });
          }
        });
      });
    }
  });
  return w.Finish();
}

namespace {
absl::StatusOr<Bytes> Assemble(ByteView tbs_der, ByteView algorithm_der, ByteView signature) {
  // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }
  DerWriter w;
  w.AddSequence([&](DerWriter& cert) {
    cert.AddRaw(tbs_der);
    cert.AddRaw(algorithm_der);
    cert.AddBitString(signature);
  });
  return w.Finish();
}
}  // namespace

absl::StatusOr<Bytes> AssembleCertificate(ByteView tbs_der, const SignatureAlgorithm& algorithm, ByteView signature) {
  return Assemble(tbs_der, EncodeSignatureAlgorithm(algorithm), signature);
}

absl::StatusOr<Bytes> CertificateBuilder::Sign(const crypto::Signer& signer) const {
  JPKI_ASSIGN_OR_RETURN(Bytes tbs, BuildTbs());
  JPKI_ASSIGN_OR_RETURN(Bytes signature, signer.Sign(tbs));
  return Assemble(tbs, algorithm_der_, signature);
}

absl::StatusOr<Bytes> CertificateBuilder::SignExternal(std::shared_ptr<const crypto::ExternalSigner> signer) const {
  if (!algorithm_) return Missing("signature algorithm");
  JPKI_ASSIGN_OR_RETURN(crypto::SignatureHash hash, Pkcs1Hash(*algorithm_));
  JPKI_ASSIGN_OR_RETURN(std::unique_ptr<crypto::Signer> adapted, crypto::NewExternalRsaPkcs1Signer(signer, hash));
  return Sign(*adapted);
}

absl::StatusOr<Bytes> ReencodeCertificate(const Certificate& c) {
  CertificateBuilder b;
  b.SetVersion(c.version())
      .SetSerial(c.serial())
      .SetSignatureAlgorithm(c.signature_algorithm())
      .SetIssuer(EncodeName(c.issuer()))
      .SetSubject(EncodeName(c.subject()))
      .SetValidity(c.not_before(), c.not_after())
      .SetSubjectPublicKeyInfo(c.spki_der());
  if (c.issuer_unique_id()) b.SetIssuerUniqueId(*c.issuer_unique_id());
  if (c.subject_unique_id()) b.SetSubjectUniqueId(*c.subject_unique_id());
  for (const Extension& e : c.extensions().list()) b.AddExtension(e.oid, e.critical, e.value);
  JPKI_ASSIGN_OR_RETURN(Bytes tbs, b.BuildTbs());
  return AssembleCertificate(tbs, c.signature_algorithm(), c.signature());
}

}  // namespace jpki::x509
