#ifndef JPKICORE_APDU_GP_GET_DATA_H_
#define JPKICORE_APDU_GP_GET_DATA_H_

// GET DATA (GP CS 2.3.1 §11.3): 80 CA P1 P2 00 with the tag of the object in P1-P2, and the objects a TSM reads:
// CPLC (9F7F), Card Data / Card Recognition Data (66), Key Information Template (E0), KDD (CF), IIN (42), CIN (45).

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "apdu/command_apdu.h"
#include "base/bytes.h"

namespace jpki::apdu::gp {

inline constexpr uint8_t kInsGetData = 0xCA;
inline constexpr uint16_t kTagCplc = 0x9F7F;
inline constexpr uint16_t kTagCardData = 0x0066;
inline constexpr uint16_t kTagKeyInformation = 0x00E0;
inline constexpr uint16_t kTagKdd = 0x00CF;
inline constexpr uint16_t kTagIin = 0x0042;
inline constexpr uint16_t kTagCin = 0x0045;

absl::StatusOr<CommandApdu> BuildGetData(uint16_t tag);
// ParseGetData (card side) returns the requested tag (P1-P2); CLA 80 or 00, no data.
absl::StatusOr<uint16_t> ParseGetData(const CommandApdu& command);

// Cplc: the 42-byte Card Production Life Cycle data (GP CS 2.3.1 Table H-2), fields big-endian as on the card.
struct Cplc {
  uint16_t ic_fabricator = 0, ic_type = 0, os_id = 0, os_release_date = 0, os_release_level = 0;
  uint16_t ic_fabrication_date = 0;
  uint32_t ic_serial_number = 0;
  uint16_t ic_batch_identifier = 0, ic_module_fabricator = 0, ic_module_packaging_date = 0, icc_manufacturer = 0,
           ic_embedding_date = 0, ic_pre_personalizer = 0, ic_pre_perso_equipment_date = 0;
  uint32_t ic_pre_perso_equipment_id = 0;
  uint16_t ic_personalizer = 0, ic_personalization_date = 0;
  uint32_t ic_perso_equipment_id = 0;
};
// ParseCplc accepts the GET DATA response (9F7F 2A <42 bytes>) or the bare 42 bytes.
absl::StatusOr<Cplc> ParseCplc(ByteView data);
Bytes EncodeCplc(const Cplc& cplc);  // with the 9F7F 2A header

// KeyInformation is one C0 entry of the Key Information Template.
struct KeyInformation {
  uint8_t key_id = 0;
  uint8_t kvn = 0;
  struct Component {
    uint8_t type = 0;     // 88 AES, 80 DES, ...
    uint16_t length = 0;  // key length in bytes
  };
  std::vector<Component> components;
};
// ParseKeyInformationTemplate parses E0 { C0 Lv(id kvn (type len)+) ... }; the extended form (type FF xx, length
// 2 bytes) is accepted.
absl::StatusOr<std::vector<KeyInformation>> ParseKeyInformationTemplate(ByteView data);
absl::StatusOr<Bytes> EncodeKeyInformationTemplate(const std::vector<KeyInformation>& keys);

// CardData is the Card Recognition Data (66 { 73 { 06 OID, 60 {06}, 63 {06}, 64 {06}, 65 {06}, 66 {06} ... } }):
// each application tag with the OID inside it. `scp` / `scp_i` are decoded from 64 when present
// (OID 1.2.840.114283.4.<scp>.<i>).
struct CardData {
  struct Entry {
    uint32_t tag = 0;
    Bytes oid;  // contents of the 06 object
  };
  std::vector<Entry> entries;
  std::optional<uint8_t> scp;
  std::optional<uint8_t> scp_i;
};
absl::StatusOr<CardData> ParseCardData(ByteView data);

}  // namespace jpki::apdu::gp

#endif  // JPKICORE_APDU_GP_GET_DATA_H_
