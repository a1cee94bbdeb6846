#ifndef JPKICORE_APDU_GP_KEY_DIVERSIFIER_H_
#define JPKICORE_APDU_GP_KEY_DIVERSIFIER_H_

// Key diversification: a card's static SCP03 keys derived from an issuer master key and the card's key
// diversification data (KDD, the first 10 bytes of the INITIALIZE UPDATE response). GlobalPlatform leaves the
// scheme to the issuer, so it is pluggable: a TSM picks a KeyDiversifier per card family.

#include <cstdint>
#include <memory>

#include "absl/status/statusor.h"
#include "apdu/gp/scp03_types.h"
#include "base/bytes.h"
#include "base/secret_bytes.h"

namespace jpki::apdu::gp {

// KeyPurpose names which of the three static keys is derived.
enum class KeyPurpose : uint8_t { kEnc = 1, kMac = 2, kDek = 3 };

class KeyDiversifier {
 public:
  virtual ~KeyDiversifier() = default;
  // Diversify derives one key of `master`'s length for `purpose` from `kdd`.
  virtual absl::StatusOr<SecretBytes> Diversify(const SecretBytes& master, KeyPurpose purpose, ByteView kdd) const = 0;

  // DiversifyKeySet derives ENC, MAC and DEK from one master key (the common case) with key version `kvn`.
  absl::StatusOr<Scp03Keys> DiversifyKeySet(const SecretBytes& master, ByteView kdd, uint8_t kvn) const;
};

// Kdf3Diversifier is the "KDF3" scheme of GlobalPlatformPro (a vendor scheme, not part of Amendment D): NIST SP
// 800-108 counter mode with AES-CMAC, the 1-byte counter first:
//   block i = CMAC(master, i || 00 00 00 || purpose || 00 || KDD(10)),  key = block 1 || block 2 .. (master length)
// It needs a 10-byte KDD.
class Kdf3Diversifier : public KeyDiversifier {
 public:
  absl::StatusOr<SecretBytes> Diversify(const SecretBytes& master, KeyPurpose purpose, ByteView kdd) const override;
};

// NoDiversifier returns the master key itself (cards personalised with one key set, as in test decks).
class NoDiversifier : public KeyDiversifier {
 public:
  absl::StatusOr<SecretBytes> Diversify(const SecretBytes& master, KeyPurpose purpose, ByteView kdd) const override;
};

}  // namespace jpki::apdu::gp

#endif  // JPKICORE_APDU_GP_KEY_DIVERSIFIER_H_
