#include "crypto/rsa_key.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "asn1/der_reader.h"
#include "asn1/der_writer.h"
#include "asn1/oid.h"
#include "base/ct.h"
#include "base/error.h"
#include "base/status_macros.h"
#include "crypto/pem.h"

namespace jpki::crypto {
namespace {

constexpr std::string_view kModule = "rsa";

absl::Status KeyError(ErrorCode code, const std::string& message) { return MakeError(code, kModule, message); }

// StripZeros drops leading zero bytes of a big-endian magnitude.
ByteView StripZeros(ByteView v) {
  size_t i = 0;
  while (i < v.size() && v[i] == 0) ++i;
  return v.subspan(i);
}

size_t BitLength(ByteView magnitude) {
  const ByteView m = StripZeros(magnitude);
  if (m.empty()) return 0;
  size_t bits = 8 * (m.size() - 1);
  for (uint8_t top = m[0]; top != 0; top >>= 1) ++bits;
  return bits;
}

absl::Status CheckModulusSize(size_t bits, size_t min_bits, size_t max_bits) {
  if (bits < min_bits || bits > max_bits) {
    return KeyError(ErrorCode::kPolicyViolation, "modulus of " + std::to_string(bits) +
                                                     " bits is outside the policy (" + std::to_string(min_bits) + ".." +
                                                     std::to_string(max_bits) + ")");
  }
  return absl::OkStatus();
}

// CheckPublicNumbers applies the rules the policy owns before the primitive applies its own (n odd, e odd, 3 <= e <
// n), so that the most specific message wins.
absl::Status CheckPublicNumbers(ByteView n, ByteView e) {
  const ByteView nn = StripZeros(n);
  const ByteView ee = StripZeros(e);
  if (nn.empty() || (nn.back() & 1) == 0) return KeyError(ErrorCode::kInvalidArgument, "modulus is even");
  if (ee.empty() || (ee.back() & 1) == 0) return KeyError(ErrorCode::kInvalidArgument, "public exponent is even");
  if (ee.size() == 1 && ee[0] < 3) return KeyError(ErrorCode::kInvalidArgument, "public exponent is below 3");
  return absl::OkStatus();
}

// KeyAlgorithm is what a key's AlgorithmIdentifier says about its use.
struct KeyAlgorithm {
  bool pss_only = false;
  std::optional<PssParams> pss_restriction;
  Bytes pss_params_der;
};

// ReadKeyAlgorithm reads AlgorithmIdentifier ::= SEQUENCE { algorithm, parameters } for rsaEncryption (parameters
// NULL) or id-RSASSA-PSS (parameters absent or RSASSA-PSS-params).
absl::StatusOr<KeyAlgorithm> ReadKeyAlgorithm(asn1::DerReader& outer) {
  JPKI_ASSIGN_OR_RETURN(asn1::DerReader alg, outer.ReadSequence());
  JPKI_ASSIGN_OR_RETURN(asn1::Oid oid, alg.ReadOid());
  KeyAlgorithm out;
  if (oid.Is(asn1::KnownOid::kRsaEncryption)) {
    // RFC 3279 2.3.1: the parameters field MUST be present and MUST be NULL.
    JPKI_RETURN_IF_ERROR(alg.ReadNull());
    JPKI_RETURN_IF_ERROR(alg.ExpectEnd());
    return out;
  }
  if (!oid.Is(asn1::KnownOid::kRsassaPss)) {
    return KeyError(ErrorCode::kUnsupported,
                    "key algorithm " + oid.ToDotted() + " is neither rsaEncryption nor id-RSASSA-PSS");
  }
  out.pss_only = true;
  // RFC 4055 3.1: absent parameters leave the key usable for PSS with any parameters.
  if (alg.empty()) {
    return out;
  }
  const size_t params_offset = alg.offset();
  JPKI_ASSIGN_OR_RETURN(ByteView params_der, alg.ReadRawElement(asn1::kSequence));
  JPKI_RETURN_IF_ERROR(alg.ExpectEnd());
  JPKI_ASSIGN_OR_RETURN(PssParams params, ParsePssParams(params_der, params_offset));
  if (params.hash == HashAlgorithm::kSha1 || params.mgf1_hash == HashAlgorithm::kSha1) {
    return KeyError(ErrorCode::kUnsupported, "id-RSASSA-PSS key restricted to SHA-1 (parameters at offset " +
                                                 std::to_string(params_offset) + "); jpkicore does no SHA-1 PSS");
  }
  out.pss_restriction = params;
  out.pss_params_der = ToBytes(params_der);
  return out;
}

void WriteKeyAlgorithm(asn1::DerWriter& w, bool pss_only, ByteView pss_params_der) {
  w.AddSequence([&](asn1::DerWriter& alg) {
    if (!pss_only) {
      alg.AddOid(asn1::Oid::Known(asn1::KnownOid::kRsaEncryption));
      alg.AddNull();
      return;
    }
    alg.AddOid(asn1::Oid::Known(asn1::KnownOid::kRsassaPss));
    if (!pss_params_der.empty()) {
      alg.AddRaw(pss_params_der);
    }
  });
}

// ---- Private key DER, written straight into zeroizing storage (no growing buffer that leaves copies behind). ----

size_t LengthOctets(size_t len) {
  size_t n = 1;
  if (len >= 0x80) {
    for (size_t l = len; l != 0; l >>= 8) ++n;
  }
  return n;
}
size_t TlvSize(size_t contents) { return 1 + LengthOctets(contents) + contents; }
size_t IntegerContents(ByteView magnitude) {
  // Magnitudes are minimal and non-empty; a set top bit needs a 0x00 sign octet.
  return magnitude.size() + ((magnitude[0] & 0x80) != 0 ? 1 : 0);
}

class SecretDerOut {
 public:
  explicit SecretDerOut(size_t size) : out_(size) {}
  void Header(uint8_t tag, size_t len) {
    out_.data()[pos_++] = tag;
    Bytes length;
    asn1::EncodeLength(len, length);
    for (uint8_t b : length) out_.data()[pos_++] = b;
  }
  void Integer(ByteView magnitude) {
    Header(0x02, IntegerContents(magnitude));
    if ((magnitude[0] & 0x80) != 0) out_.data()[pos_++] = 0x00;
    Raw(magnitude);
  }
  void Raw(ByteView bytes) {
    for (uint8_t b : bytes) out_.data()[pos_++] = b;
  }
  SecretBytes Take() { return std::move(out_); }

 private:
  SecretBytes out_;
  size_t pos_ = 0;
};

std::vector<ByteView> PrivateComponents(const RsaPrivateNumbers& k) {
  return {k.n, k.e, k.d.view(), k.p.view(), k.q.view(), k.dp.view(), k.dq.view(), k.qinv.view()};
}

size_t Pkcs1ContentsSize(const RsaPrivateNumbers& k) {
  size_t size = TlvSize(1);  // version
  for (ByteView c : PrivateComponents(k)) size += TlvSize(IntegerContents(c));
  return size;
}

void WritePkcs1(const RsaPrivateNumbers& k, SecretDerOut& out) {
  out.Header(0x30, Pkcs1ContentsSize(k));
  const uint8_t version[] = {0x02, 0x01, 0x00};
  out.Raw(version);
  for (ByteView c : PrivateComponents(k)) out.Integer(c);
}

// Minimal copies of the numbers, so that serialisation is canonical whatever the caller passed in.
RsaPrivateNumbers Canonical(const RsaPrivateNumbers& in) {
  RsaPrivateNumbers out;
  out.n = ToBytes(StripZeros(in.n));
  out.e = ToBytes(StripZeros(in.e));
  out.d = SecretBytes(StripZeros(in.d.view()));
  out.p = SecretBytes(StripZeros(in.p.view()));
  out.q = SecretBytes(StripZeros(in.q.view()));
  out.dp = SecretBytes(StripZeros(in.dp.view()));
  out.dq = SecretBytes(StripZeros(in.dq.view()));
  out.qinv = SecretBytes(StripZeros(in.qinv.view()));
  return out;
}

// ReadPkcs1Private reads RSAPrivateKey ::= SEQUENCE { version, n, e, d, p, q, dP, dQ, qInv, otherPrimeInfos OPT }.
absl::StatusOr<RsaPrivateNumbers> ReadPkcs1Private(asn1::DerReader& outer) {
  JPKI_ASSIGN_OR_RETURN(asn1::DerReader seq, outer.ReadSequence());
  // version Version ::= INTEGER { two-prime(0), multi(1) }
  const size_t version_offset = seq.offset();
  JPKI_ASSIGN_OR_RETURN(uint64_t version, seq.ReadUint64());
  if (version != 0) {
    return KeyError(ErrorCode::kUnsupported, "only two-prime RSAPrivateKey (version 0) is supported, at offset " +
                                                 std::to_string(version_offset));
  }
  RsaPrivateNumbers k;
  // modulus, publicExponent INTEGER
  JPKI_ASSIGN_OR_RETURN(ByteView n, seq.ReadPositiveIntegerBytes());
  JPKI_ASSIGN_OR_RETURN(ByteView e, seq.ReadPositiveIntegerBytes());
  k.n = ToBytes(n);
  k.e = ToBytes(e);
  // privateExponent, prime1, prime2, exponent1, exponent2, coefficient INTEGER
  SecretBytes* secrets[] = {&k.d, &k.p, &k.q, &k.dp, &k.dq, &k.qinv};
  for (SecretBytes* s : secrets) {
    JPKI_ASSIGN_OR_RETURN(ByteView v, seq.ReadPositiveIntegerBytes());
    *s = SecretBytes(v);
  }
  // otherPrimeInfos must be absent for version 0 (RFC 8017 A.1.2).
  JPKI_RETURN_IF_ERROR(seq.ExpectEnd());
  return k;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------------
// RsaPublicKey

absl::StatusOr<RsaPublicKey> RsaPublicKey::FromComponents(ByteView n, ByteView e, const KeyPolicy& policy) {
  const size_t min_bits =
      policy.allow_legacy_1024_verify ? std::min<size_t>(1024, policy.min_modulus_bits) : policy.min_modulus_bits;
  JPKI_RETURN_IF_ERROR(CheckModulusSize(BitLength(n), min_bits, policy.max_modulus_bits));
  JPKI_RETURN_IF_ERROR(CheckPublicNumbers(n, e));
  JPKI_ASSIGN_OR_RETURN(std::unique_ptr<RsaPublicPrimitive> primitive, RsaPublicPrimitive::Create(n, e));
  auto state = std::make_shared<State>();
  state->n = ToBytes(StripZeros(n));
  state->e = ToBytes(StripZeros(e));
  state->primitive = std::move(primitive);
  return RsaPublicKey(std::move(state));
}

absl::StatusOr<RsaPublicKey> RsaPublicKey::ParsePkcs1Der(ByteView der, const KeyPolicy& policy) {
  asn1::DerReader input(der);
  // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
  JPKI_ASSIGN_OR_RETURN(asn1::DerReader seq, input.ReadSequence());
  JPKI_RETURN_IF_ERROR(input.ExpectEnd());
  JPKI_ASSIGN_OR_RETURN(ByteView n, seq.ReadPositiveIntegerBytes());
  JPKI_ASSIGN_OR_RETURN(ByteView e, seq.ReadPositiveIntegerBytes());
  JPKI_RETURN_IF_ERROR(seq.ExpectEnd());
  return FromComponents(n, e, policy);
}

absl::StatusOr<RsaPublicKey> RsaPublicKey::ParseSpkiDer(ByteView der, const KeyPolicy& policy) {
  asn1::DerReader input(der);
  // SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
  JPKI_ASSIGN_OR_RETURN(asn1::DerReader spki, input.ReadSequence());
  JPKI_RETURN_IF_ERROR(input.ExpectEnd());
  JPKI_ASSIGN_OR_RETURN(KeyAlgorithm algorithm, ReadKeyAlgorithm(spki));
  const size_t key_offset = spki.offset();
  JPKI_ASSIGN_OR_RETURN(asn1::BitString key_bits, spki.ReadBitString());
  JPKI_RETURN_IF_ERROR(spki.ExpectEnd());
  if (!key_bits.IsOctetAligned()) {
    return KeyError(ErrorCode::kMalformedInput,
                    "subjectPublicKey has unused bits at offset " + std::to_string(key_offset));
  }
  JPKI_ASSIGN_OR_RETURN(RsaPublicKey key, ParsePkcs1Der(key_bits.bytes, policy));
  if (!algorithm.pss_only) {
    return key;
  }
  return RestrictedToPss(key, algorithm.pss_restriction, std::move(algorithm.pss_params_der));
}

RsaPublicKey RsaPublicKey::RestrictedToPss(const RsaPublicKey& key, std::optional<PssParams> params, Bytes params_der) {
  auto state = std::make_shared<State>(*key.state_);
  state->pss_only = true;
  state->pss_restriction = params;
  state->pss_params_der = std::move(params_der);
  return RsaPublicKey(std::move(state));
}

absl::Status RsaPublicKey::CheckPkcs1Allowed() const {
  if (!pss_only()) {
    return absl::OkStatus();
  }
  return KeyError(ErrorCode::kPolicyViolation,
                  "the key is an id-RSASSA-PSS key: it makes and checks RSASSA-PSS signatures only, not PKCS#1 v1.5");
}

absl::Status RsaPublicKey::CheckPssAllowed(SignatureHash hash, SignatureHash mgf1_hash,
                                           std::optional<size_t> salt_length) const {
  if (!pss_restriction().has_value()) {
    return absl::OkStatus();
  }
  const PssParams& r = *pss_restriction();
  if (ToHashAlgorithm(hash) != r.hash) {
    return KeyError(ErrorCode::kPolicyViolation, "the key's RSASSA-PSS parameters require hash " +
                                                     std::string(HashName(r.hash)) + ", not " +
                                                     std::string(HashName(ToHashAlgorithm(hash))));
  }
  if (ToHashAlgorithm(mgf1_hash) != r.mgf1_hash) {
    return KeyError(ErrorCode::kPolicyViolation, "the key's RSASSA-PSS parameters require MGF1 with " +
                                                     std::string(HashName(r.mgf1_hash)) + ", not " +
                                                     std::string(HashName(ToHashAlgorithm(mgf1_hash))));
  }
  if (salt_length.has_value() && *salt_length < r.salt_length) {
    return KeyError(ErrorCode::kPolicyViolation, "the key's RSASSA-PSS parameters require a salt of at least " +
                                                     std::to_string(r.salt_length) + " bytes, not " +
                                                     std::to_string(*salt_length));
  }
  return absl::OkStatus();
}

absl::StatusOr<RsaPublicKey> RsaPublicKey::Parse(ByteView der_or_pem, const KeyPolicy& policy) {
  if (LooksLikePem(der_or_pem)) {
    JPKI_ASSIGN_OR_RETURN(PemBlock block, PemDecode(der_or_pem));
    if (block.label == "PUBLIC KEY") return ParseSpkiDer(block.body.view(), policy);
    if (block.label == "RSA PUBLIC KEY") return ParsePkcs1Der(block.body.view(), policy);
    return KeyError(ErrorCode::kUnsupported, "PEM label '" + block.label + "' is not a public key");
  }
  // SPKI starts SEQUENCE { SEQUENCE ..., PKCS#1 starts SEQUENCE { INTEGER ...: peek at the first inner tag.
  asn1::DerReader input(der_or_pem);
  JPKI_ASSIGN_OR_RETURN(asn1::DerReader seq, input.ReadSequence());
  if (seq.NextIs(asn1::kSequence)) return ParseSpkiDer(der_or_pem, policy);
  return ParsePkcs1Der(der_or_pem, policy);
}

Bytes RsaPublicKey::Pkcs1Der() const {
  asn1::DerWriter w;
  w.AddSequence([&](asn1::DerWriter& seq) {
    seq.AddPositiveInteger(n());
    seq.AddPositiveInteger(e());
  });
  return w.Finish().value();  // cannot fail: two positive integers
}

Bytes RsaPublicKey::SpkiDer() const {
  const Bytes pkcs1 = Pkcs1Der();
  asn1::DerWriter w;
  w.AddSequence([&](asn1::DerWriter& spki) {
    WriteKeyAlgorithm(spki, pss_only(), state_->pss_params_der);
    spki.AddBitString(pkcs1);
  });
  return w.Finish().value();  // cannot fail: fixed structure
}

std::string RsaPublicKey::Pkcs1Pem() const { return PemEncode(Pkcs1Der(), "RSA PUBLIC KEY"); }
std::string RsaPublicKey::SpkiPem() const { return PemEncode(SpkiDer(), "PUBLIC KEY"); }

// ---------------------------------------------------------------------------------------------------------------
// RsaPrivateKey

absl::StatusOr<RsaPrivateKey> RsaPrivateKey::FromNumbers(RsaPrivateNumbers numbers, const KeyPolicy& policy) {
  JPKI_RETURN_IF_ERROR(CheckModulusSize(BitLength(numbers.n), policy.min_modulus_bits, policy.max_modulus_bits));
  JPKI_RETURN_IF_ERROR(CheckPublicNumbers(numbers.n, numbers.e));
  auto state = std::make_shared<State>();
  state->numbers = Canonical(numbers);
  for (ByteView c : PrivateComponents(state->numbers)) {
    if (c.empty()) return KeyError(ErrorCode::kInvalidArgument, "a private key component is zero");
  }
  // Balanced primes: RsaPrivatePrimitive::Create checks this too; repeated here on bit lengths alone (which the
  // modulus size reveals anyway) so the rule holds whatever primitive is linked in. FIPS 186-5 A.1.3 wants both
  // primes of nlen/2 bits; 16 bits of slack admits every real-world generator.
  const size_t p_bits = BitLength(state->numbers.p.view());
  const size_t q_bits = BitLength(state->numbers.q.view());
  if ((p_bits > q_bits ? p_bits - q_bits : q_bits - p_bits) > 16) {
    return KeyError(ErrorCode::kInvalidArgument,
                    "primes are unbalanced (" + std::to_string(p_bits) + " and " + std::to_string(q_bits) + " bits)");
  }
  JPKI_ASSIGN_OR_RETURN(std::unique_ptr<RsaPrivatePrimitive> primitive, RsaPrivatePrimitive::Create(state->numbers));
  state->primitive = std::move(primitive);
  auto public_state = std::make_shared<RsaPublicKey::State>();
  public_state->n = state->numbers.n;
  public_state->e = state->numbers.e;
  // The public key shares the private primitive's public half (same Montgomery constants, one allocation).
  public_state->primitive =
      std::shared_ptr<const RsaPublicPrimitive>(state->primitive, &state->primitive->public_primitive());
  return RsaPrivateKey(std::move(state), RsaPublicKey(std::move(public_state)));
}

absl::StatusOr<RsaPrivateKey> RsaPrivateKey::ParsePkcs1Der(ByteView der, const KeyPolicy& policy) {
  asn1::DerReader input(der);
  JPKI_ASSIGN_OR_RETURN(RsaPrivateNumbers numbers, ReadPkcs1Private(input));
  JPKI_RETURN_IF_ERROR(input.ExpectEnd());
  return FromNumbers(std::move(numbers), policy);
}

absl::StatusOr<RsaPrivateKey> RsaPrivateKey::ParsePkcs8Der(ByteView der, const KeyPolicy& policy) {
  asn1::DerReader input(der);
  // PrivateKeyInfo ::= SEQUENCE { version INTEGER, privateKeyAlgorithm AlgorithmIdentifier,
  //                               privateKey OCTET STRING, attributes [0] IMPLICIT Attributes OPTIONAL }
  JPKI_ASSIGN_OR_RETURN(asn1::DerReader info, input.ReadSequence());
  JPKI_RETURN_IF_ERROR(input.ExpectEnd());
  const size_t version_offset = info.offset();
  JPKI_ASSIGN_OR_RETURN(uint64_t version, info.ReadUint64());
  if (version != 0) {
    return KeyError(ErrorCode::kUnsupported,
                    "PrivateKeyInfo version must be 0, at offset " + std::to_string(version_offset));
  }
  JPKI_ASSIGN_OR_RETURN(KeyAlgorithm algorithm, ReadKeyAlgorithm(info));
  JPKI_ASSIGN_OR_RETURN(ByteView private_key, info.ReadOctetString());
  // Attributes would be lost on re-serialisation, and nothing in JPKI uses them: refuse rather than drop.
  if (!info.empty()) {
    return KeyError(ErrorCode::kUnsupported,
                    "PrivateKeyInfo attributes are not supported, at offset " + std::to_string(info.offset()));
  }
  asn1::DerReader inner(private_key);
  JPKI_ASSIGN_OR_RETURN(RsaPrivateNumbers numbers, ReadPkcs1Private(inner));
  JPKI_RETURN_IF_ERROR(inner.ExpectEnd());
  JPKI_ASSIGN_OR_RETURN(RsaPrivateKey key, FromNumbers(std::move(numbers), policy));
  if (!algorithm.pss_only) {
    return key;
  }
  return RsaPrivateKey(key.state_, RsaPublicKey::RestrictedToPss(key.public_key_, algorithm.pss_restriction,
                                                                 std::move(algorithm.pss_params_der)));
}

absl::StatusOr<RsaPrivateKey> RsaPrivateKey::Parse(ByteView der_or_pem, const KeyPolicy& policy) {
  if (LooksLikePem(der_or_pem)) {
    JPKI_ASSIGN_OR_RETURN(PemBlock block, PemDecode(der_or_pem));
    if (block.label == "PRIVATE KEY") return ParsePkcs8Der(block.body.view(), policy);
    if (block.label == "RSA PRIVATE KEY") return ParsePkcs1Der(block.body.view(), policy);
    if (block.label == "ENCRYPTED PRIVATE KEY") {
      return KeyError(ErrorCode::kUnsupported, "encrypted private keys are not supported; decrypt it first");
    }
    return KeyError(ErrorCode::kUnsupported, "PEM label '" + block.label + "' is not a private key");
  }
  // PKCS#8 is SEQUENCE { INTEGER, SEQUENCE ...; PKCS#1 is SEQUENCE { INTEGER, INTEGER ...
  asn1::DerReader input(der_or_pem);
  JPKI_ASSIGN_OR_RETURN(asn1::DerReader seq, input.ReadSequence());
  JPKI_RETURN_IF_ERROR(seq.SkipElement(asn1::kInteger));
  if (seq.NextIs(asn1::kSequence)) return ParsePkcs8Der(der_or_pem, policy);
  return ParsePkcs1Der(der_or_pem, policy);
}

absl::StatusOr<RsaPrivateKey> RsaPrivateKey::Generate(size_t bits, uint64_t e, RandomSource& rng) {
  if (bits != 2048 && bits != 3072 && bits != 4096) {
    return KeyError(ErrorCode::kInvalidArgument, "key size must be 2048, 3072 or 4096 bits");
  }
  if (e < 65537 || (e & 1) == 0 || e >= (uint64_t{1} << 32)) {
    return KeyError(ErrorCode::kInvalidArgument, "public exponent must be odd, at least 65537 and below 2^32");
  }
  JPKI_ASSIGN_OR_RETURN(RsaPrivateNumbers numbers, GenerateRsaPrivateNumbers(bits, e, rng));
  return FromNumbers(std::move(numbers));
}

SecretBytes RsaPrivateKey::Pkcs1Der() const {
  const RsaPrivateNumbers& k = state_->numbers;
  SecretDerOut out(TlvSize(Pkcs1ContentsSize(k)));
  WritePkcs1(k, out);
  return out.Take();
}

SecretBytes RsaPrivateKey::Pkcs8Der() const {
  const RsaPrivateNumbers& k = state_->numbers;
  // version 0 and the AlgorithmIdentifier hold no secrets: they go through an ordinary writer.
  asn1::DerWriter head_writer;
  head_writer.AddUint64(0);
  WriteKeyAlgorithm(head_writer, public_key_.pss_only(), public_key_.state_->pss_params_der);
  const Bytes head = head_writer.Finish().value();  // cannot fail: an INTEGER and a well-formed SEQUENCE
  const size_t pkcs1_size = TlvSize(Pkcs1ContentsSize(k));
  const size_t contents = head.size() + TlvSize(pkcs1_size);
  SecretDerOut out(TlvSize(contents));
  out.Header(0x30, contents);
  out.Raw(head);
  out.Header(0x04, pkcs1_size);
  WritePkcs1(k, out);
  return out.Take();
}

SecretBytes RsaPrivateKey::Pkcs1Pem() const { return PemEncodeSecret(Pkcs1Der().view(), "RSA PRIVATE KEY"); }
SecretBytes RsaPrivateKey::Pkcs8Pem() const { return PemEncodeSecret(Pkcs8Der().view(), "PRIVATE KEY"); }

}  // namespace jpki::crypto
