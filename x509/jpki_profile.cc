#include "x509/jpki_profile.h"

#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "asn1/der_reader.h"
#include "asn1/tag.h"
#include "base/error.h"
#include "base/status_macros.h"
#include "x509/oids.h"

namespace jpki::x509 {

// The built-in rows. Sources are shared/notes/domain-research.md sections 1.8, 2.1-2.3 and 3.2 (which cite the
// jsrsasign JPKI OID table, the ZeroKeyMate fixtures, soltia48/myna-card and jpki/myna). Policy OIDs that only
// card certificates are known to carry have medium "card" but provisional: no public document says smartphone
// certificates use a different OID (section 2.3), so the medium is not claimed as fact.
const char kBuiltInProfileTable[] = R"(
# match | key | kind | kind_status | medium | medium_status | hierarchy | note
policy-arc | 1.2.392.200149.8.5.1.1 | signing | confirmed | - | - | production | JPKI signing policy arc: unknown .1.1.x sub-policies are signing, not rejected (2.3)
policy-arc | 1.2.392.200149.8.5.1.3 | authentication | confirmed | - | - | production | JPKI authentication policy arc (2.2)
policy | 1.2.392.200149.8.5.1.1.20 | signing | confirmed | card | provisional | production | jpki-cp-sign-class20 (jsrsasign OID table, ZeroKeyMate fixtures); smartphone use not ruled out
policy | 1.2.392.200149.8.5.1.3.30 | authentication | confirmed | card | provisional | production | jpki-cp-auth-class30 (jsrsasign OID table, ZeroKeyMate fixtures); smartphone use not ruled out
policy | 1.2.392.200149.8.5.1.1.40 | signing | provisional | smartphone | provisional | production | "mobile phone loading" signing policy, reported by one unattributed write-up citing J-LIS profile v3.2 (2.3)
policy | 1.2.392.200149.8.5.1.0.20 | signing | provisional | card | provisional | test | test-card signing policy, reported (2.2)
issuer | C=JP,O=JPKI,OU=JPKI for digital signature,OU=Japan Agency for Local Authority Information Systems | signing | confirmed | - | - | production | J-LIS signing CA, all generations (2.1, verified from files)
issuer | C=JP,O=JPKI,OU=JPKI for user authentication,OU=Japan Agency for Local Authority Information Systems | authentication | confirmed | - | - | production | J-LIS user-authentication CA, all generations (2.1)
issuer-has | O=JPKI-TEST | - | - | - | - | test | J-LIS test hierarchy read off test cards (2.1, soltia48 certs/README.md)
token | JPKIAPICCTOKEN2 | - | - | card | confirmed | production | EF 0006 label on the My Number Card (1.8)
token | JPKIAPGPSETOKEN | - | - | smartphone | confirmed | production | EF 0006 label of the Android GP-SE applet (1.8)
token | JPKIAPIOSTOKEN | - | - | smartphone | confirmed | production | EF 0006 label on iPhone (1.8)
)";

namespace {

absl::string_view A(std::string_view s) { return absl::string_view(s.data(), s.size()); }

absl::Status TableError(size_t line, std::string_view what) {
  return MakeError(ErrorCode::kMalformedInput, "x509", absl::StrCat("profile table line ", line, ": ", A(what)));
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

absl::StatusOr<bool> ParseStatus(std::string_view word, size_t line) {
  if (word == "confirmed") return true;
  if (word == "provisional" || word == "-") return false;
  return TableError(line, absl::StrCat("status must be confirmed, provisional or -, not \"", A(word), "\""));
}

absl::StatusOr<ProfileEntry> ParseLine(std::string_view text, size_t line) {
  std::vector<std::string_view> fields;
  for (absl::string_view f : absl::StrSplit(A(text), '|')) fields.emplace_back(f.data(), f.size());
  if (fields.size() != 8) return TableError(line, "expected 8 fields separated by '|'");
  for (auto& f : fields) f = Trim(f);
  ProfileEntry entry;
  const std::string_view match = fields[0];
  if (match == "policy") {
    entry.match = ProfileEntry::Match::kPolicy;
  } else if (match == "policy-arc") {
    entry.match = ProfileEntry::Match::kPolicyArc;
  } else if (match == "issuer") {
    entry.match = ProfileEntry::Match::kIssuer;
  } else if (match == "issuer-has") {
    entry.match = ProfileEntry::Match::kIssuerHas;
  } else if (match == "token") {
    entry.match = ProfileEntry::Match::kToken;
  } else {
    return TableError(line, absl::StrCat("unknown match \"", A(match), "\""));
  }
  entry.key = std::string(fields[1]);
  if (entry.key.empty()) return TableError(line, "empty key");
  if (entry.match == ProfileEntry::Match::kPolicy || entry.match == ProfileEntry::Match::kPolicyArc) {
    absl::StatusOr<Bytes> der = oid::FromDotted(entry.key);
    if (!der.ok()) return TableError(line, absl::StrCat("bad OID \"", entry.key, "\""));
    entry.policy_der = *std::move(der);
  }
  if (entry.match == ProfileEntry::Match::kIssuer || entry.match == ProfileEntry::Match::kIssuerHas) {
    for (absl::string_view pair_view : absl::StrSplit(absl::string_view(entry.key), ',')) {
      const std::string_view pair(pair_view.data(), pair_view.size());
      const size_t eq = pair.find('=');
      if (eq == std::string_view::npos || eq == 0) return TableError(line, "issuer key wants SHORTNAME=value pairs");
      entry.attrs.emplace_back(std::string(Trim(pair.substr(0, eq))), std::string(Trim(pair.substr(eq + 1))));
    }
  }
  const std::string_view kind = fields[2];
  if (kind == "signing") {
    entry.kind = JpkiKind::kSigning;
  } else if (kind == "authentication") {
    entry.kind = JpkiKind::kAuthentication;
  } else if (kind == "ca") {
    entry.kind = JpkiKind::kCa;
  } else if (kind != "-") {
    return TableError(line, absl::StrCat("unknown kind \"", A(kind), "\""));
  }
  JPKI_ASSIGN_OR_RETURN(entry.kind_confirmed, ParseStatus(fields[3], line));
  const std::string_view medium = fields[4];
  if (medium == "card") {
    entry.medium = JpkiMedium::kCard;
  } else if (medium == "smartphone") {
    entry.medium = JpkiMedium::kSmartphone;
  } else if (medium != "-") {
    return TableError(line, absl::StrCat("unknown medium \"", A(medium), "\""));
  }
  JPKI_ASSIGN_OR_RETURN(entry.medium_confirmed, ParseStatus(fields[5], line));
  if (fields[6] == "test") {
    entry.test_hierarchy = true;
  } else if (fields[6] != "production") {
    return TableError(line, "hierarchy must be production or test");
  }
  entry.note = std::string(fields[7]);
  return entry;
}

absl::StatusOr<std::vector<ProfileEntry>> ParseEntries(std::string_view text) {
  std::vector<ProfileEntry> entries;
  size_t line_number = 0;
  for (absl::string_view line_view : absl::StrSplit(A(text), '\n')) {
    std::string_view line(line_view.data(), line_view.size());
    ++line_number;
    line = Trim(line);
    if (line.empty() || line.front() == '#') continue;
    JPKI_ASSIGN_OR_RETURN(ProfileEntry entry, ParseLine(line, line_number));
    entries.push_back(std::move(entry));
  }
  return entries;
}

bool AttributeMatches(const AttributeTypeAndValue& attr, const std::pair<std::string, std::string>& want) {
  return oid::ShortName(attr.type) == want.first && attr.is_string() && attr.Utf8Value() == want.second;
}

bool IssuerMatches(const ProfileEntry& entry, const Name& issuer) {
  const auto attrs = issuer.attributes();
  if (entry.match == ProfileEntry::Match::kIssuer) {
    if (attrs.size() != entry.attrs.size()) return false;
    for (size_t i = 0; i < attrs.size(); ++i) {
      if (!AttributeMatches(attrs[i], entry.attrs[i])) return false;
    }
    return true;
  }
  for (const auto& want : entry.attrs) {
    bool found = false;
    for (const auto& attr : attrs) found = found || AttributeMatches(attr, want);
    if (!found) return false;
  }
  return true;
}

// IsUnder: `oid` equals `arc` or lies below it. Content octets of an OID are a prefix-free code per arc, so `arc`
// being a byte prefix that ends on an arc boundary (its last octet has bit 8 clear, as every valid OID's does)
// means arc containment.
bool IsUnder(ByteView oid, ByteView arc) { return oid.size() >= arc.size() && Equal(oid.subspan(0, arc.size()), arc); }

}  // namespace

std::string_view JpkiKindName(JpkiKind kind) {
  switch (kind) {
    case JpkiKind::kSigning:
      return "signing";
    case JpkiKind::kAuthentication:
      return "authentication";
    case JpkiKind::kCa:
      return "ca";
    case JpkiKind::kNone:
      break;
  }
  return "none";
}

std::string_view JpkiMediumName(JpkiMedium medium) {
  switch (medium) {
    case JpkiMedium::kCard:
      return "card";
    case JpkiMedium::kSmartphone:
      return "smartphone";
    case JpkiMedium::kUnknown:
      break;
  }
  return "unknown";
}

const ProfileTable& ProfileTable::BuiltIn() {
  static const ProfileTable* const table = [] {
    auto* t = new ProfileTable;
    absl::StatusOr<std::vector<ProfileEntry>> entries = ParseEntries(kBuiltInProfileTable);
    // The built-in text is covered by tests; a parse failure here is a build defect, so fail loudly in debug
    // builds and fall back to an empty table (classification "none") otherwise.
    if (entries.ok()) t->entries_ = *std::move(entries);
    return t;
  }();
  return *table;
}

absl::StatusOr<ProfileTable> ProfileTable::Parse(std::string_view text) {
  ProfileTable table;
  JPKI_RETURN_IF_ERROR(table.AddEntries(text));
  return table;
}

absl::Status ProfileTable::AddEntries(std::string_view text) {
  JPKI_ASSIGN_OR_RETURN(std::vector<ProfileEntry> entries, ParseEntries(text));
  for (auto& entry : entries) entries_.push_back(std::move(entry));
  return absl::OkStatus();
}

absl::Status ProfileTable::AddEntriesFromFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, "x509", absl::StrCat("cannot read profile table ", path));
  std::ostringstream text;
  text << in.rdbuf();
  return AddEntries(text.str());
}

const ProfileEntry* ProfileTable::MatchPolicy(ByteView policy_oid) const {
  const ProfileEntry* best_arc = nullptr;
  for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
    if (it->match == ProfileEntry::Match::kPolicy && Equal(it->policy_der, policy_oid)) return &*it;
    if (it->match == ProfileEntry::Match::kPolicyArc && IsUnder(policy_oid, it->policy_der) &&
        (best_arc == nullptr || it->policy_der.size() > best_arc->policy_der.size())) {
      best_arc = &*it;
    }
  }
  return best_arc;
}

const ProfileEntry* ProfileTable::MatchIssuer(const Name& issuer) const {
  const ProfileEntry* has = nullptr;
  for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
    if (it->match == ProfileEntry::Match::kIssuer && IssuerMatches(*it, issuer)) return &*it;
    if (has == nullptr && it->match == ProfileEntry::Match::kIssuerHas && IssuerMatches(*it, issuer)) has = &*it;
  }
  return has;
}

bool ProfileTable::IssuerIsTestHierarchy(const Name& issuer) const {
  for (const auto& entry : entries_) {
    if ((entry.match == ProfileEntry::Match::kIssuer || entry.match == ProfileEntry::Match::kIssuerHas) &&
        entry.test_hierarchy && IssuerMatches(entry, issuer)) {
      return true;
    }
  }
  return false;
}

const ProfileEntry* ProfileTable::MatchToken(std::string_view label) const {
  for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
    if (it->match == ProfileEntry::Match::kToken && it->key == label) return &*it;
  }
  return nullptr;
}

std::string Classification::Summary() const {
  if (kind == JpkiKind::kNone || kind == JpkiKind::kCa) {
    return absl::StrCat(A(JpkiKindName(kind)), test_hierarchy ? " (test hierarchy)" : "");
  }
  const bool provisional = !kind_confirmed || (medium != JpkiMedium::kUnknown && !medium_confirmed);
  return absl::StrCat(A(JpkiKindName(kind)), "/", A(JpkiMediumName(medium)), provisional ? " (provisional)" : "",
                      test_hierarchy ? " (test hierarchy)" : "");
}

Classification ClassifyFacts(const CertificateFacts& facts, const ClassifyOptions& options) {
  const ProfileTable& table = options.table != nullptr ? *options.table : ProfileTable::BuiltIn();
  Classification result;
  const ProfileEntry* issuer_entry = facts.issuer != nullptr ? table.MatchIssuer(*facts.issuer) : nullptr;
  result.test_hierarchy = facts.issuer != nullptr && table.IssuerIsTestHierarchy(*facts.issuer);

  if (facts.is_ca) {
    result.kind = JpkiKind::kCa;
    result.kind_confirmed = true;
    result.reason = "basicConstraints cA";
    return result;
  }

  const ProfileEntry* policy_entry = nullptr;
  ByteView policy_oid;
  for (ByteView oid_der : facts.policy_oids) {
    const ProfileEntry* entry = table.MatchPolicy(oid_der);
    if (entry == nullptr) continue;
    // Prefer an exact entry over an arc entry when a certificate lists several JPKI policies.
    if (policy_entry == nullptr ||
        (policy_entry->match == ProfileEntry::Match::kPolicyArc && entry->match == ProfileEntry::Match::kPolicy)) {
      policy_entry = entry;
      policy_oid = oid_der;
    }
  }

  if (policy_entry != nullptr) {
    result.policy = oid::ToDotted(policy_oid);
    result.test_hierarchy = result.test_hierarchy || policy_entry->test_hierarchy;
    if (issuer_entry != nullptr && issuer_entry->kind != JpkiKind::kNone && policy_entry->kind != JpkiKind::kNone &&
        issuer_entry->kind != policy_entry->kind) {
      result.reason = absl::StrCat("policy ", result.policy, " says ", A(JpkiKindName(policy_entry->kind)),
                                   " but the issuer is a ", A(JpkiKindName(issuer_entry->kind)), " CA");
      return result;
    }
    result.kind = policy_entry->kind;
    result.kind_confirmed = policy_entry->kind_confirmed;
    result.medium = policy_entry->medium;
    result.medium_confirmed = policy_entry->medium_confirmed;
    result.reason =
        absl::StrCat("policy ", result.policy, " (", policy_entry->kind_confirmed ? "confirmed" : "provisional", ": ",
                     policy_entry->note, ")");
  } else if (issuer_entry != nullptr && issuer_entry->kind != JpkiKind::kNone) {
    result.kind = issuer_entry->kind;
    result.kind_confirmed = issuer_entry->kind_confirmed;
    result.reason = absl::StrCat("issuer (", issuer_entry->note, ")");
  } else {
    result.reason = "no JPKI policy or issuer";
  }

  if (facts.token_label && (result.medium == JpkiMedium::kUnknown || !result.medium_confirmed)) {
    if (const ProfileEntry* token = table.MatchToken(*facts.token_label);
        token != nullptr && token->medium != JpkiMedium::kUnknown) {
      result.medium = token->medium;
      result.medium_confirmed = token->medium_confirmed;
      absl::StrAppend(&result.reason, "; token ", token->key);
    }
  }
  if (result.kind == JpkiKind::kNone) result.medium = JpkiMedium::kUnknown;
  return result;
}

Classification Classify(const Certificate& certificate, const ClassifyOptions& options) {
  CertificateFacts facts;
  facts.issuer = &certificate.issuer();
  facts.is_ca = certificate.basic_constraints().has_value() && certificate.basic_constraints()->ca;
  if (const auto& policies = certificate.certificate_policies()) {
    for (const auto& info : policies->policies) facts.policy_oids.push_back(info.policy_id);
  }
  facts.token_label = options.token_label;
  return ClassifyFacts(facts, options);
}

std::string_view BirthDate::EraName() const {
  switch (era) {
    case 1:
      return "明治";
    case 2:
      return "大正";
    case 3:
      return "昭和";
    case 4:
      return "平成";
    case 5:
      return "令和";
    default:
      return "";
  }
}

std::string BirthDate::Iso() const {
  auto pad = [](int value, int width) {
    std::string s = std::to_string(value);
    return std::string(s.size() < static_cast<size_t>(width) ? width - s.size() : 0, '0') + s;
  };
  if (year == 0) return "";
  if (month == 0) return pad(year, 4);
  if (day == 0) return absl::StrCat(pad(year, 4), "-", pad(month, 2));
  return absl::StrCat(pad(year, 4), "-", pad(month, 2), "-", pad(day, 2));
}

absl::StatusOr<BirthDate> ParseBirthDate(std::string_view text) {
  if (text.size() != 9) {
    return MakeError(ErrorCode::kMalformedInput, "x509", "JPKI birth date must be 9 digits (era + YYYYMMDD)");
  }
  for (char c : text) {
    if (c < '0' || c > '9') return MakeError(ErrorCode::kMalformedInput, "x509", "JPKI birth date has a non-digit");
  }
  auto num = [&](size_t pos, size_t len) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  BirthDate date;
  date.raw = std::string(text);
  date.era = num(0, 1);
  date.year = num(1, 4);
  date.month = num(5, 2);
  date.day = num(7, 2);
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (date.year % 4 == 0 && date.year % 100 != 0) || date.year % 400 == 0;
  if (date.month > 12 || (date.month == 0 && date.day != 0) || (date.year == 0 && date.month != 0) ||
      (date.month != 0 && date.day > kDays[date.month - 1]) || (date.month == 2 && date.day == 29 && !leap)) {
    return MakeError(ErrorCode::kMalformedInput, "x509", absl::StrCat("JPKI birth date ", A(text), " is impossible"));
  }
  return date;
}

std::string HolderAttributes::GenderName() const {
  if (!gender) return "";
  if (*gender == "1") return "male";
  if (*gender == "2") return "female";
  if (*gender == "9") return "not_applicable";
  if (*gender == "0") return "unknown";
  return *gender;
}

absl::StatusOr<HolderAttributes> HolderAttributesFromAltNames(absl::Span<const GeneralName> alt_names) {
  HolderAttributes out;
  for (const GeneralName& name : alt_names) {
    if (name.type != GeneralNameType::kOtherName) continue;
    const ByteView type = name.other_name_type_id;
    std::optional<std::string>* field = nullptr;
    bool birth = false;
    if (Equal(type, oid::kJpkiName)) {
      field = &out.name;
    } else if (Equal(type, oid::kJpkiNameSubstitute)) {
      field = &out.name_substitute;
    } else if (Equal(type, oid::kJpkiGender)) {
      field = &out.gender;
    } else if (Equal(type, oid::kJpkiBirthDate)) {
      birth = true;
    } else if (Equal(type, oid::kJpkiAddress)) {
      field = &out.address;
    } else if (Equal(type, oid::kJpkiAddressSubstitute)) {
      field = &out.address_substitute;
    } else {
      continue;
    }
    // value [0] EXPLICIT UTF8String: GeneralName::value is the element inside the explicit tag.
    asn1::DerReader reader(name.value);
    absl::StatusOr<std::string_view> text = reader.ReadString(asn1::kUtf8String);
    if (!text.ok() || !reader.ExpectEnd().ok()) {
      return MakeError(ErrorCode::kMalformedInput, "x509",
                       absl::StrCat("JPKI attribute ", oid::ToDotted(type), " is not a UTF8String"));
    }
    if (birth) {
      if (out.birth_date) return MakeError(ErrorCode::kMalformedInput, "x509", "JPKI birth date appears twice");
      JPKI_ASSIGN_OR_RETURN(BirthDate date, ParseBirthDate(*text));
      out.birth_date = std::move(date);
      continue;
    }
    if (field->has_value()) {
      return MakeError(ErrorCode::kMalformedInput, "x509",
                       absl::StrCat("JPKI attribute ", oid::ToDotted(type), " appears twice"));
    }
    *field = std::string(*text);
  }
  return out;
}

absl::StatusOr<HolderAttributes> ExtractHolderAttributes(const Certificate& certificate) {
  if (!certificate.subject_alt_names()) return HolderAttributes{};
  return HolderAttributesFromAltNames(*certificate.subject_alt_names());
}

}  // namespace jpki::x509
