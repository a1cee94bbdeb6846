#include "crypto/pss_params.h"

#include <string>

#include "base/error.h"
#include "gtest/gtest.h"

namespace jpki::crypto {
namespace {

Bytes Hex(std::string_view hex) { return HexDecode(hex).value(); }

// OpenSSL's encoding (`openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_pss_keygen_md:sha256 ...saltlen:32`):
// [0] {sha256, NULL}, [1] {mgf1, {sha256, NULL}}, [2] 32.
constexpr char kSha256Salt32[] =
    "3034a00f300d06096086480165030402010500a11c301a06092a864886f70d010108300d06096086480165030402010500a203020120";

TEST(PssParamsTest, ParsesOpenSslEncodingAndEncodesItBack) {
  auto params = ParsePssParams(Hex(kSha256Salt32));
  ASSERT_TRUE(params.ok()) << params.status();
  EXPECT_EQ(params->hash, HashAlgorithm::kSha256);
  EXPECT_EQ(params->mgf1_hash, HashAlgorithm::kSha256);
  EXPECT_EQ(params->salt_length, 32u);
  EXPECT_EQ(HexEncode(EncodePssParams(*params)), kSha256Salt32);
}

TEST(PssParamsTest, EmptySequenceIsAllDefaults) {
  auto params = ParsePssParams(Hex("3000"));
  ASSERT_TRUE(params.ok()) << params.status();
  EXPECT_EQ(*params, PssParams{});
  EXPECT_EQ(params->hash, HashAlgorithm::kSha1);
  EXPECT_EQ(params->salt_length, 20u);
  EXPECT_EQ(HexEncode(EncodePssParams(PssParams{})), "3000");
}

TEST(PssParamsTest, RoundTripsEveryHashPair) {
  for (HashAlgorithm hash : kAllHashAlgorithms) {
    for (HashAlgorithm mgf : kAllHashAlgorithms) {
      for (size_t salt : {size_t{0}, size_t{20}, size_t{32}, size_t{300}}) {
        const PssParams params{hash, mgf, salt};
        auto back = ParsePssParams(EncodePssParams(params));
        ASSERT_TRUE(back.ok()) << back.status();
        EXPECT_EQ(*back, params);
      }
    }
  }
}

TEST(PssParamsTest, HashParametersNullOrAbsent) {
  // [0] {sha384} without NULL: RFC 4055 2.1 lets it through by default; certificates ask for NULL.
  const Bytes absent = Hex("300fa00d300b0609608648016503040202");
  auto params = ParsePssParams(absent);
  ASSERT_TRUE(params.ok()) << params.status();
  EXPECT_EQ(params->hash, HashAlgorithm::kSha384);
  PssParamsParseOptions strict;
  strict.require_null_hash_parameters = true;
  EXPECT_EQ(GetErrorCode(ParsePssParams(absent, 0, strict).status()), ErrorCode::kMalformedInput);
  EXPECT_TRUE(ParsePssParams(Hex(kSha256Salt32), 0, strict).ok());
}

TEST(PssParamsTest, RejectsEncodedDefaultsAndUndefinedFields) {
  struct Case {
    const char* der;
    ErrorCode code;
    const char* why;
  };
  const Case cases[] = {
      {"3011a00f300d06096086480165030402010500a203020114", ErrorCode::kMalformedInput, "salt 20 encoded"},
      {"300ba009300706052b0e03021a"
       "0500",
       ErrorCode::kMalformedInput, "hash too long for its length"},
      {"300da00b300906052b0e03021a0500", ErrorCode::kMalformedInput, "SHA-1 hash encoded"},
      {"3005a303020101", ErrorCode::kMalformedInput, "trailer field 1 encoded"},
      {"3005a303020102", ErrorCode::kMalformedInput, "trailer field 2"},
      {"3005a20402020800", ErrorCode::kMalformedInput, "salt 2048 encoded in a wrong length"},
      {"3006a204020208"
       "01",
       ErrorCode::kMalformedInput, "salt 2049"},
      {"3003a20102", ErrorCode::kMalformedInput, "salt not an INTEGER element"},
      {"3011a00f300d06096086480165030402630500", ErrorCode::kUnsupported, "unknown hash OID (...4.2.99)"},
      {"3000"
       "00",
       ErrorCode::kMalformedInput, "trailing byte"},
      {"", ErrorCode::kMalformedInput, "empty"},
  };
  for (const Case& c : cases) {
    auto params = ParsePssParams(Hex(c.der));
    EXPECT_FALSE(params.ok()) << c.why;
    if (!params.ok()) EXPECT_EQ(GetErrorCode(params.status()), c.code) << c.why << ": " << params.status();
  }
  // Every truncation of a valid encoding fails cleanly.
  const Bytes full = Hex(kSha256Salt32);
  for (size_t n = 0; n < full.size(); ++n) {
    EXPECT_EQ(GetErrorCode(ParsePssParams(ByteView(full).subspan(0, n)).status()), ErrorCode::kMalformedInput) << n;
  }
}

TEST(PssParamsTest, MaskGenerationOtherThanMgf1IsUnsupported) {
  // [1] { id-RSAES-OAEP (1.2.840.113549.1.1.7) used as if it were a mask generation function, sha256 }.
  const Bytes der = Hex("301ea11c301a06092a864886f70d010107300d06096086480165030402010500");
  auto params = ParsePssParams(der);
  ASSERT_FALSE(params.ok());
  EXPECT_EQ(GetErrorCode(params.status()), ErrorCode::kUnsupported);
}

TEST(PssParamsTest, ErrorsNameTheAbsoluteOffset) {
  // The encoded salt 20 starts 19 bytes into the element; with the element at offset 100 of a larger input, 119.
  auto params = ParsePssParams(Hex("3011a00f300d06096086480165030402010500a203020114"), 100);
  ASSERT_FALSE(params.ok());
  EXPECT_NE(std::string(params.status().message()).find("offset 119"), std::string::npos) << params.status();
}

TEST(PssParamsTest, SaltBoundIsInclusive) {
  PssParams params{HashAlgorithm::kSha256, HashAlgorithm::kSha256, kMaxPssSaltLength};
  EXPECT_TRUE(ParsePssParams(EncodePssParams(params)).ok());
}

}  // namespace
}  // namespace jpki::crypto
