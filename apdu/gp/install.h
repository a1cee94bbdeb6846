#ifndef JPKICORE_APDU_GP_INSTALL_H_
#define JPKICORE_APDU_GP_INSTALL_H_

// INSTALL (GP CS 2.3.1 §11.5): 80 E6 P1 00 Lc data 00, where P1 selects the variant and the data is a fixed
// sequence of one-byte-length-prefixed fields:
//   [for load]                       02: Lv(ELF AID) Lv(SD AID) Lv(load file data block hash) Lv(load params) Lv(token)
//   [for install]                    04: Lv(ELF AID) Lv(module AID) Lv(app AID) Lv(privileges) Lv(params) Lv(token)
//   [for make selectable]            08: 00 00 Lv(app AID) Lv(privileges) Lv(params) Lv(token)
//   [for install and make selectable] 0C: as [for install]
//   [for extradition]                10: Lv(SD AID) 00 Lv(app AID) 00 Lv(params) Lv(token)
//   [for personalization]            20: 00 00 Lv(app AID) 00 00 00
// Install parameters are C9 Lv(application-specific parameters) (+ EF system parameters, passed through as given).

#include <cstdint>

#include "absl/status/statusor.h"
#include "apdu/command_apdu.h"
#include "apdu/gp/registry_types.h"
#include "base/bytes.h"

namespace jpki::apdu::gp {

inline constexpr uint8_t kInsInstall = 0xE6;

enum class InstallType : uint8_t {
  kForLoad = 0x02,
  kForInstall = 0x04,
  kForMakeSelectable = 0x08,
  kForInstallAndMakeSelectable = 0x0C,
  kForExtradition = 0x10,
  kForPersonalization = 0x20,
};

// InstallCommand holds the fields of every variant; those a variant does not carry stay empty.
struct InstallCommand {
  InstallType type = InstallType::kForInstallAndMakeSelectable;
  Bytes load_file_aid;        // for load, for install
  Bytes security_domain_aid;  // for load (may be empty: the ISD), for extradition
  Bytes load_file_hash;       // for load (optional)
  Bytes module_aid;           // for install
  Bytes application_aid;      // for install, make selectable, extradition, personalization
  Privileges privileges;      // for install, make selectable (3-byte form)
  Bytes parameters;           // encoded parameters (C9 ...); empty install parameters are sent as C9 00
  Bytes token;                // delegated-management token (optional)

  friend bool operator==(const InstallCommand& a, const InstallCommand& b) {
    return a.type == b.type && a.load_file_aid == b.load_file_aid && a.security_domain_aid == b.security_domain_aid &&
           a.load_file_hash == b.load_file_hash && a.module_aid == b.module_aid &&
           a.application_aid == b.application_aid && a.privileges == b.privileges && a.parameters == b.parameters &&
           a.token == b.token;
  }
};

// Builders for each variant (AIDs checked 5..16 bytes).
absl::StatusOr<CommandApdu> BuildInstallForLoad(ByteView load_file_aid, ByteView security_domain_aid,
                                                ByteView load_file_hash = {}, ByteView load_parameters = {},
                                                ByteView token = {});
absl::StatusOr<CommandApdu> BuildInstallForInstall(ByteView load_file_aid, ByteView module_aid,
                                                   ByteView application_aid, Privileges privileges,
                                                   ByteView install_parameters, bool make_selectable,
                                                   ByteView token = {});
absl::StatusOr<CommandApdu> BuildInstallForMakeSelectable(ByteView application_aid, Privileges privileges,
                                                          ByteView parameters = {}, ByteView token = {});
absl::StatusOr<CommandApdu> BuildInstallForExtradition(ByteView security_domain_aid, ByteView application_aid,
                                                       ByteView parameters = {}, ByteView token = {});
absl::StatusOr<CommandApdu> BuildInstallForPersonalization(ByteView application_aid);
// BuildInstall builds any variant from an InstallCommand.
absl::StatusOr<CommandApdu> BuildInstall(const InstallCommand& install);

// ApplicationSpecificParameters wraps `params` as C9 Lv(params), the install parameters most applets take.
absl::StatusOr<Bytes> ApplicationSpecificParameters(ByteView params);

// ParseInstall (card side): checks CLA/INS, P2 00, a known P1, and the exact field layout of the variant (fields
// that must be empty are empty, no trailing data). kMalformedInput naming the offset otherwise.
absl::StatusOr<InstallCommand> ParseInstall(const CommandApdu& command);

}  // namespace jpki::apdu::gp

#endif  // JPKICORE_APDU_GP_INSTALL_H_
