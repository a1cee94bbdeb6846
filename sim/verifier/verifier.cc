#include "sim/verifier/verifier.h"

#include <utility>

#include "base/error.h"
#include "base/status_macros.h"
#include "crypto/hash.h"
#include "crypto/rsa_key.h"
#include "crypto/rsa_pkcs1.h"
#include "x509/path_validator.h"
#include "x509/validation_code.h"

namespace jpki::sim::verifier {

absl::StatusOr<std::unique_ptr<Verifier>> Verifier::Create(const std::vector<x509::Certificate>& roots,
                                                           const std::vector<x509::Certificate>& intermediates,
                                                           std::string_view profile_rows, const Clock& clock) {
  std::unique_ptr<Verifier> verifier(new Verifier(clock));
  for (const x509::Certificate& root : roots) {
    JPKI_RETURN_IF_ERROR(verifier->trust_store_.Add(root, "jpkicore simulation J-LIS root"));
  }
  verifier->intermediates_ = intermediates;
  verifier->profile_ = x509::ProfileTable::BuiltIn();
  if (!profile_rows.empty()) JPKI_RETURN_IF_ERROR(verifier->profile_.AddEntries(profile_rows));
  return verifier;
}

absl::StatusOr<Bytes> Verifier::NewChallenge(crypto::RandomSource& rng) {
  Bytes challenge(32);
  JPKI_RETURN_IF_ERROR(rng.Fill(absl::MakeSpan(challenge)));
  return challenge;
}

Verdict Verifier::VerifyLogin(ByteView challenge, ByteView signature, ByteView certificate_der) const {
  return Verify(challenge, signature, certificate_der, false);
}

Verdict Verifier::VerifyDocument(ByteView document, ByteView signature, ByteView certificate_der) const {
  return Verify(document, signature, certificate_der, true);
}

Verdict Verifier::Verify(ByteView message, ByteView signature, ByteView certificate_der, bool signing) const {
  Verdict verdict;
  auto certificate = x509::Certificate::ParseView(certificate_der);
  if (!certificate.ok()) {
    verdict.code = "malformed";
    verdict.detail = std::string(certificate.status().message());
    return verdict;
  }
  verdict.subject = certificate->subject().ToString();
  // The signature first: a certificate proves nothing about a signature that does not verify under its key.
  auto key = crypto::RsaPublicKey::ParseSpkiDer(certificate->spki_der());
  if (!key.ok() || !crypto::RsaPkcs1Verify(*key, crypto::HashAlgorithm::kSha256, message, signature).ok()) {
    verdict.code = "bad_signature";
    verdict.detail = "the signature does not verify under the certificate's key";
    return verdict;
  }
  x509::ValidationOptions options;
  options.time = clock_.NowUnix();
  options.purpose = signing ? x509::Purpose::kSigning : x509::Purpose::kAuthentication;
  const x509::ValidationResult result = x509::ValidatePath(*certificate, intermediates_, trust_store_, crls_, options);
  x509::ClassifyOptions classify;
  classify.table = &profile_;
  verdict.classification = x509::Classify(*certificate, classify);
  if (!result.ok()) {
    verdict.code = std::string(x509::ValidationCodeName(result.code));
    verdict.detail = result.detail;
    return verdict;
  }
  const x509::JpkiKind expected = signing ? x509::JpkiKind::kSigning : x509::JpkiKind::kAuthentication;
  if (verdict.classification.kind != expected) {
    verdict.code = "policy";
    verdict.detail = "not a JPKI " + std::string(x509::JpkiKindName(expected)) + " certificate";
    return verdict;
  }
  if (signing) {
    auto holder = x509::ExtractHolderAttributes(*certificate);
    if (!holder.ok()) {
      verdict.code = "malformed";
      verdict.detail = std::string(holder.status().message());
      return verdict;
    }
    verdict.holder = std::move(*holder);
  }
  verdict.ok = true;
  verdict.code = "ok";
  verdict.detail = result.path.revocation_checked ? "chain valid, revocation checked" : "chain valid";
  return verdict;
}

}  // namespace jpki::sim::verifier
