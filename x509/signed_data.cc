#include "x509/signed_data.h"

#include <memory>

#include "base/error.h"
#include "base/status_macros.h"
#include "crypto/hash.h"
#include "crypto/rsa_key.h"
#include "crypto/rsa_pss.h"
#include "crypto/signer.h"

namespace jpki::x509 {

absl::Status VerifySignedData(const SignatureAlgorithm& algorithm, ByteView spki, ByteView signed_data,
                              ByteView signature) {
  if (algorithm.kind == SignatureAlgorithmKind::kUnknown) {
    return MakeError(ErrorCode::kUnsupported, "x509", "unsupported signature algorithm " + algorithm.Name());
  }
  JPKI_ASSIGN_OR_RETURN(crypto::RsaPublicKey key, crypto::RsaPublicKey::ParseSpkiDer(spki));
  std::unique_ptr<crypto::Verifier> verifier;
  if (algorithm.kind == SignatureAlgorithmKind::kRsaPss) {
    JPKI_ASSIGN_OR_RETURN(crypto::RsaPssParameters params, crypto::RsaPssParameters::Builder()
                                                               .SetHash(ToCryptoHash(algorithm.pss.hash))
                                                               .SetMgf1Hash(ToCryptoHash(algorithm.pss.mgf1_hash))
                                                               .SetSaltLength(algorithm.pss.salt_length)
                                                               .Build());
    JPKI_ASSIGN_OR_RETURN(verifier, crypto::NewRsaPssVerifier(key, params));
  } else {
    JPKI_ASSIGN_OR_RETURN(verifier, crypto::NewRsaPkcs1Verifier(key, ToCryptoHash(algorithm.hash)));
  }
  return verifier->Verify(signature, signed_data);
}

}  // namespace jpki::x509
