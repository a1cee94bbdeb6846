#include "apdu/gp/select.h"

#include "apdu/ber_tlv.h"
#include "apdu/gp/internal/command_util.h"
#include "apdu/gp/registry_types.h"
#include "base/status_macros.h"

namespace jpki::apdu::gp {

using internal::Malformed;

absl::StatusOr<CommandApdu> BuildSelect(ByteView aid, bool next_occurrence) {
  if (!aid.empty()) JPKI_RETURN_IF_ERROR(CheckAid(aid, "SELECT: AID"));
  return CommandApdu{0x00, kInsSelect, 0x04, static_cast<uint8_t>(next_occurrence ? 0x02 : 0x00), ToBytes(aid), 256};
}

absl::StatusOr<SelectCommand> ParseSelect(const CommandApdu& c) {
  if (c.ins != kInsSelect) return Malformed("not SELECT");
  if ((c.cla & 0x80) != 0) return Malformed("SELECT: CLA must be interindustry");
  if (c.p1 != 0x04) return Malformed("SELECT: only selection by AID (P1 04) is supported");
  if (c.p2 != 0x00 && c.p2 != 0x02) return Malformed("SELECT: P2 must be 00 or 02");
  if (!c.data.empty() && (c.data.size() < 5 || c.data.size() > 16)) return Malformed("SELECT: AID must be 5..16 bytes");
  return SelectCommand{c.data, c.p2 == 0x02};
}

absl::StatusOr<Fci> ParseFci(ByteView data) {
  JPKI_ASSIGN_OR_RETURN(TlvView fci, ParseOneTlv(data));
  if (fci.tag != 0x6F) return Malformed("FCI: expected tag 6F at offset 0");
  BerTlvReader reader(fci.value, {}, fci.value_offset(), 2);
  Fci out;
  bool have_aid = false;
  while (!reader.AtEnd()) {
    JPKI_ASSIGN_OR_RETURN(TlvView tlv, reader.Next());
    if (tlv.tag == 0x84 && !have_aid) {
      out.aid = ToBytes(tlv.value);
      have_aid = true;
    } else if (tlv.tag == 0xA5) {
      out.proprietary = ToBytes(tlv.value);
    }
  }
  if (!have_aid) return Malformed("FCI: no AID (84)");
  return out;
}

absl::StatusOr<Bytes> EncodeFci(const Fci& fci) {
  BerTlvBuilder b;
  b.Open(0x6F).Add(0x84, fci.aid);
  if (!fci.proprietary.empty()) b.Add(0xA5, fci.proprietary);
  b.Close();
  return b.Finish();
}

}  // namespace jpki::apdu::gp
