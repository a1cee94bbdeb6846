#include "x509/extension_encoders.h"

#include <utility>

#include "asn1/der_writer.h"
#include "base/error.h"
#include "base/status_macros.h"
#include "x509/internal/encode_util.h"
#include "x509/oids.h"

namespace jpki::x509 {
namespace {

using asn1::ContextSpecific;
using asn1::DerWriter;

Bytes Finish(DerWriter& w) {
  absl::StatusOr<Bytes> out = w.Finish();
  return out.ok() ? *std::move(out) : Bytes();
}

void AddNamedBits(DerWriter& w, uint16_t bits, asn1::Tag tag = asn1::kBitString) {
  std::vector<size_t> set;
  for (size_t i = 0; i < 16; ++i) {
    if ((bits >> i) & 1) set.push_back(i);
  }
  w.AddNamedBits(set, tag);
}

void AddGeneralNamesContent(DerWriter& w, const std::vector<GeneralNameSpec>& names) {
  for (const GeneralNameSpec& n : names) internal::WriteGeneralName(w, n);
}

void AddDistributionPointName(DerWriter& w, const DistributionPointNameSpec& name) {
  // distributionPoint [0] EXPLICIT DistributionPointName
  w.AddExplicit(0, [&](DerWriter& dpn) {
    if (name.relative_name.has_value()) {
      dpn.AddPrimitive(ContextSpecific(1, true), *name.relative_name);
    } else {
      dpn.AddElement(ContextSpecific(0, true), [&](DerWriter& full) { AddGeneralNamesContent(full, name.full_name); });
    }
  });
}

}  // namespace

Bytes EncodeBasicConstraints(const BasicConstraints& value) {
  DerWriter w;
  w.AddSequence([&](DerWriter& seq) {
    if (value.ca) seq.AddBoolean(true);
    if (value.path_len.has_value()) seq.AddUint64(*value.path_len);
  });
  return Finish(w);
}

Bytes EncodeKeyUsage(const KeyUsage& value) {
  DerWriter w;
  AddNamedBits(w, value.bits);
  return Finish(w);
}

Bytes EncodeExtKeyUsage(const std::vector<Bytes>& purposes) {
  DerWriter w;
  w.AddSequence([&](DerWriter& seq) {
    for (const Bytes& p : purposes) seq.AddPrimitive(asn1::kObjectIdentifier, p);
  });
  return Finish(w);
}

Bytes EncodeSubjectKeyIdentifier(ByteView key_id) {
  DerWriter w;
  w.AddOctetString(key_id);
  return Finish(w);
}

Bytes EncodeAuthorityKeyIdentifier(const AuthorityKeyIdentifierSpec& value) {
  DerWriter w;
  w.AddSequence([&](DerWriter& seq) {
    if (value.key_id.has_value()) seq.AddOctetString(*value.key_id, ContextSpecific(0));
    if (!value.issuer.empty()) {
      seq.AddElement(ContextSpecific(1, true), [&](DerWriter& gn) { AddGeneralNamesContent(gn, value.issuer); });
    }
    if (value.serial.has_value()) seq.AddInteger(*value.serial, ContextSpecific(2));
  });
  return Finish(w);
}

PolicyQualifierSpec PolicyQualifierSpec::Cps(std::string_view uri) {
  PolicyQualifierSpec q;
  q.kind = PolicyQualifierKind::kCps;
  q.cps_uri = std::string(uri);
  return q;
}

PolicyQualifierSpec PolicyQualifierSpec::UserNoticeText(std::string_view utf8_text) {
  PolicyQualifierSpec q;
  q.kind = PolicyQualifierKind::kUserNotice;
  DerWriter w;
  w.AddString(asn1::kUtf8String, utf8_text);
  q.explicit_text = Finish(w);
  return q;
}

Bytes EncodeCertificatePolicies(const std::vector<PolicyInformationSpec>& policies) {
  DerWriter w;
  w.AddSequence([&](DerWriter& seq) {
    for (const PolicyInformationSpec& p : policies) {
      seq.AddSequence([&](DerWriter& info) {
        info.AddPrimitive(asn1::kObjectIdentifier, p.policy_id);
        if (p.qualifiers.empty()) return;
        info.AddSequence([&](DerWriter& qualifiers) {
          for (const PolicyQualifierSpec& q : p.qualifiers) {
            qualifiers.AddSequence([&](DerWriter& qi) {
              switch (q.kind) {
                case PolicyQualifierKind::kCps:
                  qi.AddPrimitive(asn1::kObjectIdentifier, oid::kCpsQualifier);
                  qi.AddString(asn1::kIa5String, q.cps_uri);
                  break;
                case PolicyQualifierKind::kUserNotice:
                  qi.AddPrimitive(asn1::kObjectIdentifier, oid::kUserNoticeQualifier);
                  qi.AddSequence([&](DerWriter& notice) {
                    if (q.notice_ref_organization.has_value()) {
                      notice.AddSequence([&](DerWriter& ref) {
                        ref.AddRaw(*q.notice_ref_organization);
                        ref.AddSequence([&](DerWriter& numbers) {
                          for (const Bytes& n : q.notice_numbers) numbers.AddInteger(n);
                        });
                      });
                    }
                    if (q.explicit_text.has_value()) notice.AddRaw(*q.explicit_text);
                  });
                  break;
                case PolicyQualifierKind::kOther:
                  qi.AddPrimitive(asn1::kObjectIdentifier, q.qualifier_id);
                  qi.AddRaw(q.qualifier);
                  break;
              }
            });
          }
        });
      });
    }
  });
  return Finish(w);
}

Bytes EncodePolicyMappings(const std::vector<PolicyMappingSpec>& mappings) {
  DerWriter w;
  w.AddSequence([&](DerWriter& seq) {
    for (const PolicyMappingSpec& m : mappings) {
      seq.AddSequence([&](DerWriter& pair) {
        pair.AddPrimitive(asn1::kObjectIdentifier, m.issuer_domain_policy);
        pair.AddPrimitive(asn1::kObjectIdentifier, m.subject_domain_policy);
      });
    }
  });
  return Finish(w);
}

Bytes EncodePolicyConstraints(const PolicyConstraints& value) {
  DerWriter w;
  w.AddSequence([&](DerWriter& seq) {
    if (value.require_explicit_policy.has_value()) seq.AddUint64(*value.require_explicit_policy, ContextSpecific(0));
    if (value.inhibit_policy_mapping.has_value()) seq.AddUint64(*value.inhibit_policy_mapping, ContextSpecific(1));
  });
  return Finish(w);
}

Bytes EncodeInhibitAnyPolicy(uint32_t skip_certs) {
  DerWriter w;
  w.AddUint64(skip_certs);
  return Finish(w);
}

Bytes EncodeNameConstraints(const std::vector<GeneralNameSpec>& permitted,
                            const std::vector<GeneralNameSpec>& excluded) {
  DerWriter w;
  auto subtrees = [](DerWriter& out, uint32_t tag, const std::vector<GeneralNameSpec>& names) {
    out.AddElement(ContextSpecific(tag, true), [&](DerWriter& list) {
      for (const GeneralNameSpec& n : names) {
        list.AddSequence([&](DerWriter& subtree) { internal::WriteGeneralName(subtree, n); });
      }
    });
  };
  w.AddSequence([&](DerWriter& seq) {
    if (!permitted.empty()) subtrees(seq, 0, permitted);
    if (!excluded.empty()) subtrees(seq, 1, excluded);
  });
  return Finish(w);
}

Bytes EncodeAltNames(const std::vector<GeneralNameSpec>& names) { return EncodeGeneralNames(names); }

Bytes EncodeCrlDistributionPoints(const std::vector<DistributionPointSpec>& points) {
  DerWriter w;
  w.AddSequence([&](DerWriter& seq) {
    for (const DistributionPointSpec& p : points) {
      seq.AddSequence([&](DerWriter& dp) {
        if (p.name.has_value()) AddDistributionPointName(dp, *p.name);
        if (p.reasons.has_value()) AddNamedBits(dp, *p.reasons, ContextSpecific(1));
        if (!p.crl_issuer.empty()) {
          dp.AddElement(ContextSpecific(2, true), [&](DerWriter& gn) { AddGeneralNamesContent(gn, p.crl_issuer); });
        }
      });
    }
  });
  return Finish(w);
}

Bytes EncodeInfoAccess(const std::vector<AccessDescriptionSpec>& descriptions) {
  DerWriter w;
  w.AddSequence([&](DerWriter& seq) {
    for (const AccessDescriptionSpec& d : descriptions) {
      seq.AddSequence([&](DerWriter& ad) {
        ad.AddPrimitive(asn1::kObjectIdentifier, d.method);
        internal::WriteGeneralName(ad, d.location);
      });
    }
  });
  return Finish(w);
}

Bytes CrlNumberContent(uint64_t value) {
  DerWriter w;
  w.AddUint64(value);
  Bytes der = Finish(w);
  return Bytes(der.begin() + 2, der.end());  // INTEGER header is two octets for <= 9 content octets
}

Bytes EncodeCrlNumber(ByteView integer_content) {
  DerWriter w;
  w.AddInteger(integer_content);
  return Finish(w);
}

Bytes EncodeIssuingDistributionPoint(const IssuingDistributionPointSpec& value) {
  DerWriter w;
  w.AddSequence([&](DerWriter& seq) {
    if (value.name.has_value()) AddDistributionPointName(seq, *value.name);
    if (value.only_user_certs) seq.AddBoolean(true, ContextSpecific(1));
    if (value.only_ca_certs) seq.AddBoolean(true, ContextSpecific(2));
    if (value.only_some_reasons.has_value()) AddNamedBits(seq, *value.only_some_reasons, ContextSpecific(3));
    if (value.indirect_crl) seq.AddBoolean(true, ContextSpecific(4));
    if (value.only_attribute_certs) seq.AddBoolean(true, ContextSpecific(5));
  });
  return Finish(w);
}

Bytes EncodeReasonCode(RevocationReason reason) {
  DerWriter w;
  w.AddEnumerated(static_cast<uint64_t>(reason));
  return Finish(w);
}

Bytes EncodeInvalidityDate(int64_t unix_seconds) {
  DerWriter w;
  w.AddGeneralizedTime(unix_seconds);
  return Finish(w);
}

// ---- Conversions -----------------------------------------------------------------------------------------------

std::vector<GeneralNameSpec> ToSpec(const std::vector<GeneralName>& value) {
  std::vector<GeneralNameSpec> out;
  out.reserve(value.size());
  for (const GeneralName& n : value) out.push_back(GeneralNameSpec::From(n));
  return out;
}

AuthorityKeyIdentifierSpec ToSpec(const AuthorityKeyIdentifier& value) {
  AuthorityKeyIdentifierSpec spec;
  if (value.key_id.has_value()) spec.key_id = ToBytes(*value.key_id);
  spec.issuer = ToSpec(value.issuer);
  if (value.serial.has_value()) spec.serial = ToBytes(*value.serial);
  return spec;
}

std::vector<PolicyInformationSpec> ToSpec(const CertificatePolicies& value) {
  std::vector<PolicyInformationSpec> out;
  for (const PolicyInformation& p : value.policies) {
    PolicyInformationSpec spec;
    spec.policy_id = ToBytes(p.policy_id);
    for (const PolicyQualifier& q : p.qualifiers) {
      PolicyQualifierSpec qs;
      qs.kind = q.kind;
      qs.cps_uri = std::string(q.cps_uri);
      if (q.notice_ref_organization.has_value()) qs.notice_ref_organization = ToBytes(*q.notice_ref_organization);
      for (ByteView n : q.notice_numbers) qs.notice_numbers.push_back(ToBytes(n));
      if (q.explicit_text.has_value()) qs.explicit_text = ToBytes(*q.explicit_text);
      qs.qualifier_id = ToBytes(q.qualifier_id);
      qs.qualifier = ToBytes(q.qualifier);
      spec.qualifiers.push_back(std::move(qs));
    }
    out.push_back(std::move(spec));
  }
  return out;
}

std::vector<PolicyMappingSpec> ToSpec(const std::vector<PolicyMapping>& value) {
  std::vector<PolicyMappingSpec> out;
  for (const PolicyMapping& m : value) {
    out.push_back(PolicyMappingSpec{ToBytes(m.issuer_domain_policy), ToBytes(m.subject_domain_policy)});
  }
  return out;
}

DistributionPointNameSpec ToSpec(const DistributionPointName& value) {
  DistributionPointNameSpec spec;
  spec.full_name = ToSpec(value.full_name);
  if (value.relative_name.has_value()) spec.relative_name = ToBytes(*value.relative_name);
  return spec;
}

std::vector<DistributionPointSpec> ToSpec(const std::vector<DistributionPoint>& value) {
  std::vector<DistributionPointSpec> out;
  for (const DistributionPoint& p : value) {
    DistributionPointSpec spec;
    if (p.name.has_value()) spec.name = ToSpec(*p.name);
    spec.reasons = p.reasons;
    spec.crl_issuer = ToSpec(p.crl_issuer);
    out.push_back(std::move(spec));
  }
  return out;
}

std::vector<AccessDescriptionSpec> ToSpec(const std::vector<AccessDescription>& value) {
  std::vector<AccessDescriptionSpec> out;
  for (const AccessDescription& d : value) {
    out.push_back(AccessDescriptionSpec{ToBytes(d.method), GeneralNameSpec::From(d.location)});
  }
  return out;
}

IssuingDistributionPointSpec ToSpec(const IssuingDistributionPoint& value) {
  IssuingDistributionPointSpec spec;
  if (value.name.has_value()) spec.name = ToSpec(*value.name);
  spec.only_user_certs = value.only_user_certs;
  spec.only_ca_certs = value.only_ca_certs;
  spec.only_some_reasons = value.only_some_reasons;
  spec.indirect_crl = value.indirect_crl;
  spec.only_attribute_certs = value.only_attribute_certs;
  return spec;
}

absl::StatusOr<Bytes> ReencodeExtensionValue(const Extension& e) {
  const ByteView v = e.value;
  if (Equal(e.oid, oid::kBasicConstraints)) {
    JPKI_ASSIGN_OR_RETURN(BasicConstraints d, ParseBasicConstraints(v));
    return EncodeBasicConstraints(d);
  }
  if (Equal(e.oid, oid::kKeyUsage)) {
    JPKI_ASSIGN_OR_RETURN(KeyUsage d, ParseKeyUsage(v));
    return EncodeKeyUsage(d);
  }
  if (Equal(e.oid, oid::kExtKeyUsage)) {
    JPKI_ASSIGN_OR_RETURN(ExtKeyUsage d, ParseExtKeyUsage(v));
    std::vector<Bytes> purposes;
    for (ByteView p : d.purposes) purposes.push_back(ToBytes(p));
    return EncodeExtKeyUsage(purposes);
  }
  if (Equal(e.oid, oid::kSubjectKeyIdentifier)) {
    JPKI_ASSIGN_OR_RETURN(ByteView d, ParseSubjectKeyIdentifier(v));
    return EncodeSubjectKeyIdentifier(d);
  }
  if (Equal(e.oid, oid::kAuthorityKeyIdentifier)) {
    JPKI_ASSIGN_OR_RETURN(AuthorityKeyIdentifier d, ParseAuthorityKeyIdentifier(v));
    return EncodeAuthorityKeyIdentifier(ToSpec(d));
  }
  if (Equal(e.oid, oid::kSubjectAltName) || Equal(e.oid, oid::kIssuerAltName)) {
    JPKI_ASSIGN_OR_RETURN(std::vector<GeneralName> d, ParseAltNames(v));
    return EncodeAltNames(ToSpec(d));
  }
  if (Equal(e.oid, oid::kCertificatePolicies)) {
    JPKI_ASSIGN_OR_RETURN(CertificatePolicies d, ParseCertificatePolicies(v));
    return EncodeCertificatePolicies(ToSpec(d));
  }
  if (Equal(e.oid, oid::kPolicyMappings)) {
    JPKI_ASSIGN_OR_RETURN(std::vector<PolicyMapping> d, ParsePolicyMappings(v));
    return EncodePolicyMappings(ToSpec(d));
  }
  if (Equal(e.oid, oid::kPolicyConstraints)) {
    JPKI_ASSIGN_OR_RETURN(PolicyConstraints d, ParsePolicyConstraints(v));
    return EncodePolicyConstraints(d);
  }
  if (Equal(e.oid, oid::kInhibitAnyPolicy)) {
    JPKI_ASSIGN_OR_RETURN(uint32_t d, ParseInhibitAnyPolicy(v));
    return EncodeInhibitAnyPolicy(d);
  }
  if (Equal(e.oid, oid::kNameConstraints)) {
    JPKI_ASSIGN_OR_RETURN(NameConstraints d, ParseNameConstraints(v));
    return EncodeNameConstraints(ToSpec(d.permitted), ToSpec(d.excluded));
  }
  if (Equal(e.oid, oid::kCrlDistributionPoints)) {
    JPKI_ASSIGN_OR_RETURN(std::vector<DistributionPoint> d, ParseCrlDistributionPoints(v));
    return EncodeCrlDistributionPoints(ToSpec(d));
  }
  if (Equal(e.oid, oid::kAuthorityInfoAccess)) {
    JPKI_ASSIGN_OR_RETURN(std::vector<AccessDescription> d, ParseInfoAccess(v));
    return EncodeInfoAccess(ToSpec(d));
  }
  if (Equal(e.oid, oid::kCrlNumber) || Equal(e.oid, oid::kDeltaCrlIndicator)) {
    JPKI_ASSIGN_OR_RETURN(ByteView d, ParseCrlNumber(v));
    return EncodeCrlNumber(d);
  }
  if (Equal(e.oid, oid::kIssuingDistributionPoint)) {
    JPKI_ASSIGN_OR_RETURN(IssuingDistributionPoint d, ParseIssuingDistributionPoint(v));
    return EncodeIssuingDistributionPoint(ToSpec(d));
  }
  if (Equal(e.oid, oid::kReasonCode)) {
    JPKI_ASSIGN_OR_RETURN(RevocationReason d, ParseReasonCode(v));
    return EncodeReasonCode(d);
  }
  return MakeError(ErrorCode::kNotFound, "x509", "no typed decoder for extension " + oid::Display(e.oid));
}

}  // namespace jpki::x509
