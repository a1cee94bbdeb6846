#include "crypto/rsa_batch_verify.h"

#include <map>

#include "base/ct.h"
#include "base/error.h"
#include "crypto/emsa_pkcs1.h"
#include "crypto/emsa_pss.h"
#include "crypto/rsa_raw.h"
#include "crypto/signature_error.h"

namespace jpki::crypto {
namespace {

struct Pending {
  size_t index;
  Bytes digest;
  Bytes block;  // s^e mod n
};

// PublicOpGroup runs the public operation for items that share a modulus width. This is the seam for a multi-buffer
// kernel (several exponentiations interleaved in SIMD lanes); today it runs them one after another.
void PublicOpGroup(absl::Span<const RsaBatchVerifyItem> items, std::vector<Pending*>& group,
                   std::vector<absl::Status>& results) {
  for (Pending* p : group) {
    const RsaBatchVerifyItem& item = items[p->index];
    absl::StatusOr<Bytes> block = RsaPublicOp(*item.key, item.signature);
    if (!block.ok()) {
      results[p->index] = block.status();
    } else {
      p->block = std::move(*block);
    }
  }
}

absl::Status CheckEncoding(const RsaBatchVerifyItem& item, const Pending& p) {
  if (item.scheme == RsaSignatureScheme::kPkcs1v15) {
    absl::StatusOr<Bytes> digest_info = EncodeDigestInfo(item.hash, p.digest);
    if (!digest_info.ok()) return digest_info.status();
    absl::StatusOr<Bytes> expected = EmsaPkcs1Encode(*digest_info, item.key->modulus_bytes());
    if (!expected.ok()) return expected.status();
    if (ct::Equal(expected->data(), p.block.data(), expected->size()) == 0) return SignatureError();
    return absl::OkStatus();
  }
  const size_t em_bits = item.key->modulus_bits() - 1;
  const size_t em_len = (em_bits + 7) / 8;
  const size_t extra = p.block.size() - em_len;
  for (size_t i = 0; i < extra; ++i) {
    if (p.block[i] != 0) return SignatureError();
  }
  return EmsaPssVerify(item.pss.hash, item.pss.effective_mgf1_hash(), p.digest, ByteView(p.block).subspan(extra),
                       em_bits, item.pss.effective_salt_length().bytes(), item.key->min_pss_salt_length());
}

}  // namespace

std::vector<absl::Status> RsaBatchVerify(absl::Span<const RsaBatchVerifyItem> items,
                                         const RsaBatchVerifyOptions& options) {
  std::vector<absl::Status> results(items.size());
  std::vector<Pending> pending;
  pending.reserve(items.size());
  // Stage 1: validate and hash.
  for (size_t i = 0; i < items.size(); ++i) {
    const RsaBatchVerifyItem& item = items[i];
    if (item.key == nullptr) {
      results[i] = MakeError(ErrorCode::kInvalidArgument, "rsa", "batch item without a key");
      continue;
    }
    const absl::Status allowed = item.scheme == RsaSignatureScheme::kPss
                                     ? item.key->CheckPssAllowed(item.pss.hash, item.pss.effective_mgf1_hash(),
                                                                 item.pss.effective_salt_length().bytes())
                                     : item.key->CheckPkcs1Allowed();
    if (!allowed.ok()) {
      results[i] = allowed;
      continue;
    }
    const HashAlgorithm hash = item.scheme == RsaSignatureScheme::kPss ? ToHashAlgorithm(item.pss.hash) : item.hash;
    if (hash == HashAlgorithm::kSha1 && !options.allow_legacy_sha1) {
      results[i] =
          MakeError(ErrorCode::kPolicyViolation, "rsa", "SHA-1 signatures are refused without the legacy option");
      continue;
    }
    Pending p{i, {}, {}};
    if (item.input == SignedInput::kMessage) {
      absl::StatusOr<Bytes> digest = Hash(hash, item.data);
      if (!digest.ok()) {
        results[i] = digest.status();
        continue;
      }
      p.digest = std::move(*digest);
    } else {
      if (item.data.size() != DigestSize(hash)) {
        results[i] = MakeError(ErrorCode::kInvalidArgument, "rsa", "digest has the wrong size for the hash");
        continue;
      }
      p.digest = ToBytes(item.data);
    }
    pending.push_back(std::move(p));
  }
  // Stage 2: public operations, grouped by modulus width.
  std::map<size_t, std::vector<Pending*>> groups;
  for (Pending& p : pending) groups[items[p.index].key->modulus_bytes()].push_back(&p);
  for (auto& [width, group] : groups) PublicOpGroup(items, group, results);
  // Stage 3: encodings.
  for (const Pending& p : pending) {
    if (!results[p.index].ok()) continue;
    results[p.index] = CheckEncoding(items[p.index], p);
  }
  return results;
}

}  // namespace jpki::crypto
