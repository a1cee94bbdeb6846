// `jpki asn1 dump` against shared/spec/cli.md: the tree format, --reencode byte identity, PEM and stdin input,
// and exit 2 with "error: ... offset N" for every class of non-DER input the contract lists.
#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "asn1/der_tree.h"
#include "base/bytes.h"
#include "gtest/gtest.h"
#include "tools/asn1_dump.h"
#include "tools/cli.h"

namespace jpki::cli {
namespace {

struct Result {
  int code;
  std::string out;
  std::string err;
};

Result RunJpki(const std::vector<std::string>& argv, const std::string& stdin_data = "") {
  std::istringstream in(stdin_data);
  std::ostringstream out, err;
  Io io{in, out, err};
  const int code = Dispatch(argv, io);
  return {code, out.str(), err.str()};
}

Bytes ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  EXPECT_TRUE(f.good()) << path;
  return Bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

std::string WriteTemp(const std::string& name, ByteView data) {
  const std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
  return path;
}

Bytes H(const std::string& hex) {
  auto b = HexDecode(hex);
  EXPECT_TRUE(b.ok());
  return *b;
}

const char* kCert = "tests/asn1/testdata/sign_ca_2023.der";

TEST(Asn1Dump, PrintsTheTree) {
  Result r = RunJpki({"asn1", "dump", kCert});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_TRUE(r.err.empty());
  std::istringstream lines(r.out);
  std::string first, second, third, fourth;
  std::getline(lines, first);
  std::getline(lines, second);
  std::getline(lines, third);
  std::getline(lines, fourth);
  EXPECT_EQ(first, "    0: SEQUENCE (universal 16, constructed) len=1300");
  EXPECT_EQ(second, "    4:   SEQUENCE (universal 16, constructed) len=1020");
  EXPECT_EQ(third, "    8:     [0] (context 0, constructed) len=3");
  EXPECT_EQ(fourth, "   10:       INTEGER (universal 2) len=1 0x02 (2)");
  EXPECT_NE(r.out.find("   13:     INTEGER (universal 2) len=4 0x067c6a21 (108816929)\n"), std::string::npos);
  EXPECT_NE(r.out.find("OBJECT IDENTIFIER (universal 6) len=9 1.2.840.113549.1.1.11 (sha256WithRSAEncryption)"),
            std::string::npos);
  EXPECT_NE(r.out.find("PrintableString (universal 19) len=2 \"JP\""), std::string::npos);
  EXPECT_NE(r.out.find("UTF8String (universal 12) len=26 \"JPKI for digital signature\""), std::string::npos);
  EXPECT_NE(r.out.find("UTCTime (universal 23) len=13 2023-07-16T00:50:27Z"), std::string::npos);
  EXPECT_NE(r.out.find("UTCTime (universal 23) len=13 2033-07-15T14:59:59Z"), std::string::npos);
  EXPECT_NE(r.out.find("2.5.29.15 (keyUsage)"), std::string::npos);
  EXPECT_NE(r.out.find("BOOLEAN (universal 1) len=1 TRUE"), std::string::npos);
  // One line per element.
  Bytes der = ReadFile(kCert);
  auto tree = asn1::DerTree::Parse(der);
  ASSERT_TRUE(tree.ok());
  EXPECT_EQ(static_cast<size_t>(std::count(r.out.begin(), r.out.end(), '\n')), tree->nodes().size());
  // The SAN's UTF-8 (Japanese) directory name is inside an OCTET STRING: shown as hex, not parsed.
  EXPECT_NE(r.out.find("2.5.29.17 (subjectAltName)"), std::string::npos);
}

TEST(Asn1Dump, ReencodeIsByteIdentical) {
  for (const char* path : {"tests/asn1/testdata/sign_ca_2015.der", "tests/asn1/testdata/sign_ca_2023.der",
                           "tests/asn1/testdata/auth_ca_2015.der", "tests/asn1/testdata/auth_ca_2023.der"}) {
    Bytes der = ReadFile(path);
    Result r = RunJpki({"asn1", "dump", "--reencode", path});
    ASSERT_EQ(r.code, kExitOk) << r.err;
    EXPECT_EQ(r.out, std::string(der.begin(), der.end())) << path;
  }
}

TEST(Asn1Dump, AcceptsPemAndStdin) {
  Bytes der = ReadFile(kCert);
  const std::string pem = PemEncode(der, "CERTIFICATE");
  const std::string path = WriteTemp("cert.pem", AsBytes(pem));
  Result r = RunJpki({"asn1", "dump", "--reencode", path});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_EQ(r.out, std::string(der.begin(), der.end()));
  Result from_stdin = RunJpki({"asn1", "dump", "-"}, std::string(der.begin(), der.end()));
  ASSERT_EQ(from_stdin.code, kExitOk);
  Result from_file = RunJpki({"asn1", "dump", kCert});
  EXPECT_EQ(from_stdin.out, from_file.out);
  Result pem_stdin = RunJpki({"asn1", "dump", "--reencode", "-"}, pem);
  ASSERT_EQ(pem_stdin.code, kExitOk);
  EXPECT_EQ(pem_stdin.out, std::string(der.begin(), der.end()));
}

TEST(Asn1Dump, NonDerExitsTwoWithOffset) {
  Bytes deep = {0x30, 0x00};
  for (int i = 1; i < 70; ++i) {
    Bytes outer = {0x30};
    if (deep.size() >= 0x80) outer.push_back(0x81);
    outer.push_back(static_cast<uint8_t>(deep.size()));
    Append(outer, deep);
    deep = outer;
  }
  struct Case {
    std::string name;
    Bytes data;
    std::string offset;
  } cases[] = {
      {"indefinite", H("3080 020101 0000"), "offset 1"},
      {"non_minimal_length", H("3081 03 020101"), "offset 1"},
      {"non_minimal_integer", H("3004 02020001"), "offset 4"},
      {"bad_boolean", H("3003 010101"), "offset 4"},
      {"trailing", H("3003 020101 00"), "offset 5"},
      {"truncated", H("3005 020101"), "offset 1"},
      {"bad_time", H("300f 170d 3135313032303032343032385b"), "offset 4"},
      {"too_deep", deep, "offset "},
      {"empty", Bytes(), "offset 0"},
  };
  for (const auto& c : cases) {
    const std::string path = WriteTemp(c.name + ".der", c.data);
    for (bool reencode : {false, true}) {
      std::vector<std::string> argv = {"asn1", "dump"};
      if (reencode) argv.push_back("--reencode");
      argv.push_back(path);
      Result r = RunJpki(argv);
      EXPECT_EQ(r.code, kExitUsage) << c.name;
      EXPECT_TRUE(r.out.empty()) << c.name;
      EXPECT_EQ(r.err.rfind("error: ", 0), 0u) << c.name << ": " << r.err;
      EXPECT_NE(r.err.find(c.offset), std::string::npos) << c.name << ": " << r.err;
    }
  }
  // The truncated certificate too.
  Bytes der = ReadFile(kCert);
  der.pop_back();
  Result r = RunJpki({"asn1", "dump", WriteTemp("cut.der", der)});
  EXPECT_EQ(r.code, kExitUsage);
  EXPECT_NE(r.err.find("offset"), std::string::npos);
}

TEST(Asn1Dump, UsageErrors) {
  EXPECT_EQ(RunJpki({"asn1", "dump"}).code, kExitUsage);
  EXPECT_EQ(RunJpki({"asn1", "dump", "a", "b"}).code, kExitUsage);
  EXPECT_EQ(RunJpki({"asn1", "dump", "--bogus", kCert}).code, kExitUsage);
  Result missing = RunJpki({"asn1", "dump", "/nonexistent/file.der"});
  EXPECT_EQ(missing.code, kExitUsage);
  EXPECT_EQ(missing.err.rfind("error: ", 0), 0u);
  Result help = RunJpki({"asn1", "dump", "--help"});
  EXPECT_EQ(help.code, kExitOk);
  EXPECT_NE(help.out.find("--reencode"), std::string::npos);
  Result bad_pem =
      RunJpki({"asn1", "dump", WriteTemp("bad.pem", AsBytes("-----BEGIN X-----\n!!!!\n-----END X-----\n"))});
  EXPECT_EQ(bad_pem.code, kExitUsage);
}

asn1::Element Primitive(asn1::Tag tag, const Bytes& contents) {
  asn1::Element e;
  e.tag = tag;
  e.contents = contents;
  return e;
}

TEST(SummarizeElement, EveryKind) {
  EXPECT_EQ(SummarizeElement(Primitive(asn1::kBoolean, H("ff"))), "TRUE");
  EXPECT_EQ(SummarizeElement(Primitive(asn1::kBoolean, H("00"))), "FALSE");
  EXPECT_EQ(SummarizeElement(Primitive(asn1::kInteger, H("ff7f"))), "0xff7f (-129)");
  EXPECT_EQ(SummarizeElement(Primitive(asn1::kEnumerated, H("05"))), "0x05 (5)");
  Bytes big(20, 0x11);
  EXPECT_EQ(SummarizeElement(Primitive(asn1::kInteger, big)), "0x" + HexEncode(big));
  EXPECT_EQ(SummarizeElement(Primitive(asn1::kNull, Bytes())), "");
  EXPECT_EQ(SummarizeElement(Primitive(asn1::kObjectIdentifier, H("2a83088c9b55080505 01"))),
            "1.2.392.200149.8.5.5.1 (jpki-name)");
  EXPECT_EQ(SummarizeElement(Primitive(asn1::kObjectIdentifier, H("2a0304"))), "1.2.3.4");
  EXPECT_EQ(SummarizeElement(Primitive(asn1::kBitString, H("0406c0"))), "unused=4 06c0");
  EXPECT_EQ(SummarizeElement(Primitive(asn1::kBitString, H("00"))), "unused=0");
  EXPECT_EQ(SummarizeElement(Primitive(asn1::kUtf8String, H("e585ac 22 0a"))), "\"\xe5\x85\xac\\\"\\x0a\"");
  EXPECT_EQ(SummarizeElement(Primitive(asn1::kBmpString, H("0041"))), "\"A\"");
  EXPECT_EQ(SummarizeElement(
                Primitive(asn1::kUtcTime, Bytes{'7', '0', '0', '1', '0', '1', '0', '0', '0', '0', '0', '0', 'Z'})),
            "1970-01-01T00:00:00Z");
  Bytes long_octets(40, 0xab);
  EXPECT_EQ(SummarizeElement(Primitive(asn1::kOctetString, long_octets)),
            HexEncode(ByteView(long_octets).subspan(0, 32)) + "... (40 bytes)");
  EXPECT_EQ(SummarizeElement(Primitive(asn1::ContextSpecific(2), H("6162"))), "6162");
  EXPECT_EQ(SummarizeElement(Primitive(asn1::ContextSpecific(2, true), H("0500"))), "");
}

}  // namespace
}  // namespace jpki::cli
