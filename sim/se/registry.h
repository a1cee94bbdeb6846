#ifndef JPKICORE_SIM_SE_REGISTRY_H_
#define JPKICORE_SIM_SE_REGISTRY_H_

// The GlobalPlatform registry of the simulated Secure Element: which executable load files, applications and
// security domains exist, their life-cycle states, privileges and associated security domain. Card content
// management commands (INSTALL, LOAD, DELETE, GET STATUS) read and change it; the rules that keep it consistent
// (no duplicate AIDs, nothing deleted while something still depends on it) live here, not in the APDU handlers.

#include <cstdint>
#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "apdu/gp/registry_types.h"
#include "base/bytes.h"

namespace jpki::sim::se {

enum class EntryKind {
  kIssuerSecurityDomain,
  kSecurityDomain,  // a supplementary security domain (an SP's domain)
  kApplication,
  kLoadFile,  // an executable load file (a package)
};

// Life-cycle and privilege codings, from apdu/gp's GlobalPlatform vocabulary (GP CS 2.3.1 11.1.1, table 6-1).
inline constexpr uint8_t kLoadFileLoaded = static_cast<uint8_t>(apdu::gp::LoadFileLifeCycle::kLoaded);
inline constexpr uint8_t kAppInstalled = static_cast<uint8_t>(apdu::gp::ApplicationLifeCycle::kInstalled);
inline constexpr uint8_t kAppSelectable = static_cast<uint8_t>(apdu::gp::ApplicationLifeCycle::kSelectable);
inline constexpr uint8_t kSdPersonalized = static_cast<uint8_t>(apdu::gp::SecurityDomainLifeCycle::kPersonalized);
inline constexpr uint8_t kAppLocked = static_cast<uint8_t>(apdu::gp::ApplicationLifeCycle::kLocked);
inline constexpr uint32_t kPrivSecurityDomain = static_cast<uint32_t>(apdu::gp::Privilege::kSecurityDomain);
inline constexpr uint32_t kPrivDelegatedManagement = static_cast<uint32_t>(apdu::gp::Privilege::kDelegatedManagement);
inline constexpr uint32_t kPrivCardReset = static_cast<uint32_t>(apdu::gp::Privilege::kCardReset);
inline constexpr uint32_t kPrivAuthorizedManagement = static_cast<uint32_t>(apdu::gp::Privilege::kAuthorizedManagement);

struct RegistryEntry {
  EntryKind kind;
  Bytes aid;
  uint8_t life_cycle = 0;
  uint32_t privileges = 0;     // three bytes, big-endian order in the low 24 bits
  Bytes associated_sd;         // every entry except the ISD
  Bytes load_file_aid;         // applications and SSDs: the load file they were instantiated from
  Bytes module_aid;            // applications: the module (class) inside the load file
  std::vector<Bytes> modules;  // load files: the modules they contain
};

class Registry {
 public:
  // Creates the registry of a freshly manufactured card with its ISD.
  explicit Registry(ByteView isd_aid);

  absl::Status AddLoadFile(ByteView aid, ByteView associated_sd, std::vector<Bytes> modules);
  // AddInstance installs an application or a security domain from a module of a loaded file.
  absl::Status AddInstance(EntryKind kind, ByteView aid, ByteView load_file_aid, ByteView module_aid,
                           ByteView associated_sd, uint32_t privileges);
  absl::Status SetLifeCycle(ByteView aid, uint8_t life_cycle);
  // Delete removes an entry; with `related`, a load file goes together with its instances. Refused for the ISD, for
  // a load file that still has instances (without `related`), and for a security domain still associated with
  // other entries.
  absl::Status Delete(ByteView aid, bool related);

  const RegistryEntry* Find(ByteView aid) const;
  const RegistryEntry& isd() const { return *entries_.front(); }
  // Entries of the given kinds, in installation order.
  std::vector<const RegistryEntry*> List(std::vector<EntryKind> kinds) const;

 private:
  RegistryEntry* FindMutable(ByteView aid);

  std::vector<std::unique_ptr<RegistryEntry>> entries_;
};

// IsSecurityDomain: the ISD or a supplementary security domain.
inline bool IsSecurityDomain(const RegistryEntry& entry) {
  return entry.kind == EntryKind::kIssuerSecurityDomain || entry.kind == EntryKind::kSecurityDomain;
}

}  // namespace jpki::sim::se

#endif  // JPKICORE_SIM_SE_REGISTRY_H_
