#include "apdu/gp/key_check_value.h"

#include "base/status_macros.h"
#include "crypto/aes.h"

namespace jpki::apdu::gp {
namespace {

absl::StatusOr<Bytes> Kcv(const SecretBytes& key, uint8_t fill) {
  JPKI_ASSIGN_OR_RETURN(crypto::Aes aes, crypto::Aes::Create(key));
  crypto::AesBlock block;
  block.fill(fill);
  JPKI_ASSIGN_OR_RETURN(crypto::AesBlock out, aes.EncryptBlock(block));
  return Bytes(out.begin(), out.begin() + kKcvSize);
}

}  // namespace

absl::StatusOr<Bytes> AesKeyCheckValue(const SecretBytes& key) { return Kcv(key, 0x01); }
absl::StatusOr<Bytes> AesKeyCheckValueZeros(const SecretBytes& key) { return Kcv(key, 0x00); }

}  // namespace jpki::apdu::gp
