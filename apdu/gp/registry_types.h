#ifndef JPKICORE_APDU_GP_REGISTRY_TYPES_H_
#define JPKICORE_APDU_GP_REGISTRY_TYPES_H_

// GlobalPlatform registry vocabulary (Card Specification 2.3.1 §11.1.1-11.1.2): life-cycle states, privileges and
// the AID rule, as named types.

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "base/bytes.h"

namespace jpki::apdu::gp {

// Card life cycle (GP CS 2.3.1 Table 11-4 / §5.1.1).
enum class CardLifeCycle : uint8_t {
  kOpReady = 0x01,
  kInitialized = 0x07,
  kSecured = 0x0F,
  kCardLocked = 0x7F,
  kTerminated = 0xFF,
};

// Executable Load File life cycle (Table 11-5).
enum class LoadFileLifeCycle : uint8_t { kLoaded = 0x01 };

// Application life cycle (Table 11-6): bits b4-b7 of SELECTABLE apps are application specific; LOCKED is b8 set.
enum class ApplicationLifeCycle : uint8_t {
  kInstalled = 0x03,
  kSelectable = 0x07,
  kLocked = 0x83,  // b8 set on top of the previous state; 83 = locked while INSTALLED, 87 / 8F likewise
};

// Security Domain life cycle (Table 11-7).
enum class SecurityDomainLifeCycle : uint8_t {
  kInstalled = 0x03,
  kSelectable = 0x07,
  kPersonalized = 0x0F,
  kLocked = 0x83,
};

// LifeCycleName names a raw life-cycle byte for the given registry kind: "OP_READY", "SELECTABLE", "LOCKED", ...
// or "application-specific (xx)".
std::string CardLifeCycleName(uint8_t value);
std::string ApplicationLifeCycleName(uint8_t value);
std::string SecurityDomainLifeCycleName(uint8_t value);
std::string LoadFileLifeCycleName(uint8_t value);

// Privilege is one bit of the 3-byte privileges field (Table 11-7/6-1), as a 24-bit mask (byte 1 in bits 23-16).
enum class Privilege : uint32_t {
  kSecurityDomain = 0x800000,
  kDapVerification = 0x400000,  // only with kSecurityDomain (byte 1 = C0)
  kDelegatedManagement = 0x200000,
  kCardLock = 0x100000,
  kCardTerminate = 0x080000,
  kCardReset = 0x040000,  // "Default Selected" in GP 2.1.1
  kCvmManagement = 0x020000,
  kMandatedDapVerification = 0x010000,  // only with kSecurityDomain and kDapVerification (byte 1 = C1)
  kTrustedPath = 0x008000,
  kAuthorizedManagement = 0x004000,
  kTokenVerification = 0x002000,
  kGlobalDelete = 0x001000,
  kGlobalLock = 0x000800,
  kGlobalRegistry = 0x000400,
  kFinalApplication = 0x000200,
  kGlobalService = 0x000100,
  kReceiptGeneration = 0x000080,
  kCipheredLoadFileDataBlock = 0x000040,
  kContactlessActivation = 0x000020,
  kContactlessSelfActivation = 0x000010,
};

// Privileges is a set of Privilege bits.
class Privileges {
 public:
  constexpr Privileges() = default;
  constexpr explicit Privileges(uint32_t bits) : bits_(bits & 0xFFFFFF) {}

  constexpr bool Has(Privilege p) const { return (bits_ & static_cast<uint32_t>(p)) == static_cast<uint32_t>(p); }
  Privileges& Add(Privilege p) {
    bits_ |= static_cast<uint32_t>(p);
    return *this;
  }
  constexpr uint32_t bits() const { return bits_; }

  // Encode returns the 3-byte field (Encode1 the 1-byte GP 2.1.1 form: byte 1 only).
  Bytes Encode() const;
  Bytes Encode1() const { return Bytes{static_cast<uint8_t>(bits_ >> 16)}; }
  // Parse accepts the 1-byte (GP 2.1.1) and 3-byte forms; kMalformedInput otherwise, or when a bit that needs the
  // Security Domain privilege (DAP verification, mandated DAP) is set without it.
  static absl::StatusOr<Privileges> Parse(ByteView field);
  // Names lists the set privileges, comma separated ("SecurityDomain, TrustedPath").
  std::string Names() const;

  friend constexpr bool operator==(Privileges a, Privileges b) { return a.bits_ == b.bits_; }

 private:
  uint32_t bits_ = 0;
};

// CheckAid: an AID is 5 to 16 bytes (ISO/IEC 7816-5); kInvalidArgument (builders) otherwise.
absl::Status CheckAid(ByteView aid, std::string_view what);

}  // namespace jpki::apdu::gp

#endif  // JPKICORE_APDU_GP_REGISTRY_TYPES_H_
