#include "x509/name_constraints.h"

#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/error.h"
#include "x509/oids.h"

namespace jpki::x509 {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

bool EndsWithIgnoreCase(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && EqualsIgnoreCase(s.substr(s.size() - suffix.size()), suffix);
}

// HostMatches: a host-only constraint as RFC 5280 describes for URIs and mail hosts: ".domain" = strictly below
// it, "host" = exactly it.
bool HostMatches(std::string_view host, std::string_view constraint) {
  if (constraint.empty()) return true;
  if (constraint.front() == '.') return host.size() > constraint.size() && EndsWithIgnoreCase(host, constraint);
  return EqualsIgnoreCase(host, constraint);
}

// ValuesEqual compares two attribute values per RFC 5280 7.1: PrintableString / UTF8String after ASCII case
// folding and space normalisation, everything else by tag and bytes.
std::string Normalise(std::string_view s) {
  std::string out;
  bool pending_space = false;
  for (char c : s) {
    if (c == ' ') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

bool AttributesEqual(const AttributeTypeAndValue& a, const AttributeTypeAndValue& b) {
  if (!Equal(a.type, b.type)) return false;
  const auto foldable = [](uint8_t tag) {
    return tag == static_cast<uint8_t>(StringType::kPrintableString) ||
           tag == static_cast<uint8_t>(StringType::kUtf8String);
  };
  if (foldable(a.value_tag) && foldable(b.value_tag)) {
    const std::string_view av(reinterpret_cast<const char*>(a.value.data()), a.value.size());
    const std::string_view bv(reinterpret_cast<const char*>(b.value.data()), b.value.size());
    return Normalise(av) == Normalise(bv);
  }
  return a.value_tag == b.value_tag && Equal(a.value, b.value);
}

bool RdnEqual(absl::Span<const AttributeTypeAndValue> a, absl::Span<const AttributeTypeAndValue> b) {
  if (a.size() != b.size()) return false;
  for (const auto& x : a) {
    bool found = false;
    for (const auto& y : b) found = found || AttributesEqual(x, y);
    if (!found) return false;
  }
  return true;
}

std::string_view HostOfUri(std::string_view uri, bool* ok) {
  *ok = false;
  const size_t scheme_end = uri.find("://");
  if (scheme_end == std::string_view::npos) return {};
  std::string_view rest = uri.substr(scheme_end + 3);
  const size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  if (const size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  if (!authority.empty() && authority.front() == '[') return {};  // IP literal: not a host name
  if (const size_t colon = authority.find(':'); colon != std::string_view::npos) authority = authority.substr(0, colon);
  if (authority.empty()) return {};
  *ok = true;
  return authority;
}

struct NameToCheck {
  GeneralNameType type;
  std::string_view text;  // DNS, email, URI
  ByteView bytes;         // IP address, other types' value
  const Name* dn = nullptr;
  std::string display;
};

std::optional<bool> Matches(const NameToCheck& name, const GeneralName& base) {
  switch (name.type) {
    case GeneralNameType::kDnsName:
      return DnsNameMatchesConstraint(name.text, base.text());
    case GeneralNameType::kRfc822Name:
      return EmailMatchesConstraint(name.text, base.text());
    case GeneralNameType::kUri:
      return UriMatchesConstraint(name.text, base.text());
    case GeneralNameType::kIpAddress:
      return IpMatchesConstraint(name.bytes, base.value);
    case GeneralNameType::kDirectoryName: {
      absl::StatusOr<Name> base_name = Name::Parse(base.value);
      if (!base_name.ok()) return false;
      return DirectoryNameWithin(*name.dn, *base_name);
    }
    default:
      return std::nullopt;  // cannot compare
  }
}

}  // namespace

bool DnsNameMatchesConstraint(std::string_view name, std::string_view constraint) {
  if (constraint.empty()) return true;
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  if (constraint.front() == '.') return name.size() > constraint.size() && EndsWithIgnoreCase(name, constraint);
  if (EqualsIgnoreCase(name, constraint)) return true;
  return name.size() > constraint.size() && name[name.size() - constraint.size() - 1] == '.' &&
         EndsWithIgnoreCase(name, constraint);
}

bool EmailMatchesConstraint(std::string_view address, std::string_view constraint) {
  const size_t at = address.rfind('@');
  if (at == std::string_view::npos) return false;
  const std::string_view local = address.substr(0, at);
  const std::string_view host = address.substr(at + 1);
  if (const size_t cat = constraint.rfind('@'); cat != std::string_view::npos) {
    return local == constraint.substr(0, cat) && EqualsIgnoreCase(host, constraint.substr(cat + 1));
  }
  return HostMatches(host, constraint);
}

bool UriMatchesConstraint(std::string_view uri, std::string_view constraint) {
  bool ok = false;
  const std::string_view host = HostOfUri(uri, &ok);
  return ok && HostMatches(host, constraint);
}

bool IpMatchesConstraint(ByteView address, ByteView constraint) {
  if (constraint.size() != 2 * address.size()) return false;
  const size_t n = address.size();
  for (size_t i = 0; i < n; ++i) {
    if ((address[i] & constraint[n + i]) != (constraint[i] & constraint[n + i])) return false;
  }
  return true;
}

bool DirectoryNameWithin(const Name& name, const Name& base) {
  if (base.rdn_count() > name.rdn_count()) return false;
  for (size_t i = 0; i < base.rdn_count(); ++i) {
    if (!RdnEqual(name.rdn(i), base.rdn(i))) return false;
  }
  return true;
}

absl::Status CheckNameConstraints(const Certificate& certificate, const NameConstraints& constraints) {
  std::vector<NameToCheck> names;
  const Name& subject = certificate.subject();
  if (!subject.empty()) {
    names.push_back({GeneralNameType::kDirectoryName, {}, {}, &subject, subject.ToString()});
  }
  for (const auto& attr : subject.attributes()) {
    if (Equal(attr.type, oid::kEmailAddress) && attr.is_string()) {
      const std::string_view text(reinterpret_cast<const char*>(attr.value.data()), attr.value.size());
      names.push_back({GeneralNameType::kRfc822Name, text, {}, nullptr, absl::StrCat("email:", std::string(text))});
    }
  }
  if (const auto& sans = certificate.subject_alt_names()) {
    for (const GeneralName& san : *sans) {
      NameToCheck n{san.type, san.text(), san.value, nullptr, san.ToString()};
      names.push_back(std::move(n));
    }
  }
  // Directory names inside the SAN need their Name parsed; keep them alive for the loop.
  std::vector<Name> parsed_dirs;
  parsed_dirs.reserve(names.size());
  for (NameToCheck& n : names) {
    if (n.type == GeneralNameType::kDirectoryName && n.dn == nullptr) {
      absl::StatusOr<Name> dn = Name::Parse(n.bytes);
      if (!dn.ok()) return MakeError(ErrorCode::kMalformedInput, "x509", "malformed directoryName in subjectAltName");
      parsed_dirs.push_back(*std::move(dn));
      n.dn = &parsed_dirs.back();
    }
  }

  for (const NameToCheck& n : names) {
    bool has_permitted_of_type = false;
    bool permitted = false;
    for (const GeneralName& base : constraints.permitted) {
      if (base.type != n.type) continue;
      has_permitted_of_type = true;
      std::optional<bool> m = Matches(n, base);
      if (!m)
        return MakeError(ErrorCode::kUnsupported, "x509", absl::StrCat("cannot apply name constraint to ", n.display));
      permitted = permitted || *m;
    }
    if (has_permitted_of_type && !permitted) {
      return MakeError(ErrorCode::kCertificateRejected, "x509",
                       absl::StrCat(n.display, " is outside the permitted name constraints"));
    }
    for (const GeneralName& base : constraints.excluded) {
      if (base.type != n.type) continue;
      std::optional<bool> m = Matches(n, base);
      if (!m)
        return MakeError(ErrorCode::kUnsupported, "x509", absl::StrCat("cannot apply name constraint to ", n.display));
      if (*m) {
        return MakeError(ErrorCode::kCertificateRejected, "x509",
                         absl::StrCat(n.display, " is inside an excluded name constraint ", base.ToString()));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace jpki::x509
