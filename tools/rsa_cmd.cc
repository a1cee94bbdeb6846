// `jpki rsa keygen|pub|sign|verify` (shared/spec/cli.md, section rsa).
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "asn1/der_reader.h"
#include "base/error.h"
#include "base/status_macros.h"
#include "crypto/hash.h"
#include "crypto/pem.h"
#include "crypto/rsa_key.h"
#include "crypto/rsa_pkcs1.h"
#include "crypto/rsa_pss.h"
#include "tools/cli.h"

namespace jpki::cli {
namespace {

using crypto::HashAlgorithm;
using crypto::KeyPolicy;
using crypto::RsaPrivateKey;
using crypto::RsaPublicKey;

// SpkiFromCertificate returns the raw SubjectPublicKeyInfo of a certificate (until the x509 module provides its
// parser). Certificate ::= SEQUENCE { tbsCertificate TBSCertificate, ... }; TBSCertificate ::= SEQUENCE {
// version [0] EXPLICIT DEFAULT v1, serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo, ... }.
absl::StatusOr<ByteView> SpkiFromCertificate(ByteView der) {
  asn1::DerReader input(der);
  JPKI_ASSIGN_OR_RETURN(asn1::DerReader cert, input.ReadSequence());
  JPKI_RETURN_IF_ERROR(input.ExpectEnd());
  JPKI_ASSIGN_OR_RETURN(asn1::DerReader tbs, cert.ReadSequence());
  JPKI_ASSIGN_OR_RETURN(std::optional<asn1::DerReader> version,
                        tbs.ReadOptionalElement(asn1::Tag::ContextSpecific(0, true)));
  (void)version;
  JPKI_RETURN_IF_ERROR(tbs.SkipElement(asn1::kInteger));   // serialNumber
  JPKI_RETURN_IF_ERROR(tbs.SkipElement(asn1::kSequence));  // signature AlgorithmIdentifier
  JPKI_RETURN_IF_ERROR(tbs.SkipElement(asn1::kSequence));  // issuer Name
  JPKI_RETURN_IF_ERROR(tbs.SkipElement(asn1::kSequence));  // validity
  JPKI_RETURN_IF_ERROR(tbs.SkipElement(asn1::kSequence));  // subject Name
  return tbs.ReadRawElement(asn1::kSequence);              // subjectPublicKeyInfo
}

bool IsCertificatePem(ByteView data) {
  if (!crypto::LooksLikePem(data)) return false;
  auto block = crypto::PemDecode(data);
  return block.ok() && block->label == "CERTIFICATE";
}

// LoadPublicKey accepts SPKI / PKCS#1 (PEM or DER) or a certificate (PEM or DER).
absl::StatusOr<RsaPublicKey> LoadPublicKey(ByteView data, const KeyPolicy& policy) {
  if (IsCertificatePem(data)) {
    JPKI_ASSIGN_OR_RETURN(crypto::PemBlock block, crypto::PemDecode(data));
    JPKI_ASSIGN_OR_RETURN(ByteView spki, SpkiFromCertificate(block.body.view()));
    return RsaPublicKey::ParseSpkiDer(spki, policy);
  }
  absl::StatusOr<RsaPublicKey> key = RsaPublicKey::Parse(data, policy);
  if (key.ok() || crypto::LooksLikePem(data)) return key;
  // DER that is not a key may be a certificate; if it is not one either, report the key error.
  absl::StatusOr<ByteView> spki = SpkiFromCertificate(data);
  if (!spki.ok()) return key.status();
  return RsaPublicKey::ParseSpkiDer(*spki, policy);
}

absl::StatusOr<crypto::SignatureHash> ParseSignHash(const Args& args) {
  const std::string name = args.Get("hash").value_or("sha256");
  const std::optional<HashAlgorithm> hash = crypto::HashFromName(name);
  if (!hash.has_value()) return MakeError(ErrorCode::kInvalidArgument, "usage", "unknown hash '" + name + "'");
  // The CLI contract (spec/cli.md) signs with these three only; SHA-1 gets its own reason.
  switch (*hash) {
    case HashAlgorithm::kSha256:
    case HashAlgorithm::kSha384:
    case HashAlgorithm::kSha512:
      return *crypto::ToSignatureHash(*hash);
    case HashAlgorithm::kSha1:
      return MakeError(ErrorCode::kPolicyViolation, "usage",
                       "SHA-1 signatures are not made; use sha256, sha384 or sha512");
    default:
      return MakeError(ErrorCode::kInvalidArgument, "usage",
                       "jpki rsa sign takes --hash sha256, sha384 or sha512, not '" + name + "'");
  }
}

// ParseSalt reads --salt: a byte count, or "auto" when `allow_auto`.
absl::StatusOr<std::optional<crypto::PssSaltLength>> ParseSalt(const Args& args, bool allow_auto) {
  const std::optional<std::string> salt = args.Get("salt");
  if (!salt.has_value()) return std::optional<crypto::PssSaltLength>();
  if (!args.Has("pss")) return MakeError(ErrorCode::kInvalidArgument, "usage", "--salt needs --pss");
  if (*salt == "auto") {
    if (!allow_auto) return MakeError(ErrorCode::kInvalidArgument, "usage", "--salt auto is for verify only");
    return std::optional<crypto::PssSaltLength>(crypto::PssSaltLength::Auto());
  }
  if (salt->empty() || salt->size() > 5 || salt->find_first_not_of("0123456789") != std::string::npos) {
    return MakeError(ErrorCode::kInvalidArgument, "usage", "--salt takes a byte count or 'auto'");
  }
  return std::optional<crypto::PssSaltLength>(crypto::PssSaltLength::Fixed(std::stoul(*salt)));
}

absl::StatusOr<std::string> RequiredFlag(const Args& args, const std::string& name) {
  std::optional<std::string> value = args.Get(name);
  if (!value.has_value()) return MakeError(ErrorCode::kInvalidArgument, "usage", "--" + name + " is required");
  return *value;
}

// ---- keygen ------------------------------------------------------------------------------------------------

int RunKeygen(const std::vector<std::string>& argv, Io& io) {
  auto args = Args::Parse(argv, {"bits", "e", "out"}, {});
  if (!args.ok()) return StatusError(io, args.status());
  if (!args->positional().empty()) return UsageError(io, "unexpected argument '" + args->positional()[0] + "'");
  auto out = RequiredFlag(*args, "out");
  if (!out.ok()) return StatusError(io, out.status());
  const std::string bits_text = args->Get("bits").value_or("");
  if (bits_text != "2048" && bits_text != "3072" && bits_text != "4096") {
    return UsageError(io, "--bits must be 2048, 3072 or 4096");
  }
  const std::string e_text = args->Get("e").value_or("65537");
  if (e_text.empty() || e_text.size() > 10 || e_text.find_first_not_of("0123456789") != std::string::npos) {
    return UsageError(io, "--e must be a decimal public exponent");
  }
  auto key = RsaPrivateKey::Generate(std::stoul(bits_text), std::stoull(e_text));
  if (!key.ok()) return StatusError(io, key.status());
  const SecretBytes pem = key->Pkcs8Pem();
  const absl::Status written = WriteOutput(*out, pem.view(), io);
  if (!written.ok()) return StatusError(io, written);
  return kExitOk;
}

// ---- pub -----------------------------------------------------------------------------------------------------

int RunPub(const std::vector<std::string>& argv, Io& io) {
  auto args = Args::Parse(argv, {"key", "out"}, {});
  if (!args.ok()) return StatusError(io, args.status());
  if (!args->positional().empty()) return UsageError(io, "unexpected argument '" + args->positional()[0] + "'");
  auto key_path = RequiredFlag(*args, "key");
  if (!key_path.ok()) return StatusError(io, key_path.status());
  auto out = RequiredFlag(*args, "out");
  if (!out.ok()) return StatusError(io, out.status());
  auto key_bytes = ReadInput(*key_path, io);
  if (!key_bytes.ok()) return StatusError(io, key_bytes.status());
  const SecretBytes secret_bytes(*key_bytes);
  std::fill(key_bytes->begin(), key_bytes->end(), 0);
  auto key = RsaPrivateKey::Parse(secret_bytes.view());
  if (!key.ok()) return StatusError(io, key.status());
  const std::string pem = key->public_key().SpkiPem();
  const absl::Status written = WriteOutput(*out, AsBytes(pem), io);
  if (!written.ok()) return StatusError(io, written);
  return kExitOk;
}

// ---- sign ----------------------------------------------------------------------------------------------------

int RunSign(const std::vector<std::string>& argv, Io& io) {
  auto args = Args::Parse(argv, {"key", "in", "out", "hash", "salt", "digest-info"}, {"pss"});
  if (!args.ok()) return StatusError(io, args.status());
  if (!args->positional().empty()) return UsageError(io, "unexpected argument '" + args->positional()[0] + "'");
  auto key_path = RequiredFlag(*args, "key");
  if (!key_path.ok()) return StatusError(io, key_path.status());
  auto out = RequiredFlag(*args, "out");
  if (!out.ok()) return StatusError(io, out.status());
  const bool digest_info_mode = args->Has("digest-info");
  if (digest_info_mode == args->Has("in")) return UsageError(io, "give exactly one of --in and --digest-info");
  if (digest_info_mode && (args->Has("pss") || args->Has("hash") || args->Has("salt"))) {
    return UsageError(io, "--digest-info signs PKCS#1 v1.5 with the DigestInfo's own hash; drop --pss/--hash/--salt");
  }
  auto hash = ParseSignHash(*args);
  if (!hash.ok()) return StatusError(io, hash.status());
  auto salt = ParseSalt(*args, /*allow_auto=*/false);
  if (!salt.ok()) return StatusError(io, salt.status());

  auto key_bytes = ReadInput(*key_path, io);
  if (!key_bytes.ok()) return StatusError(io, key_bytes.status());
  const SecretBytes secret_bytes(*key_bytes);
  std::fill(key_bytes->begin(), key_bytes->end(), 0);
  auto key = RsaPrivateKey::Parse(secret_bytes.view());
  if (!key.ok()) return StatusError(io, key.status());

  absl::StatusOr<Bytes> signature;
  if (digest_info_mode) {
    auto digest_info = ReadInput(*args->Get("digest-info"), io);
    if (!digest_info.ok()) return StatusError(io, digest_info.status());
    signature = crypto::RsaPkcs1SignDigestInfo(*key, *digest_info);
  } else {
    auto message = ReadInput(*args->Get("in"), io);
    if (!message.ok()) return StatusError(io, message.status());
    if (args->Has("pss")) {
      crypto::PssOptions options;
      options.hash = *hash;
      options.salt_length = *salt;
      signature = crypto::RsaPssSign(*key, options, *message);
    } else {
      signature = crypto::RsaPkcs1Sign(*key, *hash, *message);
    }
  }
  if (!signature.ok()) return StatusError(io, signature.status());
  const absl::Status written = WriteOutput(*out, *signature, io);
  if (!written.ok()) return StatusError(io, written);
  return kExitOk;
}

// ---- verify --------------------------------------------------------------------------------------------------

int RunVerify(const std::vector<std::string>& argv, Io& io) {
  auto args = Args::Parse(argv, {"pub", "in", "sig", "hash", "salt"}, {"pss", "legacy"});
  if (!args.ok()) return StatusError(io, args.status());
  if (!args->positional().empty()) return UsageError(io, "unexpected argument '" + args->positional()[0] + "'");
  for (const char* flag : {"pub", "in", "sig"}) {
    if (!args->Has(flag)) return UsageError(io, std::string("--") + flag + " is required");
  }
  const std::string hash_name = args->Get("hash").value_or("sha256");
  const std::optional<HashAlgorithm> hash = crypto::HashFromName(hash_name);
  if (!hash.has_value()) return UsageError(io, "unknown hash '" + hash_name + "'");
  const bool legacy = args->Has("legacy");
  if (*hash == HashAlgorithm::kSha1 && (!legacy || args->Has("pss"))) {
    return UsageError(io, "SHA-1 is verified only for PKCS#1 v1.5 and only with --legacy");
  }
  auto salt = ParseSalt(*args, /*allow_auto=*/true);
  if (!salt.ok()) return StatusError(io, salt.status());

  auto pub_bytes = ReadInput(*args->Get("pub"), io);
  if (!pub_bytes.ok()) return StatusError(io, pub_bytes.status());
  const KeyPolicy policy = legacy ? KeyPolicy::LegacyVerify() : KeyPolicy::Default();
  auto key = LoadPublicKey(*pub_bytes, policy);
  if (!key.ok()) {
    // A well-formed key that the policy refuses is a failed check (1); anything else is malformed input (2).
    if (GetErrorCode(key.status()) == ErrorCode::kPolicyViolation)
      return Invalid(io, std::string(key.status().message()));
    return StatusError(io, key.status());
  }
  auto message = ReadInput(*args->Get("in"), io);
  if (!message.ok()) return StatusError(io, message.status());
  auto signature = ReadInput(*args->Get("sig"), io);
  if (!signature.ok()) return StatusError(io, signature.status());

  absl::Status status;
  if (args->Has("pss")) {
    crypto::PssOptions options;
    options.hash = *crypto::ToSignatureHash(*hash);
    options.salt_length = *salt;
    status = crypto::RsaPssVerify(*key, options, *message, *signature);
  } else {
    crypto::Pkcs1VerifyOptions options;
    options.allow_legacy_sha1 = legacy;
    status = crypto::RsaPkcs1Verify(*key, *hash, *message, *signature, options);
  }
  if (status.ok()) {
    io.out << "valid\n";
    return kExitOk;
  }
  if (GetErrorCode(status) == ErrorCode::kBadSignature) {
    return Invalid(io, "signature does not verify (" + std::string(args->Has("pss") ? "RSASSA-PSS" : "PKCS#1 v1.5") +
                           ", " + std::string(crypto::HashName(*hash)) + ", " + std::to_string(key->modulus_bits()) +
                           "-bit key)");
  }
  // A scheme or parameters the key's own algorithm rules out (an id-RSASSA-PSS key, RFC 4055) fail the check too.
  if (GetErrorCode(status) == ErrorCode::kPolicyViolation) return Invalid(io, std::string(status.message()));
  return StatusError(io, status);
}

JPKI_REGISTER_COMMAND(Command{"rsa keygen", "generate an RSA private key (PKCS#8 PEM)",
                              "--bits 2048|3072|4096 [--e 65537] --out KEY.pem", RunKeygen});
JPKI_REGISTER_COMMAND(Command{"rsa pub", "write the public key (SPKI PEM) of a private key", "--key KEY --out PUB.pem",
                              RunPub});
JPKI_REGISTER_COMMAND(Command{
    "rsa sign", "sign with RSASSA-PKCS1-v1_5 or RSASSA-PSS",
    "--key KEY (--in MSG [--hash sha256|sha384|sha512] [--pss [--salt N]] | --digest-info DER_FILE) --out SIG\n"
    "  KEY: PKCS#8 or PKCS#1, PEM or DER. SIG: raw big-endian signature, modulus length.",
    RunSign});
JPKI_REGISTER_COMMAND(Command{
    "rsa verify", "verify an RSA signature; prints `valid` (exit 0) or `invalid: REASON` (exit 1)",
    "--pub PUB --in MSG --sig SIG [--hash sha256|sha384|sha512] [--pss [--salt N|auto]] [--legacy]\n"
    "  PUB: SPKI or PKCS#1 public key, or a certificate, PEM or DER.\n"
    "  --legacy also accepts 1024..2047-bit keys and (PKCS#1 v1.5 only) --hash sha1, for old signatures.",
    RunVerify});

}  // namespace
}  // namespace jpki::cli
