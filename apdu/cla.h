#ifndef JPKICORE_APDU_CLA_H_
#define JPKICORE_APDU_CLA_H_

// The class byte (ISO/IEC 7816-4 §5.4.1): logical channel, secure-messaging indication and command chaining.
//
//   first interindustry   000x xxxx : b5 chaining, b4-b3 SM, b2-b1 channel 0..3
//   further interindustry 01xx xxxx : b6 SM (header not processed), b5 chaining, b4-b1 channel 4..19 (minus 4)
// GlobalPlatform (Card Spec 2.3.1 §11.1.4) codes its proprietary class bytes the same way with b8 set
// (80-83 / 84-87 first, C0-CF / E0-EF further), so a CLA with b8 set is decoded as "proprietary" with the same
// fields. CLA FF is invalid (ISO reserves it for PPS).

#include <cstdint>

#include "absl/status/statusor.h"

namespace jpki::apdu {

inline constexpr uint8_t kClaChainingBit = 0x10;
inline constexpr uint8_t kMaxLogicalChannel = 19;

// SecureMessaging is the SM indication of the class byte.
enum class SecureMessaging {
  kNone,
  kProprietary,                // first interindustry b4-b3 = 01 (GP SCP uses 84)
  kIsoHeaderNotAuthenticated,  // first b4-b3 = 10, or further b6 = 1 (GP E0-EF)
  kIsoHeaderAuthenticated,     // first b4-b3 = 11
};

// ClassByte is the decoded class byte.
struct ClassByte {
  bool proprietary = false;  // b8 set (GlobalPlatform / JPKI 80 commands)
  uint8_t channel = 0;       // 0..19
  SecureMessaging sm = SecureMessaging::kNone;
  bool chaining = false;  // "not the last command of a chain"

  friend bool operator==(const ClassByte& a, const ClassByte& b) {
    return a.proprietary == b.proprietary && a.channel == b.channel && a.sm == b.sm && a.chaining == b.chaining;
  }
};

// DecodeCla decodes `cla`. Fails (kMalformedInput) for FF and for 20-3F / A0-BF (reserved for future use).
absl::StatusOr<ClassByte> DecodeCla(uint8_t cla);

// EncodeCla builds a class byte: channels 0..3 in the first interindustry coding, 4..19 in the further one. Fails
// (kInvalidArgument) for channel > 19, or for kProprietary / kIsoHeaderAuthenticated on channels 4..19 (the further
// coding has a single SM bit).
absl::StatusOr<uint8_t> EncodeCla(const ClassByte& cla);

// WithLogicalChannel re-codes `cla` for `channel`, keeping its other fields; errors as DecodeCla / EncodeCla.
absl::StatusOr<uint8_t> WithLogicalChannel(uint8_t cla, uint8_t channel);

// WithChaining sets or clears the command-chaining bit (b5, the same position in both codings).
inline uint8_t WithChaining(uint8_t cla, bool chaining) {
  return chaining ? static_cast<uint8_t>(cla | kClaChainingBit) : static_cast<uint8_t>(cla & ~kClaChainingBit);
}

// HasSecureMessaging is true when `cla` decodes to an SM indication other than kNone.
bool HasSecureMessaging(uint8_t cla);

// LogicalChannelOf returns the channel of `cla`, 0 when undecodable.
uint8_t LogicalChannelOf(uint8_t cla);

}  // namespace jpki::apdu

#endif  // JPKICORE_APDU_CLA_H_
