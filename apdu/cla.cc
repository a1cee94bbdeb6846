#include "apdu/cla.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/error.h"

namespace jpki::apdu {

absl::StatusOr<ClassByte> DecodeCla(uint8_t cla) {
  if (cla == 0xFF) return MakeError(ErrorCode::kMalformedInput, "apdu", "CLA FF is invalid");
  ClassByte out;
  out.proprietary = (cla & 0x80) != 0;
  const uint8_t low = cla & 0x7F;
  if ((low & 0x60) == 0x00) {
    // First interindustry: 000c ssnn.
    out.chaining = (low & 0x10) != 0;
    switch ((low >> 2) & 0x03) {
      case 0:
        out.sm = SecureMessaging::kNone;
        break;
      case 1:
        out.sm = SecureMessaging::kProprietary;
        break;
      case 2:
        out.sm = SecureMessaging::kIsoHeaderNotAuthenticated;
        break;
      default:
        out.sm = SecureMessaging::kIsoHeaderAuthenticated;
        break;
    }
    out.channel = low & 0x03;
    return out;
  }
  if ((low & 0x40) != 0) {
    // Further interindustry: 01sc nnnn.
    out.sm = (low & 0x20) != 0 ? SecureMessaging::kIsoHeaderNotAuthenticated : SecureMessaging::kNone;
    out.chaining = (low & 0x10) != 0;
    out.channel = static_cast<uint8_t>(4 + (low & 0x0F));
    return out;
  }
  return MakeError(ErrorCode::kMalformedInput, "apdu", absl::StrFormat("CLA %02X is reserved", cla));
}

absl::StatusOr<uint8_t> EncodeCla(const ClassByte& cla) {
  if (cla.channel > kMaxLogicalChannel) {
    return MakeError(ErrorCode::kInvalidArgument, "apdu", absl::StrCat("logical channel ", cla.channel, " > 19"));
  }
  uint8_t out = cla.proprietary ? 0x80 : 0x00;
  if (cla.chaining) out |= kClaChainingBit;
  if (cla.channel <= 3) {
    uint8_t sm = 0;
    switch (cla.sm) {
      case SecureMessaging::kNone:
        sm = 0;
        break;
      case SecureMessaging::kProprietary:
        sm = 1;
        break;
      case SecureMessaging::kIsoHeaderNotAuthenticated:
        sm = 2;
        break;
      case SecureMessaging::kIsoHeaderAuthenticated:
        sm = 3;
        break;
    }
    return static_cast<uint8_t>(out | (sm << 2) | cla.channel);
  }
  out |= 0x40;
  if (cla.sm == SecureMessaging::kIsoHeaderNotAuthenticated) {
    out |= 0x20;
  } else if (cla.sm != SecureMessaging::kNone) {
    return MakeError(ErrorCode::kInvalidArgument, "apdu",
                     "channels 4..19 (further interindustry CLA) only code 'SM, header not processed'");
  }
  return static_cast<uint8_t>(out | (cla.channel - 4));
}

absl::StatusOr<uint8_t> WithLogicalChannel(uint8_t cla, uint8_t channel) {
  auto decoded = DecodeCla(cla);
  if (!decoded.ok()) return decoded.status();
  decoded->channel = channel;
  return EncodeCla(*decoded);
}

bool HasSecureMessaging(uint8_t cla) {
  auto decoded = DecodeCla(cla);
  return decoded.ok() && decoded->sm != SecureMessaging::kNone;
}

uint8_t LogicalChannelOf(uint8_t cla) {
  auto decoded = DecodeCla(cla);
  return decoded.ok() ? decoded->channel : 0;
}

}  // namespace jpki::apdu
