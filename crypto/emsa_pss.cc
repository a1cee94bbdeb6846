#include "crypto/emsa_pss.h"

#include "base/ct.h"
#include "base/error.h"
#include "base/status_macros.h"
#include "crypto/signature_error.h"

namespace jpki::crypto {

absl::StatusOr<Bytes> Mgf1(SignatureHash hash, ByteView seed, size_t length) {
  const size_t h_len = DigestSize(hash);
  // RFC 8017 B.2.1 step 1: maskLen <= 2^32 hLen; our callers ask for at most a modulus length.
  if (length > (size_t{1} << 20)) return MakeError(ErrorCode::kInvalidArgument, "rsa", "MGF1 mask too long");
  Bytes out;
  out.reserve(length + h_len);
  JPKI_ASSIGN_OR_RETURN(Hasher hasher, Hasher::New(ToHashAlgorithm(hash)));
  for (uint32_t counter = 0; out.size() < length; ++counter) {
    const uint8_t c[4] = {static_cast<uint8_t>(counter >> 24), static_cast<uint8_t>(counter >> 16),
                          static_cast<uint8_t>(counter >> 8), static_cast<uint8_t>(counter)};
    JPKI_RETURN_IF_ERROR(hasher.Update(seed));
    JPKI_RETURN_IF_ERROR(hasher.Update(c));
    JPKI_ASSIGN_OR_RETURN(Bytes block, hasher.Finish());
    Append(out, block);
  }
  out.resize(length);
  return out;
}

namespace {

// HashMPrime computes H(0x00 * 8 || m_hash || salt), RFC 8017 9.1.1 steps 5-6.
absl::StatusOr<Bytes> HashMPrime(SignatureHash hash, ByteView m_hash, ByteView salt) {
  static constexpr uint8_t kZeros[8] = {0};
  JPKI_ASSIGN_OR_RETURN(Hasher hasher, Hasher::New(ToHashAlgorithm(hash)));
  JPKI_RETURN_IF_ERROR(hasher.Update(kZeros));
  JPKI_RETURN_IF_ERROR(hasher.Update(m_hash));
  JPKI_RETURN_IF_ERROR(hasher.Update(salt));
  return hasher.Finish();
}

}  // namespace

absl::StatusOr<Bytes> EmsaPssEncode(SignatureHash hash, SignatureHash mgf1_hash, ByteView m_hash, ByteView salt,
                                    size_t em_bits) {
  const size_t h_len = DigestSize(hash);
  const size_t em_len = (em_bits + 7) / 8;
  if (m_hash.size() != h_len) return MakeError(ErrorCode::kInvalidArgument, "rsa", "PSS: wrong message hash size");
  if (em_bits == 0 || em_len < h_len + salt.size() + 2) {
    return MakeError(ErrorCode::kInvalidArgument, "rsa", "PSS: salt too long for this modulus");
  }
  JPKI_ASSIGN_OR_RETURN(Bytes h, HashMPrime(hash, m_hash, salt));
  // DB = PS || 0x01 || salt, masked with MGF1(H).
  const size_t db_len = em_len - h_len - 1;
  JPKI_ASSIGN_OR_RETURN(Bytes em, Mgf1(mgf1_hash, h, db_len));
  em[db_len - salt.size() - 1] ^= 0x01;
  for (size_t i = 0; i < salt.size(); ++i) em[db_len - salt.size() + i] ^= salt[i];
  // Clear the leftmost 8*emLen - emBits bits so that EM < 2^emBits.
  em[0] &= static_cast<uint8_t>(0xff >> (8 * em_len - em_bits));
  Append(em, h);
  em.push_back(0xbc);
  return em;
}

absl::Status EmsaPssVerify(SignatureHash hash, SignatureHash mgf1_hash, ByteView m_hash, ByteView em, size_t em_bits,
                           std::optional<size_t> salt_length, size_t min_salt_length) {
  const size_t h_len = DigestSize(hash);
  const size_t em_len = (em_bits + 7) / 8;
  if (m_hash.size() != h_len) return MakeError(ErrorCode::kInvalidArgument, "rsa", "PSS: wrong message hash size");
  // RFC 8017 9.1.2 steps 3-6: sizes, the trailer byte 0xbc, and the unused top bits of maskedDB.
  if (em.size() != em_len || em_len < h_len + salt_length.value_or(0) + 2) return SignatureError();
  if (em[em_len - 1] != 0xbc) return SignatureError();
  const uint8_t top_mask = static_cast<uint8_t>(0xff << (8 - (8 * em_len - em_bits)));
  if ((8 * em_len - em_bits) != 0 && (em[0] & top_mask) != 0) return SignatureError();
  const size_t db_len = em_len - h_len - 1;
  const ByteView masked_db = em.subspan(0, db_len);
  const ByteView h = em.subspan(db_len, h_len);
  // Steps 7-9: DB = maskedDB xor MGF1(H), top bits cleared.
  JPKI_ASSIGN_OR_RETURN(Bytes db, Mgf1(mgf1_hash, h, db_len));
  for (size_t i = 0; i < db_len; ++i) db[i] ^= masked_db[i];
  db[0] &= static_cast<uint8_t>(0xff >> (8 * em_len - em_bits));
  // Step 10: PS (zeros) then 0x01. With a fixed salt length its position is known; "auto" takes the first non-zero.
  size_t one_at = 0;
  if (salt_length.has_value()) {
    one_at = db_len - *salt_length - 1;
    for (size_t i = 0; i < one_at; ++i) {
      if (db[i] != 0) return SignatureError();
    }
  } else {
    while (one_at < db_len && db[one_at] == 0) ++one_at;
    if (one_at == db_len || db_len - one_at - 1 < min_salt_length) return SignatureError();
  }
  if (db[one_at] != 0x01) return SignatureError();
  // Steps 11-14: H' over the recovered salt, compared with H.
  const ByteView salt = ByteView(db).subspan(one_at + 1);
  JPKI_ASSIGN_OR_RETURN(Bytes h_prime, HashMPrime(hash, m_hash, salt));
  if (ct::Equal(h_prime.data(), h.data(), h_len) == 0) return SignatureError();
  return absl::OkStatus();
}

}  // namespace jpki::crypto
