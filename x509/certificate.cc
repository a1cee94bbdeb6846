#include "x509/certificate.h"

#include <utility>

#include "asn1/der_reader.h"
#include "asn1/oid.h"
#include "asn1/time.h"
#include "base/error.h"
#include "base/status_macros.h"
#include "crypto/hash.h"
#include "x509/internal/parse_util.h"
#include "x509/oids.h"

namespace jpki::x509 {

struct Certificate::Impl {
  Bytes owned;
  ByteView der, tbs, issuer_der, subject_der, extensions_der, serial, signature;
  Version version = Version::kV1;
  bool serial_negative = false;
  SignatureAlgorithm signature_algorithm;
  Name issuer, subject;
  int64_t not_before = 0, not_after = 0;
  bool not_before_generalized = false, not_after_generalized = false;
  SubjectPublicKeyInfo spki;
  std::optional<ByteView> issuer_unique_id, subject_unique_id;
  Extensions extensions;
  std::optional<BasicConstraints> basic_constraints;
  std::optional<KeyUsage> key_usage;
  std::optional<ExtKeyUsage> ext_key_usage;
  std::optional<ByteView> subject_key_id;
  std::optional<AuthorityKeyIdentifier> authority_key_id;
  std::optional<std::vector<GeneralName>> subject_alt_names, issuer_alt_names;
  std::optional<CertificatePolicies> certificate_policies;
  std::optional<std::vector<PolicyMapping>> policy_mappings;
  std::optional<PolicyConstraints> policy_constraints;
  std::optional<uint32_t> inhibit_any_policy;
  std::optional<NameConstraints> name_constraints;
  std::optional<std::vector<DistributionPoint>> crl_distribution_points;
  std::optional<std::vector<AccessDescription>> authority_info_access;
};

namespace {

using asn1::ContextSpecific;
using asn1::DerReader;
using internal::Malformed;

// ReadValidityTime reads an RFC 5280 Time and enforces 4.1.2.5: UTCTime for dates through 2049, GeneralizedTime
// from 2050 on.
absl::StatusOr<int64_t> ReadValidityTime(DerReader& r, bool& generalized) {
  const size_t offset = r.offset();
  generalized = r.NextIs(asn1::kGeneralizedTime);
  JPKI_ASSIGN_OR_RETURN(int64_t t, r.ReadTime());
  if (generalized && asn1::UseUtcTime(t)) return Malformed("GeneralizedTime used for a date before 2050", offset);
  return t;
}

template <typename T>
absl::Status Decode(absl::StatusOr<T> decoded, std::optional<T>& out, std::string_view name) {
  if (!decoded.ok()) return internal::WithContext(decoded.status(), name);
  out = *std::move(decoded);
  return absl::OkStatus();
}

absl::Status DecodeKnownExtensions(Certificate::Impl& c) {
  for (const Extension& e : c.extensions.list()) {
    const size_t base = static_cast<size_t>(e.value.data() - c.der.data());
    const ByteView v = e.value;
    if (Equal(e.oid, oid::kBasicConstraints)) {
      JPKI_RETURN_IF_ERROR(Decode(ParseBasicConstraints(v, base), c.basic_constraints, "basicConstraints"));
    } else if (Equal(e.oid, oid::kKeyUsage)) {
      JPKI_RETURN_IF_ERROR(Decode(ParseKeyUsage(v, base), c.key_usage, "keyUsage"));
    } else if (Equal(e.oid, oid::kExtKeyUsage)) {
      JPKI_RETURN_IF_ERROR(Decode(ParseExtKeyUsage(v, base), c.ext_key_usage, "extKeyUsage"));
    } else if (Equal(e.oid, oid::kSubjectKeyIdentifier)) {
      JPKI_RETURN_IF_ERROR(Decode(ParseSubjectKeyIdentifier(v, base), c.subject_key_id, "subjectKeyIdentifier"));
    } else if (Equal(e.oid, oid::kAuthorityKeyIdentifier)) {
      JPKI_RETURN_IF_ERROR(Decode(ParseAuthorityKeyIdentifier(v, base), c.authority_key_id, "authorityKeyIdentifier"));
    } else if (Equal(e.oid, oid::kSubjectAltName)) {
      JPKI_RETURN_IF_ERROR(Decode(ParseAltNames(v, base), c.subject_alt_names, "subjectAltName"));
    } else if (Equal(e.oid, oid::kIssuerAltName)) {
      JPKI_RETURN_IF_ERROR(Decode(ParseAltNames(v, base), c.issuer_alt_names, "issuerAltName"));
    } else if (Equal(e.oid, oid::kCertificatePolicies)) {
      JPKI_RETURN_IF_ERROR(Decode(ParseCertificatePolicies(v, base), c.certificate_policies, "certificatePolicies"));
    } else if (Equal(e.oid, oid::kPolicyMappings)) {
      JPKI_RETURN_IF_ERROR(Decode(ParsePolicyMappings(v, base), c.policy_mappings, "policyMappings"));
    } else if (Equal(e.oid, oid::kPolicyConstraints)) {
      JPKI_RETURN_IF_ERROR(Decode(ParsePolicyConstraints(v, base), c.policy_constraints, "policyConstraints"));
    } else if (Equal(e.oid, oid::kInhibitAnyPolicy)) {
      JPKI_RETURN_IF_ERROR(Decode(ParseInhibitAnyPolicy(v, base), c.inhibit_any_policy, "inhibitAnyPolicy"));
    } else if (Equal(e.oid, oid::kNameConstraints)) {
      JPKI_RETURN_IF_ERROR(Decode(ParseNameConstraints(v, base), c.name_constraints, "nameConstraints"));
    } else if (Equal(e.oid, oid::kCrlDistributionPoints)) {
      JPKI_RETURN_IF_ERROR(
          Decode(ParseCrlDistributionPoints(v, base), c.crl_distribution_points, "cRLDistributionPoints"));
    } else if (Equal(e.oid, oid::kAuthorityInfoAccess)) {
      JPKI_RETURN_IF_ERROR(Decode(ParseInfoAccess(v, base), c.authority_info_access, "authorityInfoAccess"));
    }
  }
  return absl::OkStatus();
}

absl::Status ParseInto(Certificate::Impl& c, const ParseOptions& options) {
  SignatureAlgorithmParseOptions alg_options;
  alg_options.allow_missing_rsa_null_parameters = options.allow_missing_rsa_null_parameters;
  DerReader input(c.der);
  // Certificate ::= SEQUENCE { tbsCertificate TBSCertificate, signatureAlgorithm AlgorithmIdentifier,
  //   signatureValue BIT STRING }
  JPKI_ASSIGN_OR_RETURN(DerReader cert, input.ReadSequence());
  JPKI_RETURN_IF_ERROR(input.ExpectEnd());
  const size_t tbs_offset = cert.offset();
  JPKI_ASSIGN_OR_RETURN(asn1::Element tbs_element, cert.ReadAnyElement());
  if (tbs_element.tag != asn1::kSequence) return Malformed("TBSCertificate is not a SEQUENCE", tbs_offset);
  c.tbs = tbs_element.raw;
  const size_t outer_alg_offset = cert.offset();
  JPKI_ASSIGN_OR_RETURN(ByteView outer_alg, cert.ReadRawElement(asn1::kSequence));
  const size_t sig_offset = cert.offset();
  JPKI_ASSIGN_OR_RETURN(asn1::BitString signature, cert.ReadBitString());
  if (!signature.IsOctetAligned()) return Malformed("signatureValue has unused bits", sig_offset);
  c.signature = signature.bytes;
  JPKI_RETURN_IF_ERROR(cert.ExpectEnd());

  DerReader tbs = tbs_element.reader();
  // version [0] EXPLICIT Version DEFAULT v1
  const size_t version_offset = tbs.offset();
  JPKI_ASSIGN_OR_RETURN(std::optional<DerReader> version, tbs.ReadOptionalElement(ContextSpecific(0, true)));
  if (version.has_value()) {
    JPKI_ASSIGN_OR_RETURN(uint64_t v, version->ReadUint64());
    JPKI_RETURN_IF_ERROR(version->ExpectEnd());
    if (v == 0) return Malformed("version v1 encoded explicitly (DER omits the default)", version_offset);
    if (v > 2) return Malformed("unknown certificate version", version_offset);
    c.version = static_cast<Version>(v + 1);
  }
  // serialNumber CertificateSerialNumber ::= INTEGER
  const size_t serial_offset = tbs.offset();
  JPKI_ASSIGN_OR_RETURN(c.serial, tbs.ReadInteger());
  c.serial_negative = (c.serial[0] & 0x80) != 0;
  const bool serial_zero = c.serial.size() == 1 && c.serial[0] == 0;
  if ((c.serial_negative || serial_zero) && !options.allow_negative_serial) {
    return Malformed("serial number is not positive", serial_offset);
  }
  if (c.serial.size() > 20) return Malformed("serial number longer than 20 octets", serial_offset);
  // signature AlgorithmIdentifier: must equal the outer one byte for byte (RFC 5280 4.1.1.2).
  const size_t inner_alg_offset = tbs.offset();
  JPKI_ASSIGN_OR_RETURN(ByteView inner_alg, tbs.ReadRawElement(asn1::kSequence));
  if (!Equal(inner_alg, outer_alg)) {
    return Malformed("TBS signature algorithm differs from the outer signatureAlgorithm", inner_alg_offset);
  }
  {
    absl::StatusOr<SignatureAlgorithm> alg = ParseSignatureAlgorithm(outer_alg, alg_options, outer_alg_offset);
    if (!alg.ok()) return alg.status();
    c.signature_algorithm = *alg;
  }
  // issuer Name
  const size_t issuer_offset = tbs.offset();
  JPKI_ASSIGN_OR_RETURN(c.issuer_der, tbs.ReadRawElement(asn1::kSequence));
  {
    absl::StatusOr<Name> issuer = Name::Parse(c.issuer_der, issuer_offset);
    if (!issuer.ok()) return internal::WithContext(issuer.status(), "issuer");
    c.issuer = *std::move(issuer);
  }
  // validity Validity ::= SEQUENCE { notBefore Time, notAfter Time }
  JPKI_ASSIGN_OR_RETURN(DerReader validity, tbs.ReadSequence());
  JPKI_ASSIGN_OR_RETURN(c.not_before, ReadValidityTime(validity, c.not_before_generalized));
  JPKI_ASSIGN_OR_RETURN(c.not_after, ReadValidityTime(validity, c.not_after_generalized));
  JPKI_RETURN_IF_ERROR(validity.ExpectEnd());
  // subject Name
  const size_t subject_offset = tbs.offset();
  JPKI_ASSIGN_OR_RETURN(c.subject_der, tbs.ReadRawElement(asn1::kSequence));
  {
    absl::StatusOr<Name> subject = Name::Parse(c.subject_der, subject_offset);
    if (!subject.ok()) return internal::WithContext(subject.status(), "subject");
    c.subject = *std::move(subject);
  }
  // subjectPublicKeyInfo SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier,
  //   subjectPublicKey BIT STRING }
  const size_t spki_offset = tbs.offset();
  JPKI_ASSIGN_OR_RETURN(asn1::Element spki, tbs.ReadAnyElement());
  if (spki.tag != asn1::kSequence) return Malformed("subjectPublicKeyInfo is not a SEQUENCE", spki_offset);
  c.spki.der = spki.raw;
  {
    DerReader s = spki.reader();
    JPKI_ASSIGN_OR_RETURN(DerReader algorithm, s.ReadSequence());
    JPKI_ASSIGN_OR_RETURN(asn1::Oid key_oid, algorithm.ReadOid());
    c.spki.algorithm_oid = key_oid.der();
    if (!algorithm.empty()) {
      JPKI_ASSIGN_OR_RETURN(asn1::Element params, algorithm.ReadAnyElement());
      c.spki.parameters = params.raw;
    }
    JPKI_RETURN_IF_ERROR(algorithm.ExpectEnd());
    const size_t key_offset = s.offset();
    JPKI_ASSIGN_OR_RETURN(asn1::BitString key, s.ReadBitString());
    if (!key.IsOctetAligned()) return Malformed("subjectPublicKey has unused bits", key_offset);
    c.spki.key = key.bytes;
    JPKI_RETURN_IF_ERROR(s.ExpectEnd());
  }
  // issuerUniqueID [1] IMPLICIT UniqueIdentifier OPTIONAL, subjectUniqueID [2] ... (v2 or v3 only)
  const size_t uid_offset = tbs.offset();
  if (tbs.NextIs(ContextSpecific(1))) {
    JPKI_ASSIGN_OR_RETURN(asn1::BitString uid, tbs.ReadBitString(ContextSpecific(1)));
    c.issuer_unique_id = uid.bytes;
  }
  if (tbs.NextIs(ContextSpecific(2))) {
    JPKI_ASSIGN_OR_RETURN(asn1::BitString uid, tbs.ReadBitString(ContextSpecific(2)));
    c.subject_unique_id = uid.bytes;
  }
  if ((c.issuer_unique_id || c.subject_unique_id) && c.version == Version::kV1) {
    return Malformed("unique identifier in a v1 certificate", uid_offset);
  }
  // extensions [3] EXPLICIT Extensions OPTIONAL (v3 only)
  const size_t ext_offset = tbs.offset();
  JPKI_ASSIGN_OR_RETURN(std::optional<DerReader> extensions, tbs.ReadOptionalElement(ContextSpecific(3, true)));
  if (extensions.has_value()) {
    if (c.version != Version::kV3) return Malformed("extensions in a certificate that is not v3", ext_offset);
    const size_t list_offset = extensions->offset();
    JPKI_ASSIGN_OR_RETURN(c.extensions_der, extensions->ReadRawElement(asn1::kSequence));
    JPKI_RETURN_IF_ERROR(extensions->ExpectEnd());
    JPKI_ASSIGN_OR_RETURN(c.extensions, Extensions::Parse(c.extensions_der, list_offset));
    JPKI_RETURN_IF_ERROR(DecodeKnownExtensions(c));
  }
  JPKI_RETURN_IF_ERROR(tbs.ExpectEnd());
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Certificate> Certificate::Parse(Bytes der, const ParseOptions& options) {
  auto impl = std::make_shared<Impl>();
  impl->owned = std::move(der);
  impl->der = impl->owned;
  absl::Status status = ParseInto(*impl, options);
  if (!status.ok()) return internal::WithContext(status, "certificate");
  return Certificate(std::move(impl));
}

absl::StatusOr<Certificate> Certificate::ParseView(ByteView der, const ParseOptions& options) {
  return Parse(ToBytes(der), options);
}

ByteView Certificate::der() const { return impl_->der; }
ByteView Certificate::tbs_der() const { return impl_->tbs; }
ByteView Certificate::issuer_der() const { return impl_->issuer_der; }
ByteView Certificate::subject_der() const { return impl_->subject_der; }
ByteView Certificate::spki_der() const { return impl_->spki.der; }
ByteView Certificate::extensions_der() const { return impl_->extensions_der; }
Version Certificate::version() const { return impl_->version; }
ByteView Certificate::serial() const { return impl_->serial; }
bool Certificate::serial_negative() const { return impl_->serial_negative; }
const SignatureAlgorithm& Certificate::signature_algorithm() const { return impl_->signature_algorithm; }
const Name& Certificate::issuer() const { return impl_->issuer; }
const Name& Certificate::subject() const { return impl_->subject; }
int64_t Certificate::not_before() const { return impl_->not_before; }
int64_t Certificate::not_after() const { return impl_->not_after; }
bool Certificate::not_before_generalized() const { return impl_->not_before_generalized; }
bool Certificate::not_after_generalized() const { return impl_->not_after_generalized; }
const SubjectPublicKeyInfo& Certificate::public_key() const { return impl_->spki; }
std::optional<ByteView> Certificate::issuer_unique_id() const { return impl_->issuer_unique_id; }
std::optional<ByteView> Certificate::subject_unique_id() const { return impl_->subject_unique_id; }
ByteView Certificate::signature() const { return impl_->signature; }
const Extensions& Certificate::extensions() const { return impl_->extensions; }
const std::optional<BasicConstraints>& Certificate::basic_constraints() const { return impl_->basic_constraints; }
const std::optional<KeyUsage>& Certificate::key_usage() const { return impl_->key_usage; }
const std::optional<ExtKeyUsage>& Certificate::ext_key_usage() const { return impl_->ext_key_usage; }
const std::optional<ByteView>& Certificate::subject_key_id() const { return impl_->subject_key_id; }
const std::optional<AuthorityKeyIdentifier>& Certificate::authority_key_id() const { return impl_->authority_key_id; }
const std::optional<std::vector<GeneralName>>& Certificate::subject_alt_names() const {
  return impl_->subject_alt_names;
}
const std::optional<std::vector<GeneralName>>& Certificate::issuer_alt_names() const { return impl_->issuer_alt_names; }
const std::optional<CertificatePolicies>& Certificate::certificate_policies() const {
  return impl_->certificate_policies;
}
const std::optional<std::vector<PolicyMapping>>& Certificate::policy_mappings() const { return impl_->policy_mappings; }
const std::optional<PolicyConstraints>& Certificate::policy_constraints() const { return impl_->policy_constraints; }
const std::optional<uint32_t>& Certificate::inhibit_any_policy() const { return impl_->inhibit_any_policy; }
const std::optional<NameConstraints>& Certificate::name_constraints() const { return impl_->name_constraints; }
const std::optional<std::vector<DistributionPoint>>& Certificate::crl_distribution_points() const {
  return impl_->crl_distribution_points;
}
const std::optional<std::vector<AccessDescription>>& Certificate::authority_info_access() const {
  return impl_->authority_info_access;
}

bool Certificate::IsSelfIssued() const { return impl_->issuer.Equals(impl_->subject); }

std::array<uint8_t, 32> Certificate::Sha256Fingerprint() const {
  std::array<uint8_t, 32> out{};
  absl::StatusOr<Bytes> digest = crypto::Hash(crypto::HashAlgorithm::kSha256, impl_->der);
  if (digest.ok() && digest->size() == out.size()) std::copy(digest->begin(), digest->end(), out.begin());
  return out;
}

absl::StatusOr<RsaPublicKeyInfo> Certificate::RsaPublicKey() const {
  const SubjectPublicKeyInfo& spki = impl_->spki;
  if (!Equal(spki.algorithm_oid, oid::kRsaEncryption)) {
    return MakeError(ErrorCode::kUnsupported, "x509", "public key is not rsaEncryption");
  }
  static constexpr uint8_t kNull[] = {0x05, 0x00};
  if (!Equal(spki.parameters, kNull))
    return MakeError(ErrorCode::kMalformedInput, "x509", "RSA key parameters not NULL");
  // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
  DerReader r(spki.key);
  JPKI_ASSIGN_OR_RETURN(DerReader seq, r.ReadSequence());
  JPKI_RETURN_IF_ERROR(r.ExpectEnd());
  RsaPublicKeyInfo info;
  JPKI_ASSIGN_OR_RETURN(info.modulus, seq.ReadPositiveIntegerBytes());
  JPKI_ASSIGN_OR_RETURN(info.exponent, seq.ReadPositiveIntegerBytes());
  JPKI_RETURN_IF_ERROR(seq.ExpectEnd());
  size_t top_bits = 0;
  for (uint8_t b = info.modulus[0]; b != 0; b >>= 1) ++top_bits;
  info.bits = (info.modulus.size() - 1) * 8 + top_bits;
  if (info.exponent.size() <= 8) {
    for (uint8_t b : info.exponent) info.exponent_value = (info.exponent_value << 8) | b;
  }
  return info;
}

}  // namespace jpki::x509
