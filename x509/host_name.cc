#include "x509/host_name.h"

#include <cctype>

#include "x509/general_name.h"

namespace jpki::x509 {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

bool PatternMatches(std::string_view pattern, std::string_view host) {
  if (!pattern.empty() && pattern.back() == '.') pattern.remove_suffix(1);
  if (pattern.empty() || host.empty()) return false;
  if (pattern.size() > 2 && pattern[0] == '*' && pattern[1] == '.') {
    const std::string_view suffix = pattern.substr(1);  // ".example.com"
    // The suffix must itself have at least two labels, so "*.com" matches nothing.
    if (suffix.find('.', 1) == std::string_view::npos) return false;
    const size_t dot = host.find('.');
    if (dot == std::string_view::npos || dot == 0) return false;
    return EqualsIgnoreCase(host.substr(dot), suffix);
  }
  if (pattern.find('*') != std::string_view::npos) return false;
  return EqualsIgnoreCase(pattern, host);
}

}  // namespace

bool MatchesDnsName(const Certificate& certificate, std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  const auto& sans = certificate.subject_alt_names();
  if (!sans) return false;
  for (const GeneralName& name : *sans) {
    if (name.type == GeneralNameType::kDnsName && PatternMatches(name.text(), host)) return true;
  }
  return false;
}

bool MatchesIpAddress(const Certificate& certificate, ByteView address) {
  const auto& sans = certificate.subject_alt_names();
  if (!sans) return false;
  for (const GeneralName& name : *sans) {
    if (name.type == GeneralNameType::kIpAddress && Equal(name.value, address)) return true;
  }
  return false;
}

}  // namespace jpki::x509
