#include "x509/signature_algorithm.h"

#include <optional>
#include <string>
#include <utility>

#include "asn1/der_reader.h"
#include "asn1/der_writer.h"
#include "asn1/oid.h"
#include "base/error.h"
#include "base/status_macros.h"
#include "crypto/pss_params.h"
#include "x509/internal/parse_util.h"
#include "x509/oids.h"

namespace jpki::x509 {
namespace {

using asn1::DerReader;
using internal::Cat;
using internal::Malformed;

// FromCryptoHash maps the hashes a certificate may use (SHA-256/384/512) from crypto's wider set.
std::optional<HashAlgorithm> FromCryptoHash(crypto::HashAlgorithm hash) {
  switch (hash) {
    case crypto::HashAlgorithm::kSha256:
      return HashAlgorithm::kSha256;
    case crypto::HashAlgorithm::kSha384:
      return HashAlgorithm::kSha384;
    case crypto::HashAlgorithm::kSha512:
      return HashAlgorithm::kSha512;
    default:
      return std::nullopt;
  }
}

// ParsePssParameters decodes RSASSA-PSS-params with crypto's parser (NULL required in the hash identifiers) and
// narrows them to what certificates here may use: explicit SHA-256/384/512 for the hash and for MGF1.
absl::Status ParsePssParameters(asn1::Element params, PssParameters& pss) {
  if (params.tag != asn1::kSequence)
    return Malformed("signature algorithm: PSS parameters not a SEQUENCE", params.offset);
  crypto::PssParamsParseOptions options;
  options.require_null_hash_parameters = true;
  absl::StatusOr<crypto::PssParams> parsed = crypto::ParsePssParams(params.raw, params.offset, options);
  if (!parsed.ok()) {
    // Re-labelled as this module's malformed input.
    return MakeError(ErrorCode::kMalformedInput, "x509",
                     Cat("signature algorithm: ", MessageAfterModule(parsed.status(), "rsa")));
  }
  const std::optional<HashAlgorithm> hash = FromCryptoHash(parsed->hash);
  const std::optional<HashAlgorithm> mgf1_hash = FromCryptoHash(parsed->mgf1_hash);
  if (!hash.has_value() || !mgf1_hash.has_value()) {
    return Malformed(Cat("signature algorithm: PSS with ", crypto::HashName(parsed->hash), " and MGF1-",
                         crypto::HashName(parsed->mgf1_hash), " (SHA-256/384/512 required)"),
                     params.offset);
  }
  pss.hash = *hash;
  pss.mgf1_hash = *mgf1_hash;
  pss.salt_length = static_cast<uint32_t>(parsed->salt_length);
  return absl::OkStatus();
}

}  // namespace

std::string_view HashAlgorithmName(HashAlgorithm hash) {
  switch (hash) {
    case HashAlgorithm::kSha256:
      return "sha256";
    case HashAlgorithm::kSha384:
      return "sha384";
    case HashAlgorithm::kSha512:
      return "sha512";
  }
  return "unknown";
}

size_t HashLength(HashAlgorithm hash) {
  switch (hash) {
    case HashAlgorithm::kSha256:
      return 32;
    case HashAlgorithm::kSha384:
      return 48;
    case HashAlgorithm::kSha512:
      return 64;
  }
  return 0;
}

crypto::SignatureHash ToCryptoHash(HashAlgorithm hash) {
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

SignatureAlgorithm DetachedSignatureAlgorithm(const SignatureAlgorithm& algorithm) {
  SignatureAlgorithm detached;
  detached.kind = algorithm.kind;
  detached.hash = algorithm.hash;
  detached.pss = algorithm.pss;
  return detached;
}

std::string SignatureAlgorithm::Name() const {
  switch (kind) {
    case SignatureAlgorithmKind::kRsaPkcs1Sha256:
      return "sha256WithRSAEncryption";
    case SignatureAlgorithmKind::kRsaPkcs1Sha384:
      return "sha384WithRSAEncryption";
    case SignatureAlgorithmKind::kRsaPkcs1Sha512:
      return "sha512WithRSAEncryption";
    case SignatureAlgorithmKind::kRsaPss:
      return "rsassaPss";
    case SignatureAlgorithmKind::kUnknown:
      break;
  }
  return oid::Display(oid);
}

SignatureAlgorithm SignatureAlgorithm::RsaPkcs1(HashAlgorithm hash) {
  SignatureAlgorithm a;
  a.hash = hash;
  switch (hash) {
    case HashAlgorithm::kSha256:
      a.kind = SignatureAlgorithmKind::kRsaPkcs1Sha256;
      a.oid = oid::kSha256WithRsa;
      break;
    case HashAlgorithm::kSha384:
      a.kind = SignatureAlgorithmKind::kRsaPkcs1Sha384;
      a.oid = oid::kSha384WithRsa;
      break;
    case HashAlgorithm::kSha512:
      a.kind = SignatureAlgorithmKind::kRsaPkcs1Sha512;
      a.oid = oid::kSha512WithRsa;
      break;
  }
  static constexpr uint8_t kNull[] = {0x05, 0x00};
  a.parameters = kNull;
  return a;
}

SignatureAlgorithm SignatureAlgorithm::RsaPss(HashAlgorithm hash, uint32_t salt_length) {
  SignatureAlgorithm a;
  a.kind = SignatureAlgorithmKind::kRsaPss;
  a.hash = hash;
  a.pss = PssParameters{hash, hash, salt_length};
  a.oid = oid::kRsaSsaPss;
  return a;
}

absl::StatusOr<SignatureAlgorithm> ParseSignatureAlgorithm(ByteView der, const SignatureAlgorithmParseOptions& options,
                                                           size_t base_offset) {
  SignatureAlgorithm a;
  a.der = der;
  DerReader outer(der, base_offset, 0);
  // AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY DEFINED BY algorithm OPTIONAL }
  JPKI_ASSIGN_OR_RETURN(DerReader seq, outer.ReadSequence());
  JPKI_RETURN_IF_ERROR(outer.ExpectEnd());
  JPKI_ASSIGN_OR_RETURN(asn1::Oid id, seq.ReadOid());
  a.oid = id.der();
  const size_t params_offset = seq.offset();
  std::optional<asn1::Element> params;
  if (!seq.empty()) {
    JPKI_ASSIGN_OR_RETURN(asn1::Element e, seq.ReadAnyElement());
    params = e;
    a.parameters = e.raw;
  }
  JPKI_RETURN_IF_ERROR(seq.ExpectEnd());

  auto pkcs1 = [&](SignatureAlgorithmKind kind, HashAlgorithm hash) -> absl::Status {
    a.kind = kind;
    a.hash = hash;
    if (!params.has_value()) {
      if (options.allow_missing_rsa_null_parameters) return absl::OkStatus();
      return Malformed("signature algorithm: RSA parameters absent (NULL required)", params_offset);
    }
    if (params->tag != asn1::kNull || !params->contents.empty()) {
      return Malformed("signature algorithm: RSA parameters are not NULL", params_offset);
    }
    return absl::OkStatus();
  };
  if (Equal(a.oid, oid::kSha256WithRsa)) {
    JPKI_RETURN_IF_ERROR(pkcs1(SignatureAlgorithmKind::kRsaPkcs1Sha256, HashAlgorithm::kSha256));
  } else if (Equal(a.oid, oid::kSha384WithRsa)) {
    JPKI_RETURN_IF_ERROR(pkcs1(SignatureAlgorithmKind::kRsaPkcs1Sha384, HashAlgorithm::kSha384));
  } else if (Equal(a.oid, oid::kSha512WithRsa)) {
    JPKI_RETURN_IF_ERROR(pkcs1(SignatureAlgorithmKind::kRsaPkcs1Sha512, HashAlgorithm::kSha512));
  } else if (Equal(a.oid, oid::kRsaSsaPss)) {
    a.kind = SignatureAlgorithmKind::kRsaPss;
    if (!params.has_value()) return Malformed("signature algorithm: PSS parameters absent", params_offset);
    JPKI_RETURN_IF_ERROR(ParsePssParameters(*params, a.pss));
    a.hash = a.pss.hash;
  } else {
    a.kind = SignatureAlgorithmKind::kUnknown;
  }
  return a;
}

Bytes EncodeSignatureAlgorithm(const SignatureAlgorithm& algorithm) {
  if (algorithm.kind == SignatureAlgorithmKind::kUnknown) return ToBytes(algorithm.der);
  asn1::DerWriter w;
  w.AddSequence([&](asn1::DerWriter& seq) {
    if (algorithm.kind == SignatureAlgorithmKind::kRsaPss) {
      seq.AddPrimitive(asn1::kObjectIdentifier, oid::kRsaSsaPss);
      crypto::PssParams params;
      params.hash = crypto::ToHashAlgorithm(ToCryptoHash(algorithm.pss.hash));
      params.mgf1_hash = crypto::ToHashAlgorithm(ToCryptoHash(algorithm.pss.mgf1_hash));
      params.salt_length = algorithm.pss.salt_length;
      seq.AddRaw(crypto::EncodePssParams(params));
      return;
    }
    const HashAlgorithm hash = algorithm.kind == SignatureAlgorithmKind::kRsaPkcs1Sha384   ? HashAlgorithm::kSha384
                               : algorithm.kind == SignatureAlgorithmKind::kRsaPkcs1Sha512 ? HashAlgorithm::kSha512
                                                                                           : HashAlgorithm::kSha256;
    const SignatureAlgorithm canonical = SignatureAlgorithm::RsaPkcs1(hash);
    seq.AddPrimitive(asn1::kObjectIdentifier, canonical.oid);
    // Absent parameters survive only from a lenient parse (allow_missing_rsa_null_parameters).
    if (!(algorithm.parameters.empty() && !algorithm.der.empty())) seq.AddNull();
  });
  absl::StatusOr<Bytes> out = w.Finish();
  return out.ok() ? *std::move(out) : Bytes();
}

}  // namespace jpki::x509
