// NIST CAVP RSA signature vectors (tests/data/nist-cavp, copied from ../shared/testdata/nist-cavp/rsa).
//
// Scope: SHA-224/256/384/512 everywhere. Moduli of 2048 bits and up
// run under the default KeyPolicy; 1024 and 1536-bit moduli run under KeyPolicy::LegacyVerify() (verification) or an
// explicit 1024-bit floor (signing known answers), which is what those options exist for. SHA-1 PKCS#1 v1.5
// verification runs with Pkcs1VerifyOptions::allow_legacy_sha1; SHA-1 signing and SHA-1 PSS are not representable
// and are skipped.

#include <iostream>
#include <map>
#include <string>

#include "crypto/rsa_key.h"
#include "crypto/rsa_pkcs1.h"
#include "crypto/rsa_pss.h"
#include "crypto/signature_error.h"
#include "gtest/gtest.h"
#include "tests/crypto/rsa_test_util.h"
#include "tests/crypto/test_vectors.h"

namespace jpki::crypto {
namespace {

using ::jpki::crypto::testing::CavpHash;
using ::jpki::crypto::testing::CavpRecord;
using ::jpki::crypto::testing::FixedRandom;
using ::jpki::crypto::testing::Hex;
using ::jpki::crypto::testing::NumbersFromNed;
using ::jpki::crypto::testing::ParseCavp;
using ::jpki::crypto::testing::ReadRunfile;

constexpr char kDir[] = "tests/data/nist-cavp/";

// Tally counts outcomes per "mod/hash" bucket and prints them.
struct Tally {
  std::map<std::string, std::map<std::string, int>> buckets;
  void Add(const CavpRecord& r, const std::string& outcome) { buckets[r.at("mod") + "/" + r.at("SHAAlg")][outcome]++; }
  void Print(const std::string& file) const {
    std::map<std::string, int> total;
    for (const auto& [bucket, counts] : buckets) {
      std::cout << "CAVP " << file << " mod/hash " << bucket << ":";
      for (const auto& [outcome, n] : counts) {
        std::cout << " " << outcome << "=" << n;
        total[outcome] += n;
      }
      std::cout << "\n";
    }
    std::cout << "CAVP " << file << " TOTAL:";
    for (const auto& [outcome, n] : total) std::cout << " " << outcome << "=" << n;
    std::cout << "\n";
  }
};

KeyPolicy VerifyPolicy(const CavpRecord& r) {
  return std::stoi(r.at("mod")) >= 2048 ? KeyPolicy::Default() : KeyPolicy::LegacyVerify();
}

// PublicKeyFor imports (n, e) under the record's policy, once per distinct pair: the files repeat each key many times.
absl::StatusOr<RsaPublicKey> PublicKeyFor(const CavpRecord& r) {
  static auto* cache = new std::map<std::string, absl::StatusOr<RsaPublicKey>>();
  const std::string id = r.at("n") + "/" + r.at("e");
  auto it = cache->find(id);
  if (it == cache->end()) {
    it = cache->emplace(id, RsaPublicKey::FromComponents(Hex(r.at("n")), Hex(r.at("e")), VerifyPolicy(r))).first;
  }
  return it->second;
}

TEST(CavpRsaTest, SigVer15) {
  const auto records = ParseCavp(ReadRunfile(std::string(kDir) + "SigVer15_186-3.rsp"), "Result");
  ASSERT_EQ(records.size(), 450u);
  Tally tally;
  for (const CavpRecord& r : records) {
    const auto hash = CavpHash(r.at("SHAAlg"));
    ASSERT_TRUE(hash.has_value()) << r.at("SHAAlg");
    const bool expect_pass = r.at("Result")[0] == 'P';
    absl::Status status;
    auto key = PublicKeyFor(r);
    if (!key.ok()) {
      status = key.status();  // "public key e changed" can give an even e, refused at import
    } else {
      Pkcs1VerifyOptions options;
      options.allow_legacy_sha1 = true;
      status = RsaPkcs1Verify(*key, *hash, Hex(r.at("Msg")), Hex(r.at("S")), options);
      if (!status.ok()) EXPECT_TRUE(IsSignatureError(status)) << status;
    }
    EXPECT_EQ(status.ok(), expect_pass) << r.at("mod") << " " << r.at("SHAAlg") << " " << r.at("Result") << ": "
                                        << status;
    tally.Add(r, std::string(expect_pass ? "P" : "F") + (status.ok() == expect_pass ? "_ok" : "_WRONG"));
  }
  tally.Print("SigVer15_186-3.rsp");
}

TEST(CavpRsaTest, SigVerPss) {
  const auto records = ParseCavp(ReadRunfile(std::string(kDir) + "SigVerPSS_186-3.rsp"), "Result");
  ASSERT_EQ(records.size(), 450u);
  Tally tally;
  for (const CavpRecord& r : records) {
    const auto hash = CavpHash(r.at("SHAAlg"));
    ASSERT_TRUE(hash.has_value()) << r.at("SHAAlg");
    if (*hash == HashAlgorithm::kSha1) {
      tally.Add(r, "skipped_sha1_pss");
      continue;
    }
    const bool expect_pass = r.at("Result")[0] == 'P';
    absl::Status status;
    auto key = PublicKeyFor(r);
    if (!key.ok()) {
      status = key.status();
    } else {
      PssOptions options;
      options.hash = *ToSignatureHash(*hash);
      options.salt_length = PssSaltLength::Fixed(Hex(r.at("SaltVal")).size());
      status = RsaPssVerify(*key, options, Hex(r.at("Msg")), Hex(r.at("S")));
      if (!status.ok()) EXPECT_TRUE(IsSignatureError(status)) << status;
      // "auto" salt must agree with the fixed-length verdict on these vectors.
      options.salt_length = PssSaltLength::Auto();
      EXPECT_EQ(RsaPssVerify(*key, options, Hex(r.at("Msg")), Hex(r.at("S"))).ok(), status.ok());
    }
    EXPECT_EQ(status.ok(), expect_pass) << r.at("mod") << " " << r.at("SHAAlg") << " " << r.at("Result") << ": "
                                        << status;
    tally.Add(r, std::string(expect_pass ? "P" : "F") + (status.ok() == expect_pass ? "_ok" : "_WRONG"));
  }
  tally.Print("SigVerPSS_186-3.rsp");
}

TEST(CavpRsaTest, SigGen15VerifiesAsPublished) {
  const auto records = ParseCavp(ReadRunfile(std::string(kDir) + "SigGen15_186-3.rsp"), "S");
  ASSERT_EQ(records.size(), 250u);
  Tally tally;
  for (const CavpRecord& r : records) {
    const auto hash = CavpHash(r.at("SHAAlg"));
    ASSERT_TRUE(hash.has_value()) << r.at("SHAAlg");
    auto key = PublicKeyFor(r);
    ASSERT_TRUE(key.ok()) << key.status();
    Pkcs1VerifyOptions options;
    options.allow_legacy_sha1 = true;
    const absl::Status status = RsaPkcs1Verify(*key, *hash, Hex(r.at("Msg")), Hex(r.at("S")), options);
    EXPECT_TRUE(status.ok()) << r.at("mod") << " " << r.at("SHAAlg") << ": " << status;
    tally.Add(r, status.ok() ? "verified" : "WRONG");
  }
  tally.Print("SigGen15_186-3.rsp");
}

// Known-answer signing: PKCS#1 v1.5 is deterministic, so our signature must equal S byte for byte.
TEST(CavpRsaTest, SigGen15KnownAnswers) {
  const auto records = ParseCavp(ReadRunfile(std::string(kDir) + "SigGen15_186-2.txt"), "S");
  ASSERT_EQ(records.size(), 250u);
  Tally tally;
  std::map<std::string, RsaPrivateKey> keys;
  KeyPolicy policy;
  policy.min_modulus_bits = 1024;  // 1024/1536-bit known answers; our default floor is 2048
  for (const CavpRecord& r : records) {
    const auto hash = CavpHash(r.at("SHAAlg"));
    ASSERT_TRUE(hash.has_value()) << r.at("SHAAlg");
    if (*hash == HashAlgorithm::kSha1) {
      tally.Add(r, "skipped_sha1_signing");
      continue;
    }
    if (keys.count(r.at("n")) == 0) {
      auto numbers = NumbersFromNed(Hex(r.at("n")), Hex(r.at("e")), Hex(r.at("d")));
      ASSERT_TRUE(numbers.ok()) << numbers.status();
      auto key = RsaPrivateKey::FromNumbers(std::move(*numbers), policy);
      ASSERT_TRUE(key.ok()) << key.status();
      keys.emplace(r.at("n"), std::move(*key));
    }
    const RsaPrivateKey& key = keys.at(r.at("n"));
    auto sig = RsaPkcs1Sign(key, *ToSignatureHash(*hash), Hex(r.at("Msg")));
    ASSERT_TRUE(sig.ok()) << sig.status();
    const bool same = HexEncode(*sig) == HexEncode(Hex(r.at("S")));
    EXPECT_TRUE(same) << r.at("mod") << " " << r.at("SHAAlg");
    tally.Add(r, same ? "identical" : "WRONG");
  }
  tally.Print("SigGen15_186-2.txt");
}

// PSS signing with the published salt injected through the salt RandomSource: the signature must equal S.
TEST(CavpRsaTest, SigGenPssKnownAnswers) {
  const auto records = ParseCavp(ReadRunfile(std::string(kDir) + "SigGenPSS_186-2.txt"), "S");
  ASSERT_EQ(records.size(), 250u);
  Tally tally;
  std::map<std::string, RsaPrivateKey> keys;
  KeyPolicy policy;
  policy.min_modulus_bits = 1024;
  for (const CavpRecord& r : records) {
    const auto hash = CavpHash(r.at("SHAAlg"));
    ASSERT_TRUE(hash.has_value()) << r.at("SHAAlg");
    if (*hash == HashAlgorithm::kSha1) {
      tally.Add(r, "skipped_sha1_pss");
      continue;
    }
    if (keys.count(r.at("n")) == 0) {
      auto numbers = NumbersFromNed(Hex(r.at("n")), Hex(r.at("e")), Hex(r.at("d")));
      ASSERT_TRUE(numbers.ok()) << numbers.status();
      auto key = RsaPrivateKey::FromNumbers(std::move(*numbers), policy);
      ASSERT_TRUE(key.ok()) << key.status();
      keys.emplace(r.at("n"), std::move(*key));
    }
    const RsaPrivateKey& key = keys.at(r.at("n"));
    const Bytes salt = Hex(r.at("SaltVal"));
    FixedRandom salt_source(salt);
    PssOptions options;
    options.hash = *ToSignatureHash(*hash);
    options.salt_length = PssSaltLength::Fixed(salt.size());
    auto sig = RsaPssSign(key, options, Hex(r.at("Msg")), salt_source);
    ASSERT_TRUE(sig.ok()) << sig.status();
    const bool same = HexEncode(*sig) == HexEncode(Hex(r.at("S")));
    EXPECT_TRUE(same) << r.at("mod") << " " << r.at("SHAAlg");
    EXPECT_TRUE(RsaPssVerify(key.public_key(), options, Hex(r.at("Msg")), *sig).ok());
    tally.Add(r, same ? "identical" : "WRONG");
  }
  tally.Print("SigGenPSS_186-2.txt");
}

}  // namespace
}  // namespace jpki::crypto
