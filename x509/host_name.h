#ifndef JPKICORE_X509_HOST_NAME_H_
#define JPKICORE_X509_HOST_NAME_H_

// Server identity (RFC 6125 6.4, as the CA/Browser Forum profile narrows it): does a certificate name a DNS host or
// an IP address? Only subjectAltName is consulted (no fallback to the subject CN); a wildcard is accepted only as
// the whole left-most label ("*.example.com"), never matches more than one label, and never matches an IP.

#include <string_view>

#include "base/bytes.h"
#include "x509/certificate.h"

namespace jpki::x509 {

// MatchesDnsName: `host` (ASCII, case-insensitive, an optional trailing dot ignored) matches a dNSName entry.
bool MatchesDnsName(const Certificate& certificate, std::string_view host);
// MatchesIpAddress: `address` (4 or 16 octets) equals an iPAddress entry.
bool MatchesIpAddress(const Certificate& certificate, ByteView address);

}  // namespace jpki::x509

#endif  // JPKICORE_X509_HOST_NAME_H_
