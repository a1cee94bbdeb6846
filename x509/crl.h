#ifndef JPKICORE_X509_CRL_H_
#define JPKICORE_X509_CRL_H_

// X.509 v1/v2 certificate revocation lists (RFC 5280 section 5), parsed strictly from DER, built for CRLs with
// millions of entries: parsing is one pass that validates every entry but stores only a 16-byte index record per
// entry (offsets into the owned bytes, no per-entry allocation), sorted once by serial (skipped when the CRL is
// already in order), so IsRevoked / FindRevoked are a binary search: O(log n) and allocation-free.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "base/bytes.h"
#include "x509/extensions.h"
#include "x509/name.h"
#include "x509/signature_algorithm.h"

namespace jpki::x509 {

struct CrlParseOptions {
  // See SignatureAlgorithmParseOptions.
  bool allow_missing_rsa_null_parameters = false;
  // RFC 5280 5.2.5/5.3.3: an indirect CRL (entries carrying certificateIssuer) lists certificates of other issuers.
  // jpkicore does not track per-entry issuers, so a certificateIssuer entry extension is rejected unless this is
  // set, in which case it is accepted and kept raw (RevokedEntry::certificate_issuer) and IsRevoked ignores it.
  bool allow_certificate_issuer_entries = false;
  // RFC 5280 4.1.2.2 rules for serials apply to CRL entries too; set to accept zero/negative entry serials.
  bool allow_negative_serial = false;
};

// RevokedEntry is one decoded revokedCertificates entry; views point into the Crl's bytes.
struct RevokedEntry {
  ByteView serial;                             // INTEGER content octets (minimal two's complement)
  int64_t revocation_date = 0;                 // Unix seconds
  std::optional<RevocationReason> reason;      // reasonCode entry extension
  std::optional<int64_t> invalidity_date;      // invalidityDate entry extension (GeneralizedTime)
  std::optional<ByteView> certificate_issuer;  // certificateIssuer extnValue (only with the option)
  ByteView extensions_der;                     // the crlEntryExtensions SEQUENCE element, empty when absent
  ByteView der;                                // the whole entry element
};

class Crl {
 public:
  // Parse decodes one DER CRL, taking ownership of `der`. Fails with kMalformedInput naming the byte offset for
  // non-DER bytes, trailing data, a version other than v1/v2 (v1 written explicitly is rejected), extensions in a
  // v1 CRL, inner and outer signature algorithms that differ, a malformed time, name or extension, an empty
  // revokedCertificates (DER omits it), a duplicate extension (in the CRL or an entry), an unknown entry reason
  // code, or the same serial listed twice. Unknown extensions are kept raw with their critical bit (validation
  // rejects unknown critical ones).
  static absl::StatusOr<Crl> Parse(Bytes der, const CrlParseOptions& options = {});
  // ParseView copies `der` first.
  static absl::StatusOr<Crl> ParseView(ByteView der, const CrlParseOptions& options = {});

  Crl(const Crl&) = default;
  Crl(Crl&&) noexcept = default;
  Crl& operator=(const Crl&) = default;
  Crl& operator=(Crl&&) noexcept = default;

  ByteView der() const;
  ByteView tbs_der() const;
  ByteView issuer_der() const;
  // extensions_der is the crlExtensions SEQUENCE inside [0] EXPLICIT; empty when absent.
  ByteView extensions_der() const;

  // version is 1 or 2.
  int version() const;
  const SignatureAlgorithm& signature_algorithm() const;
  const Name& issuer() const;
  int64_t this_update() const;
  std::optional<int64_t> next_update() const;
  bool this_update_generalized() const;
  bool next_update_generalized() const;
  ByteView signature() const;

  const Extensions& extensions() const;
  // crl_number / delta_crl_indicator: INTEGER content octets (non-negative, at most 20 octets).
  const std::optional<ByteView>& crl_number() const;
  const std::optional<ByteView>& delta_crl_indicator() const;
  const std::optional<IssuingDistributionPoint>& issuing_distribution_point() const;
  const std::optional<AuthorityKeyIdentifier>& authority_key_id() const;
  const std::optional<std::vector<GeneralName>>& issuer_alt_names() const;

  // revoked_count is the number of entries; revoked(i) decodes entry i of the serial index (i < revoked_count()):
  // entries come in ascending order of (serial length, serial octets), which is encoding order for a CRL issued
  // sorted.
  size_t revoked_count() const;
  RevokedEntry revoked(size_t index) const;

  // RevokedInEncodingOrder decodes every entry in the order the CRL lists them (allocates one vector).
  std::vector<RevokedEntry> RevokedInEncodingOrder() const;

  // FindRevoked returns the entry for `serial` (INTEGER content octets, as Certificate::serial()), or nullopt.
  // O(log n), no allocation.
  std::optional<RevokedEntry> FindRevoked(ByteView serial) const;
  // IsRevoked: FindRevoked(serial).has_value(). A certificateHold entry counts as revoked (RFC 5280: on hold).
  bool IsRevoked(ByteView serial) const;

  struct Impl;

 private:
  explicit Crl(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

}  // namespace jpki::x509

#endif  // JPKICORE_X509_CRL_H_
