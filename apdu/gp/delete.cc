#include "apdu/gp/delete.h"

#include <string>

#include "apdu/ber_tlv.h"
#include "apdu/gp/internal/command_util.h"
#include "apdu/gp/registry_types.h"
#include "base/status_macros.h"

namespace jpki::apdu::gp {

using internal::Invalid;
using internal::Malformed;

absl::StatusOr<CommandApdu> BuildDeleteObject(ByteView aid, bool related_objects, ByteView token) {
  JPKI_RETURN_IF_ERROR(CheckAid(aid, "DELETE: AID"));
  BerTlvBuilder b;
  b.Add(0x4F, aid);
  if (!token.empty()) b.Add(0x9E, token);
  JPKI_ASSIGN_OR_RETURN(Bytes data, b.Finish());
  return CommandApdu{0x80, kInsDelete, 0x00, static_cast<uint8_t>(related_objects ? 0x80 : 0x00), std::move(data), 256};
}

absl::StatusOr<CommandApdu> BuildDeleteKey(std::optional<uint8_t> key_id, std::optional<uint8_t> kvn) {
  if (!key_id && !kvn) return Invalid("DELETE: a key id or a key version number is needed");
  Bytes data;
  if (key_id) data.insert(data.end(), {0xD0, 0x01, *key_id});
  if (kvn) data.insert(data.end(), {0xD2, 0x01, *kvn});
  return CommandApdu{0x80, kInsDelete, 0x00, 0x00, std::move(data), 256};
}

absl::StatusOr<DeleteCommand> ParseDelete(const CommandApdu& c) {
  JPKI_RETURN_IF_ERROR(internal::CheckCommand(c, kInsDelete, "DELETE"));
  if (c.p1 != 0x00) return Malformed("DELETE: P1 must be 00");
  if (c.p2 != 0x00 && c.p2 != 0x80) return Malformed("DELETE: P2 must be 00 or 80");
  DeleteCommand out;
  out.related_objects = c.p2 == 0x80;
  BerTlvReader reader(c.data);
  bool have_aid = false;
  while (!reader.AtEnd()) {
    JPKI_ASSIGN_OR_RETURN(TlvView tlv, reader.Next());
    const std::string at = " at offset " + std::to_string(tlv.offset);
    if (tlv.tag == 0x4F && !have_aid) {
      if (tlv.value.size() < 5 || tlv.value.size() > 16) return Malformed("DELETE: AID must be 5..16 bytes" + at);
      out.aid = ToBytes(tlv.value);
      have_aid = true;
    } else if ((tlv.tag == 0xD0 && !out.key_id) || (tlv.tag == 0xD2 && !out.kvn)) {
      if (tlv.value.size() != 1) return Malformed("DELETE: key reference must be 1 byte" + at);
      (tlv.tag == 0xD0 ? out.key_id : out.kvn) = tlv.value[0];
    } else if (tlv.tag == 0x9E && out.token.empty()) {
      out.token = ToBytes(tlv.value);
    } else {
      return Malformed("DELETE: unexpected or repeated object" + at);
    }
  }
  if (have_aid == (out.key_id || out.kvn)) return Malformed("DELETE: need either an AID or key references");
  return out;
}

}  // namespace jpki::apdu::gp
