#include "x509/signed_data.h"

#include <memory>

#include "base/error.h"
#include "base/status_macros.h"
#include "crypto/hash.h"
#include "crypto/rsa_key.h"
#include "crypto/rsa_pss.h"
#include "crypto/signer.h"

namespace jpki::x509 {
namespace {

crypto::SignatureHash ToCrypto(HashAlgorithm hash) {
  switch (hash) {
    case HashAlgorithm::kSha384:
      return crypto::SignatureHash::kSha384;
    case HashAlgorithm::kSha512:
      return crypto::SignatureHash::kSha512;
    case HashAlgorithm::kSha256:
      break;
  }
  return crypto::SignatureHash::kSha256;
}

}  // namespace

absl::Status VerifySignedData(const SignatureAlgorithm& algorithm, ByteView spki, ByteView signed_data,
                              ByteView signature) {
  if (algorithm.kind == SignatureAlgorithmKind::kUnknown) {
    return MakeError(ErrorCode::kUnsupported, "x509", "unsupported signature algorithm " + algorithm.Name());
  }
  JPKI_ASSIGN_OR_RETURN(crypto::RsaPublicKey key, crypto::RsaPublicKey::ParseSpkiDer(spki));
  std::unique_ptr<crypto::Verifier> verifier;
  if (algorithm.kind == SignatureAlgorithmKind::kRsaPss) {
    JPKI_ASSIGN_OR_RETURN(crypto::RsaPssParameters params, crypto::RsaPssParameters::Builder()
                                                               .SetHash(ToCrypto(algorithm.pss.hash))
                                                               .SetMgf1Hash(ToCrypto(algorithm.pss.mgf1_hash))
                                                               .SetSaltLength(algorithm.pss.salt_length)
                                                               .Build());
    JPKI_ASSIGN_OR_RETURN(verifier, crypto::NewRsaPssVerifier(key, params));
  } else {
    JPKI_ASSIGN_OR_RETURN(verifier, crypto::NewRsaPkcs1Verifier(key, ToCrypto(algorithm.hash)));
  }
  return verifier->Verify(signature, signed_data);
}

}  // namespace jpki::x509
