#ifndef JPKICORE_CRYPTO_RSA_KEY_H_
#define JPKICORE_CRYPTO_RSA_KEY_H_

// RSA keys: import from PKCS#1 (RSAPublicKey, RSAPrivateKey), SubjectPublicKeyInfo and PKCS#8 PrivateKeyInfo
// (unencrypted; rsaEncryption or id-RSASSA-PSS), as DER or PEM; serialisation back to byte-identical DER; generation.
//
// A key imported as id-RSASSA-PSS (RFC 4055 section 1.2) is restricted to RSASSA-PSS: PKCS#1 v1.5 signing and
// verification refuse it, and when its AlgorithmIdentifier carries RSASSA-PSS-params, PSS must use exactly those
// hashes and a salt at least that long (RFC 4055 3.1). The restriction travels with the key (public_key(), copies,
// SPKI and PKCS#8 output); PKCS#1 DER, which has no algorithm field, cannot carry it. Every import
// goes through a KeyPolicy (sizes) and the consistency checks of the raw primitives (crypto/rsa_primitive.h), so a
// key object that exists is a key jpkicore is willing to use.
//
// Keys are immutable and cheap to copy: copies share one immutable key (a private key's secret components are held
// once, in zeroizing storage, and freed with the last copy).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "base/bytes.h"
#include "base/secret_bytes.h"
#include "crypto/hash.h"
#include "crypto/pss_params.h"
#include "crypto/random.h"
#include "crypto/rsa_primitive.h"

namespace jpki::crypto {

// KeyPolicy bounds what keys may be imported. The defaults are jpkicore's policy; each leniency is a named field,
// off by default.
struct KeyPolicy {
  // Modulus size bounds in bits (inclusive). 2048 is the floor for JPKI keys and for anything new.
  size_t min_modulus_bits = 2048;
  size_t max_modulus_bits = 16384;
  // allow_legacy_1024_verify lowers the floor to 1024 bits for PUBLIC keys only, to verify old signatures (archived
  // documents, test suites). Private keys below min_modulus_bits are refused whatever this says.
  bool allow_legacy_1024_verify = false;

  static KeyPolicy Default() { return KeyPolicy(); }
  static KeyPolicy LegacyVerify() {
    KeyPolicy policy;
    policy.allow_legacy_1024_verify = true;
    return policy;
  }
};

// RsaPublicKey is an imported or derived public key.
class RsaPublicKey {
 public:
  // FromComponents builds a key from big-endian n and e (leading zero bytes allowed). Fails with kPolicyViolation
  // when the size is outside the policy, kInvalidArgument when n is even, e is even or < 3, or e >= n.
  static absl::StatusOr<RsaPublicKey> FromComponents(ByteView n, ByteView e, const KeyPolicy& policy = {});

  // ParsePkcs1Der: RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } (RFC 8017 A.1.1), DER.
  static absl::StatusOr<RsaPublicKey> ParsePkcs1Der(ByteView der, const KeyPolicy& policy = {});
  // ParseSpkiDer: SubjectPublicKeyInfo, DER, with algorithm rsaEncryption and NULL parameters (RFC 3279 2.3.1) or
  // id-RSASSA-PSS with parameters absent or RSASSA-PSS-params (RFC 4055 1.2, 3.1; see ParsePssParams for what is
  // refused). Other algorithms fail with kUnsupported.
  static absl::StatusOr<RsaPublicKey> ParseSpkiDer(ByteView der, const KeyPolicy& policy = {});
  // Parse accepts SPKI or PKCS#1, DER or PEM ("PUBLIC KEY", "RSA PUBLIC KEY"), detected from the content.
  static absl::StatusOr<RsaPublicKey> Parse(ByteView der_or_pem, const KeyPolicy& policy = {});

  // Pkcs1Der / SpkiDer serialise to DER; for a key parsed from DER the output is byte-identical to the input.
  Bytes Pkcs1Der() const;
  Bytes SpkiDer() const;
  std::string Pkcs1Pem() const;  // "RSA PUBLIC KEY"
  std::string SpkiPem() const;   // "PUBLIC KEY"

  // n and e as minimal big-endian magnitudes.
  ByteView n() const { return state_->n; }
  ByteView e() const { return state_->e; }
  size_t modulus_bits() const { return state_->primitive->modulus_bits(); }
  // modulus_bytes is k, the length of every signature under this key.
  size_t modulus_bytes() const { return state_->primitive->modulus_bytes(); }
  const RsaPublicPrimitive& primitive() const { return *state_->primitive; }

  // pss_only is true for a key imported as id-RSASSA-PSS: it makes and checks PSS signatures only.
  bool pss_only() const { return state_->pss_only; }
  // pss_restriction holds the key's RSASSA-PSS-params when its algorithm carried them (hashes fixed, salt_length a
  // minimum); nullopt for rsaEncryption keys and for id-RSASSA-PSS keys without parameters.
  const std::optional<PssParams>& pss_restriction() const { return state_->pss_restriction; }

  // CheckPkcs1Allowed is OK unless the key is pss_only() (then kPolicyViolation).
  absl::Status CheckPkcs1Allowed() const;
  // CheckPssAllowed is OK when PSS with these hashes and salt length (nullopt: "auto", any length on verification)
  // agrees with pss_restriction(); kPolicyViolation naming the mismatch otherwise. An "auto" salt stays allowed: the
  // verifier then enforces the minimum on the salt it recovers.
  absl::Status CheckPssAllowed(SignatureHash hash, SignatureHash mgf1_hash, std::optional<size_t> salt_length) const;
  // min_pss_salt_length is the restriction's salt length, or 0 without one.
  size_t min_pss_salt_length() const {
    return state_->pss_restriction.has_value() ? state_->pss_restriction->salt_length : 0;
  }

  // Equal keys have the same numbers and the same restriction.
  friend bool operator==(const RsaPublicKey& a, const RsaPublicKey& b) {
    return Equal(a.n(), b.n()) && Equal(a.e(), b.e()) && a.pss_only() == b.pss_only() &&
           a.pss_restriction() == b.pss_restriction();
  }
  friend bool operator!=(const RsaPublicKey& a, const RsaPublicKey& b) { return !(a == b); }

 private:
  friend class RsaPrivateKey;
  struct State {
    Bytes n, e;
    std::shared_ptr<const RsaPublicPrimitive> primitive;
    bool pss_only = false;
    std::optional<PssParams> pss_restriction;
    Bytes pss_params_der;  // the parameters as imported (kept for byte-identical output); empty when absent
  };
  explicit RsaPublicKey(std::shared_ptr<const State> state) : state_(std::move(state)) {}
  // RestrictedToPss returns `key` as an id-RSASSA-PSS key with these parameters (nullopt: none), sharing its numbers
  // and primitive; params_der is their DER as imported.
  static RsaPublicKey RestrictedToPss(const RsaPublicKey& key, std::optional<PssParams> params, Bytes params_der);
  std::shared_ptr<const State> state_;
};

// RsaPrivateKey is an imported or generated two-prime private key with its CRT primitive.
class RsaPrivateKey {
 public:
  // FromNumbers checks `numbers` against `policy` (size; the legacy option does not apply to private keys) and all
  // of RsaPrivatePrimitive::Create's consistency checks (p*q = n, p != q, balanced primes, d*e = 1 mod lambda(n) in
  // its CRT form, dP, dQ, qInv). kPolicyViolation for sizes, kInvalidArgument for inconsistent numbers.
  static absl::StatusOr<RsaPrivateKey> FromNumbers(RsaPrivateNumbers numbers, const KeyPolicy& policy = {});

  // ParsePkcs1Der: RSAPrivateKey (RFC 8017 A.1.2), version 0 (two-prime) only; multi-prime keys are kUnsupported.
  static absl::StatusOr<RsaPrivateKey> ParsePkcs1Der(ByteView der, const KeyPolicy& policy = {});
  // ParsePkcs8Der: PrivateKeyInfo (RFC 5208) version 0, no attributes, with rsaEncryption/NULL or id-RSASSA-PSS
  // (as RsaPublicKey::ParseSpkiDer; the restriction then applies to this key and its public key).
  static absl::StatusOr<RsaPrivateKey> ParsePkcs8Der(ByteView der, const KeyPolicy& policy = {});
  // Parse accepts PKCS#8 or PKCS#1, DER or PEM ("PRIVATE KEY", "RSA PRIVATE KEY"), detected from the content.
  // Encrypted keys ("ENCRYPTED PRIVATE KEY", Proc-Type headers) are refused.
  static absl::StatusOr<RsaPrivateKey> Parse(ByteView der_or_pem, const KeyPolicy& policy = {});

  // Generate makes a fresh key of 2048, 3072 or 4096 bits with public exponent e (65537 unless a caller insists on
  // another odd e >= 65537). kInvalidArgument for other sizes or exponents.
  static absl::StatusOr<RsaPrivateKey> Generate(size_t bits, uint64_t e = 65537, RandomSource& rng = SystemRandom());

  // Serialisation, in zeroizing storage; DER output is byte-identical to what was parsed. Pkcs1Der/Pkcs1Pem drop an
  // id-RSASSA-PSS restriction (the format has nowhere to put it); Pkcs8Der keeps it.
  SecretBytes Pkcs1Der() const;
  SecretBytes Pkcs8Der() const;
  SecretBytes Pkcs1Pem() const;  // "RSA PRIVATE KEY"
  SecretBytes Pkcs8Pem() const;  // "PRIVATE KEY"

  const RsaPublicKey& public_key() const { return public_key_; }
  size_t modulus_bits() const { return public_key_.modulus_bits(); }
  size_t modulus_bytes() const { return public_key_.modulus_bytes(); }
  const RsaPrivatePrimitive& primitive() const { return *state_->primitive; }

 private:
  struct State {
    RsaPrivateNumbers numbers;
    std::shared_ptr<RsaPrivatePrimitive> primitive;
  };

  RsaPrivateKey(std::shared_ptr<const State> state, RsaPublicKey public_key)
      : state_(std::move(state)), public_key_(std::move(public_key)) {}
  std::shared_ptr<const State> state_;
  RsaPublicKey public_key_;
};

}  // namespace jpki::crypto

#endif  // JPKICORE_CRYPTO_RSA_KEY_H_
