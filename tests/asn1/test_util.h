#ifndef JPKICORE_TESTS_ASN1_TEST_UTIL_H_
#define JPKICORE_TESTS_ASN1_TEST_UTIL_H_

// Small helpers shared by the asn1 tests.

#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "base/bytes.h"
#include "base/error.h"
#include "base/status_macros.h"
#include "gtest/gtest.h"

namespace jpki::asn1::testing {

// H decodes hex test vectors (spaces allowed); a bad vector fails the test.
inline Bytes H(std::string_view hex) {
  auto bytes = HexDecode(hex);
  EXPECT_TRUE(bytes.ok()) << hex;
  return bytes.ok() ? *bytes : Bytes();
}

// ErrorText returns the message of a status as a std::string.
inline std::string ErrorText(const absl::Status& status) { return std::string(status.message()); }

// ReadTestFile reads a file from the runfiles tree (the path as given in BUILD data).
inline Bytes ReadTestFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  EXPECT_TRUE(file.good()) << path;
  return Bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
}

inline const std::vector<std::string>& CertificateFiles() {
  static const std::vector<std::string> files = {
      "tests/asn1/testdata/sign_ca_2015.der", "tests/asn1/testdata/sign_ca_2023.der",
      "tests/asn1/testdata/auth_ca_2015.der", "tests/asn1/testdata/auth_ca_2023.der"};
  return files;
}

}  // namespace jpki::asn1::testing

namespace jpki::asn1::testing {

// IsMalformed: a kMalformedInput error whose message starts "asn1: " and, when `offset` >= 0, names "offset N".
inline ::testing::AssertionResult IsMalformed(const absl::Status& status, long offset = -1) {
  if (status.ok()) return ::testing::AssertionFailure() << "expected an error, got OK";
  if (GetErrorCode(status) != ErrorCode::kMalformedInput) {
    return ::testing::AssertionFailure() << "expected malformed_input, got " << status;
  }
  const std::string message(status.message());
  if (message.rfind("asn1: ", 0) != 0) return ::testing::AssertionFailure() << "no asn1 prefix: " << status;
  if (offset >= 0 && message.find("offset " + std::to_string(offset)) == std::string::npos) {
    return ::testing::AssertionFailure() << "expected offset " << offset << " in: " << status;
  }
  return ::testing::AssertionSuccess();
}

}  // namespace jpki::asn1::testing

// EXPECT_MALFORMED_AT(status_or_statusor, offset) / EXPECT_MALFORMED(...): see IsMalformed. Accept `<< message`.
#define EXPECT_MALFORMED_AT(expr, offset) \
  EXPECT_TRUE(::jpki::asn1::testing::IsMalformed(::jpki::internal::AsStatus(expr), static_cast<long>(offset)))
#define EXPECT_MALFORMED(expr) EXPECT_TRUE(::jpki::asn1::testing::IsMalformed(::jpki::internal::AsStatus(expr)))

#endif  // JPKICORE_TESTS_ASN1_TEST_UTIL_H_
