#ifndef JPKICORE_X509_NAME_CONSTRAINTS_H_
#define JPKICORE_X509_NAME_CONSTRAINTS_H_

// Name constraints (RFC 5280 4.2.1.10, 6.1.3 (b)-(c)): whether one certificate's names are inside the permitted
// subtrees and outside the excluded subtrees of a CA's nameConstraints. The path validator keeps the constraints of
// every CA above a certificate and asks each of them, which is the intersection of permitted subtrees and the union
// of excluded subtrees that 6.1.4 (g) describes.

#include <string_view>

#include "absl/status/status.h"
#include "base/bytes.h"
#include "x509/certificate.h"
#include "x509/extensions.h"
#include "x509/general_name.h"
#include "x509/name.h"

namespace jpki::x509 {

// DnsNameMatchesConstraint: RFC 5280 dNSName rule. "example.com" permits example.com and every subdomain;
// ".example.com" only subdomains; "" everything. Case-insensitive, whole labels.
bool DnsNameMatchesConstraint(std::string_view name, std::string_view constraint);
// EmailMatchesConstraint: "user@host" exact mailbox (local part case-sensitive); "host" every mailbox at exactly
// that host; ".host" every mailbox at a host in that domain.
bool EmailMatchesConstraint(std::string_view address, std::string_view constraint);
// UriMatchesConstraint: the URI's host checked as for a host-only constraint ("host" exact, ".domain" below it).
// A URI without an authority part matches nothing.
bool UriMatchesConstraint(std::string_view uri, std::string_view constraint);
// IpMatchesConstraint: `address` (4 or 16 octets) inside `constraint` (address + mask, 8 or 32 octets).
bool IpMatchesConstraint(ByteView address, ByteView constraint);
// DirectoryNameWithin: `name` has `base`'s RDNs as its first RDNs (RFC 5280 7.1 comparison per attribute).
bool DirectoryNameWithin(const Name& name, const Name& base);

// CheckNameConstraints checks the subject DN (and its emailAddress attributes, as rfc822Names) and every
// subjectAltName of `certificate` against `constraints`. Fails with kCertificateRejected and a message naming the
// offending name; with kUnsupported when a constraint of a type jpkicore cannot compare (x400Address,
// ediPartyName, otherName, registeredID) applies to a name of that type in the certificate.
absl::Status CheckNameConstraints(const Certificate& certificate, const NameConstraints& constraints);

}  // namespace jpki::x509

#endif  // JPKICORE_X509_NAME_CONSTRAINTS_H_
