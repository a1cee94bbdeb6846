#include "x509/verification_key.h"

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "base/error.h"
#include "base/status_macros.h"
#include "crypto/emsa_pss.h"
#include "crypto/hash.h"
#include "crypto/signature_error.h"

namespace jpki::x509 {
namespace {

struct KeyCache {
  std::mutex mu;
  std::unordered_map<std::string, std::shared_ptr<const VerificationKey>> keys;
};

KeyCache& GetKeyCache() {
  static KeyCache* cache = new KeyCache;
  return *cache;
}

}  // namespace

absl::StatusOr<std::shared_ptr<const VerificationKey>> VerificationKey::FromCertificateCached(
    const Certificate& certificate, size_t min_bits) {
  const ByteView spki = certificate.spki_der();
  std::string key(reinterpret_cast<const char*>(spki.data()), spki.size());
  KeyCache& cache = GetKeyCache();
  {
    std::lock_guard<std::mutex> lock(cache.mu);
    auto it = cache.keys.find(key);
    // The size policy is re-checked on a hit: the cache may have been filled by a caller with a lower minimum.
    if (it != cache.keys.end() && it->second->modulus_bits() >= min_bits) return it->second;
  }
  JPKI_ASSIGN_OR_RETURN(std::shared_ptr<const VerificationKey> fresh, FromCertificate(certificate, min_bits));
  std::lock_guard<std::mutex> lock(cache.mu);
  if (cache.keys.size() >= kKeyCacheCapacity) cache.keys.clear();
  cache.keys.emplace(std::move(key), fresh);
  return fresh;
}

void VerificationKey::ClearCache() {
  KeyCache& cache = GetKeyCache();
  std::lock_guard<std::mutex> lock(cache.mu);
  cache.keys.clear();
}

absl::StatusOr<std::shared_ptr<const VerificationKey>> VerificationKey::FromCertificate(const Certificate& certificate,
                                                                                        size_t min_bits) {
  JPKI_ASSIGN_OR_RETURN(RsaPublicKeyInfo info, certificate.RsaPublicKey());
  if (info.bits < min_bits) {
    return MakeError(ErrorCode::kPolicyViolation, "x509",
                     absl::StrCat("RSA key of ", info.bits, " bits is below the minimum of ", min_bits));
  }
  if (info.bits % 8 != 0) {
    return MakeError(ErrorCode::kPolicyViolation, "x509",
                     absl::StrCat("RSA modulus of ", info.bits, " bits is not a whole number of bytes"));
  }
  absl::StatusOr<std::unique_ptr<crypto::RsaPublicPrimitive>> primitive =
      crypto::RsaPublicPrimitive::Create(info.modulus, info.exponent);
  if (!primitive.ok()) {
    return MakeError(ErrorCode::kMalformedInput, "x509",
                     absl::StrCat("unusable RSA public key: ", primitive.status().message()));
  }
  return std::shared_ptr<const VerificationKey>(new VerificationKey(*std::move(primitive)));
}

absl::Status VerificationKey::Verify(const SignatureAlgorithm& algorithm, ByteView signed_data,
                                     ByteView signature) const {
  if (algorithm.kind == SignatureAlgorithmKind::kUnknown) {
    return MakeError(ErrorCode::kUnsupported, "x509",
                     absl::StrCat("unsupported signature algorithm ", algorithm.Name()));
  }
  JPKI_ASSIGN_OR_RETURN(Bytes digest, crypto::Hash(crypto::ToHashAlgorithm(ToCryptoHash(algorithm.hash)), signed_data));
  return VerifyDigest(algorithm, digest, signature);
}

absl::Status VerificationKey::VerifyDigest(const SignatureAlgorithm& algorithm, ByteView digest,
                                           ByteView signature) const {
  if (algorithm.kind == SignatureAlgorithmKind::kUnknown) {
    return MakeError(ErrorCode::kUnsupported, "x509",
                     absl::StrCat("unsupported signature algorithm ", algorithm.Name()));
  }
  const size_t k = primitive_->modulus_bytes();
  // RFC 8017 8.2.2 step 1 / 8.1.2 step 1: the signature is exactly k octets.
  if (signature.size() != k) return crypto::SignatureError();
  Bytes em(k);
  if (!primitive_->Apply(signature, absl::MakeSpan(em)).ok()) return crypto::SignatureError();

  const crypto::SignatureHash hash = ToCryptoHash(algorithm.hash);
  if (digest.size() != crypto::DigestSize(hash)) return crypto::SignatureError();

  if (algorithm.kind == SignatureAlgorithmKind::kRsaPss) {
    const size_t em_bits = primitive_->modulus_bits() - 1;
    // EM for PSS is ceil(emBits/8) octets: one shorter than k when modBits - 1 is a multiple of 8, in which case the
    // leading octet of the RSAVP1 output must be zero (RFC 8017 8.1.2 step 2c, I2OSP to emLen).
    const size_t em_len = (em_bits + 7) / 8;
    ByteView em_view(em);
    if (em_len < k) {
      if (em[0] != 0) return crypto::SignatureError();
      em_view = em_view.subspan(k - em_len);
    }
    const absl::Status status = crypto::EmsaPssVerify(hash, ToCryptoHash(algorithm.pss.mgf1_hash), digest, em_view,
                                                      em_bits, static_cast<size_t>(algorithm.pss.salt_length));
    return status.ok() ? status : crypto::SignatureError();
  }

  // PKCS#1 v1.5: re-encode the expected block and compare, never parse the recovered one (BoringSSL's rule).
  // 00 01 FF..FF 00 || DigestInfo, with the DigestInfo prefix from crypto.
  const ByteView prefix = crypto::DigestInfoPrefix(crypto::ToHashAlgorithm(hash));
  const size_t t_len = prefix.size() + digest.size();
  if (k < t_len + 11) return crypto::SignatureError();
  bool ok = em[0] == 0x00 && em[1] == 0x01;
  const size_t ps_end = k - t_len - 1;
  for (size_t i = 2; i < ps_end; ++i) ok &= em[i] == 0xff;
  ok &= em[ps_end] == 0x00;
  ok &= Equal(ByteView(em).subspan(ps_end + 1, prefix.size()), prefix);
  ok &= Equal(ByteView(em).subspan(ps_end + 1 + prefix.size()), digest);
  return ok ? absl::OkStatus() : crypto::SignatureError();
}

}  // namespace jpki::x509
