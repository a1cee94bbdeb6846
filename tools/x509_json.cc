#include "tools/x509_json.h"

#include <string>
#include <vector>

#include "asn1/der_reader.h"
#include "asn1/time.h"
#include "x509/general_name.h"
#include "x509/name.h"
#include "x509/oids.h"

namespace jpki::cli {
namespace {

void WriteNames(JsonWriter& j, std::string_view key, const std::vector<x509::GeneralName>& names) {
  j.Key(key).BeginArray();
  for (const x509::GeneralName& n : names) j.String(n.ToString());
  j.EndArray();
}

std::string JoinNames(const std::vector<x509::GeneralName>& names) {
  std::string out;
  for (const x509::GeneralName& n : names) {
    if (!out.empty()) out += ", ";
    out += n.ToString();
  }
  return out;
}

std::vector<std::string> ReasonNames(uint16_t bits) {
  static constexpr const char* kNames[] = {
      "unused",      "keyCompromise",        "cACompromise",    "affiliationChanged",
      "superseded",  "cessationOfOperation", "certificateHold", "privilegeWithdrawn",
      "aACompromise"};
  std::vector<std::string> out;
  for (int i = 0; i < 9; ++i) {
    if ((bits >> i) & 1) out.push_back(kNames[i]);
  }
  return out;
}

void WriteDistributionPointName(JsonWriter& j, const x509::DistributionPointName& name) {
  if (!name.full_name.empty()) WriteNames(j, "full_name", name.full_name);
  if (name.relative_name) j.Field("name_relative_to_crl_issuer", HexEncode(*name.relative_name));
}

std::string DisplayText(ByteView element) {
  asn1::DerReader r(element);
  absl::StatusOr<asn1::AnyString> s = r.ReadAnyString();
  return s.ok() ? s->Utf8() : HexEncode(element);
}

std::string PurposeName(ByteView oid) {
  std::string_view name = x509::oid::ShortName(oid);
  return name.empty() ? x509::oid::ToDotted(oid) : std::string(name);
}

}  // namespace

std::string SerialHex(ByteView v) {
  if (v.empty()) return "0";
  if (v[0] & 0x80) {
    Bytes magnitude(v.begin(), v.end());
    for (auto& b : magnitude) b = static_cast<uint8_t>(~b);
    for (size_t i = magnitude.size(); i-- > 0;) {
      if (++magnitude[i] != 0) break;
    }
    size_t start = 0;
    while (start + 1 < magnitude.size() && magnitude[start] == 0) ++start;
    return "-" + HexEncode(ByteView(magnitude).subspan(start));
  }
  if (v.size() > 1 && v[0] == 0) v.remove_prefix(1);
  return HexEncode(v);
}

void WriteSignatureParameters(JsonWriter& j, const x509::SignatureAlgorithm& a) {
  if (a.kind != x509::SignatureAlgorithmKind::kRsaPss) return;
  j.Key("signature_parameters").BeginObject();
  j.Field("hash", x509::HashAlgorithmName(a.pss.hash));
  j.Field("mgf1_hash", x509::HashAlgorithmName(a.pss.mgf1_hash));
  j.Field("salt_length", static_cast<uint64_t>(a.pss.salt_length));
  j.EndObject();
}

void WritePublicKey(JsonWriter& j, const x509::Certificate& cert) {
  j.Key("public_key").BeginObject();
  absl::StatusOr<x509::RsaPublicKeyInfo> rsa = cert.RsaPublicKey();
  if (rsa.ok()) {
    j.Field("algorithm", "rsaEncryption");
    j.Field("bits", static_cast<uint64_t>(rsa->bits));
    j.Key("exponent");
    if (rsa->exponent.size() <= 8) {
      j.Uint(rsa->exponent_value);
    } else {
      j.String(HexEncode(rsa->exponent));
    }
  } else {
    j.Field("algorithm", x509::oid::Display(cert.public_key().algorithm_oid));
    j.Key("bits").Null();
    j.Key("exponent").Null();
  }
  j.EndObject();
}

std::string ExtensionDisplayName(ByteView oid) {
  std::string_view name = x509::ExtensionName(oid);
  return name.empty() ? x509::oid::ToDotted(oid) : std::string(name);
}

void WriteExtension(JsonWriter& j, const x509::Extension& e) {
  using namespace x509;
  j.BeginObject();
  j.Field("oid", oid::ToDotted(e.oid));
  j.Field("name", ExtensionDisplayName(e.oid));
  j.Field("critical", e.critical);
  const ByteView v = e.value;
  bool decoded = true;
  if (Equal(e.oid, oid::kBasicConstraints)) {
    auto d = ParseBasicConstraints(v);
    decoded = d.ok();
    if (decoded) {
      j.Field("ca", d->ca).Key("path_len");
      if (d->path_len) {
        j.Uint(*d->path_len);
      } else {
        j.Null();
      }
    }
  } else if (Equal(e.oid, oid::kKeyUsage)) {
    auto d = ParseKeyUsage(v);
    decoded = d.ok();
    if (decoded) {
      j.Key("key_usage").BeginArray();
      for (std::string_view n : d->Names()) j.String(n);
      j.EndArray();
    }
  } else if (Equal(e.oid, oid::kExtKeyUsage)) {
    auto d = ParseExtKeyUsage(v);
    decoded = d.ok();
    if (decoded) {
      j.Key("purposes").BeginArray();
      for (ByteView p : d->purposes) j.String(PurposeName(p));
      j.EndArray();
    }
  } else if (Equal(e.oid, oid::kSubjectKeyIdentifier)) {
    auto d = ParseSubjectKeyIdentifier(v);
    decoded = d.ok();
    if (decoded) j.Field("key_id", HexEncode(*d));
  } else if (Equal(e.oid, oid::kAuthorityKeyIdentifier)) {
    auto d = ParseAuthorityKeyIdentifier(v);
    decoded = d.ok();
    if (decoded) {
      if (d->key_id) j.Field("key_id", HexEncode(*d->key_id));
      if (!d->issuer.empty()) WriteNames(j, "issuer", d->issuer);
      if (d->serial) j.Field("serial", SerialHex(*d->serial));
    }
  } else if (Equal(e.oid, oid::kSubjectAltName) || Equal(e.oid, oid::kIssuerAltName)) {
    auto d = ParseAltNames(v);
    decoded = d.ok();
    if (decoded) WriteNames(j, "names", *d);
  } else if (Equal(e.oid, oid::kCertificatePolicies)) {
    auto d = ParseCertificatePolicies(v);
    decoded = d.ok();
    if (decoded) {
      j.Key("policies").BeginArray();
      for (const PolicyInformation& p : d->policies) {
        j.BeginObject().Field("oid", oid::ToDotted(p.policy_id));
        j.Key("qualifiers").BeginArray();
        for (const PolicyQualifier& q : p.qualifiers) {
          j.BeginObject();
          if (q.kind == PolicyQualifierKind::kCps) {
            j.Field("cps", q.cps_uri);
          } else if (q.kind == PolicyQualifierKind::kUserNotice) {
            if (q.explicit_text) j.Field("user_notice", DisplayText(*q.explicit_text));
            if (q.notice_ref_organization) j.Field("organization", DisplayText(*q.notice_ref_organization));
          } else {
            j.Field("oid", oid::ToDotted(q.qualifier_id)).Field("value", HexEncode(q.qualifier));
          }
          j.EndObject();
        }
        j.EndArray().EndObject();
      }
      j.EndArray();
    }
  } else if (Equal(e.oid, oid::kPolicyMappings)) {
    auto d = ParsePolicyMappings(v);
    decoded = d.ok();
    if (decoded) {
      j.Key("mappings").BeginArray();
      for (const PolicyMapping& m : *d) {
        j.BeginObject()
            .Field("issuer_domain_policy", oid::ToDotted(m.issuer_domain_policy))
            .Field("subject_domain_policy", oid::ToDotted(m.subject_domain_policy))
            .EndObject();
      }
      j.EndArray();
    }
  } else if (Equal(e.oid, oid::kPolicyConstraints)) {
    auto d = ParsePolicyConstraints(v);
    decoded = d.ok();
    if (decoded) {
      if (d->require_explicit_policy) j.Field("require_explicit_policy", uint64_t{*d->require_explicit_policy});
      if (d->inhibit_policy_mapping) j.Field("inhibit_policy_mapping", uint64_t{*d->inhibit_policy_mapping});
    }
  } else if (Equal(e.oid, oid::kInhibitAnyPolicy)) {
    auto d = ParseInhibitAnyPolicy(v);
    decoded = d.ok();
    if (decoded) j.Field("skip_certs", uint64_t{*d});
  } else if (Equal(e.oid, oid::kNameConstraints)) {
    auto d = ParseNameConstraints(v);
    decoded = d.ok();
    if (decoded) {
      WriteNames(j, "permitted", d->permitted);
      WriteNames(j, "excluded", d->excluded);
    }
  } else if (Equal(e.oid, oid::kCrlDistributionPoints) || Equal(e.oid, oid::kFreshestCrl)) {
    auto d = ParseCrlDistributionPoints(v);
    decoded = d.ok();
    if (decoded) {
      j.Key("distribution_points").BeginArray();
      for (const DistributionPoint& p : *d) {
        j.BeginObject();
        if (p.name) WriteDistributionPointName(j, *p.name);
        if (p.reasons) {
          j.Key("reasons").BeginArray();
          for (const std::string& r : ReasonNames(*p.reasons)) j.String(r);
          j.EndArray();
        }
        if (!p.crl_issuer.empty()) WriteNames(j, "crl_issuer", p.crl_issuer);
        j.EndObject();
      }
      j.EndArray();
    }
  } else if (Equal(e.oid, oid::kAuthorityInfoAccess) || Equal(e.oid, oid::kSubjectInfoAccess)) {
    auto d = ParseInfoAccess(v);
    decoded = d.ok();
    if (decoded) {
      j.Key("access").BeginArray();
      for (const AccessDescription& a : *d) {
        j.BeginObject().Field("method", PurposeName(a.method)).Field("location", a.location.ToString()).EndObject();
      }
      j.EndArray();
    }
  } else if (Equal(e.oid, oid::kCrlNumber) || Equal(e.oid, oid::kDeltaCrlIndicator)) {
    auto d = ParseCrlNumber(v);
    decoded = d.ok();
    if (decoded) j.Field("number", SerialHex(*d));
  } else if (Equal(e.oid, oid::kIssuingDistributionPoint)) {
    auto d = ParseIssuingDistributionPoint(v);
    decoded = d.ok();
    if (decoded) {
      if (d->name) WriteDistributionPointName(j, *d->name);
      j.Field("only_user_certs", d->only_user_certs);
      j.Field("only_ca_certs", d->only_ca_certs);
      j.Field("indirect_crl", d->indirect_crl);
      j.Field("only_attribute_certs", d->only_attribute_certs);
      if (d->only_some_reasons) {
        j.Key("only_some_reasons").BeginArray();
        for (const std::string& r : ReasonNames(*d->only_some_reasons)) j.String(r);
        j.EndArray();
      }
    }
  } else {
    decoded = false;
  }
  if (!decoded) j.Field("value", HexEncode(v));
  j.EndObject();
}

std::string ExtensionSummary(const x509::Extension& e) {
  using namespace x509;
  const ByteView v = e.value;
  if (Equal(e.oid, oid::kBasicConstraints)) {
    auto d = ParseBasicConstraints(v);
    if (d.ok()) {
      std::string s = d->ca ? "CA:TRUE" : "CA:FALSE";
      if (d->path_len) s += ", pathlen:" + std::to_string(*d->path_len);
      return s;
    }
  } else if (Equal(e.oid, oid::kKeyUsage)) {
    auto d = ParseKeyUsage(v);
    if (d.ok()) {
      std::string s;
      for (std::string_view n : d->Names()) s += (s.empty() ? "" : ", ") + std::string(n);
      return s;
    }
  } else if (Equal(e.oid, oid::kSubjectAltName) || Equal(e.oid, oid::kIssuerAltName)) {
    auto d = ParseAltNames(v);
    if (d.ok()) return JoinNames(*d);
  } else if (Equal(e.oid, oid::kSubjectKeyIdentifier)) {
    auto d = ParseSubjectKeyIdentifier(v);
    if (d.ok()) return HexEncode(*d);
  } else if (Equal(e.oid, oid::kCertificatePolicies)) {
    auto d = ParseCertificatePolicies(v);
    if (d.ok()) {
      std::string s;
      for (const PolicyInformation& p : d->policies) {
        s += (s.empty() ? "" : ", ") + oid::ToDotted(p.policy_id);
        for (const PolicyQualifier& q : p.qualifiers) {
          if (q.kind == PolicyQualifierKind::kCps) s += " (CPS " + std::string(q.cps_uri) + ")";
        }
      }
      return s;
    }
  } else if (Equal(e.oid, oid::kCrlDistributionPoints)) {
    auto d = ParseCrlDistributionPoints(v);
    if (d.ok()) {
      std::string s;
      for (const DistributionPoint& p : *d) {
        if (p.name) s += (s.empty() ? "" : "; ") + JoinNames(p.name->full_name);
      }
      return s;
    }
  }
  return HexEncode(v);
}

}  // namespace jpki::cli
