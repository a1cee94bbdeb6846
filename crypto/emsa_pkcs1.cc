#include "crypto/emsa_pkcs1.h"

#include "base/error.h"

namespace jpki::crypto {

absl::StatusOr<Bytes> EncodeDigestInfo(HashAlgorithm hash, ByteView digest) {
  if (digest.size() != DigestSize(hash)) {
    return MakeError(ErrorCode::kInvalidArgument, "rsa",
                     "digest is " + std::to_string(digest.size()) + " bytes, " + std::string(HashName(hash)) +
                         " needs " + std::to_string(DigestSize(hash)));
  }
  Bytes out = ToBytes(DigestInfoPrefix(hash));
  Append(out, digest);
  return out;
}

absl::StatusOr<Bytes> EmsaPkcs1Encode(ByteView t, size_t em_len) {
  // RFC 8017 9.2 step 3: emLen >= tLen + 11 (two marker bytes, a zero separator and at least 8 bytes of FF).
  if (em_len < t.size() + 11) {
    return MakeError(ErrorCode::kInvalidArgument, "rsa", "intended encoded message length too short");
  }
  Bytes em(em_len, 0xff);
  em[0] = 0x00;
  em[1] = 0x01;
  const size_t separator = em_len - t.size() - 1;
  em[separator] = 0x00;
  std::copy(t.begin(), t.end(), em.begin() + static_cast<std::ptrdiff_t>(separator + 1));
  return em;
}

}  // namespace jpki::crypto
