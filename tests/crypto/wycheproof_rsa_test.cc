// Wycheproof RSA signature suites (tests/data/wycheproof, copied from ../shared/testdata/wycheproof).
//
// Rules: every `valid` case must be accepted and every `invalid` case rejected with the uniform signature error
// (or, for keys, refused at import). `acceptable` cases are decided as follows and counted separately:
//   - rsa_signature_* "MissingNull" (DigestInfo whose AlgorithmIdentifier omits the NULL parameters): REJECTED.
//     jpkicore verifies by re-encoding the one DER DigestInfo RFC 8017 9.2 specifies (NULL present) and comparing;
//     accepting a second encoding would reintroduce the parsing this design avoids.
//   - rsa_pkcs1_*_sig_gen with a 1024/1536-bit modulus ("SmallModulus"): REJECTED at key import (policy: private
//     keys of at least 2048 bits).
//   - rsa_pkcs1_*_sig_gen with SHA-1 ("WeakHash"): REJECTED: SHA-1 signing is not representable (SignatureHash).
//   - rsa_pkcs1_*_sig_gen with e = 3 ("SmallPublicKey"): REJECTED at import: those keys have unbalanced primes
//     (e.g. 1364 + 684 bits), which the import checks refuse.
// Not run (reported as skipped): PSS groups whose hash or MGF1 hash is SHA-1 (PssOptions cannot express SHA-1).
// The *_params_test.json PSS files carry the parameters in an id-RSASSA-PSS SubjectPublicKeyInfo: the tests import
// that SPKI (which restricts the key to those parameters, RFC 4055 3.1), check the restriction against the group
// fields (sha, mgfSha, sLen), and verify under it.

#include <iostream>
#include <string>

#include "base/error.h"
#include "crypto/rsa_key.h"
#include "crypto/rsa_pkcs1.h"
#include "crypto/rsa_pss.h"
#include "crypto/signature_error.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/crypto/test_vectors.h"

namespace jpki::crypto {
namespace {

using ::jpki::crypto::testing::Hex;
using ::jpki::crypto::testing::ReadRunfile;
using ::jpki::crypto::testing::WycheproofHash;
using json = nlohmann::json;

constexpr char kDir[] = "tests/data/wycheproof/";

struct Counts {
  int valid_accepted = 0;
  int invalid_rejected = 0;
  int acceptable_accepted = 0;
  int acceptable_rejected = 0;
  int skipped = 0;
  int total = 0;
  int keys_from_pss_spki = 0;
};

void Report(const std::string& file, const Counts& c) {
  std::cout << "WYCHEPROOF " << file << ": " << c.total << " tests, valid accepted " << c.valid_accepted
            << ", invalid rejected " << c.invalid_rejected << ", acceptable accepted " << c.acceptable_accepted
            << ", acceptable rejected " << c.acceptable_rejected << ", skipped " << c.skipped;
  if (c.keys_from_pss_spki > 0) std::cout << ", keys imported from id-RSASSA-PSS SPKI " << c.keys_from_pss_spki;
  std::cout << "\n";
}

json Load(const std::string& file) { return json::parse(ReadRunfile(kDir + file)); }

// Judge records one outcome and fails the test when it breaks the rules.
void Judge(const std::string& file, const json& t, const absl::Status& status, Counts& counts) {
  const std::string result = t["result"];
  const int id = t["tcId"];
  ++counts.total;
  if (result == "valid") {
    EXPECT_TRUE(status.ok()) << file << " tcId " << id << " (" << t["comment"] << "): " << status;
    if (status.ok()) ++counts.valid_accepted;
  } else if (result == "invalid") {
    EXPECT_FALSE(status.ok()) << file << " tcId " << id << " (" << t["comment"] << ") accepted";
    if (!status.ok()) ++counts.invalid_rejected;
  } else {
    if (status.ok()) {
      ++counts.acceptable_accepted;
    } else {
      ++counts.acceptable_rejected;
    }
  }
}

class Pkcs1VerifyTest : public ::testing::TestWithParam<std::string> {};

TEST_P(Pkcs1VerifyTest, AllCases) {
  const std::string file = GetParam();
  const json suite = Load(file);
  Counts counts;
  for (const json& group : suite["testGroups"]) {
    const auto hash = WycheproofHash(group["sha"]);
    ASSERT_TRUE(hash.has_value());
    auto key = RsaPublicKey::ParseSpkiDer(Hex(group["publicKeyDer"]));
    ASSERT_TRUE(key.ok()) << file << ": " << key.status();
    // The PKCS#1 and PEM forms name the same key, and re-serialisation is byte-exact.
    EXPECT_EQ(HexEncode(key->SpkiDer()), group["publicKeyDer"].get<std::string>());
    EXPECT_EQ(HexEncode(key->Pkcs1Der()), group["publicKeyAsn"].get<std::string>());
    auto from_pem = RsaPublicKey::Parse(AsBytes(group["publicKeyPem"].get<std::string>()));
    ASSERT_TRUE(from_pem.ok()) << from_pem.status();
    EXPECT_TRUE(*from_pem == *key);
    for (const json& t : group["tests"]) {
      const absl::Status status = RsaPkcs1Verify(*key, *hash, Hex(t["msg"]), Hex(t["sig"]));
      if (!status.ok()) {
        EXPECT_TRUE(IsSignatureError(status)) << "non-uniform error for tcId " << t["tcId"] << ": " << status;
      }
      if (t["result"] == "acceptable") {
        // Decided: MissingNull is rejected (see the top of this file).
        EXPECT_FALSE(status.ok()) << "acceptable tcId " << t["tcId"];
      }
      Judge(file, t, status, counts);
    }
  }
  Report(file, counts);
  EXPECT_EQ(counts.total, suite["numberOfTests"].get<int>());
}

INSTANTIATE_TEST_SUITE_P(Wycheproof, Pkcs1VerifyTest,
                         ::testing::Values("rsa_signature_2048_sha256_test.json", "rsa_signature_2048_sha384_test.json",
                                           "rsa_signature_2048_sha512_test.json", "rsa_signature_3072_sha256_test.json",
                                           "rsa_signature_3072_sha384_test.json", "rsa_signature_3072_sha512_test.json",
                                           "rsa_signature_4096_sha256_test.json", "rsa_signature_4096_sha384_test.json",
                                           "rsa_signature_4096_sha512_test.json"));

class PssVerifyTest : public ::testing::TestWithParam<std::string> {};

TEST_P(PssVerifyTest, AllSha2Cases) {
  const std::string file = GetParam();
  const json suite = Load(file);
  Counts counts;
  for (const json& group : suite["testGroups"]) {
    const auto hash = WycheproofHash(group["sha"]);
    const auto mgf_hash = WycheproofHash(group["mgfSha"]);
    ASSERT_EQ(group["mgf"], "MGF1");
    ASSERT_TRUE(hash.has_value() && mgf_hash.has_value()) << group["sha"] << " " << group["mgfSha"];
    const bool with_parameters = suite["schema"] == "rsassa_pss_with_parameters_verify_schema.json";
    if (*hash == HashAlgorithm::kSha1 || *mgf_hash == HashAlgorithm::kSha1) {
      // An id-RSASSA-PSS key restricted to SHA-1 is refused at import.
      if (with_parameters) {
        EXPECT_EQ(GetErrorCode(RsaPublicKey::ParseSpkiDer(Hex(group["publicKeyDer"])).status()),
                  ErrorCode::kUnsupported);
      }
      counts.skipped += static_cast<int>(group["tests"].size());
      counts.total += static_cast<int>(group["tests"].size());
      continue;
    }
    // The *_params files give the key as id-RSASSA-PSS SubjectPublicKeyInfo: import it as such, so its
    // restriction is what the verification runs under.
    auto key = with_parameters ? RsaPublicKey::ParseSpkiDer(Hex(group["publicKeyDer"]))
                               : RsaPublicKey::ParsePkcs1Der(Hex(group["publicKeyAsn"]));
    ASSERT_TRUE(key.ok()) << file << ": " << key.status();
    if (with_parameters) {
      EXPECT_EQ(HexEncode(key->SpkiDer()), group["publicKeyDer"].get<std::string>());
      ASSERT_TRUE(key->pss_restriction().has_value());
      EXPECT_EQ(key->pss_restriction()->hash, *hash);
      EXPECT_EQ(key->pss_restriction()->mgf1_hash, *mgf_hash);
      EXPECT_EQ(key->pss_restriction()->salt_length, group["sLen"].get<size_t>());
      ++counts.keys_from_pss_spki;
    }
    PssOptions options;
    options.hash = *ToSignatureHash(*hash);
    options.mgf1_hash = *ToSignatureHash(*mgf_hash);
    options.salt_length = PssSaltLength::Fixed(group["sLen"].get<size_t>());
    PssOptions auto_options = options;
    auto_options.salt_length = PssSaltLength::Auto();
    for (const json& t : group["tests"]) {
      const Bytes msg = Hex(t["msg"]);
      const Bytes sig = Hex(t["sig"]);
      const absl::Status status = RsaPssVerify(*key, options, msg, sig);
      if (!status.ok()) EXPECT_TRUE(IsSignatureError(status)) << status;
      // A valid signature also verifies with "auto" salt length: auto only widens what the salt may be.
      if (t["result"] == "valid") {
        EXPECT_TRUE(RsaPssVerify(*key, auto_options, msg, sig).ok()) << file << " auto, tcId " << t["tcId"];
      }
      Judge(file, t, status, counts);
    }
  }
  Report(file, counts);
  EXPECT_EQ(counts.total, suite["numberOfTests"].get<int>());
}

INSTANTIATE_TEST_SUITE_P(
    Wycheproof, PssVerifyTest,
    ::testing::Values("rsa_pss_2048_sha256_mgf1_0_test.json", "rsa_pss_2048_sha256_mgf1_0_params_test.json",
                      "rsa_pss_2048_sha256_mgf1_32_test.json", "rsa_pss_2048_sha256_mgf1_32_params_test.json",
                      "rsa_pss_2048_sha384_mgf1_48_test.json", "rsa_pss_2048_sha512_mgf1sha256_32_params_test.json",
                      "rsa_pss_2048_sha512_224_mgf1_28_test.json", "rsa_pss_2048_sha512_256_mgf1_32_test.json",
                      "rsa_pss_3072_sha256_mgf1_32_test.json", "rsa_pss_3072_sha256_mgf1_32_params_test.json",
                      "rsa_pss_4096_sha256_mgf1_32_test.json", "rsa_pss_4096_sha384_mgf1_48_test.json",
                      "rsa_pss_4096_sha512_mgf1_32_test.json", "rsa_pss_4096_sha512_mgf1_32_params_test.json",
                      "rsa_pss_4096_sha512_mgf1_64_test.json", "rsa_pss_4096_sha512_mgf1_64_params_test.json",
                      "rsa_pss_misc_test.json", "rsa_pss_misc_params_test.json"));

class Pkcs1SignTest : public ::testing::TestWithParam<std::string> {};

TEST_P(Pkcs1SignTest, KnownAnswers) {
  const std::string file = GetParam();
  const json suite = Load(file);
  Counts counts;
  for (const json& group : suite["testGroups"]) {
    const auto hash = WycheproofHash(group["sha"]);
    ASSERT_TRUE(hash.has_value()) << group["sha"];
    const Bytes pkcs8 = Hex(group["privateKeyPkcs8"]);
    auto key = RsaPrivateKey::ParsePkcs8Der(pkcs8);
    const std::optional<SignatureHash> sig_hash = ToSignatureHash(*hash);
    for (const json& t : group["tests"]) {
      absl::Status status;
      if (!key.ok()) {
        status = key.status();
        EXPECT_NE(GetErrorCode(status), ErrorCode::kMalformedInput) << file << ": " << status;
      } else if (!sig_hash.has_value()) {
        status = MakeError(ErrorCode::kPolicyViolation, "test", "SHA-1 signing is not representable");
      } else {
        const Bytes msg = Hex(t["msg"]);
        auto sig = RsaPkcs1Sign(*key, *sig_hash, msg);
        status = sig.status();
        if (sig.ok()) {
          EXPECT_EQ(HexEncode(*sig), t["sig"].get<std::string>()) << file << " tcId " << t["tcId"];
          if (HexEncode(*sig) != t["sig"].get<std::string>()) status = absl::InternalError("different signature");
          EXPECT_TRUE(RsaPkcs1Verify(key->public_key(), *hash, msg, *sig).ok());
        }
      }
      if (t["result"] == "acceptable") EXPECT_FALSE(status.ok()) << "acceptable tcId " << t["tcId"];
      Judge(file, t, status, counts);
    }
    if (key.ok()) {
      // Round trips: PKCS#8 DER byte-exact; the PKCS#1 PEM of the same key parses to the same key.
      EXPECT_EQ(HexEncode(key->Pkcs8Der().view()), HexEncode(pkcs8));
      auto from_pem = RsaPrivateKey::Parse(AsBytes(group["privateKeyPem"].get<std::string>()));
      ASSERT_TRUE(from_pem.ok()) << from_pem.status();
      EXPECT_TRUE(from_pem->public_key() == key->public_key());
      EXPECT_EQ(HexEncode(from_pem->Pkcs8Der().view()), HexEncode(pkcs8));
    }
  }
  Report(file, counts);
  EXPECT_EQ(counts.total, suite["numberOfTests"].get<int>());
}

INSTANTIATE_TEST_SUITE_P(Wycheproof, Pkcs1SignTest,
                         ::testing::Values("rsa_pkcs1_1024_sig_gen_test.json", "rsa_pkcs1_1536_sig_gen_test.json",
                                           "rsa_pkcs1_2048_sig_gen_test.json", "rsa_pkcs1_3072_sig_gen_test.json",
                                           "rsa_pkcs1_4096_sig_gen_test.json"));

}  // namespace
}  // namespace jpki::crypto
