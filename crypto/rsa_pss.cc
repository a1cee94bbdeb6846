#include "crypto/rsa_pss.h"

#include "base/error.h"
#include "base/status_macros.h"
#include "crypto/emsa_pss.h"
#include "crypto/rsa_raw.h"
#include "crypto/signature_error.h"

namespace jpki::crypto {

absl::StatusOr<Bytes> RsaPssSignDigest(const RsaPrivateKey& key, const PssOptions& options, ByteView digest,
                                       RandomSource& salt_rng) {
  const PssSaltLength salt_length = options.effective_salt_length();
  if (salt_length.is_auto()) {
    return MakeError(ErrorCode::kInvalidArgument, "rsa", "PSS signing needs a fixed salt length, not auto");
  }
  JPKI_RETURN_IF_ERROR(
      key.public_key().CheckPssAllowed(options.hash, options.effective_mgf1_hash(), salt_length.bytes()));
  // Bound the salt before allocating it: it must fit emLen - hLen - 2 (checked precisely by the encoder).
  if (*salt_length.bytes() > key.modulus_bytes()) {
    return MakeError(ErrorCode::kInvalidArgument, "rsa", "PSS salt longer than the modulus");
  }
  Bytes salt(*salt_length.bytes());
  JPKI_RETURN_IF_ERROR(salt_rng.Fill(absl::MakeSpan(salt)));
  // emBits = modBits - 1 (RFC 8017 8.1.1 step 1); when modBits - 1 is a multiple of 8 the EM is one byte shorter than
  // the modulus and the integer gets a leading zero byte.
  const size_t em_bits = key.modulus_bits() - 1;
  JPKI_ASSIGN_OR_RETURN(Bytes em, EmsaPssEncode(options.hash, options.effective_mgf1_hash(), digest, salt, em_bits));
  Bytes block(key.modulus_bytes() - em.size(), 0);
  Append(block, em);
  return RsaPrivateOp(key, block);
}

absl::StatusOr<Bytes> RsaPssSign(const RsaPrivateKey& key, const PssOptions& options, ByteView message,
                                 RandomSource& salt_rng) {
  JPKI_ASSIGN_OR_RETURN(Bytes digest, Hash(ToHashAlgorithm(options.hash), message));
  return RsaPssSignDigest(key, options, digest, salt_rng);
}

absl::Status RsaPssVerifyDigest(const RsaPublicKey& key, const PssOptions& options, ByteView digest,
                                ByteView signature) {
  if (digest.size() != DigestSize(options.hash)) {
    return MakeError(ErrorCode::kInvalidArgument, "rsa", "PSS: digest has the wrong size for the hash");
  }
  JPKI_RETURN_IF_ERROR(
      key.CheckPssAllowed(options.hash, options.effective_mgf1_hash(), options.effective_salt_length().bytes()));
  JPKI_ASSIGN_OR_RETURN(Bytes block, RsaPublicOp(key, signature));
  const size_t em_bits = key.modulus_bits() - 1;
  const size_t em_len = (em_bits + 7) / 8;
  // RFC 8017 8.1.2 step 2c: EM = I2OSP(m, emLen); a leading byte beyond emLen must be zero.
  const size_t extra = block.size() - em_len;
  for (size_t i = 0; i < extra; ++i) {
    if (block[i] != 0) return SignatureError();
  }
  return EmsaPssVerify(options.hash, options.effective_mgf1_hash(), digest, ByteView(block).subspan(extra), em_bits,
                       options.effective_salt_length().bytes(), key.min_pss_salt_length());
}

absl::Status RsaPssVerify(const RsaPublicKey& key, const PssOptions& options, ByteView message, ByteView signature) {
  JPKI_ASSIGN_OR_RETURN(Bytes digest, Hash(ToHashAlgorithm(options.hash), message));
  return RsaPssVerifyDigest(key, options, digest, signature);
}

}  // namespace jpki::crypto
