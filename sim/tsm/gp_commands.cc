#include "sim/tsm/gp_commands.h"

#include "apdu/ber_tlv.h"
#include "apdu/gp/key_check_value.h"
#include "base/error.h"
#include "base/status_macros.h"
#include "crypto/aes.h"

namespace jpki::sim::tsm {
namespace {

constexpr uint8_t kClaGp = 0x80;

absl::Status AppendLv(Bytes& out, ByteView value) {
  if (value.size() > 255) return MakeError(ErrorCode::kInvalidArgument, "sim", "INSTALL field longer than 255");
  out.push_back(static_cast<uint8_t>(value.size()));
  Append(out, value);
  return absl::OkStatus();
}

apdu::CommandApdu Gp(uint8_t ins, uint8_t p1, uint8_t p2, Bytes data, bool expect_response = false) {
  apdu::CommandApdu command{kClaGp, ins, p1, p2, std::move(data), std::nullopt};
  if (expect_response) command.ne = 256;
  return command;
}

}  // namespace

absl::StatusOr<apdu::CommandApdu> InstallForLoad(ByteView load_file_aid, ByteView sd_aid, ByteView block_hash) {
  Bytes data;
  JPKI_RETURN_IF_ERROR(AppendLv(data, load_file_aid));
  JPKI_RETURN_IF_ERROR(AppendLv(data, sd_aid));
  JPKI_RETURN_IF_ERROR(AppendLv(data, block_hash));
  data.push_back(0x00);  // load parameters
  data.push_back(0x00);  // load token
  return Gp(0xE6, 0x02, 0x00, std::move(data), true);
}

absl::StatusOr<std::vector<apdu::CommandApdu>> LoadCommands(ByteView load_file_data_block, size_t block_size) {
  if (block_size == 0 || block_size > 255) {
    return MakeError(ErrorCode::kInvalidArgument, "sim", "LOAD block size must be 1..255");
  }
  JPKI_ASSIGN_OR_RETURN(Bytes file, apdu::EncodeTlv(0xC4, load_file_data_block));
  std::vector<apdu::CommandApdu> commands;
  for (size_t offset = 0, block = 0; offset < file.size(); offset += block_size, ++block) {
    if (block > 255) return MakeError(ErrorCode::kResourceLimit, "sim", "load file needs more than 256 blocks");
    const size_t n = std::min(block_size, file.size() - offset);
    const bool last = offset + n == file.size();
    commands.push_back(Gp(0xE8, last ? 0x80 : 0x00, static_cast<uint8_t>(block),
                          Bytes(file.begin() + offset, file.begin() + offset + n), true));
  }
  return commands;
}

absl::StatusOr<apdu::CommandApdu> InstallForInstall(ByteView load_file_aid, ByteView module_aid, ByteView instance_aid,
                                                    uint32_t privileges, ByteView application_parameters,
                                                    bool make_selectable) {
  Bytes data;
  JPKI_RETURN_IF_ERROR(AppendLv(data, load_file_aid));
  JPKI_RETURN_IF_ERROR(AppendLv(data, module_aid));
  JPKI_RETURN_IF_ERROR(AppendLv(data, instance_aid));
  const uint8_t privilege_bytes[3] = {static_cast<uint8_t>(privileges >> 16), static_cast<uint8_t>(privileges >> 8),
                                      static_cast<uint8_t>(privileges)};
  JPKI_RETURN_IF_ERROR(AppendLv(data, privilege_bytes));
  JPKI_ASSIGN_OR_RETURN(Bytes c9, apdu::EncodeTlv(0xC9, application_parameters));
  JPKI_RETURN_IF_ERROR(AppendLv(data, c9));
  data.push_back(0x00);  // install token
  return Gp(0xE6, make_selectable ? 0x0C : 0x04, 0x00, std::move(data), true);
}

absl::StatusOr<apdu::CommandApdu> InstallForPersonalization(ByteView aid) {
  Bytes data = {0x00, 0x00};
  JPKI_RETURN_IF_ERROR(AppendLv(data, aid));
  data.insert(data.end(), {0x00, 0x00, 0x00});
  return Gp(0xE6, 0x20, 0x00, std::move(data), true);
}

apdu::CommandApdu StoreData(ByteView data, uint8_t block_number, bool last, bool expect_response) {
  apdu::CommandApdu command =
      Gp(0xE2, static_cast<uint8_t>((last ? 0x80 : 0x00) | 0x10), block_number, ToBytes(data), false);
  if (expect_response) command.ne = 65536;  // a generated public key does not fit a short response
  return command;
}

absl::StatusOr<apdu::CommandApdu> PutKeySet(const apdu::gp::Scp03Keys& new_keys, const SecretBytes& dek) {
  JPKI_ASSIGN_OR_RETURN(crypto::Aes aes, crypto::Aes::Create(dek));
  Bytes data = {new_keys.kvn};
  const Bytes zero_iv(16, 0);
  for (const SecretBytes* key : {&new_keys.enc, &new_keys.mac, &new_keys.dek}) {
    JPKI_ASSIGN_OR_RETURN(Bytes encrypted, aes.CbcEncrypt(zero_iv, key->view()));
    JPKI_ASSIGN_OR_RETURN(Bytes kcv, apdu::gp::AesKeyCheckValue(*key));
    data.push_back(0x88);  // AES
    data.push_back(static_cast<uint8_t>(1 + encrypted.size()));
    data.push_back(static_cast<uint8_t>(key->size()));
    Append(data, encrypted);
    data.push_back(static_cast<uint8_t>(kcv.size()));
    Append(data, kcv);
  }
  return Gp(0xD8, 0x00, 0x81, std::move(data), true);
}

absl::StatusOr<apdu::CommandApdu> Delete(ByteView aid, bool related) {
  JPKI_ASSIGN_OR_RETURN(Bytes data, apdu::EncodeTlv(0x4F, aid));
  return Gp(0xE4, 0x00, related ? 0x80 : 0x00, std::move(data), true);
}

apdu::CommandApdu GetStatus(uint8_t p1) { return Gp(0xF2, p1, 0x02, Bytes{0x4F, 0x00}, true); }

}  // namespace jpki::sim::tsm
