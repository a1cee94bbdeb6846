#include "x509/revocation.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "asn1/time.h"
#include "x509/extensions.h"
#include "x509/name.h"
#include "x509/oids.h"

namespace jpki::x509 {
namespace {

bool GeneralNamesIntersect(absl::Span<const GeneralName> a, absl::Span<const GeneralName> b) {
  for (const GeneralName& x : a) {
    for (const GeneralName& y : b) {
      if (x.type != y.type) continue;
      if (x.type == GeneralNameType::kDirectoryName) {
        absl::StatusOr<Name> nx = Name::Parse(x.value);
        absl::StatusOr<Name> ny = Name::Parse(y.value);
        if (nx.ok() && ny.ok() && nx->Equals(*ny)) return true;
      } else if (Equal(x.value, y.value)) {
        return true;
      }
    }
  }
  return false;
}

// CoversScope implements the issuingDistributionPoint part of 6.3.3 (b) for a complete, direct CRL.
bool CoversScope(const Certificate& certificate, const Crl& crl, std::string* why) {
  const bool is_ca = certificate.basic_constraints() && certificate.basic_constraints()->ca;
  const auto& dps = certificate.crl_distribution_points();
  if (dps) {
    for (const DistributionPoint& dp : *dps) {
      if (!dp.crl_issuer.empty()) {
        *why = "indirect CRL distribution points are not supported";
        return false;
      }
    }
  }
  const auto& idp = crl.issuing_distribution_point();
  if (!idp) return true;
  if (idp->indirect_crl || idp->only_attribute_certs || idp->only_some_reasons) {
    *why = "CRL is indirect or partitioned by reason";
    return false;
  }
  if (idp->only_user_certs && is_ca) {
    *why = "CRL covers only end-entity certificates";
    return false;
  }
  if (idp->only_ca_certs && !is_ca) {
    *why = "CRL covers only CA certificates";
    return false;
  }
  if (idp->name) {
    if (idp->name->full_name.empty()) {
      *why = "nameRelativeToCRLIssuer distribution points are not supported";
      return false;
    }
    bool match = false;
    if (dps) {
      for (const DistributionPoint& dp : *dps) {
        if (dp.name && GeneralNamesIntersect(dp.name->full_name, idp->name->full_name)) match = true;
      }
    }
    if (!match) {
      *why = "CRL distribution point does not match the certificate's";
      return false;
    }
  }
  return true;
}

// CRL extensions this module processes (RFC 5280 5.2); any other critical one makes the CRL unusable.
bool HasUnknownCriticalExtension(const Crl& crl) {
  static const ByteView kProcessed[] = {
      ByteView(oid::kCrlNumber),
      ByteView(oid::kDeltaCrlIndicator),
      ByteView(oid::kIssuingDistributionPoint),
      ByteView(oid::kAuthorityKeyIdentifier),
      ByteView(oid::kIssuerAltName),
      ByteView(oid::kFreshestCrl),
      ByteView(oid::kAuthorityInfoAccess),
  };
  for (const Extension& ext : crl.extensions().list()) {
    if (!ext.critical) continue;
    bool known = false;
    for (ByteView k : kProcessed) known = known || Equal(k, ext.oid);
    if (!known) return true;
  }
  return false;
}

}  // namespace

RevocationStatus CheckRevocation(const Certificate& certificate, const Certificate& issuer,
                                 const VerificationKey& issuer_key, absl::Span<const Crl> crls, int64_t time,
                                 CrlSignatureCache* cache) {
  bool saw_expired = false;
  bool saw_bad_signature = false;
  std::string last_reason = "no CRL from the issuer";
  const bool issuer_may_sign_crls = !issuer.key_usage() || issuer.key_usage()->Has(KeyUsageBit::kCrlSign);
  for (const Crl& crl : crls) {
    if (!crl.issuer().ByteEquals(certificate.issuer()) && !crl.issuer().Equals(certificate.issuer())) continue;
    if (crl.delta_crl_indicator()) {
      last_reason = "delta CRLs are not supported";
      continue;
    }
    std::string why;
    if (!CoversScope(certificate, crl, &why)) {
      last_reason = why;
      continue;
    }
    if (HasUnknownCriticalExtension(crl)) {
      last_reason = "CRL has an unknown critical extension";
      continue;
    }
    if (!issuer_may_sign_crls) {
      saw_bad_signature = true;
      last_reason = "the issuer's keyUsage lacks cRLSign";
      continue;
    }
    bool signature_ok;
    const auto key = std::make_pair(&crl, &issuer_key);
    if (cache != nullptr && cache->count(key)) {
      signature_ok = (*cache)[key];
    } else {
      signature_ok = issuer_key.Verify(crl.signature_algorithm(), crl.tbs_der(), crl.signature()).ok();
      if (cache != nullptr) (*cache)[key] = signature_ok;
    }
    if (!signature_ok) {
      saw_bad_signature = true;
      continue;
    }
    if (crl.this_update() > time || (crl.next_update() && *crl.next_update() < time)) {
      saw_expired = true;
      continue;
    }
    if (std::optional<RevokedEntry> entry = crl.FindRevoked(certificate.serial());
        entry && entry->revocation_date <= time) {
      std::string reason =
          entry->reason ? absl::StrCat(" (", std::string(RevocationReasonName(*entry->reason)), ")") : "";
      return {ValidationCode::kRevoked,
              absl::StrCat(certificate.subject().ToString(), " serial ", HexEncode(certificate.serial()),
                           " revoked at ", asn1::FormatRfc3339(entry->revocation_date), reason)};
    }
    return {ValidationCode::kOk, ""};
  }
  const std::string who = certificate.subject().ToString();
  if (saw_expired) {
    return {ValidationCode::kCrlExpired,
            absl::StrCat("the CRL covering ", who, " is not current at ", asn1::FormatRfc3339(time))};
  }
  if (saw_bad_signature) {
    return {ValidationCode::kCrlBadSignature,
            absl::StrCat("the CRL from ", certificate.issuer().ToString(), " does not verify")};
  }
  return {ValidationCode::kRevocationUnknown, absl::StrCat("no valid CRL covers ", who, ": ", last_reason)};
}

}  // namespace jpki::x509
