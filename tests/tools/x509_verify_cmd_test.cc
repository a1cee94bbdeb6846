#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/x509/test_pki.h"
#include "tools/cli.h"

namespace jpki::cli {
namespace {

using x509::testing::CaSpec;
using x509::testing::CertSpec;
using x509::testing::CrlSpec;
using x509::testing::MakeCert;
using x509::testing::MakeCrl;
using x509::testing::NameSpec;
using x509::testing::TestKey;

const NameSpec kRoot = {{"C", "JP"}, {"O", "Test"}, {"CN", "Root"}};
const NameSpec kInter = {{"C", "JP"}, {"O", "Test"}, {"CN", "Intermediate"}};

struct CmdRun {
  int code;
  std::string out, err;
};

CmdRun Verify(const std::vector<std::string>& args) {
  std::istringstream in;
  std::ostringstream out, err;
  Io io{in, out, err};
  std::vector<std::string> argv = {"x509", "verify"};
  argv.insert(argv.end(), args.begin(), args.end());
  const int code = Dispatch(argv, io);
  return {code, out.str(), err.str()};
}

std::string Write(const std::string& name, const Bytes& data) {
  const char* dir = std::getenv("TEST_TMPDIR");
  const std::string path = std::string(dir ? dir : "/tmp") + "/" + name;
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(data.data()), data.size());
  return path;
}

std::string WritePem(const std::string& name, const Bytes& der) {
  const std::string pem = PemEncode(der, "CERTIFICATE");
  return Write(name, Bytes(pem.begin(), pem.end()));
}

class X509VerifyCmdTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = MakeCert(CaSpec(kRoot, TestKey(0)));
    CertSpec inter = CaSpec(kInter, TestKey(1), kRoot, TestKey(0));
    inter.serial = 2;
    inter_ = MakeCert(inter);
    leaf_spec_.subject = {{"C", "JP"}, {"CN", "Leaf"}};
    leaf_spec_.issuer = kInter;
    leaf_spec_.key = TestKey(2);
    leaf_spec_.issuer_key = TestKey(1);
    leaf_spec_.serial = 3;
    leaf_spec_.extensions = {{"keyUsage", "critical,digitalSignature,nonRepudiation"}};
    leaf_spec_.raw_extensions = {x509::testing::PoliciesExt({"1.2.392.200149.8.5.1.1.20"})};
    root_path_ = WritePem("root.pem", root_);
    inter_path_ = Write("inter.der", inter_);
    leaf_path_ = Write("leaf.der", MakeCert(leaf_spec_));
  }
  std::string Crl(const std::string& name, const NameSpec& issuer, int key,
                  std::vector<std::pair<long, int64_t>> revoked, int64_t next_update = 1900000000) {
    CrlSpec spec;
    spec.issuer = issuer;
    spec.issuer_key = TestKey(key);
    spec.revoked = std::move(revoked);
    spec.next_update = next_update;
    return Write(name, MakeCrl(spec));
  }
  Bytes root_, inter_;
  CertSpec leaf_spec_;
  std::string root_path_, inter_path_, leaf_path_;
};

TEST_F(X509VerifyCmdTest, Ok) {
  CmdRun r = Verify({"--roots", root_path_, "--intermediate", inter_path_, "--at", "2027-01-01T00:00:00Z", leaf_path_});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("ok: ", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("\"CN=Leaf,C=JP\" <- \"CN=Intermediate,O=Test,C=JP\" <- \"CN=Root,O=Test,C=JP\""),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("jpki: signing/card"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("revocation not checked"), std::string::npos) << r.out;
  EXPECT_TRUE(r.err.empty());
}

TEST_F(X509VerifyCmdTest, OkWithCrls) {
  CmdRun r =
      Verify({"--roots", root_path_, "--intermediate", inter_path_, "--crl", Crl("root.crl", kRoot, 0, {}), "--crl",
              Crl("inter.crl", kInter, 1, {}), "--at", "2027-01-01T00:00:00Z", "--purpose", "signing", leaf_path_});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.find("revocation not checked"), std::string::npos) << r.out;
}

TEST_F(X509VerifyCmdTest, Revoked) {
  CmdRun r =
      Verify({"--roots", root_path_, "--intermediate", inter_path_, "--crl", Crl("root.crl", kRoot, 0, {}), "--crl",
              Crl("inter.crl", kInter, 1, {{3, 1750000000}}), "--at", "2027-01-01T00:00:00Z", leaf_path_});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err.rfind("rejected: revoked: ", 0), 0u) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST_F(X509VerifyCmdTest, RevocationUnknownAndCrlExpired) {
  CmdRun r = Verify({"--roots", root_path_, "--intermediate", inter_path_, "--crl", Crl("inter.crl", kInter, 1, {}),
                     "--at", "2027-01-01T00:00:00Z", leaf_path_});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err.rfind("rejected: revocation_unknown: ", 0), 0u) << r.err;
  r = Verify({"--roots", root_path_, "--intermediate", inter_path_, "--crl", Crl("root.crl", kRoot, 0, {}), "--crl",
              Crl("old.crl", kInter, 1, {}, 1750000000), "--at", "2027-01-01T00:00:00Z", leaf_path_});
  EXPECT_EQ(r.err.rfind("rejected: crl_expired: ", 0), 0u) << r.err;
}

TEST_F(X509VerifyCmdTest, RejectedCodes) {
  CmdRun r = Verify({"--roots", root_path_, "--at", "2027-01-01T00:00:00Z", leaf_path_});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err.rfind("rejected: unknown_issuer: ", 0), 0u) << r.err;
  r = Verify({"--roots", root_path_, "--intermediate", inter_path_, "--at", "2031-01-01T00:00:00Z", leaf_path_});
  EXPECT_EQ(r.err.rfind("rejected: expired: ", 0), 0u) << r.err;
  r = Verify({"--roots", root_path_, "--intermediate", inter_path_, "--at", "2020-01-01T00:00:00Z", leaf_path_});
  EXPECT_EQ(r.err.rfind("rejected: not_yet_valid: ", 0), 0u) << r.err;
  leaf_spec_.extensions = {{"keyUsage", "critical,digitalSignature"}};
  const std::string auth_leaf = Write("auth.der", MakeCert(leaf_spec_));
  r = Verify({"--roots", root_path_, "--intermediate", inter_path_, "--at", "2027-01-01T00:00:00Z", "--purpose",
              "signing", auth_leaf});
  EXPECT_EQ(r.err.rfind("rejected: key_usage: ", 0), 0u) << r.err;
  leaf_spec_.corrupt_signature = true;
  const std::string bad = Write("bad.der", MakeCert(leaf_spec_));
  r = Verify({"--roots", root_path_, "--intermediate", inter_path_, "--at", "2027-01-01T00:00:00Z", bad});
  EXPECT_EQ(r.err.rfind("rejected: bad_signature: ", 0), 0u) << r.err;
}

TEST_F(X509VerifyCmdTest, UsageAndMalformedInput) {
  EXPECT_EQ(Verify({leaf_path_}).code, 2);             // no --roots
  EXPECT_EQ(Verify({"--roots", root_path_}).code, 2);  // no LEAF
  EXPECT_EQ(Verify({"--roots", root_path_, "--purpose", "x", leaf_path_}).code, 2);
  EXPECT_EQ(Verify({"--roots", root_path_, "--at", "yesterday", leaf_path_}).code, 2);
  EXPECT_EQ(Verify({"--roots", "/nonexistent/root.pem", leaf_path_}).code, 2);
  const std::string junk = Write("junk.der", Bytes{0x30, 0x03, 0x01, 0x01});
  CmdRun r = Verify({"--roots", root_path_, junk});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err.rfind("error: ", 0), 0u) << r.err;
  r = Verify({"--roots", root_path_, "--crl", junk, leaf_path_});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(Verify({"--bogus", leaf_path_}).code, 2);
}

TEST_F(X509VerifyCmdTest, JlisRootsVerifyThemselves) {
  // A J-LIS root as its own leaf: it chains to itself (self-signed anchor and leaf are the same certificate).
  const std::string root = "tests/data/jpki-myna/sign_ca_2023.pem";
  CmdRun r = Verify({"--roots", root, "--at", "2027-01-01T00:00:00Z", "--purpose", "any", root});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("jpki: ca"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace jpki::cli
