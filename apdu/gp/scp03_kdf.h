#ifndef JPKICORE_APDU_GP_SCP03_KDF_H_
#define JPKICORE_APDU_GP_SCP03_KDF_H_

// The SCP03 key derivation (Amendment D §6.2.1): NIST SP 800-108 KDF in counter mode with AES-CMAC as PRF and an
// 8-bit counter placed after the fixed label part:
//   derivation data = 00 x 11 || constant (1) || 00 || L (2, bits, big-endian) || i (1, from 01) || context
// and what SCP03 derives with it: session keys, card and host cryptograms, the pseudo-random card challenge.

#include <cstddef>
#include <cstdint>

#include "absl/status/statusor.h"
#include "apdu/gp/scp03_types.h"
#include "base/bytes.h"
#include "base/secret_bytes.h"
#include "crypto/cmac.h"

namespace jpki::apdu::gp {

// Derivation constants of Amendment D table 6-1.
enum class Scp03Constant : uint8_t {
  kCardCryptogram = 0x00,
  kHostCryptogram = 0x01,
  kCardChallenge = 0x02,
  kSEnc = 0x04,
  kSMac = 0x06,
  kSRMac = 0x07,
};

// Scp03Kdf derives `out_bits` bits (a multiple of 8, 8..512) from `prf` with `constant` and `context` (0..1024 bytes).
absl::StatusOr<SecretBytes> Scp03Kdf(const crypto::Cmac& prf, Scp03Constant constant, size_t out_bits,
                                     ByteView context);

// Scp03SessionKeys are the three session keys, each as long as the static keys.
struct Scp03SessionKeys {
  SecretBytes s_enc;
  SecretBytes s_mac;
  SecretBytes s_rmac;
};

// DeriveSessionKeys: S-ENC from the static ENC key, S-MAC and S-RMAC from the static MAC key, all with context
// host challenge || card challenge (8 + 8 in S8, 16 + 16 in S16). kInvalidArgument for bad key or challenge sizes.
absl::StatusOr<Scp03SessionKeys> DeriveSessionKeys(const Scp03Keys& keys, ByteView host_challenge,
                                                   ByteView card_challenge);

// CardCryptogram / HostCryptogram: the KDF with S-MAC over host challenge || card challenge, 64 bits (S8) or
// 128 bits (S16); the mode follows from the challenge length.
absl::StatusOr<Bytes> CardCryptogram(const crypto::Cmac& s_mac, ByteView host_challenge, ByteView card_challenge);
absl::StatusOr<Bytes> HostCryptogram(const crypto::Cmac& s_mac, ByteView host_challenge, ByteView card_challenge);

// PseudoRandomCardChallenge: the KDF with the static ENC key over sequence counter (3 bytes) || invoking Security
// Domain AID, 64 bits (S8) or 128 bits (S16).
absl::StatusOr<Bytes> PseudoRandomCardChallenge(const SecretBytes& static_enc, ByteView sequence_counter,
                                                ByteView sd_aid, Scp03Mode mode);

}  // namespace jpki::apdu::gp

#endif  // JPKICORE_APDU_GP_SCP03_KDF_H_
