#ifndef JPKICORE_SIM_TSM_GP_COMMANDS_H_
#define JPKICORE_SIM_TSM_GP_COMMANDS_H_

// Host-side builders of the GlobalPlatform card content management commands the TSMs send (GP Card Specification
// 2.3.1 section 11, byte layouts as in shared/notes/domain-research.md 4.1). They live here because apdu/gp did not
// offer them when the TSMs were written; they are deliberately minimal (only what the TSMs send) and should give
// way to apdu/gp builders when those exist.

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "apdu/command_apdu.h"
#include "apdu/gp/scp03_types.h"
#include "base/bytes.h"

namespace jpki::sim::tsm {

// INSTALL [for load]: Lv(ELF AID) Lv(SD AID) Lv(hash of the load file data block) Lv() Lv().
absl::StatusOr<apdu::CommandApdu> InstallForLoad(ByteView load_file_aid, ByteView sd_aid, ByteView block_hash);
// LOAD: the load file `C4 Lv(block)` split into commands of at most `block_size` bytes, numbered from 0, the last
// with P1 = 80.
absl::StatusOr<std::vector<apdu::CommandApdu>> LoadCommands(ByteView load_file_data_block, size_t block_size);
// INSTALL [for install and make selectable] (P1 0C) or [for install] (P1 04): Lv(ELF) Lv(module) Lv(instance)
// Lv(privileges, 3 bytes) Lv(C9 Lv(application parameters)) Lv().
absl::StatusOr<apdu::CommandApdu> InstallForInstall(ByteView load_file_aid, ByteView module_aid, ByteView instance_aid,
                                                    uint32_t privileges, ByteView application_parameters,
                                                    bool make_selectable);
// INSTALL [for personalization]: 00 00 Lv(AID) 00 00 00.
absl::StatusOr<apdu::CommandApdu> InstallForPersonalization(ByteView aid);
// STORE DATA block `block_number` (P1 b8 set on the last block; b5-b4 = 10: BER-TLV data).
apdu::CommandApdu StoreData(ByteView data, uint8_t block_number, bool last, bool expect_response);
// PUT KEY of a whole AES key set (ENC, MAC, DEK) with key version `new_kvn`, each key encrypted under `dek`
// (AES-CBC, zero IV) with its key check value; P1 = 00 (a new key set), P2 = 81 (key 1, several keys).
absl::StatusOr<apdu::CommandApdu> PutKeySet(const apdu::gp::Scp03Keys& new_keys, const SecretBytes& dek);
// DELETE of an object (P2 80: with related objects).
absl::StatusOr<apdu::CommandApdu> Delete(ByteView aid, bool related);
// GET STATUS for `p1` (80 ISD, 40 applications and SDs, 20 load files, 10 load files and modules), TLV format.
apdu::CommandApdu GetStatus(uint8_t p1);

}  // namespace jpki::sim::tsm

#endif  // JPKICORE_SIM_TSM_GP_COMMANDS_H_
