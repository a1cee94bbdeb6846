#include "apdu/gp/registry_types.h"

#include <cstdio>

#include "base/error.h"

namespace jpki::apdu::gp {
namespace {

std::string Hex2(uint8_t v) {
  char buf[3];
  std::snprintf(buf, sizeof(buf), "%02X", v);
  return buf;
}

struct PrivilegeName {
  Privilege p;
  const char* name;
};
constexpr PrivilegeName kPrivilegeNames[] = {
    {Privilege::kSecurityDomain, "SecurityDomain"},
    {Privilege::kDapVerification, "DAPVerification"},
    {Privilege::kDelegatedManagement, "DelegatedManagement"},
    {Privilege::kCardLock, "CardLock"},
    {Privilege::kCardTerminate, "CardTerminate"},
    {Privilege::kCardReset, "CardReset"},
    {Privilege::kCvmManagement, "CVMManagement"},
    {Privilege::kMandatedDapVerification, "MandatedDAPVerification"},
    {Privilege::kTrustedPath, "TrustedPath"},
    {Privilege::kAuthorizedManagement, "AuthorizedManagement"},
    {Privilege::kTokenVerification, "TokenVerification"},
    {Privilege::kGlobalDelete, "GlobalDelete"},
    {Privilege::kGlobalLock, "GlobalLock"},
    {Privilege::kGlobalRegistry, "GlobalRegistry"},
    {Privilege::kFinalApplication, "FinalApplication"},
    {Privilege::kGlobalService, "GlobalService"},
    {Privilege::kReceiptGeneration, "ReceiptGeneration"},
    {Privilege::kCipheredLoadFileDataBlock, "CipheredLoadFileDataBlock"},
    {Privilege::kContactlessActivation, "ContactlessActivation"},
    {Privilege::kContactlessSelfActivation, "ContactlessSelfActivation"},
};

}  // namespace

std::string CardLifeCycleName(uint8_t v) {
  switch (v) {
    case 0x01:
      return "OP_READY";
    case 0x07:
      return "INITIALIZED";
    case 0x0F:
      return "SECURED";
    case 0x7F:
      return "CARD_LOCKED";
    case 0xFF:
      return "TERMINATED";
    default:
      return "unknown (" + Hex2(v) + ")";
  }
}

std::string ApplicationLifeCycleName(uint8_t v) {
  if ((v & 0x80) != 0) return "LOCKED";
  if (v == 0x03) return "INSTALLED";
  if (v == 0x07) return "SELECTABLE";
  if ((v & 0x07) == 0x07) return "application-specific (" + Hex2(v) + ")";
  return "unknown (" + Hex2(v) + ")";
}

std::string SecurityDomainLifeCycleName(uint8_t v) {
  if ((v & 0x80) != 0) return "LOCKED";
  switch (v) {
    case 0x03:
      return "INSTALLED";
    case 0x07:
      return "SELECTABLE";
    case 0x0F:
      return "PERSONALIZED";
    default:
      return "unknown (" + Hex2(v) + ")";
  }
}

std::string LoadFileLifeCycleName(uint8_t v) { return v == 0x01 ? "LOADED" : "unknown (" + Hex2(v) + ")"; }

Bytes Privileges::Encode() const {
  return Bytes{static_cast<uint8_t>(bits_ >> 16), static_cast<uint8_t>(bits_ >> 8), static_cast<uint8_t>(bits_)};
}

absl::StatusOr<Privileges> Privileges::Parse(ByteView field) {
  if (field.size() != 1 && field.size() != 3) {
    return MakeError(ErrorCode::kMalformedInput, "gp", "privileges must be 1 or 3 bytes");
  }
  uint32_t bits = static_cast<uint32_t>(field[0]) << 16;
  if (field.size() == 3) bits |= static_cast<uint32_t>(field[1]) << 8 | field[2];
  const Privileges p(bits);
  const bool sd = p.Has(Privilege::kSecurityDomain);
  if ((!sd && (p.Has(Privilege::kDapVerification) || p.Has(Privilege::kMandatedDapVerification))) ||
      (p.Has(Privilege::kMandatedDapVerification) && !p.Has(Privilege::kDapVerification))) {
    return MakeError(ErrorCode::kMalformedInput, "gp", "privileges at offset 0: DAP bits need the Security Domain bit");
  }
  return p;
}

std::string Privileges::Names() const {
  std::string out;
  for (const auto& n : kPrivilegeNames) {
    if (!Has(n.p)) continue;
    if (!out.empty()) out += ", ";
    out += n.name;
  }
  return out;
}

absl::Status CheckAid(ByteView aid, std::string_view what) {
  if (aid.size() < 5 || aid.size() > 16) {
    return MakeError(ErrorCode::kInvalidArgument, "gp", std::string(what) + " must be 5..16 bytes");
  }
  return absl::OkStatus();
}

}  // namespace jpki::apdu::gp
