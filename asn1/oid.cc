#include "asn1/oid.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <vector>

#include "absl/strings/str_cat.h"
#include "asn1/internal/sv.h"
#include "base/error.h"

namespace jpki::asn1 {
namespace {

using internal::Absl;

struct Row {
  KnownOid id;
  const char* dotted;
  const char* name;
  const char* short_name;
};

// The known-name table. Names follow the defining documents (RFC 5280, RFC 4519, RFC 8017, NIST CSOR) and
// OpenSSL's long names where those differ only in spelling; JPKI names follow the J-LIS profile as quoted in
// shared/notes/domain-research.md section 2.
constexpr Row kRows[] = {
    {KnownOid::kCommonName, "2.5.4.3", "commonName", "CN"},
    {KnownOid::kSurname, "2.5.4.4", "surname", "SN"},
    {KnownOid::kSerialNumber, "2.5.4.5", "serialNumber", ""},
    {KnownOid::kCountryName, "2.5.4.6", "countryName", "C"},
    {KnownOid::kLocalityName, "2.5.4.7", "localityName", "L"},
    {KnownOid::kStateOrProvinceName, "2.5.4.8", "stateOrProvinceName", "ST"},
    {KnownOid::kStreetAddress, "2.5.4.9", "streetAddress", "STREET"},
    {KnownOid::kOrganizationName, "2.5.4.10", "organizationName", "O"},
    {KnownOid::kOrganizationalUnitName, "2.5.4.11", "organizationalUnitName", "OU"},
    {KnownOid::kTitle, "2.5.4.12", "title", ""},
    {KnownOid::kPostalCode, "2.5.4.17", "postalCode", ""},
    {KnownOid::kName, "2.5.4.41", "name", ""},
    {KnownOid::kGivenName, "2.5.4.42", "givenName", ""},
    {KnownOid::kInitials, "2.5.4.43", "initials", ""},
    {KnownOid::kGenerationQualifier, "2.5.4.44", "generationQualifier", ""},
    {KnownOid::kDnQualifier, "2.5.4.46", "dnQualifier", ""},
    {KnownOid::kPseudonym, "2.5.4.65", "pseudonym", ""},
    {KnownOid::kUserId, "0.9.2342.19200300.100.1.1", "userId", "UID"},
    {KnownOid::kDomainComponent, "0.9.2342.19200300.100.1.25", "domainComponent", "DC"},
    {KnownOid::kEmailAddress, "1.2.840.113549.1.9.1", "emailAddress", ""},
    {KnownOid::kSubjectDirectoryAttributes, "2.5.29.9", "subjectDirectoryAttributes", ""},
    {KnownOid::kSubjectKeyIdentifier, "2.5.29.14", "subjectKeyIdentifier", ""},
    {KnownOid::kKeyUsage, "2.5.29.15", "keyUsage", ""},
    {KnownOid::kPrivateKeyUsagePeriod, "2.5.29.16", "privateKeyUsagePeriod", ""},
    {KnownOid::kSubjectAltName, "2.5.29.17", "subjectAltName", ""},
    {KnownOid::kIssuerAltName, "2.5.29.18", "issuerAltName", ""},
    {KnownOid::kBasicConstraints, "2.5.29.19", "basicConstraints", ""},
    {KnownOid::kCrlNumber, "2.5.29.20", "cRLNumber", ""},
    {KnownOid::kCrlReason, "2.5.29.21", "cRLReason", ""},
    {KnownOid::kInvalidityDate, "2.5.29.24", "invalidityDate", ""},
    {KnownOid::kDeltaCrlIndicator, "2.5.29.27", "deltaCRLIndicator", ""},
    {KnownOid::kIssuingDistributionPoint, "2.5.29.28", "issuingDistributionPoint", ""},
    {KnownOid::kCertificateIssuer, "2.5.29.29", "certificateIssuer", ""},
    {KnownOid::kNameConstraints, "2.5.29.30", "nameConstraints", ""},
    {KnownOid::kCrlDistributionPoints, "2.5.29.31", "cRLDistributionPoints", ""},
    {KnownOid::kCertificatePolicies, "2.5.29.32", "certificatePolicies", ""},
    {KnownOid::kAnyPolicy, "2.5.29.32.0", "anyPolicy", ""},
    {KnownOid::kPolicyMappings, "2.5.29.33", "policyMappings", ""},
    {KnownOid::kAuthorityKeyIdentifier, "2.5.29.35", "authorityKeyIdentifier", ""},
    {KnownOid::kPolicyConstraints, "2.5.29.36", "policyConstraints", ""},
    {KnownOid::kExtKeyUsage, "2.5.29.37", "extKeyUsage", ""},
    {KnownOid::kAnyExtendedKeyUsage, "2.5.29.37.0", "anyExtendedKeyUsage", ""},
    {KnownOid::kFreshestCrl, "2.5.29.46", "freshestCRL", ""},
    {KnownOid::kInhibitAnyPolicy, "2.5.29.54", "inhibitAnyPolicy", ""},
    {KnownOid::kAuthorityInfoAccess, "1.3.6.1.5.5.7.1.1", "authorityInfoAccess", ""},
    {KnownOid::kSubjectInfoAccess, "1.3.6.1.5.5.7.1.11", "subjectInfoAccess", ""},
    {KnownOid::kCpsQualifier, "1.3.6.1.5.5.7.2.1", "cps", ""},
    {KnownOid::kUserNoticeQualifier, "1.3.6.1.5.5.7.2.2", "unotice", ""},
    {KnownOid::kServerAuth, "1.3.6.1.5.5.7.3.1", "serverAuth", ""},
    {KnownOid::kClientAuth, "1.3.6.1.5.5.7.3.2", "clientAuth", ""},
    {KnownOid::kCodeSigning, "1.3.6.1.5.5.7.3.3", "codeSigning", ""},
    {KnownOid::kEmailProtection, "1.3.6.1.5.5.7.3.4", "emailProtection", ""},
    {KnownOid::kTimeStamping, "1.3.6.1.5.5.7.3.8", "timeStamping", ""},
    {KnownOid::kOcspSigning, "1.3.6.1.5.5.7.3.9", "OCSPSigning", ""},
    {KnownOid::kOcsp, "1.3.6.1.5.5.7.48.1", "ocsp", ""},
    {KnownOid::kCaIssuers, "1.3.6.1.5.5.7.48.2", "caIssuers", ""},
    {KnownOid::kRsaEncryption, "1.2.840.113549.1.1.1", "rsaEncryption", ""},
    {KnownOid::kMd5WithRsaEncryption, "1.2.840.113549.1.1.4", "md5WithRSAEncryption", ""},
    {KnownOid::kSha1WithRsaEncryption, "1.2.840.113549.1.1.5", "sha1WithRSAEncryption", ""},
    {KnownOid::kRsaesOaep, "1.2.840.113549.1.1.7", "rsaesOaep", ""},
    {KnownOid::kMgf1, "1.2.840.113549.1.1.8", "mgf1", ""},
    {KnownOid::kPSpecified, "1.2.840.113549.1.1.9", "pSpecified", ""},
    {KnownOid::kRsassaPss, "1.2.840.113549.1.1.10", "rsassaPss", ""},
    {KnownOid::kSha256WithRsaEncryption, "1.2.840.113549.1.1.11", "sha256WithRSAEncryption", ""},
    {KnownOid::kSha384WithRsaEncryption, "1.2.840.113549.1.1.12", "sha384WithRSAEncryption", ""},
    {KnownOid::kSha512WithRsaEncryption, "1.2.840.113549.1.1.13", "sha512WithRSAEncryption", ""},
    {KnownOid::kSha224WithRsaEncryption, "1.2.840.113549.1.1.14", "sha224WithRSAEncryption", ""},
    {KnownOid::kSha1, "1.3.14.3.2.26", "sha1", ""},
    {KnownOid::kSha256, "2.16.840.1.101.3.4.2.1", "sha256", ""},
    {KnownOid::kSha384, "2.16.840.1.101.3.4.2.2", "sha384", ""},
    {KnownOid::kSha512, "2.16.840.1.101.3.4.2.3", "sha512", ""},
    {KnownOid::kSha224, "2.16.840.1.101.3.4.2.4", "sha224", ""},
    {KnownOid::kSha512_224, "2.16.840.1.101.3.4.2.5", "sha512-224", ""},
    {KnownOid::kSha512_256, "2.16.840.1.101.3.4.2.6", "sha512-256", ""},
    {KnownOid::kSha3_256, "2.16.840.1.101.3.4.2.8", "sha3-256", ""},
    {KnownOid::kSha3_384, "2.16.840.1.101.3.4.2.9", "sha3-384", ""},
    {KnownOid::kSha3_512, "2.16.840.1.101.3.4.2.10", "sha3-512", ""},
    {KnownOid::kPkcs7Data, "1.2.840.113549.1.7.1", "pkcs7-data", ""},
    {KnownOid::kPkcs7SignedData, "1.2.840.113549.1.7.2", "pkcs7-signedData", ""},
    {KnownOid::kContentType, "1.2.840.113549.1.9.3", "contentType", ""},
    {KnownOid::kMessageDigest, "1.2.840.113549.1.9.4", "messageDigest", ""},
    {KnownOid::kSigningTime, "1.2.840.113549.1.9.5", "signingTime", ""},
    {KnownOid::kEcPublicKey, "1.2.840.10045.2.1", "ecPublicKey", ""},
    {KnownOid::kPrime256v1, "1.2.840.10045.3.1.7", "prime256v1", ""},
    {KnownOid::kEcdsaWithSha256, "1.2.840.10045.4.3.2", "ecdsa-with-SHA256", ""},
    {KnownOid::kEcdsaWithSha384, "1.2.840.10045.4.3.3", "ecdsa-with-SHA384", ""},
    {KnownOid::kSecp384r1, "1.3.132.0.34", "secp384r1", ""},
    {KnownOid::kJpki, "1.2.392.200149", "jpki", ""},
    {KnownOid::kJpkiPolicy, "1.2.392.200149.8.5.1", "jpki-cp", ""},
    {KnownOid::kJpkiPolicySign, "1.2.392.200149.8.5.1.1", "jpki-cp-sign", ""},
    {KnownOid::kJpkiPolicySignClass20, "1.2.392.200149.8.5.1.1.20", "jpki-cp-sign-class20", ""},
    {KnownOid::kJpkiPolicyAuth, "1.2.392.200149.8.5.1.3", "jpki-cp-auth", ""},
    {KnownOid::kJpkiPolicyAuthClass30, "1.2.392.200149.8.5.1.3.30", "jpki-cp-auth-class30", ""},
    {KnownOid::kJpkiPolicyTestSign, "1.2.392.200149.8.5.1.0.20", "jpki-cp-test-sign", ""},
    {KnownOid::kJpkiPersonalData, "1.2.392.200149.8.5.5", "jpki-personalData", ""},
    {KnownOid::kJpkiName, "1.2.392.200149.8.5.5.1", "jpki-name", ""},
    {KnownOid::kJpkiNameSubstitute, "1.2.392.200149.8.5.5.2", "jpki-nameSubstitute", ""},
    {KnownOid::kJpkiGender, "1.2.392.200149.8.5.5.3", "jpki-gender", ""},
    {KnownOid::kJpkiBirthDate, "1.2.392.200149.8.5.5.4", "jpki-birthDate", ""},
    {KnownOid::kJpkiAddress, "1.2.392.200149.8.5.5.5", "jpki-address", ""},
    {KnownOid::kJpkiAddressSubstitute, "1.2.392.200149.8.5.5.6", "jpki-addressSubstitute", ""},
};
constexpr size_t kRowCount = sizeof(kRows) / sizeof(kRows[0]);
static_assert(kRowCount + 1 == static_cast<size_t>(KnownOid::kNumKnownOids), "every KnownOid needs a row");

constexpr size_t kSlots = 512;  // power of two, > 4x the rows: short probe sequences
static_assert(kSlots > 2 * kRowCount, "hash table too small");

// HashDer mixes the length and the first and last eight octets (all octets when shorter): OIDs that share a
// prefix differ at the end, so this spreads the table's rows well; collisions only cost a probe, never a wrong
// answer (the lookup compares the bytes).
inline uint32_t HashDer(ByteView der) {
  const size_t n = der.size();
  const uint8_t* p = der.data();
  uint64_t head = 0, tail = 0;
  if (n >= 8) {
    std::memcpy(&head, p, 8);
    std::memcpy(&tail, p + n - 8, 8);
  } else {
    for (size_t i = 0; i < n; ++i) head = (head << 8) | p[i];
  }
  uint64_t h = (head ^ (tail * 0x9E3779B97F4A7C15ull) ^ n) * 0xBF58476D1CE4E5B9ull;
  h ^= h >> 29;
  return static_cast<uint32_t>(h ^ (h >> 32));
}

// SameBytes compares short byte strings eight at a time without a library call (OIDs are a few bytes long).
inline bool SameBytes(const uint8_t* a, const uint8_t* b, size_t n) {
  while (n >= 8) {
    uint64_t x, y;
    std::memcpy(&x, a, 8);
    std::memcpy(&y, b, 8);
    if (x != y) return false;
    a += 8;
    b += 8;
    n -= 8;
  }
  uint8_t diff = 0;
  for (size_t i = 0; i < n; ++i) diff |= static_cast<uint8_t>(a[i] ^ b[i]);
  return diff == 0;
}

[[gnu::cold, gnu::noinline]] absl::Status Bad(std::string_view what) {
  return MakeError(ErrorCode::kMalformedInput, "asn1", what);
}

void AppendBase128(uint64_t v, Bytes& out) {
  uint8_t tmp[10];
  size_t n = 0;
  do {
    tmp[n++] = static_cast<uint8_t>(v & 0x7F);
    v >>= 7;
  } while (v != 0);
  while (n > 1) out.push_back(static_cast<uint8_t>(tmp[--n] | 0x80));
  out.push_back(tmp[0]);
}

// Table: the rows with their DER, and the hash index, built once on first use.
struct Table {
  std::array<OidInfo, kRowCount> infos;
  std::array<Bytes, kRowCount> ders;
  std::array<uint16_t, kSlots> slots;                                        // row index + 1, 0 = empty
  std::array<uint16_t, static_cast<size_t>(KnownOid::kNumKnownOids)> by_id;  // row index + 1, 0 = none

  Table() {
    slots.fill(0);
    by_id.fill(0);
    for (size_t i = 0; i < kRowCount; ++i) {
      auto oid = Oid::FromDotted(kRows[i].dotted);
      ders[i] = oid.ok() ? ToBytes(oid->der()) : Bytes();  // rows are constants; ok() always holds (tested)
      infos[i] = OidInfo{kRows[i].id, kRows[i].dotted, kRows[i].name, kRows[i].short_name, ByteView(ders[i])};
      size_t slot = HashDer(ders[i]) & (kSlots - 1);
      while (slots[slot] != 0) slot = (slot + 1) & (kSlots - 1);
      slots[slot] = static_cast<uint16_t>(i + 1);
      by_id[static_cast<size_t>(kRows[i].id)] = static_cast<uint16_t>(i + 1);
    }
  }
};

const Table& GetTable() {
  static const Table* table = new Table();
  return *table;
}

}  // namespace

absl::StatusOr<Oid> Oid::FromDer(ByteView contents) {
  if (contents.empty()) return Bad("asn1: empty OBJECT IDENTIFIER");
  if (contents[contents.size() - 1] & 0x80) return Bad("asn1: truncated OBJECT IDENTIFIER arc");
  bool arc_start = true;
  uint64_t value = 0;
  for (uint8_t b : contents) {
    if (arc_start && b == 0x80) return Bad("asn1: non-minimal OBJECT IDENTIFIER arc (leading 0x80)");
    if (value > (std::numeric_limits<uint64_t>::max() >> 7)) {
      return MakeError(ErrorCode::kResourceLimit, "asn1", "OBJECT IDENTIFIER arc larger than 64 bits");
    }
    value = (value << 7) | (b & 0x7F);
    arc_start = (b & 0x80) == 0;
    if (arc_start) value = 0;
  }
  return Oid(contents);
}

absl::Status EncodeOidArcs(absl::Span<const uint64_t> arcs, Bytes& out) {
  auto bad = [](std::string_view what) { return MakeError(ErrorCode::kInvalidArgument, "asn1", what); };
  if (arcs.size() < 2) return bad("an OBJECT IDENTIFIER needs at least two arcs");
  if (arcs[0] > 2) return bad("first OBJECT IDENTIFIER arc must be 0, 1 or 2");
  if (arcs[0] < 2 && arcs[1] >= 40) return bad("second OBJECT IDENTIFIER arc must be below 40 under 0 and 1");
  if (arcs[0] == 2 && arcs[1] > std::numeric_limits<uint64_t>::max() - 80) {
    return bad("OBJECT IDENTIFIER arc larger than 64 bits");
  }
  AppendBase128(arcs[0] * 40 + arcs[1], out);
  for (size_t i = 2; i < arcs.size(); ++i) AppendBase128(arcs[i], out);
  return absl::OkStatus();
}

absl::StatusOr<Oid> Oid::FromDotted(std::string_view dotted) {
  std::vector<uint64_t> arcs;
  size_t i = 0;
  while (true) {
    if (i >= dotted.size() || dotted[i] < '0' || dotted[i] > '9') {
      return Bad(absl::StrCat("asn1: bad dotted OID '", Absl(dotted), "'"));
    }
    if (dotted[i] == '0' && i + 1 < dotted.size() && dotted[i + 1] >= '0' && dotted[i + 1] <= '9') {
      return Bad(absl::StrCat("asn1: leading zero in dotted OID '", Absl(dotted), "'"));
    }
    uint64_t v = 0;
    while (i < dotted.size() && dotted[i] >= '0' && dotted[i] <= '9') {
      const uint64_t digit = static_cast<uint64_t>(dotted[i] - '0');
      if (v > (std::numeric_limits<uint64_t>::max() - digit) / 10) {
        return Bad(absl::StrCat("asn1: dotted OID arc larger than 64 bits in '", Absl(dotted), "'"));
      }
      v = v * 10 + digit;
      ++i;
    }
    arcs.push_back(v);
    if (i == dotted.size()) break;
    if (dotted[i] != '.') return Bad(absl::StrCat("asn1: bad dotted OID '", Absl(dotted), "'"));
    ++i;
  }
  Oid oid;
  absl::Status status = EncodeOidArcs(arcs, oid.owned_);
  if (!status.ok()) return Bad(absl::StrCat("asn1: bad dotted OID '", Absl(dotted), "': ", status.message()));
  return oid;
}

Oid Oid::Known(KnownOid id) {
  const OidInfo* info = GetOidInfo(id);
  return info != nullptr ? Oid(info->der) : Oid();
}

Oid Oid::Owned() const {
  Oid copy;
  copy.owned_ = ToBytes(der());
  return copy;
}

std::string Oid::ToDotted() const {
  const ByteView d = der();
  std::string out;
  uint64_t value = 0;
  bool first = true;
  for (uint8_t b : d) {
    value = (value << 7) | (b & 0x7F);
    if (b & 0x80) continue;
    if (first) {
      if (value < 40) {
        absl::StrAppend(&out, "0.", value);
      } else if (value < 80) {
        absl::StrAppend(&out, "1.", value - 40);
      } else {
        absl::StrAppend(&out, "2.", value - 80);
      }
      first = false;
    } else {
      absl::StrAppend(&out, ".", value);
    }
    value = 0;
  }
  return out;
}

const OidInfo* LookupOid(ByteView der) {
  const Table& table = GetTable();
  size_t slot = HashDer(der) & (kSlots - 1);
  while (true) {
    const uint16_t entry = table.slots[slot];
    if (entry == 0) return nullptr;
    const OidInfo& info = table.infos[entry - 1];
    if (info.der.size() == der.size() && SameBytes(info.der.data(), der.data(), der.size())) return &info;
    slot = (slot + 1) & (kSlots - 1);
  }
}

const OidInfo* LookupOidByName(std::string_view name) {
  if (name.empty()) return nullptr;
  for (const OidInfo& info : GetTable().infos) {
    if (info.name == name || info.short_name == name) return &info;
  }
  return nullptr;
}

const OidInfo* GetOidInfo(KnownOid id) {
  const size_t index = static_cast<size_t>(id);
  const Table& table = GetTable();
  if (index >= table.by_id.size() || table.by_id[index] == 0) return nullptr;
  return &table.infos[table.by_id[index] - 1];
}

size_t KnownOidCount() { return kRowCount; }

KnownOid Oid::known() const {
  const OidInfo* info = LookupOid(der());
  return info != nullptr ? info->id : KnownOid::kUnknown;
}

const OidInfo* Oid::info() const { return LookupOid(der()); }

std::string Oid::Name() const {
  const OidInfo* i = info();
  return i != nullptr ? std::string(i->name) : ToDotted();
}

bool Oid::StartsWith(const Oid& arc) const {
  const ByteView a = der(), p = arc.der();
  return !p.empty() && p.size() <= a.size() && std::equal(p.begin(), p.end(), a.begin());
}

bool operator<(const Oid& a, const Oid& b) {
  const ByteView x = a.der(), y = b.der();
  return std::lexicographical_compare(x.begin(), x.end(), y.begin(), y.end());
}

}  // namespace jpki::asn1
