#ifndef JPKICORE_X509_REVOCATION_H_
#define JPKICORE_X509_REVOCATION_H_

// Revocation from CRLs (RFC 5280 6.3, restricted to complete, direct CRLs): is one certificate revoked at a given
// time, according to the CRLs its issuer signed? A CRL counts for a certificate when its issuer name equals the
// certificate's issuer, its signature verifies under the issuer's key, the issuer may sign CRLs (keyUsage cRLSign
// when keyUsage is present), it has no unknown critical extension, it is not a delta CRL, it is current
// (thisUpdate <= time <= nextUpdate), and its scope covers the certificate (issuingDistributionPoint: user/CA
// only flags, no reason subsets, no indirect CRLs, and a distribution point name that matches one of the
// certificate's cRLDistributionPoints).

#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "absl/types/span.h"
#include "x509/certificate.h"
#include "x509/crl.h"
#include "x509/validation_code.h"
#include "x509/verification_key.h"

namespace jpki::x509 {

// CrlSignatureCache remembers, within one validation, which (CRL, issuer key) pairs were verified, so that a
// CRL shared by several certificates or paths is checked once.
using CrlSignatureCache = std::map<std::pair<const Crl*, const VerificationKey*>, bool>;

struct RevocationStatus {
  ValidationCode code = ValidationCode::kOk;  // kOk, kRevoked, kCrlExpired, kCrlBadSignature, kRevocationUnknown
  std::string detail;
};

// CheckRevocation answers for `certificate` issued by `issuer` (whose key is `issuer_key`). Without a usable CRL
// the answer says why: an expired (or not yet valid) CRL that would otherwise cover it gives kCrlExpired, a CRL
// from the issuer that fails its signature or cRLSign check gives kCrlBadSignature, anything else
// kRevocationUnknown. A revocation dated after `time` does not count (validation at a past time).
RevocationStatus CheckRevocation(const Certificate& certificate, const Certificate& issuer,
                                 const VerificationKey& issuer_key, absl::Span<const Crl> crls, int64_t time,
                                 CrlSignatureCache* cache = nullptr);

}  // namespace jpki::x509

#endif  // JPKICORE_X509_REVOCATION_H_
