#include "apdu/gp/key_diversifier.h"

#include <algorithm>
#include <array>
#include <utility>

#include "base/ct.h"
#include "base/error.h"
#include "base/status_macros.h"
#include "crypto/cmac.h"

namespace jpki::apdu::gp {
namespace {
constexpr char kModule[] = "scp03";
}  // namespace

absl::StatusOr<Scp03Keys> KeyDiversifier::DiversifyKeySet(const SecretBytes& master, ByteView kdd, uint8_t kvn) const {
  JPKI_ASSIGN_OR_RETURN(SecretBytes enc, Diversify(master, KeyPurpose::kEnc, kdd));
  JPKI_ASSIGN_OR_RETURN(SecretBytes mac, Diversify(master, KeyPurpose::kMac, kdd));
  JPKI_ASSIGN_OR_RETURN(SecretBytes dek, Diversify(master, KeyPurpose::kDek, kdd));
  return Scp03Keys::Create(kvn, std::move(enc), std::move(mac), std::move(dek));
}

absl::StatusOr<SecretBytes> Kdf3Diversifier::Diversify(const SecretBytes& master, KeyPurpose purpose,
                                                       ByteView kdd) const {
  if (kdd.size() != 10) return MakeError(ErrorCode::kInvalidArgument, kModule, "KDF3 needs a 10-byte KDD");
  JPKI_ASSIGN_OR_RETURN(crypto::Cmac prf, crypto::Cmac::Create(master));
  std::array<uint8_t, 16> input{};
  input[4] = static_cast<uint8_t>(purpose);
  std::copy(kdd.begin(), kdd.end(), input.begin() + 6);
  SecretBytes out(master.size());
  size_t done = 0;
  for (uint8_t counter = 1; done < out.size(); ++counter) {
    input[0] = counter;
    JPKI_ASSIGN_OR_RETURN(crypto::AesBlock block, prf.Mac(input));
    const size_t take = std::min(out.size() - done, block.size());
    std::copy(block.begin(), block.begin() + take, out.data() + done);
    ct::SecureZero(block.data(), block.size());
    done += take;
  }
  return out;
}

absl::StatusOr<SecretBytes> NoDiversifier::Diversify(const SecretBytes& master, KeyPurpose, ByteView) const {
  if (master.size() != 16 && master.size() != 24 && master.size() != 32) {
    return MakeError(ErrorCode::kInvalidArgument, kModule, "master key must be 16, 24 or 32 bytes");
  }
  return master.Clone();
}

}  // namespace jpki::apdu::gp
