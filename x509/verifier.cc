#include "x509/verifier.h"

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "base/error.h"
#include "x509/verification_key.h"

namespace jpki::x509 {

VerifyResult VerifySignature(const VerifyRequest& request) {
  VerifyResult result;
  if (request.signer == nullptr || request.trust_store == nullptr) {
    result.detail = "a signer certificate and a trust store are required";
    return result;
  }
  if (request.message.has_value() == request.digest.has_value()) {
    result.detail = "give exactly one of message and digest";
    return result;
  }
  result.classification = Classify(*request.signer, request.classify);

  absl::StatusOr<std::shared_ptr<const VerificationKey>> key = VerificationKey::FromCertificate(*request.signer);
  if (!key.ok()) {
    result.code = GetErrorCode(key.status()) == ErrorCode::kPolicyViolation ? ValidationCode::kPolicy
                                                                            : ValidationCode::kMalformed;
    result.detail = std::string(key.status().message());
    return result;
  }
  const absl::Status signature =
      request.message ? (*key)->Verify(request.signature_algorithm, *request.message, request.signature)
                      : (*key)->VerifyDigest(request.signature_algorithm, *request.digest, request.signature);
  if (!signature.ok()) {
    result.code = GetErrorCode(signature) == ErrorCode::kBadSignature ? ValidationCode::kBadSignature
                                                                      : ValidationCode::kMalformed;
    result.detail =
        absl::StrCat("the signature does not verify with the key of ", request.signer->subject().ToString());
    return result;
  }

  ValidationOptions options = ValidationOptions::AtTime(request.time);
  options.purpose = request.purpose;
  ValidationResult validation =
      ValidatePath(*request.signer, request.intermediates, *request.trust_store, request.crls, options);
  result.code = validation.code;
  result.detail = std::move(validation.detail);
  result.path = std::move(validation.path);
  if (!result.ok()) return result;

  if (request.want_holder_attributes && result.classification.kind == JpkiKind::kSigning) {
    absl::StatusOr<HolderAttributes> holder = ExtractHolderAttributes(*request.signer);
    if (!holder.ok()) {
      result.code = ValidationCode::kMalformed;
      result.detail = std::string(holder.status().message());
      return result;
    }
    result.holder = *std::move(holder);
  }
  return result;
}

}  // namespace jpki::x509
