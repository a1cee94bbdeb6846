#include "sim/verifier/verifier.h"

#include <utility>

#include "base/error.h"
#include "base/status_macros.h"
#include "x509/path_validator.h"
#include "x509/validation_code.h"
#include "x509/verifier.h"

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
  // x509's verifier-facing call: the signature under the leaf's key first, then path validation for the purpose
  // (with revocation from the CRLs), classification through our profile table, and the holder attributes.
  x509::VerifyRequest request;
  request.message = message;
  request.signature = signature;
  request.signer = &*certificate;
  request.intermediates = intermediates_;
  request.trust_store = &trust_store_;
  request.crls = crls_;
  request.time = clock_.NowUnix();
  request.purpose = signing ? x509::Purpose::kSigning : x509::Purpose::kAuthentication;
  request.classify.table = &profile_;
  request.want_holder_attributes = signing;
  x509::VerifyResult result = x509::VerifySignature(request);
  verdict.classification = result.classification;
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
  verdict.holder = std::move(result.holder);
  verdict.ok = true;
  verdict.code = "ok";
  verdict.detail = result.path.revocation_checked ? "chain valid, revocation checked" : "chain valid";
  return verdict;
}

}  // namespace jpki::sim::verifier
