#ifndef JPKICORE_APDU_GP_GET_STATUS_H_
#define JPKICORE_APDU_GP_GET_STATUS_H_

// GET STATUS (GP CS 2.3.1 §11.4): 80 F2 P1 P2 Lc 4F Lv(AID prefix) [5C tag list] 00.
//   P1: 80 Issuer Security Domain, 40 applications and SSDs, 20 Executable Load Files, 10 ELFs and their modules.
//   P2: 02 TLV response format (00 the legacy format), |01 "next occurrence" after SW 6310 (more data).
// TLV response: a sequence of E3 { 4F AID, 9F70 life cycle, C5 privileges, C4 ELF AID, CC associated SD AID,
// CE version, 84 module AID (repeated), ... }.

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "apdu/command_apdu.h"
#include "apdu/gp/registry_types.h"
#include "base/bytes.h"

namespace jpki::apdu::gp {

inline constexpr uint8_t kInsGetStatus = 0xF2;
inline constexpr uint16_t kSwMoreData = 0x6310;

enum class StatusScope : uint8_t {
  kIssuerSecurityDomain = 0x80,
  kApplications = 0x40,  // applications and Supplementary Security Domains
  kLoadFiles = 0x20,
  kLoadFilesAndModules = 0x10,
};

enum class StatusFormat : uint8_t { kLegacy = 0x00, kTlv = 0x02 };

struct GetStatusRequest {
  StatusScope scope = StatusScope::kApplications;
  StatusFormat format = StatusFormat::kTlv;
  bool next_occurrence = false;  // after SW 6310
  Bytes aid_prefix;              // search criterion 4F: empty matches every entry
  Bytes tag_list;                // optional 5C tag list (TLV format only)
};

absl::StatusOr<CommandApdu> BuildGetStatus(const GetStatusRequest& request);
// ParseGetStatus (card side): the inverse; kMalformedInput for an unknown P1/P2 or malformed search criteria.
absl::StatusOr<GetStatusRequest> ParseGetStatus(const CommandApdu& command);

// RegistryEntry is one entry of a GET STATUS response.
struct RegistryEntry {
  Bytes aid;
  uint8_t life_cycle = 0;
  std::optional<Privileges> privileges;
  std::optional<Bytes> load_file_aid;      // C4 (applications: the ELF they were installed from)
  std::optional<Bytes> associated_sd_aid;  // CC
  std::optional<Bytes> version;            // CE (load files)
  std::vector<Bytes> module_aids;          // 84 (load files with modules)

  friend bool operator==(const RegistryEntry& a, const RegistryEntry& b) {
    return a.aid == b.aid && a.life_cycle == b.life_cycle && a.privileges.has_value() == b.privileges.has_value() &&
           (!a.privileges || *a.privileges == *b.privileges) && a.load_file_aid == b.load_file_aid &&
           a.associated_sd_aid == b.associated_sd_aid && a.version == b.version && a.module_aids == b.module_aids;
  }
};

// ParseGetStatusResponse parses the response data of one GET STATUS in TLV format: E3 entries only (other top-level
// objects are an error), each with exactly one 4F (5..16 bytes) and one 9F70 (1 byte); unknown tags inside E3 are
// skipped, known ones must appear at most once (84 may repeat). Errors name the offset. Views are copied out.
absl::StatusOr<std::vector<RegistryEntry>> ParseGetStatusResponse(ByteView data);
// ParseGetStatusLegacyResponse parses the legacy format (P2 00): per entry Lv(AID) life-cycle privileges(1), and
// for kLoadFilesAndModules a module count and Lv(module AID) each (no privileges byte for load files).
absl::StatusOr<std::vector<RegistryEntry>> ParseGetStatusLegacyResponse(ByteView data, StatusScope scope);
// EncodeGetStatusResponse (card side) writes entries in TLV format.
absl::StatusOr<Bytes> EncodeGetStatusResponse(const std::vector<RegistryEntry>& entries);

}  // namespace jpki::apdu::gp

#endif  // JPKICORE_APDU_GP_GET_STATUS_H_
