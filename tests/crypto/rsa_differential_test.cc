// Differential tests against Botan and OpenSSL (libcrypto, test-only) on random keys and messages:
//   - PKCS#1 v1.5: our signatures are byte-identical to Botan's and OpenSSL's; each verifies the others'.
//   - PSS: each side verifies the other's (randomised, so compared by verification), with the salt equal to the hash
//     length, with other salt lengths, and with a different MGF1 hash.
//   - Keys: OpenSSL-generated keys import into ours, and our PKCS#8 / SPKI re-serialisation equals OpenSSL's DER;
//     OpenSSL's RSA-PSS keys (id-RSASSA-PSS, with and without parameters) too, and signatures cross-verify under them.
#include <botan/auto_rng.h>
#include <botan/pubkey.h>
#include <botan/rsa.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <iostream>
#include <memory>
#include <string>

#include "base/error.h"
#include "crypto/rsa_key.h"
#include "crypto/rsa_pkcs1.h"
#include "crypto/rsa_pss.h"
#include "gtest/gtest.h"

namespace jpki::crypto {
namespace {

struct EvpKeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using EvpKey = std::unique_ptr<EVP_PKEY, EvpKeyFree>;

// BotanHash is nullptr for SHA-512/224, which Botan 2.19 lacks (that hash is cross-checked against OpenSSL only).
const char* BotanHash(SignatureHash h) {
  switch (h) {
    case SignatureHash::kSha224:
      return "SHA-224";
    case SignatureHash::kSha512_224:
      return nullptr;
    case SignatureHash::kSha512_256:
      return "SHA-512-256";
    case SignatureHash::kSha256:
      return "SHA-256";
    case SignatureHash::kSha384:
      return "SHA-384";
    case SignatureHash::kSha512:
      return "SHA-512";
  }
  return "";
}
const EVP_MD* OpenSslHash(SignatureHash h) {
  switch (h) {
    case SignatureHash::kSha224:
      return EVP_sha224();
    case SignatureHash::kSha512_224:
      return EVP_sha512_224();
    case SignatureHash::kSha512_256:
      return EVP_sha512_256();
    case SignatureHash::kSha256:
      return EVP_sha256();
    case SignatureHash::kSha384:
      return EVP_sha384();
    case SignatureHash::kSha512:
      return EVP_sha512();
  }
  return nullptr;
}

std::unique_ptr<Botan::RSA_PrivateKey> ToBotan(const RsaPrivateKey& key) {
  const SecretBytes pkcs1 = key.Pkcs1Der();
  return std::make_unique<Botan::RSA_PrivateKey>(
      Botan::AlgorithmIdentifier(), Botan::secure_vector<uint8_t>(pkcs1.view().begin(), pkcs1.view().end()));
}

EvpKey ToOpenSsl(const RsaPrivateKey& key) {
  const SecretBytes pkcs8 = key.Pkcs8Der();
  const unsigned char* p = pkcs8.data();
  return EvpKey(d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(pkcs8.size())));
}

EvpKey ToOpenSslPublic(const RsaPublicKey& key) {
  const Bytes spki = key.SpkiDer();
  const unsigned char* p = spki.data();
  return EvpKey(d2i_PUBKEY(nullptr, &p, static_cast<long>(spki.size())));
}

// pss_salt < 0: PKCS#1 v1.5; otherwise PSS with that salt length and `mgf`.
bool ConfigureCtx(EVP_PKEY_CTX* ctx, int pss_salt, SignatureHash mgf) {
  if (pss_salt < 0) return EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) > 0;
  return EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PSS_PADDING) > 0 &&
         EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, pss_salt) > 0 && EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, OpenSslHash(mgf)) > 0;
}

Bytes OpenSslSign(EVP_PKEY* pkey, SignatureHash h, ByteView msg, int pss_salt = -1, SignatureHash mgf = {}) {
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  EVP_PKEY_CTX* ctx = nullptr;
  Bytes sig(EVP_PKEY_get_size(pkey));
  size_t len = sig.size();
  const bool ok = EVP_DigestSignInit(md, &ctx, OpenSslHash(h), nullptr, pkey) > 0 && ConfigureCtx(ctx, pss_salt, mgf) &&
                  EVP_DigestSign(md, sig.data(), &len, msg.data(), msg.size()) > 0;
  EVP_MD_CTX_free(md);
  if (!ok) return {};
  sig.resize(len);
  return sig;
}

bool OpenSslVerify(EVP_PKEY* pkey, SignatureHash h, ByteView msg, ByteView sig, int pss_salt = -1,
                   SignatureHash mgf = {}) {
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  EVP_PKEY_CTX* ctx = nullptr;
  const bool ok = EVP_DigestVerifyInit(md, &ctx, OpenSslHash(h), nullptr, pkey) > 0 &&
                  ConfigureCtx(ctx, pss_salt, mgf) &&
                  EVP_DigestVerify(md, sig.data(), sig.size(), msg.data(), msg.size()) == 1;
  EVP_MD_CTX_free(md);
  return ok;
}

std::string BotanPss(SignatureHash h, SignatureHash mgf, size_t salt) {
  // Botan 2 names PSS "PSSR(hash,MGF1,salt)"; the MGF1 hash is always the message hash there, so a different MGF1
  // hash is only cross-checked against OpenSSL.
  (void)mgf;
  return std::string("PSSR(") + BotanHash(h) + ",MGF1," + std::to_string(salt) + ")";
}

struct Stats {
  int pkcs1_identical = 0, pkcs1_cross_verified = 0, pss_cross_verified = 0;
};

class DifferentialTest : public ::testing::TestWithParam<size_t> {};

TEST_P(DifferentialTest, AgainstBotanAndOpenSsl) {
  const size_t bits = GetParam();
  const int keys = bits == 2048 ? 3 : 1;
  Botan::AutoSeeded_RNG botan_rng;
  Stats stats;
  for (int k = 0; k < keys; ++k) {
    auto key = RsaPrivateKey::Generate(bits);
    ASSERT_TRUE(key.ok()) << key.status();
    auto botan_key = ToBotan(*key);
    EvpKey ossl_key = ToOpenSsl(*key);
    EvpKey ossl_pub = ToOpenSslPublic(key->public_key());
    ASSERT_NE(ossl_key, nullptr);
    ASSERT_NE(ossl_pub, nullptr);
    for (int m = 0; m < 4; ++m) {
      Bytes msg(static_cast<size_t>(botan_rng.next_byte()) * 7 + static_cast<size_t>(m));
      botan_rng.randomize(msg.data(), msg.size());
      for (SignatureHash h : kAllSignatureHashes) {
        // The JPKI hashes on every message, the rest of SHA-2 on two of them (keeps the test short).
        const bool jpki_hash =
            h == SignatureHash::kSha256 || h == SignatureHash::kSha384 || h == SignatureHash::kSha512;
        if (!jpki_hash && m >= 2) continue;
        const bool botan_has_hash = BotanHash(h) != nullptr;
        // PKCS#1 v1.5: three signers, one answer.
        const Bytes ours = RsaPkcs1Sign(*key, h, msg).value();
        const Bytes ossl_sig = OpenSslSign(ossl_key.get(), h, msg);
        EXPECT_EQ(HexEncode(ours), HexEncode(ossl_sig));
        stats.pkcs1_identical += HexEncode(ours) == HexEncode(ossl_sig);
        if (botan_has_hash) {
          Botan::PK_Signer botan_signer(*botan_key, botan_rng, std::string("EMSA3(") + BotanHash(h) + ")");
          const auto botan_sig = botan_signer.sign_message(msg.data(), msg.size(), botan_rng);
          EXPECT_EQ(HexEncode(ours), HexEncode(Bytes(botan_sig.begin(), botan_sig.end())));
          Botan::PK_Verifier botan_verifier(*botan_key, std::string("EMSA3(") + BotanHash(h) + ")");
          EXPECT_TRUE(botan_verifier.verify_message(msg.data(), msg.size(), ours.data(), ours.size()));
        }
        EXPECT_TRUE(OpenSslVerify(ossl_pub.get(), h, msg, ours));
        EXPECT_TRUE(RsaPkcs1Verify(key->public_key(), ToHashAlgorithm(h), msg, ossl_sig).ok());
        ++stats.pkcs1_cross_verified;

        // PSS: salt = hash length (the default), and a 20-byte salt; MGF1 hash = message hash, then SHA-256.
        for (size_t salt : {DigestSize(h), size_t{20}}) {
          for (SignatureHash mgf : {h, SignatureHash::kSha256}) {
            PssOptions options;
            options.hash = h;
            options.mgf1_hash = mgf;
            options.salt_length = PssSaltLength::Fixed(salt);
            const Bytes our_pss = RsaPssSign(*key, options, msg).value();
            EXPECT_TRUE(OpenSslVerify(ossl_pub.get(), h, msg, our_pss, static_cast<int>(salt), mgf));
            const Bytes ossl_pss = OpenSslSign(ossl_key.get(), h, msg, static_cast<int>(salt), mgf);
            ASSERT_FALSE(ossl_pss.empty());
            EXPECT_TRUE(RsaPssVerify(key->public_key(), options, msg, ossl_pss).ok());
            PssOptions any_salt = options;
            any_salt.salt_length = PssSaltLength::Auto();
            EXPECT_TRUE(RsaPssVerify(key->public_key(), any_salt, msg, ossl_pss).ok());
            if (mgf == h && botan_has_hash) {
              Botan::PK_Verifier bv(*botan_key, BotanPss(h, mgf, salt));
              EXPECT_TRUE(bv.verify_message(msg.data(), msg.size(), our_pss.data(), our_pss.size()));
              Botan::PK_Signer bs(*botan_key, botan_rng, BotanPss(h, mgf, salt));
              const auto botan_pss = bs.sign_message(msg.data(), msg.size(), botan_rng);
              EXPECT_TRUE(
                  RsaPssVerify(key->public_key(), options, msg, Bytes(botan_pss.begin(), botan_pss.end())).ok());
            }
            ++stats.pss_cross_verified;
          }
        }
      }
    }
  }
  std::cout << "DIFFERENTIAL " << bits << "-bit: PKCS#1 v1.5 byte-identical (ours = OpenSSL, and = Botan but for "
            << "SHA-512/224) " << stats.pkcs1_identical << ", PKCS#1 cross-verified " << stats.pkcs1_cross_verified
            << ", PSS cross-verified " << stats.pss_cross_verified << "\n";
}

INSTANTIATE_TEST_SUITE_P(Sizes, DifferentialTest, ::testing::Values(2048, 3072, 4096));

// OpenSSL-generated keys import into jpkicore, and our DER equals OpenSSL's.
TEST(DifferentialKeyTest, OpenSslKeysImportAndReserialiseIdentically) {
  for (unsigned bits : {2048u, 3072u}) {
    EvpKey pkey(EVP_RSA_gen(bits));
    ASSERT_NE(pkey, nullptr);
    PKCS8_PRIV_KEY_INFO* p8 = EVP_PKEY2PKCS8(pkey.get());
    unsigned char* der = nullptr;
    const int der_len = i2d_PKCS8_PRIV_KEY_INFO(p8, &der);
    PKCS8_PRIV_KEY_INFO_free(p8);
    ASSERT_GT(der_len, 0);
    const Bytes pkcs8(der, der + der_len);
    OPENSSL_free(der);
    unsigned char* spki_der = nullptr;
    const int spki_len = i2d_PUBKEY(pkey.get(), &spki_der);
    ASSERT_GT(spki_len, 0);
    const Bytes spki(spki_der, spki_der + spki_len);
    OPENSSL_free(spki_der);

    auto key = RsaPrivateKey::ParsePkcs8Der(pkcs8);
    ASSERT_TRUE(key.ok()) << key.status();
    EXPECT_EQ(HexEncode(key->Pkcs8Der().view()), HexEncode(pkcs8));
    EXPECT_EQ(HexEncode(key->public_key().SpkiDer()), HexEncode(spki));
    auto pub = RsaPublicKey::ParseSpkiDer(spki);
    ASSERT_TRUE(pub.ok());
    EXPECT_TRUE(*pub == key->public_key());
    const ByteView msg = AsBytes("cross-library");
    EXPECT_EQ(RsaPkcs1Sign(*key, SignatureHash::kSha256, msg).value(),
              OpenSslSign(pkey.get(), SignatureHash::kSha256, msg));
  }
}

// GenerateOpenSslPssKey makes an RSA-PSS key with OpenSSL; with `restricted`, SHA-384 / MGF1-SHA-384 / salt >= 48.
EvpKey GenerateOpenSslPssKey(bool restricted) {
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "RSA-PSS", nullptr);
  EVP_PKEY* pkey = nullptr;
  const bool ok = ctx != nullptr && EVP_PKEY_keygen_init(ctx) > 0 && EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, 2048) > 0 &&
                  (!restricted || (EVP_PKEY_CTX_set_rsa_pss_keygen_md(ctx, EVP_sha384()) > 0 &&
                                   EVP_PKEY_CTX_set_rsa_pss_keygen_mgf1_md(ctx, EVP_sha384()) > 0 &&
                                   EVP_PKEY_CTX_set_rsa_pss_keygen_saltlen(ctx, 48) > 0)) &&
                  EVP_PKEY_keygen(ctx, &pkey) > 0;
  EVP_PKEY_CTX_free(ctx);
  if (!ok) EVP_PKEY_free(pkey);
  return EvpKey(ok ? pkey : nullptr);
}

Bytes OpenSslPkcs8(EVP_PKEY* pkey) {
  PKCS8_PRIV_KEY_INFO* p8 = EVP_PKEY2PKCS8(pkey);
  unsigned char* der = nullptr;
  const int len = i2d_PKCS8_PRIV_KEY_INFO(p8, &der);
  PKCS8_PRIV_KEY_INFO_free(p8);
  Bytes out = len > 0 ? Bytes(der, der + len) : Bytes();
  OPENSSL_free(der);
  return out;
}

Bytes OpenSslSpki(EVP_PKEY* pkey) {
  unsigned char* der = nullptr;
  const int len = i2d_PUBKEY(pkey, &der);
  Bytes out = len > 0 ? Bytes(der, der + len) : Bytes();
  OPENSSL_free(der);
  return out;
}

TEST(DifferentialKeyTest, OpenSslRsaPssKeysImportRestrictedAndCrossVerify) {
  for (bool restricted : {true, false}) {
    EvpKey pkey = GenerateOpenSslPssKey(restricted);
    ASSERT_NE(pkey, nullptr);
    const Bytes pkcs8 = OpenSslPkcs8(pkey.get());
    const Bytes spki = OpenSslSpki(pkey.get());
    ASSERT_FALSE(pkcs8.empty());
    ASSERT_FALSE(spki.empty());

    auto key = RsaPrivateKey::ParsePkcs8Der(pkcs8);
    ASSERT_TRUE(key.ok()) << key.status();
    auto pub = RsaPublicKey::ParseSpkiDer(spki);
    ASSERT_TRUE(pub.ok()) << pub.status();
    EXPECT_EQ(HexEncode(key->Pkcs8Der().view()), HexEncode(pkcs8));
    EXPECT_EQ(HexEncode(pub->SpkiDer()), HexEncode(spki));
    EXPECT_EQ(HexEncode(key->public_key().SpkiDer()), HexEncode(spki));
    EXPECT_TRUE(pub->pss_only());
    EXPECT_EQ(pub->pss_restriction().has_value(), restricted);
    if (restricted) {
      EXPECT_EQ(*pub->pss_restriction(), (PssParams{HashAlgorithm::kSha384, HashAlgorithm::kSha384, 48}));
    }

    const ByteView msg = AsBytes("RSA-PSS key from OpenSSL");
    const SignatureHash hash = restricted ? SignatureHash::kSha384 : SignatureHash::kSha256;
    PssOptions options;
    options.hash = hash;
    options.salt_length = PssSaltLength::Fixed(DigestSize(hash));
    const Bytes ours = RsaPssSign(*key, options, msg).value();
    EXPECT_TRUE(OpenSslVerify(pkey.get(), hash, msg, ours, static_cast<int>(DigestSize(hash)), hash));
    const Bytes theirs = OpenSslSign(pkey.get(), hash, msg, static_cast<int>(DigestSize(hash)), hash);
    ASSERT_FALSE(theirs.empty());
    EXPECT_TRUE(RsaPssVerify(*pub, options, msg, theirs).ok());
    // Neither side uses such a key for PKCS#1 v1.5.
    EXPECT_EQ(GetErrorCode(RsaPkcs1Sign(*key, hash, msg).status()), ErrorCode::kPolicyViolation);
    EXPECT_TRUE(OpenSslSign(pkey.get(), hash, msg).empty());
  }
}

}  // namespace
}  // namespace jpki::crypto
