#include "crypto/rsa_key.h"

#include "asn1/der_writer.h"
#include "asn1/oid.h"
#include "base/error.h"
#include "crypto/pem.h"
#include "gtest/gtest.h"

namespace jpki::crypto {
namespace {

RsaPrivateNumbers Clone(const RsaPrivateNumbers& k) {
  RsaPrivateNumbers c;
  c.n = k.n;
  c.e = k.e;
  c.d = k.d.Clone();
  c.p = k.p.Clone();
  c.q = k.q.Clone();
  c.dp = k.dp.Clone();
  c.dq = k.dq.Clone();
  c.qinv = k.qinv.Clone();
  return c;
}

// Keys are generated once per test binary: generation is the slow part.
const RsaPrivateNumbers& Numbers2048() {
  static const RsaPrivateNumbers* numbers = [] {
    auto rng = NewDeterministicRandom(2048);
    return new RsaPrivateNumbers(GenerateRsaPrivateNumbers(2048, 65537, *rng).value());
  }();
  return *numbers;
}
const RsaPrivateNumbers& Numbers1024() {
  static const RsaPrivateNumbers* numbers = [] {
    auto rng = NewDeterministicRandom(1024);
    return new RsaPrivateNumbers(GenerateRsaPrivateNumbers(1024, 65537, *rng).value());
  }();
  return *numbers;
}

ErrorCode CodeOf(const absl::Status& s) { return GetErrorCode(s); }

TEST(RsaKeyTest, PrivateRoundTripsAllForms) {
  auto key = RsaPrivateKey::FromNumbers(Clone(Numbers2048()));
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_EQ(key->modulus_bits(), 2048u);
  EXPECT_EQ(key->modulus_bytes(), 256u);
  const SecretBytes pkcs1 = key->Pkcs1Der();
  const SecretBytes pkcs8 = key->Pkcs8Der();
  const SecretBytes pem1_bytes = key->Pkcs1Pem();
  const SecretBytes pem8_bytes = key->Pkcs8Pem();
  for (ByteView encoded : {pkcs1.view(), pkcs8.view(), pem1_bytes.view(), pem8_bytes.view()}) {
    auto parsed = RsaPrivateKey::Parse(encoded);
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    EXPECT_TRUE(parsed->Pkcs1Der().ConstantTimeEquals(pkcs1.view()));
    EXPECT_TRUE(parsed->Pkcs8Der().ConstantTimeEquals(pkcs8.view()));
    EXPECT_TRUE(parsed->public_key() == key->public_key());
  }
  auto from_pkcs1 = RsaPrivateKey::ParsePkcs1Der(pkcs1.view());
  ASSERT_TRUE(from_pkcs1.ok());
  auto from_pkcs8 = RsaPrivateKey::ParsePkcs8Der(pkcs8.view());
  ASSERT_TRUE(from_pkcs8.ok());
  // The wrong parser for the form fails cleanly.
  EXPECT_FALSE(RsaPrivateKey::ParsePkcs1Der(pkcs8.view()).ok());
  EXPECT_FALSE(RsaPrivateKey::ParsePkcs8Der(pkcs1.view()).ok());
  // PEM labels.
  const std::string pem8(reinterpret_cast<const char*>(key->Pkcs8Pem().data()), key->Pkcs8Pem().size());
  EXPECT_EQ(pem8.rfind("-----BEGIN PRIVATE KEY-----\n", 0), 0u);
  const std::string pem1(reinterpret_cast<const char*>(key->Pkcs1Pem().data()), key->Pkcs1Pem().size());
  EXPECT_EQ(pem1.rfind("-----BEGIN RSA PRIVATE KEY-----\n", 0), 0u);
}

TEST(RsaKeyTest, PublicRoundTripsAllForms) {
  auto key = RsaPrivateKey::FromNumbers(Clone(Numbers2048()));
  ASSERT_TRUE(key.ok());
  const RsaPublicKey& pub = key->public_key();
  EXPECT_EQ(HexEncode(pub.e()), "010001");
  EXPECT_EQ(pub.n().size(), 256u);
  const Bytes spki = pub.SpkiDer();
  const Bytes pkcs1 = pub.Pkcs1Der();
  const std::string spki_pem = pub.SpkiPem();
  const std::string pkcs1_pem = pub.Pkcs1Pem();
  for (ByteView encoded : {ByteView(spki), ByteView(pkcs1), AsBytes(spki_pem), AsBytes(pkcs1_pem)}) {
    auto parsed = RsaPublicKey::Parse(encoded);
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    EXPECT_TRUE(*parsed == pub);
    EXPECT_EQ(parsed->SpkiDer(), spki);
    EXPECT_EQ(parsed->Pkcs1Der(), pkcs1);
  }
  EXPECT_TRUE(RsaPublicKey::ParseSpkiDer(spki).ok());
  EXPECT_TRUE(RsaPublicKey::ParsePkcs1Der(pkcs1).ok());
  EXPECT_FALSE(RsaPublicKey::ParseSpkiDer(pkcs1).ok());
  EXPECT_FALSE(RsaPublicKey::ParsePkcs1Der(spki).ok());
  EXPECT_EQ(pub.SpkiPem().rfind("-----BEGIN PUBLIC KEY-----\n", 0), 0u);
  EXPECT_EQ(pub.Pkcs1Pem().rfind("-----BEGIN RSA PUBLIC KEY-----\n", 0), 0u);
  // A private key is not a public key, and vice versa.
  EXPECT_FALSE(RsaPublicKey::Parse(key->Pkcs8Pem().view()).ok());
  EXPECT_FALSE(RsaPrivateKey::Parse(AsBytes(pub.SpkiPem())).ok());
  // Copies share the key.
  const RsaPublicKey copy = pub;
  EXPECT_TRUE(copy == pub);
}

TEST(RsaKeyTest, GenerateMakesUsableKeysOfTheRequestedSize) {
  auto rng = NewDeterministicRandom(7);
  auto key = RsaPrivateKey::Generate(2048, 65537, *rng);
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_EQ(key->modulus_bits(), 2048u);
  EXPECT_EQ(HexEncode(key->public_key().e()), "010001");
  EXPECT_EQ(CodeOf(RsaPrivateKey::Generate(1024).status()), ErrorCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(RsaPrivateKey::Generate(2000).status()), ErrorCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(RsaPrivateKey::Generate(2048, 3).status()), ErrorCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(RsaPrivateKey::Generate(2048, 65536).status()), ErrorCode::kInvalidArgument);
}

TEST(RsaKeyTest, SizePolicy) {
  // 1024-bit public keys only with the explicit legacy option; 1024-bit private keys never by default.
  EXPECT_EQ(CodeOf(RsaPublicKey::FromComponents(Numbers1024().n, Numbers1024().e).status()),
            ErrorCode::kPolicyViolation);
  EXPECT_TRUE(RsaPublicKey::FromComponents(Numbers1024().n, Numbers1024().e, KeyPolicy::LegacyVerify()).ok());
  EXPECT_EQ(CodeOf(RsaPrivateKey::FromNumbers(Clone(Numbers1024()), KeyPolicy::LegacyVerify()).status()),
            ErrorCode::kPolicyViolation);
  KeyPolicy low;
  low.min_modulus_bits = 1024;
  EXPECT_TRUE(RsaPrivateKey::FromNumbers(Clone(Numbers1024()), low).ok());
  // Above the ceiling: refused before any arithmetic.
  Bytes huge(2051, 0xff);
  EXPECT_EQ(CodeOf(RsaPublicKey::FromComponents(huge, Bytes{1, 0, 1}).status()), ErrorCode::kPolicyViolation);
  KeyPolicy small_max;
  small_max.max_modulus_bits = 2047;
  EXPECT_EQ(CodeOf(RsaPublicKey::FromComponents(Numbers2048().n, Numbers2048().e, small_max).status()),
            ErrorCode::kPolicyViolation);
}

TEST(RsaKeyTest, PublicComponentChecks) {
  const Bytes& n = Numbers2048().n;
  Bytes even_n = n;
  even_n.back() &= 0xfe;
  EXPECT_EQ(CodeOf(RsaPublicKey::FromComponents(even_n, Bytes{1, 0, 1}).status()), ErrorCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(RsaPublicKey::FromComponents(n, Bytes{1, 0, 0}).status()), ErrorCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(RsaPublicKey::FromComponents(n, Bytes{1}).status()), ErrorCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(RsaPublicKey::FromComponents(n, Bytes{}).status()), ErrorCode::kInvalidArgument);
  Bytes e_too_big = n;  // e >= n
  e_too_big.insert(e_too_big.begin(), 0x01);
  EXPECT_FALSE(RsaPublicKey::FromComponents(n, e_too_big).ok());
  EXPECT_TRUE(RsaPublicKey::FromComponents(n, Bytes{3}).ok());  // e = 3 is allowed
  // Leading zeros are ignored, and the stored form is minimal.
  Bytes padded = n;
  padded.insert(padded.begin(), {0, 0});
  auto key = RsaPublicKey::FromComponents(padded, Bytes{0, 1, 0, 1});
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key->n().size(), 256u);
  EXPECT_EQ(HexEncode(key->e()), "010001");
}

TEST(RsaKeyTest, PrivateConsistencyChecks) {
  const RsaPrivateNumbers& good = Numbers2048();
  ASSERT_TRUE(RsaPrivateKey::FromNumbers(Clone(good)).ok());
  auto flip_last = [](SecretBytes& s) { s.data()[s.size() - 1] ^= 0x02; };
  struct Mutation {
    const char* what;
    std::function<void(RsaPrivateNumbers&)> apply;
  };
  const std::vector<Mutation> mutations = {
      {"d", [&](RsaPrivateNumbers& k) { flip_last(k.d); }},
      {"p", [&](RsaPrivateNumbers& k) { flip_last(k.p); }},
      {"q", [&](RsaPrivateNumbers& k) { flip_last(k.q); }},
      {"dp", [&](RsaPrivateNumbers& k) { flip_last(k.dp); }},
      {"dq", [&](RsaPrivateNumbers& k) { flip_last(k.dq); }},
      {"qinv", [&](RsaPrivateNumbers& k) { flip_last(k.qinv); }},
      {"n", [&](RsaPrivateNumbers& k) { k.n[10] ^= 0x01; }},
      {"e",
       [&](RsaPrivateNumbers& k) {
         k.e = Bytes{0x01, 0x00, 0x03};
       }},
      {"p == q", [&](RsaPrivateNumbers& k) { k.q = k.p.Clone(); }},
      {"zero d", [&](RsaPrivateNumbers& k) { k.d = SecretBytes(Bytes{0}); }},
      {"even e",
       [&](RsaPrivateNumbers& k) {
         k.e = Bytes{0x01, 0x00, 0x00};
       }},
  };
  for (const Mutation& m : mutations) {
    RsaPrivateNumbers bad = Clone(good);
    m.apply(bad);
    auto key = RsaPrivateKey::FromNumbers(std::move(bad));
    EXPECT_FALSE(key.ok()) << "accepted a key with a bad " << m.what;
    if (!key.ok()) EXPECT_EQ(CodeOf(key.status()), ErrorCode::kInvalidArgument) << m.what << ": " << key.status();
  }
  // Swapping p and q (with the CRT values recomputed by the generator's convention) is still inconsistent unless
  // qinv is recomputed: the check covers qinv * q = 1 mod p.
  RsaPrivateNumbers swapped = Clone(good);
  std::swap(swapped.p, swapped.q);
  std::swap(swapped.dp, swapped.dq);
  EXPECT_FALSE(RsaPrivateKey::FromNumbers(std::move(swapped)).ok());
}

// Builds DER by hand to hit every structural rejection of the parsers.
Bytes PublicKeyInfo(const asn1::Oid& oid, bool with_null, ByteView pkcs1, uint8_t unused_bits = 0) {
  asn1::DerWriter w;
  w.AddSequence([&](asn1::DerWriter& spki) {
    spki.AddSequence([&](asn1::DerWriter& alg) {
      alg.AddOid(oid);
      if (with_null) alg.AddNull();
    });
    Bytes bits = ToBytes(pkcs1);
    if (unused_bits != 0) bits.back() &= static_cast<uint8_t>(0xff << unused_bits);
    spki.AddBitString(bits, unused_bits);
  });
  return w.Finish().value();
}

TEST(RsaKeyTest, SpkiRejections) {
  auto key = RsaPublicKey::FromComponents(Numbers2048().n, Numbers2048().e).value();
  const Bytes pkcs1 = key.Pkcs1Der();
  const asn1::Oid rsa = asn1::Oid::Known(asn1::KnownOid::kRsaEncryption);
  EXPECT_EQ(PublicKeyInfo(rsa, true, pkcs1), key.SpkiDer());
  // id-RSASSA-PSS takes RSASSA-PSS-params or nothing, never NULL (RFC 4055 3.1); other algorithms are unsupported.
  EXPECT_EQ(CodeOf(RsaPublicKey::ParseSpkiDer(PublicKeyInfo(asn1::Oid::Known(asn1::KnownOid::kRsassaPss), true, pkcs1))
                       .status()),
            ErrorCode::kMalformedInput);
  EXPECT_EQ(CodeOf(RsaPublicKey::ParseSpkiDer(PublicKeyInfo(asn1::Oid::Known(asn1::KnownOid::kRsaesOaep), true, pkcs1))
                       .status()),
            ErrorCode::kUnsupported);
  EXPECT_FALSE(RsaPublicKey::ParseSpkiDer(PublicKeyInfo(rsa, false, pkcs1)).ok());  // parameters absent
  EXPECT_FALSE(RsaPublicKey::ParseSpkiDer(PublicKeyInfo(rsa, true, pkcs1, 1)).ok());
  Bytes trailing = key.SpkiDer();
  trailing.push_back(0);
  EXPECT_EQ(CodeOf(RsaPublicKey::ParseSpkiDer(trailing).status()), ErrorCode::kMalformedInput);
  Bytes truncated = key.SpkiDer();
  truncated.pop_back();
  EXPECT_EQ(CodeOf(RsaPublicKey::ParseSpkiDer(truncated).status()), ErrorCode::kMalformedInput);
  // Negative modulus (sign bit set without the 0x00 octet) in PKCS#1.
  asn1::DerWriter w;
  w.AddSequence([&](asn1::DerWriter& s) {
    s.AddInteger(ByteView(key.n()));
    s.AddPositiveInteger(key.e());
  });
  EXPECT_FALSE(RsaPublicKey::ParsePkcs1Der(w.Finish().value()).ok());
  // A third INTEGER in RSAPublicKey.
  asn1::DerWriter w3;
  w3.AddSequence([&](asn1::DerWriter& s) {
    s.AddPositiveInteger(key.n());
    s.AddPositiveInteger(key.e());
    s.AddUint64(1);
  });
  EXPECT_EQ(CodeOf(RsaPublicKey::ParsePkcs1Der(w3.Finish().value()).status()), ErrorCode::kMalformedInput);
  EXPECT_FALSE(RsaPublicKey::Parse({}).ok());
  EXPECT_FALSE(RsaPublicKey::Parse(AsBytes("garbage")).ok());
}

TEST(RsaKeyTest, PrivateStructureRejections) {
  auto key = RsaPrivateKey::FromNumbers(Clone(Numbers2048())).value();
  const SecretBytes pkcs1 = key.Pkcs1Der();
  const SecretBytes pkcs8 = key.Pkcs8Der();
  // Version 1 (multi-prime) RSAPrivateKey.
  {
    Bytes v1 = ToBytes(pkcs1.view());
    ASSERT_EQ(v1[4], 0x02);  // 30 82 LL LL | 02 01 00
    v1[6] = 0x01;
    EXPECT_EQ(CodeOf(RsaPrivateKey::ParsePkcs1Der(v1).status()), ErrorCode::kUnsupported);
  }
  // PKCS#8 with a version other than 0.
  {
    Bytes v = ToBytes(pkcs8.view());
    ASSERT_EQ(v[4], 0x02);
    v[6] = 0x01;
    EXPECT_EQ(CodeOf(RsaPrivateKey::ParsePkcs8Der(v).status()), ErrorCode::kUnsupported);
  }
  // PKCS#8 with attributes [0].
  {
    asn1::DerWriter w;
    w.AddSequence([&](asn1::DerWriter& s) {
      s.AddUint64(0);
      s.AddSequence([](asn1::DerWriter& alg) {
        alg.AddOid(asn1::Oid::Known(asn1::KnownOid::kRsaEncryption));
        alg.AddNull();
      });
      s.AddOctetString(pkcs1.view());
      s.AddElement(asn1::Tag::ContextSpecific(0, true), [](asn1::DerWriter&) {});
    });
    EXPECT_EQ(CodeOf(RsaPrivateKey::ParsePkcs8Der(w.Finish().value()).status()), ErrorCode::kUnsupported);
  }
  // Trailing data and truncation.
  Bytes trailing = ToBytes(pkcs8.view());
  trailing.push_back(0);
  EXPECT_EQ(CodeOf(RsaPrivateKey::Parse(trailing).status()), ErrorCode::kMalformedInput);
  Bytes truncated = ToBytes(pkcs1.view());
  truncated.resize(truncated.size() - 1);
  EXPECT_EQ(CodeOf(RsaPrivateKey::Parse(truncated).status()), ErrorCode::kMalformedInput);
  // PEM labels that are not private keys, and encrypted keys.
  EXPECT_EQ(CodeOf(RsaPrivateKey::Parse(AsBytes(PemEncode(pkcs8.view(), "ENCRYPTED PRIVATE KEY"))).status()),
            ErrorCode::kUnsupported);
  EXPECT_EQ(CodeOf(RsaPrivateKey::Parse(AsBytes(PemEncode(pkcs8.view(), "CERTIFICATE"))).status()),
            ErrorCode::kUnsupported);
  // Label/content mismatch: PKCS#1 bytes under "PRIVATE KEY".
  EXPECT_FALSE(RsaPrivateKey::Parse(AsBytes(PemEncode(pkcs1.view(), "PRIVATE KEY"))).ok());
  // Broken PEM.
  EXPECT_EQ(
      CodeOf(RsaPrivateKey::Parse(AsBytes("-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n")).status()),
      ErrorCode::kMalformedInput);
}

}  // namespace
}  // namespace jpki::crypto
