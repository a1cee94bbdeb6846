#include "x509/extensions.h"

#include <limits>
#include <utility>

#include "asn1/der_reader.h"
#include "asn1/oid.h"
#include "base/status_macros.h"
#include "x509/internal/parse_util.h"
#include "x509/oids.h"

namespace jpki::x509 {
namespace {

using asn1::ContextSpecific;
using asn1::DerReader;
using internal::Malformed;

constexpr uint64_t kMaxUint32 = std::numeric_limits<uint32_t>::max();

// ReadSkipCerts reads an INTEGER (0..MAX) that must fit 32 bits (anything larger is unreasonable for a path).
absl::StatusOr<uint32_t> ReadSmallUint(DerReader& r, asn1::Tag tag = asn1::kInteger) {
  const size_t offset = r.offset();
  JPKI_ASSIGN_OR_RETURN(uint64_t value, r.ReadUint64(tag));
  if (value > kMaxUint32) return Malformed("integer too large", offset);
  return static_cast<uint32_t>(value);
}

// ReadNamedBits reads a DER named-bit BIT STRING (X.690 11.2.2: no trailing zero bits) with at most `max_bits`
// bits, returned as bit n = (1 << n).
absl::StatusOr<uint16_t> ReadNamedBits(DerReader& r, size_t max_bits, asn1::Tag tag = asn1::kBitString) {
  const size_t offset = r.offset();
  JPKI_ASSIGN_OR_RETURN(asn1::BitString bits, r.ReadBitString(tag));
  const size_t count = bits.bit_count();
  if (count == 0) return Malformed("named BIT STRING has no bits set", offset);
  if (!bits.Bit(count - 1)) return Malformed("named BIT STRING has trailing zero bits", offset);
  if (count > max_bits) return Malformed("named BIT STRING has unknown bits", offset);
  uint16_t out = 0;
  for (size_t i = 0; i < count; ++i) {
    if (bits.Bit(i)) out = static_cast<uint16_t>(out | (1u << i));
  }
  return out;
}

// ReadOidView reads an OID and returns its content octets.
absl::StatusOr<ByteView> ReadOidView(DerReader& r) {
  JPKI_ASSIGN_OR_RETURN(asn1::Oid oid, r.ReadOid());
  return oid.der();
}

// Opens the single top-level element of an extension value, which must fill `value` exactly.
absl::StatusOr<DerReader> OpenSequence(ByteView value, size_t base, bool allow_empty = true) {
  DerReader outer(value, base, 0);
  JPKI_ASSIGN_OR_RETURN(DerReader seq, outer.ReadSequence());
  JPKI_RETURN_IF_ERROR(outer.ExpectEnd());
  if (!allow_empty && seq.empty()) return Malformed("empty SEQUENCE where SIZE (1..MAX) is required", base);
  return seq;
}

// ReadDistributionPointName reads the content of the EXPLICIT [0] distributionPoint: a CHOICE of
// fullName [0] IMPLICIT GeneralNames or nameRelativeToCRLIssuer [1] IMPLICIT RelativeDistinguishedName.
absl::StatusOr<DistributionPointName> ReadDistributionPointName(DerReader& r) {
  DistributionPointName name;
  const size_t offset = r.offset();
  JPKI_ASSIGN_OR_RETURN(asn1::Element e, r.ReadAnyElement());
  JPKI_RETURN_IF_ERROR(r.ExpectEnd());
  if (e.tag == ContextSpecific(0, true)) {
    JPKI_ASSIGN_OR_RETURN(name.full_name, ParseGeneralNamesContent(e.contents, e.contents_offset()));
  } else if (e.tag == ContextSpecific(1, true)) {
    if (e.contents.empty()) return Malformed("DistributionPointName: empty RDN", offset);
    // Validate the RDN's attributes as a one-RDN name would be.
    DerReader atvs = e.reader();
    while (!atvs.empty()) {
      JPKI_ASSIGN_OR_RETURN(DerReader atv, atvs.ReadSequence());
      JPKI_RETURN_IF_ERROR(atv.ReadOid().status());
      JPKI_RETURN_IF_ERROR(atv.SkipAnyElement());
      JPKI_RETURN_IF_ERROR(atv.ExpectEnd());
    }
    name.relative_name = e.contents;
  } else {
    return Malformed("DistributionPointName: unknown CHOICE tag", offset);
  }
  return name;
}

}  // namespace

// ---- Extensions ------------------------------------------------------------------------------------------------

absl::StatusOr<Extensions> Extensions::Parse(ByteView der, size_t base_offset) {
  Extensions out;
  out.der_ = der;
  DerReader outer(der, base_offset, 0);
  // Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension
  JPKI_ASSIGN_OR_RETURN(DerReader list, outer.ReadSequence());
  JPKI_RETURN_IF_ERROR(outer.ExpectEnd());
  if (list.empty()) return Malformed("extensions: empty list", base_offset);
  while (!list.empty()) {
    const size_t offset = list.offset();
    // Extension ::= SEQUENCE { extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
    JPKI_ASSIGN_OR_RETURN(asn1::Element element, list.ReadAnyElement());
    if (element.tag != asn1::kSequence) return Malformed("extensions: Extension is not a SEQUENCE", offset);
    DerReader ext = element.reader();
    Extension e{};
    e.der = element.raw;
    JPKI_ASSIGN_OR_RETURN(e.oid, ReadOidView(ext));
    if (ext.NextIs(asn1::kBoolean)) {
      const size_t bool_offset = ext.offset();
      JPKI_ASSIGN_OR_RETURN(e.critical, ext.ReadBoolean());
      if (!e.critical) return Malformed("extensions: critical FALSE encoded (DER omits the default)", bool_offset);
    }
    JPKI_ASSIGN_OR_RETURN(e.value, ext.ReadOctetString());
    JPKI_RETURN_IF_ERROR(ext.ExpectEnd());
    for (const Extension& seen : out.list_) {
      if (Equal(seen.oid, e.oid)) return Malformed("extensions: duplicate extension " + oid::Display(e.oid), offset);
    }
    out.list_.push_back(e);
  }
  return out;
}

const Extension* Extensions::Find(ByteView oid) const {
  for (const Extension& e : list_) {
    if (Equal(e.oid, oid)) return &e;
  }
  return nullptr;
}

// ---- Typed decoders --------------------------------------------------------------------------------------------

absl::StatusOr<BasicConstraints> ParseBasicConstraints(ByteView value, size_t base_offset) {
  JPKI_ASSIGN_OR_RETURN(DerReader seq, OpenSequence(value, base_offset));
  BasicConstraints bc;
  if (seq.NextIs(asn1::kBoolean)) {
    const size_t offset = seq.offset();
    JPKI_ASSIGN_OR_RETURN(bc.ca, seq.ReadBoolean());
    if (!bc.ca) return Malformed("basicConstraints: cA FALSE encoded (DER omits the default)", offset);
  }
  if (!seq.empty()) {
    JPKI_ASSIGN_OR_RETURN(uint32_t path_len, ReadSmallUint(seq));
    bc.path_len = path_len;
  }
  JPKI_RETURN_IF_ERROR(seq.ExpectEnd());
  return bc;
}

std::vector<std::string_view> KeyUsage::Names() const {
  static constexpr std::string_view kNames[] = {"digitalSignature", "nonRepudiation", "keyEncipherment",
                                                "dataEncipherment", "keyAgreement",   "keyCertSign",
                                                "cRLSign",          "encipherOnly",   "decipherOnly"};
  std::vector<std::string_view> out;
  for (int i = 0; i < 9; ++i) {
    if ((bits >> i) & 1) out.push_back(kNames[i]);
  }
  return out;
}

absl::StatusOr<KeyUsage> ParseKeyUsage(ByteView value, size_t base_offset) {
  DerReader r(value, base_offset, 0);
  KeyUsage ku;
  JPKI_ASSIGN_OR_RETURN(ku.bits, ReadNamedBits(r, 9));
  JPKI_RETURN_IF_ERROR(r.ExpectEnd());
  return ku;
}

bool ExtKeyUsage::Has(ByteView purpose) const {
  for (ByteView p : purposes) {
    if (Equal(p, purpose)) return true;
  }
  return false;
}

absl::StatusOr<ExtKeyUsage> ParseExtKeyUsage(ByteView value, size_t base_offset) {
  JPKI_ASSIGN_OR_RETURN(DerReader seq, OpenSequence(value, base_offset, /*allow_empty=*/false));
  ExtKeyUsage eku;
  while (!seq.empty()) {
    JPKI_ASSIGN_OR_RETURN(ByteView purpose, ReadOidView(seq));
    eku.purposes.push_back(purpose);
  }
  return eku;
}

absl::StatusOr<ByteView> ParseSubjectKeyIdentifier(ByteView value, size_t base_offset) {
  // SubjectKeyIdentifier ::= KeyIdentifier ::= OCTET STRING
  DerReader r(value, base_offset, 0);
  JPKI_ASSIGN_OR_RETURN(ByteView id, r.ReadOctetString());
  JPKI_RETURN_IF_ERROR(r.ExpectEnd());
  return id;
}

absl::StatusOr<AuthorityKeyIdentifier> ParseAuthorityKeyIdentifier(ByteView value, size_t base_offset) {
  JPKI_ASSIGN_OR_RETURN(DerReader seq, OpenSequence(value, base_offset));
  AuthorityKeyIdentifier aki;
  // keyIdentifier [0] KeyIdentifier OPTIONAL
  if (seq.NextIs(ContextSpecific(0))) {
    JPKI_ASSIGN_OR_RETURN(ByteView id, seq.ReadOctetString(ContextSpecific(0)));
    aki.key_id = id;
  }
  // authorityCertIssuer [1] GeneralNames OPTIONAL
  const size_t issuer_offset = seq.offset();
  if (seq.NextIs(ContextSpecific(1, true))) {
    JPKI_ASSIGN_OR_RETURN(asn1::Element e, seq.ReadAnyElement());
    JPKI_ASSIGN_OR_RETURN(aki.issuer, ParseGeneralNamesContent(e.contents, e.contents_offset()));
  }
  // authorityCertSerialNumber [2] CertificateSerialNumber OPTIONAL
  if (seq.NextIs(ContextSpecific(2))) {
    JPKI_ASSIGN_OR_RETURN(ByteView serial, seq.ReadInteger(ContextSpecific(2)));
    aki.serial = serial;
  }
  JPKI_RETURN_IF_ERROR(seq.ExpectEnd());
  if (aki.issuer.empty() != !aki.serial.has_value()) {
    return Malformed("authorityKeyIdentifier: issuer and serial must appear together", issuer_offset);
  }
  return aki;
}

bool CertificatePolicies::Has(ByteView policy_id) const {
  for (const PolicyInformation& p : policies) {
    if (Equal(p.policy_id, policy_id)) return true;
  }
  return false;
}

namespace {

bool IsDisplayTextTag(asn1::Tag tag) {
  return tag == asn1::kIa5String || tag == asn1::kVisibleString || tag == asn1::kBmpString || tag == asn1::kUtf8String;
}

// DisplayText ::= CHOICE { ia5String, visibleString, bmpString, utf8String } (SIZE (1..200))
absl::StatusOr<ByteView> ReadDisplayText(DerReader& r) {
  const size_t offset = r.offset();
  JPKI_ASSIGN_OR_RETURN(asn1::Element e, r.ReadAnyElement());
  if (!IsDisplayTextTag(e.tag)) return Malformed("DisplayText: not an allowed string type", offset);
  JPKI_RETURN_IF_ERROR(asn1::ValidateStringContents(e.tag, e.contents));
  return e.raw;
}

absl::StatusOr<PolicyQualifier> ReadPolicyQualifier(DerReader& qualifiers) {
  // PolicyQualifierInfo ::= SEQUENCE { policyQualifierId PolicyQualifierId, qualifier ANY }
  JPKI_ASSIGN_OR_RETURN(DerReader info, qualifiers.ReadSequence());
  PolicyQualifier q;
  JPKI_ASSIGN_OR_RETURN(q.qualifier_id, ReadOidView(info));
  const size_t offset = info.offset();
  JPKI_ASSIGN_OR_RETURN(asn1::Element qualifier, info.ReadAnyElement());
  JPKI_RETURN_IF_ERROR(info.ExpectEnd());
  q.qualifier = qualifier.raw;
  if (Equal(q.qualifier_id, oid::kCpsQualifier)) {
    // CPSuri ::= IA5String
    q.kind = PolicyQualifierKind::kCps;
    if (qualifier.tag != asn1::kIa5String) return Malformed("policy qualifier: CPS URI not an IA5String", offset);
    JPKI_RETURN_IF_ERROR(asn1::ValidateStringContents(asn1::kIa5String, qualifier.contents));
    q.cps_uri = std::string_view(reinterpret_cast<const char*>(qualifier.contents.data()), qualifier.contents.size());
  } else if (Equal(q.qualifier_id, oid::kUserNoticeQualifier)) {
    // UserNotice ::= SEQUENCE { noticeRef NoticeReference OPTIONAL, explicitText DisplayText OPTIONAL }
    q.kind = PolicyQualifierKind::kUserNotice;
    if (qualifier.tag != asn1::kSequence) return Malformed("policy qualifier: UserNotice not a SEQUENCE", offset);
    DerReader notice = qualifier.reader();
    if (notice.NextIs(asn1::kSequence)) {
      // NoticeReference ::= SEQUENCE { organization DisplayText, noticeNumbers SEQUENCE OF INTEGER }
      JPKI_ASSIGN_OR_RETURN(DerReader ref, notice.ReadSequence());
      JPKI_ASSIGN_OR_RETURN(ByteView organization, ReadDisplayText(ref));
      q.notice_ref_organization = organization;
      JPKI_ASSIGN_OR_RETURN(DerReader numbers, ref.ReadSequence());
      while (!numbers.empty()) {
        JPKI_ASSIGN_OR_RETURN(ByteView number, numbers.ReadInteger());
        q.notice_numbers.push_back(number);
      }
      JPKI_RETURN_IF_ERROR(ref.ExpectEnd());
    }
    if (!notice.empty()) {
      JPKI_ASSIGN_OR_RETURN(ByteView text, ReadDisplayText(notice));
      q.explicit_text = text;
    }
    JPKI_RETURN_IF_ERROR(notice.ExpectEnd());
  }
  return q;
}

}  // namespace

absl::StatusOr<CertificatePolicies> ParseCertificatePolicies(ByteView value, size_t base_offset) {
  // certificatePolicies ::= SEQUENCE SIZE (1..MAX) OF PolicyInformation
  JPKI_ASSIGN_OR_RETURN(DerReader seq, OpenSequence(value, base_offset, /*allow_empty=*/false));
  CertificatePolicies policies;
  while (!seq.empty()) {
    const size_t offset = seq.offset();
    // PolicyInformation ::= SEQUENCE { policyIdentifier CertPolicyId,
    //   policyQualifiers SEQUENCE SIZE (1..MAX) OF PolicyQualifierInfo OPTIONAL }
    JPKI_ASSIGN_OR_RETURN(DerReader info, seq.ReadSequence());
    PolicyInformation p;
    JPKI_ASSIGN_OR_RETURN(p.policy_id, ReadOidView(info));
    if (!info.empty()) {
      const size_t q_offset = info.offset();
      JPKI_ASSIGN_OR_RETURN(DerReader qualifiers, info.ReadSequence());
      if (qualifiers.empty()) return Malformed("certificatePolicies: empty policyQualifiers", q_offset);
      while (!qualifiers.empty()) {
        JPKI_ASSIGN_OR_RETURN(PolicyQualifier q, ReadPolicyQualifier(qualifiers));
        p.qualifiers.push_back(std::move(q));
      }
    }
    JPKI_RETURN_IF_ERROR(info.ExpectEnd());
    if (policies.Has(p.policy_id)) return Malformed("certificatePolicies: policy listed twice", offset);
    policies.policies.push_back(std::move(p));
  }
  return policies;
}

absl::StatusOr<std::vector<PolicyMapping>> ParsePolicyMappings(ByteView value, size_t base_offset) {
  JPKI_ASSIGN_OR_RETURN(DerReader seq, OpenSequence(value, base_offset, /*allow_empty=*/false));
  std::vector<PolicyMapping> mappings;
  while (!seq.empty()) {
    // SEQUENCE { issuerDomainPolicy CertPolicyId, subjectDomainPolicy CertPolicyId }
    JPKI_ASSIGN_OR_RETURN(DerReader m, seq.ReadSequence());
    PolicyMapping mapping;
    JPKI_ASSIGN_OR_RETURN(mapping.issuer_domain_policy, ReadOidView(m));
    JPKI_ASSIGN_OR_RETURN(mapping.subject_domain_policy, ReadOidView(m));
    JPKI_RETURN_IF_ERROR(m.ExpectEnd());
    mappings.push_back(mapping);
  }
  return mappings;
}

absl::StatusOr<PolicyConstraints> ParsePolicyConstraints(ByteView value, size_t base_offset) {
  JPKI_ASSIGN_OR_RETURN(DerReader seq, OpenSequence(value, base_offset, /*allow_empty=*/false));
  PolicyConstraints pc;
  // requireExplicitPolicy [0] SkipCerts OPTIONAL
  if (seq.NextIs(ContextSpecific(0))) {
    JPKI_ASSIGN_OR_RETURN(uint32_t v, ReadSmallUint(seq, ContextSpecific(0)));
    pc.require_explicit_policy = v;
  }
  // inhibitPolicyMapping [1] SkipCerts OPTIONAL
  if (seq.NextIs(ContextSpecific(1))) {
    JPKI_ASSIGN_OR_RETURN(uint32_t v, ReadSmallUint(seq, ContextSpecific(1)));
    pc.inhibit_policy_mapping = v;
  }
  JPKI_RETURN_IF_ERROR(seq.ExpectEnd());
  return pc;
}

absl::StatusOr<uint32_t> ParseInhibitAnyPolicy(ByteView value, size_t base_offset) {
  DerReader r(value, base_offset, 0);
  JPKI_ASSIGN_OR_RETURN(uint32_t skip, ReadSmallUint(r));
  JPKI_RETURN_IF_ERROR(r.ExpectEnd());
  return skip;
}

namespace {

absl::StatusOr<std::vector<GeneralName>> ReadSubtrees(const asn1::Element& e) {
  // GeneralSubtrees ::= SEQUENCE SIZE (1..MAX) OF GeneralSubtree
  DerReader subtrees = e.reader();
  if (subtrees.empty()) return Malformed("nameConstraints: empty subtrees", e.offset);
  std::vector<GeneralName> bases;
  GeneralNameParseOptions options;
  options.ip_with_mask = true;
  while (!subtrees.empty()) {
    const size_t offset = subtrees.offset();
    // GeneralSubtree ::= SEQUENCE { base GeneralName, minimum [0] BaseDistance DEFAULT 0,
    //   maximum [1] BaseDistance OPTIONAL }; RFC 5280 4.2.1.10: minimum MUST be zero, maximum MUST be absent.
    JPKI_ASSIGN_OR_RETURN(DerReader subtree, subtrees.ReadSequence());
    const size_t base_offset = subtree.offset();
    JPKI_ASSIGN_OR_RETURN(asn1::Element base, subtree.ReadAnyElement());
    if (!subtree.empty()) return Malformed("nameConstraints: minimum/maximum present", offset);
    JPKI_ASSIGN_OR_RETURN(GeneralName name, ParseGeneralName(base.raw, options, base_offset));
    bases.push_back(name);
  }
  return bases;
}

}  // namespace

absl::StatusOr<NameConstraints> ParseNameConstraints(ByteView value, size_t base_offset) {
  JPKI_ASSIGN_OR_RETURN(DerReader seq, OpenSequence(value, base_offset, /*allow_empty=*/false));
  NameConstraints nc;
  // permittedSubtrees [0] GeneralSubtrees OPTIONAL
  if (seq.NextIs(ContextSpecific(0, true))) {
    JPKI_ASSIGN_OR_RETURN(asn1::Element e, seq.ReadAnyElement());
    JPKI_ASSIGN_OR_RETURN(nc.permitted, ReadSubtrees(e));
  }
  // excludedSubtrees [1] GeneralSubtrees OPTIONAL
  if (seq.NextIs(ContextSpecific(1, true))) {
    JPKI_ASSIGN_OR_RETURN(asn1::Element e, seq.ReadAnyElement());
    JPKI_ASSIGN_OR_RETURN(nc.excluded, ReadSubtrees(e));
  }
  JPKI_RETURN_IF_ERROR(seq.ExpectEnd());
  return nc;
}

absl::StatusOr<std::vector<GeneralName>> ParseAltNames(ByteView value, size_t base_offset) {
  return ParseGeneralNames(value, base_offset);
}

absl::StatusOr<std::vector<DistributionPoint>> ParseCrlDistributionPoints(ByteView value, size_t base_offset) {
  // CRLDistributionPoints ::= SEQUENCE SIZE (1..MAX) OF DistributionPoint
  JPKI_ASSIGN_OR_RETURN(DerReader seq, OpenSequence(value, base_offset, /*allow_empty=*/false));
  std::vector<DistributionPoint> points;
  while (!seq.empty()) {
    const size_t offset = seq.offset();
    JPKI_ASSIGN_OR_RETURN(DerReader dp, seq.ReadSequence());
    DistributionPoint point;
    // distributionPoint [0] DistributionPointName OPTIONAL (EXPLICIT: the name is a CHOICE)
    JPKI_ASSIGN_OR_RETURN(std::optional<DerReader> name, dp.ReadOptionalElement(ContextSpecific(0, true)));
    if (name.has_value()) {
      JPKI_ASSIGN_OR_RETURN(DistributionPointName dpn, ReadDistributionPointName(*name));
      point.name = std::move(dpn);
    }
    // reasons [1] ReasonFlags OPTIONAL
    if (dp.NextIs(ContextSpecific(1))) {
      JPKI_ASSIGN_OR_RETURN(uint16_t reasons, ReadNamedBits(dp, 9, ContextSpecific(1)));
      point.reasons = reasons;
    }
    // cRLIssuer [2] GeneralNames OPTIONAL
    if (dp.NextIs(ContextSpecific(2, true))) {
      JPKI_ASSIGN_OR_RETURN(asn1::Element e, dp.ReadAnyElement());
      JPKI_ASSIGN_OR_RETURN(point.crl_issuer, ParseGeneralNamesContent(e.contents, e.contents_offset()));
    }
    JPKI_RETURN_IF_ERROR(dp.ExpectEnd());
    if (!point.name.has_value() && point.crl_issuer.empty()) {
      return Malformed("cRLDistributionPoints: neither distributionPoint nor cRLIssuer", offset);
    }
    points.push_back(std::move(point));
  }
  return points;
}

absl::StatusOr<std::vector<AccessDescription>> ParseInfoAccess(ByteView value, size_t base_offset) {
  JPKI_ASSIGN_OR_RETURN(DerReader seq, OpenSequence(value, base_offset, /*allow_empty=*/false));
  std::vector<AccessDescription> out;
  while (!seq.empty()) {
    // AccessDescription ::= SEQUENCE { accessMethod OBJECT IDENTIFIER, accessLocation GeneralName }
    JPKI_ASSIGN_OR_RETURN(DerReader ad, seq.ReadSequence());
    AccessDescription d;
    JPKI_ASSIGN_OR_RETURN(d.method, ReadOidView(ad));
    const size_t name_offset = ad.offset();
    JPKI_ASSIGN_OR_RETURN(asn1::Element location, ad.ReadAnyElement());
    JPKI_RETURN_IF_ERROR(ad.ExpectEnd());
    JPKI_ASSIGN_OR_RETURN(d.location, ParseGeneralName(location.raw, {}, name_offset));
    out.push_back(d);
  }
  return out;
}

absl::StatusOr<ByteView> ParseCrlNumber(ByteView value, size_t base_offset) {
  // CRLNumber ::= INTEGER (0..MAX), at most 20 octets (RFC 5280 5.2.3)
  DerReader r(value, base_offset, 0);
  JPKI_ASSIGN_OR_RETURN(ByteView number, r.ReadInteger());
  JPKI_RETURN_IF_ERROR(r.ExpectEnd());
  if (number[0] & 0x80) return Malformed("cRLNumber: negative", base_offset);
  if (number.size() > 20) return Malformed("cRLNumber: longer than 20 octets", base_offset);
  return number;
}

absl::StatusOr<IssuingDistributionPoint> ParseIssuingDistributionPoint(ByteView value, size_t base_offset) {
  JPKI_ASSIGN_OR_RETURN(DerReader seq, OpenSequence(value, base_offset, /*allow_empty=*/false));
  IssuingDistributionPoint idp;
  JPKI_ASSIGN_OR_RETURN(std::optional<DerReader> name, seq.ReadOptionalElement(ContextSpecific(0, true)));
  if (name.has_value()) {
    JPKI_ASSIGN_OR_RETURN(DistributionPointName dpn, ReadDistributionPointName(*name));
    idp.name = std::move(dpn);
  }
  // A BOOLEAN DEFAULT FALSE under DER is either absent or TRUE.
  auto read_flag = [&seq](uint32_t number, bool& flag) -> absl::Status {
    if (!seq.NextIs(ContextSpecific(number))) return absl::OkStatus();
    const size_t offset = seq.offset();
    JPKI_ASSIGN_OR_RETURN(flag, seq.ReadBoolean(ContextSpecific(number)));
    if (!flag) return Malformed("issuingDistributionPoint: FALSE encoded (DER omits the default)", offset);
    return absl::OkStatus();
  };
  JPKI_RETURN_IF_ERROR(read_flag(1, idp.only_user_certs));
  JPKI_RETURN_IF_ERROR(read_flag(2, idp.only_ca_certs));
  if (seq.NextIs(ContextSpecific(3))) {
    JPKI_ASSIGN_OR_RETURN(uint16_t reasons, ReadNamedBits(seq, 9, ContextSpecific(3)));
    idp.only_some_reasons = reasons;
  }
  JPKI_RETURN_IF_ERROR(read_flag(4, idp.indirect_crl));
  JPKI_RETURN_IF_ERROR(read_flag(5, idp.only_attribute_certs));
  JPKI_RETURN_IF_ERROR(seq.ExpectEnd());
  if (int{idp.only_user_certs} + int{idp.only_ca_certs} + int{idp.only_attribute_certs} > 1) {
    return Malformed("issuingDistributionPoint: more than one onlyContains flag", base_offset);
  }
  return idp;
}

std::string_view RevocationReasonName(RevocationReason reason) {
  switch (reason) {
    case RevocationReason::kUnspecified:
      return "unspecified";
    case RevocationReason::kKeyCompromise:
      return "keyCompromise";
    case RevocationReason::kCaCompromise:
      return "cACompromise";
    case RevocationReason::kAffiliationChanged:
      return "affiliationChanged";
    case RevocationReason::kSuperseded:
      return "superseded";
    case RevocationReason::kCessationOfOperation:
      return "cessationOfOperation";
    case RevocationReason::kCertificateHold:
      return "certificateHold";
    case RevocationReason::kRemoveFromCrl:
      return "removeFromCRL";
    case RevocationReason::kPrivilegeWithdrawn:
      return "privilegeWithdrawn";
    case RevocationReason::kAaCompromise:
      return "aACompromise";
  }
  return "unknown";
}

absl::StatusOr<RevocationReason> ParseReasonCode(ByteView value, size_t base_offset) {
  DerReader r(value, base_offset, 0);
  JPKI_ASSIGN_OR_RETURN(uint64_t code, r.ReadEnumerated());
  JPKI_RETURN_IF_ERROR(r.ExpectEnd());
  if (code > 10 || code == 7) return Malformed("reasonCode: unknown value", base_offset);
  return static_cast<RevocationReason>(code);
}

namespace {

struct NamedExtension {
  ByteView oid;
  std::string_view name;
  bool decoded_in_certificates;
};

constexpr NamedExtension kExtensionNames[] = {
    {oid::kSubjectKeyIdentifier, "subjectKeyIdentifier", true},
    {oid::kKeyUsage, "keyUsage", true},
    {oid::kSubjectAltName, "subjectAltName", true},
    {oid::kIssuerAltName, "issuerAltName", true},
    {oid::kBasicConstraints, "basicConstraints", true},
    {oid::kNameConstraints, "nameConstraints", true},
    {oid::kCrlDistributionPoints, "cRLDistributionPoints", true},
    {oid::kCertificatePolicies, "certificatePolicies", true},
    {oid::kPolicyMappings, "policyMappings", true},
    {oid::kAuthorityKeyIdentifier, "authorityKeyIdentifier", true},
    {oid::kPolicyConstraints, "policyConstraints", true},
    {oid::kExtKeyUsage, "extKeyUsage", true},
    {oid::kInhibitAnyPolicy, "inhibitAnyPolicy", true},
    {oid::kAuthorityInfoAccess, "authorityInfoAccess", true},
    {oid::kSubjectInfoAccess, "subjectInfoAccess", false},
    {oid::kFreshestCrl, "freshestCRL", false},
    {oid::kSubjectDirectoryAttributes, "subjectDirectoryAttributes", false},
    {oid::kCrlNumber, "cRLNumber", false},
    {oid::kReasonCode, "reasonCode", false},
    {oid::kInvalidityDate, "invalidityDate", false},
    {oid::kDeltaCrlIndicator, "deltaCRLIndicator", false},
    {oid::kIssuingDistributionPoint, "issuingDistributionPoint", false},
    {oid::kCertificateIssuer, "certificateIssuer", false},
};

}  // namespace

std::string_view ExtensionName(ByteView oid) {
  for (const NamedExtension& e : kExtensionNames) {
    if (Equal(e.oid, oid)) return e.name;
  }
  return {};
}

bool IsKnownExtension(ByteView oid) {
  for (const NamedExtension& e : kExtensionNames) {
    if (Equal(e.oid, oid)) return e.decoded_in_certificates;
  }
  return false;
}

}  // namespace jpki::x509
