#include "crypto/rsa_raw.h"

#include "base/ct.h"
#include "base/error.h"
#include "crypto/signature_error.h"

namespace jpki::crypto {

absl::StatusOr<Bytes> RsaPublicOp(const RsaPublicKey& key, ByteView signature) {
  const size_t k = key.modulus_bytes();
  if (signature.size() != k) return SignatureError();
  Bytes out(k);
  if (!key.primitive().Apply(signature, absl::MakeSpan(out)).ok()) return SignatureError();
  return out;
}

absl::StatusOr<Bytes> RsaPrivateOp(const RsaPrivateKey& key, ByteView em) {
  const size_t k = key.modulus_bytes();
  if (em.size() != k) return MakeError(ErrorCode::kInvalidArgument, "rsa", "encoded message is not modulus-sized");
  Bytes out(k);
  const absl::Status status = key.primitive().Apply(em, absl::MakeSpan(out), SystemRandom());
  if (!status.ok()) {
    ct::SecureZero(out.data(), out.size());
    return status;
  }
  return out;
}

}  // namespace jpki::crypto
