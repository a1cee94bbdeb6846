#ifndef JPKICORE_X509_JPKI_PROFILE_H_
#define JPKICORE_X509_JPKI_PROFILE_H_

// The JPKI certificate profile as a verifier needs it (shared/notes/domain-research.md sections 2 and 3):
//   - ProfileTable: a DATA table mapping certificate-policy OIDs (exact or by arc), issuer names and token labels
//     (EF 0006 of the JPKI applet) to a kind (signing / authentication / ca) and a medium (card / smartphone),
//     each entry marked confirmed or provisional, because the public record does not pin the smartphone policy
//     OIDs (section 2.3). The built-in table is text in the same format a deployment can load at run time
//     (ProfileTable::AddEntries / AddEntriesFromFile), so a new J-LIS policy OID needs no rebuild.
//   - Classify: kind + medium of one certificate from that table.
//   - HolderAttributes: the "basic four" (name, birth date, gender, address) and the substitute-character fields
//     from the signing certificate's subjectAltName otherName entries under 1.2.392.200149.8.5.5, as UTF-8.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "base/bytes.h"
#include "x509/certificate.h"
#include "x509/extensions.h"
#include "x509/general_name.h"
#include "x509/name.h"

namespace jpki::x509 {

enum class JpkiKind { kNone, kSigning, kAuthentication, kCa };
enum class JpkiMedium { kUnknown, kCard, kSmartphone };

// JpkiKindName: "none", "signing", "authentication", "ca". JpkiMediumName: "unknown", "card", "smartphone".
std::string_view JpkiKindName(JpkiKind kind);
std::string_view JpkiMediumName(JpkiMedium medium);

// ProfileEntry is one row of the table.
struct ProfileEntry {
  enum class Match {
    kPolicy,     // key: a dotted policy OID, matched exactly
    kPolicyArc,  // key: a dotted OID arc; matches every policy under it (longest arc wins, exact policies first)
    kIssuer,     // key: "C=JP,O=JPKI,OU=..." in encoding order; the issuer must consist of exactly these attributes
    kIssuerHas,  // key: "O=JPKI-TEST"; the issuer must contain every listed attribute (any position)
    kToken,      // key: a token label (EF 0006 of the JPKI applet, e.g. JPKIAPGPSETOKEN)
  };
  Match match = Match::kPolicy;
  std::string key;
  Bytes policy_der;                                        // kPolicy / kPolicyArc: the OID's content octets
  std::vector<std::pair<std::string, std::string>> attrs;  // kIssuer / kIssuerHas: (short name, value)
  JpkiKind kind = JpkiKind::kNone;                         // kNone: the entry does not decide the kind
  bool kind_confirmed = false;
  JpkiMedium medium = JpkiMedium::kUnknown;  // kUnknown: the entry does not decide the medium
  bool medium_confirmed = false;
  bool test_hierarchy = false;  // the J-LIS test hierarchy (O=JPKI-TEST, test-card policy): never production
  std::string note;             // where the fact comes from
};

// ProfileTable holds the entries. Text format, one entry a line, '#' starts a comment line, fields separated by
// '|' and trimmed:
//   match | key | kind | kind_status | medium | medium_status | hierarchy | note
// match: policy, policy-arc, issuer, issuer-has, token; kind: signing, authentication, ca, - ; medium: card,
// smartphone, - ; status: confirmed, provisional, - ; hierarchy: production, test. Issuer keys are
// comma-separated SHORTNAME=value pairs (values may not contain ',' or '|').
class ProfileTable {
 public:
  ProfileTable() = default;

  // BuiltIn returns the compiled-in table (kBuiltInProfileTable below, parsed once).
  static const ProfileTable& BuiltIn();
  // Parse builds a table from text. Fails (kMalformedInput, "x509: profile table line N: ...") on a bad line.
  static absl::StatusOr<ProfileTable> Parse(std::string_view text);

  // AddEntries appends the entries of `text` (same format). Later entries take precedence over earlier ones for
  // the same match and key, so a deployment can both add and correct entries. On error nothing is added.
  absl::Status AddEntries(std::string_view text);
  // AddEntriesFromFile reads a text file and calls AddEntries (kNotFound when unreadable).
  absl::Status AddEntriesFromFile(const std::string& path);
  // Add appends one entry built in code.
  void Add(ProfileEntry entry) { entries_.push_back(std::move(entry)); }

  absl::Span<const ProfileEntry> entries() const { return entries_; }

  // MatchPolicy returns the best entry for a policy OID (content octets): the last exact kPolicy entry, else the
  // longest matching kPolicyArc (last wins on ties), else nullptr.
  const ProfileEntry* MatchPolicy(ByteView policy_oid) const;
  // MatchIssuer returns the last kIssuer entry equal to `issuer`, else the last kIssuerHas entry it satisfies.
  const ProfileEntry* MatchIssuer(const Name& issuer) const;
  // IssuerIsTestHierarchy is true when any matching issuer entry is marked test.
  bool IssuerIsTestHierarchy(const Name& issuer) const;
  // MatchToken returns the last kToken entry with this label, else nullptr.
  const ProfileEntry* MatchToken(std::string_view label) const;

 private:
  std::vector<ProfileEntry> entries_;
};

// kBuiltInProfileTable is the compiled-in data (see jpki_profile.cc for the rows and their sources).
extern const char kBuiltInProfileTable[];

// CertificateFacts are the inputs classification looks at; Classify(const Certificate&) fills them.
struct CertificateFacts {
  std::vector<ByteView> policy_oids;  // certificatePolicies, content octets
  const Name* issuer = nullptr;
  bool is_ca = false;                      // basicConstraints cA
  std::optional<std::string> token_label;  // EF 0006 label of the token the certificate was read from, if known
};

// Classification is the answer for one certificate.
struct Classification {
  JpkiKind kind = JpkiKind::kNone;
  JpkiMedium medium = JpkiMedium::kUnknown;
  bool kind_confirmed = false;    // false: decided by a provisional table entry, or not decided
  bool medium_confirmed = false;  // false: decided by a provisional table entry, or not decided
  bool test_hierarchy = false;    // issued under the J-LIS test hierarchy
  std::string policy;             // the dotted policy OID that decided, if any
  std::string reason;             // how it was decided, for people ("policy 1.2.392...20 (confirmed)")

  // Summary renders "signing/card", "authentication/smartphone (provisional)", "ca", "none".
  std::string Summary() const;
};

struct ClassifyOptions {
  const ProfileTable* table = nullptr;     // nullptr: ProfileTable::BuiltIn()
  std::optional<std::string> token_label;  // the EF 0006 label, when the caller read the certificate from a token
};

// ClassifyFacts decides kind and medium: a CA (basicConstraints cA) is kCa; otherwise the policy entries decide
// (exact OID, then arc); without a policy entry the issuer entries decide the kind. A policy and an issuer that
// disagree give kNone. The medium comes from the policy entry, else from the token label. Never fails.
Classification ClassifyFacts(const CertificateFacts& facts, const ClassifyOptions& options = {});

// Classify extracts the facts from a parsed certificate and calls ClassifyFacts. A certificatePolicies or
// basicConstraints extension that does not decode counts as absent (the parser has already rejected such
// certificates; classification itself never fails).
Classification Classify(const Certificate& certificate, const ClassifyOptions& options = {});

// BirthDate is 1.2.392.200149.8.5.5.4: one era digit followed by the Gregorian YYYYMMDD ("419900102": era 4 =
// 平成, 1990-01-02). Unknown parts are zeros ("400000000").
struct BirthDate {
  int era = 0;      // 1 明治, 2 大正, 3 昭和, 4 平成, 5 令和 (as the J-LIS fixtures use them; reported)
  int year = 0;     // 0 when unknown
  int month = 0;    // 0 when unknown
  int day = 0;      // 0 when unknown
  std::string raw;  // the UTF8String as it was

  // EraName: "明治", "大正", "昭和", "平成", "令和" or "" for another digit.
  std::string_view EraName() const;
  // Iso renders "YYYY-MM-DD" when fully known, "YYYY-MM" / "YYYY" when partly, "" when nothing is known.
  std::string Iso() const;
};

// ParseBirthDate decodes the nine-digit form. Fails (kMalformedInput) for another length, a non-digit, or an
// impossible month/day.
absl::StatusOr<BirthDate> ParseBirthDate(std::string_view text);

// HolderAttributes are the signing certificate's personal data. The J-LIS profile carries no kana reading (that
// is on the card-face AP, not in the certificate), so there is no name_kana.
struct HolderAttributes {
  std::optional<std::string> name;                // .5.1 氏名
  std::optional<std::string> name_substitute;     // .5.2 代替文字 for the name
  std::optional<std::string> gender;              // .5.3 "1" male, "2" female, "9" not applicable ... (JIS X 0303)
  std::optional<BirthDate> birth_date;            // .5.4
  std::optional<std::string> address;             // .5.5 住所
  std::optional<std::string> address_substitute;  // .5.6 代替文字 for the address

  bool empty() const { return !name && !name_substitute && !gender && !birth_date && !address && !address_substitute; }
  // GenderName: "male", "female", "not_applicable", "unknown" for the JIS X 0303 codes 1, 2, 9, 0; the raw value
  // otherwise; "" when absent.
  std::string GenderName() const;
};

// HolderAttributesFromAltNames reads the otherName entries under 1.2.392.200149.8.5.5 of a subjectAltName. Each
// value must be a UTF8String (the otherName's [0] EXPLICIT content) and each type may appear once. Other names are
// ignored. Fails with kMalformedInput otherwise.
absl::StatusOr<HolderAttributes> HolderAttributesFromAltNames(absl::Span<const GeneralName> alt_names);

// ExtractHolderAttributes reads them from a certificate (empty when it has no subjectAltName or no such entries,
// as authentication and CA certificates).
absl::StatusOr<HolderAttributes> ExtractHolderAttributes(const Certificate& certificate);

}  // namespace jpki::x509

#endif  // JPKICORE_X509_JPKI_PROFILE_H_
