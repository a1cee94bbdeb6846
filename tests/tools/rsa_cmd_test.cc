// `jpki rsa keygen|pub|sign|verify` through cli::Dispatch, plus interop with the `openssl` command when present.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "crypto/emsa_pkcs1.h"
#include "crypto/hash.h"
#include "crypto/rsa_key.h"
#include "gtest/gtest.h"
#include "tools/cli.h"

namespace jpki::cli {
namespace {

struct Result {
  int code;
  std::string out;
  std::string err;
};

Result Jpki(const std::vector<std::string>& argv, const std::string& stdin_text = "") {
  std::istringstream in(stdin_text);
  std::ostringstream out, err;
  Io io{in, out, err};
  const int code = Dispatch(argv, io);
  return {code, out.str(), err.str()};
}

std::string TmpDir() {
  const char* dir = std::getenv("TEST_TMPDIR");
  return dir != nullptr ? dir : "/tmp";
}
std::string Path(const std::string& name) { return TmpDir() + "/" + name; }

void WriteFile(const std::string& path, const std::string& data) {
  std::ofstream f(path, std::ios::binary);
  f << data;
}
std::string ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

bool HaveOpenssl() { return std::system("openssl version > /dev/null 2>&1") == 0; }
int Shell(const std::string& command) { return std::system((command + " > /dev/null 2>&1").c_str()); }

// One key for the whole binary (generation is slow).
const std::string& KeyPath() {
  static const std::string* path = [] {
    auto* p = new std::string(Path("key.pem"));
    const Result r = Jpki({"rsa", "keygen", "--bits", "2048", "--out", *p});
    if (r.code != 0) std::abort();
    return p;
  }();
  return *path;
}
const std::string& PubPath() {
  static const std::string* path = [] {
    auto* p = new std::string(Path("pub.pem"));
    if (Jpki({"rsa", "pub", "--key", KeyPath(), "--out", *p}).code != 0) std::abort();
    return p;
  }();
  return *path;
}

TEST(RsaCmdTest, KeygenWritesPkcs8PemAndPubWritesSpkiPem) {
  const std::string key_pem = ReadFile(KeyPath());
  EXPECT_EQ(key_pem.rfind("-----BEGIN PRIVATE KEY-----\n", 0), 0u);
  auto key = crypto::RsaPrivateKey::Parse(AsBytes(key_pem));
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_EQ(key->modulus_bits(), 2048u);
  EXPECT_EQ(HexEncode(key->public_key().e()), "010001");
  const std::string pub_pem = ReadFile(PubPath());
  EXPECT_EQ(pub_pem, key->public_key().SpkiPem());
  // Usage errors.
  EXPECT_EQ(Jpki({"rsa", "keygen", "--bits", "1024", "--out", Path("x.pem")}).code, 2);
  EXPECT_EQ(Jpki({"rsa", "keygen", "--bits", "2048"}).code, 2);
  EXPECT_EQ(Jpki({"rsa", "keygen", "--bits", "2048", "--e", "3", "--out", Path("x.pem")}).code, 2);
  const Result bad = Jpki({"rsa", "keygen", "--bits", "2048", "--out", Path("x.pem"), "--bogus"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_EQ(bad.err.rfind("error: ", 0), 0u);
  EXPECT_EQ(Jpki({"rsa", "pub", "--key", Path("missing.pem"), "--out", Path("x.pem")}).code, 2);
  EXPECT_EQ(Jpki({"rsa", "pub", "--key", PubPath(), "--out", Path("x.pem")}).code, 2);  // not a private key
}

TEST(RsaCmdTest, SignVerifyEveryMode) {
  const std::string msg = Path("msg.txt");
  WriteFile(msg, "hello JPKI\n");
  struct Mode {
    std::vector<std::string> sign, verify;
  };
  const std::vector<Mode> modes = {
      {{}, {}},
      {{"--hash", "sha384"}, {"--hash", "sha384"}},
      {{"--hash", "sha512"}, {"--hash", "sha512"}},
      {{"--pss"}, {"--pss"}},
      {{"--pss"}, {"--pss", "--salt", "auto"}},
      {{"--pss", "--salt", "0"}, {"--pss", "--salt", "0"}},
      {{"--pss", "--salt", "20", "--hash", "sha512"}, {"--pss", "--salt", "auto", "--hash", "sha512"}},
  };
  for (const Mode& mode : modes) {
    std::vector<std::string> sign = {"rsa", "sign", "--key", KeyPath(), "--in", msg, "--out", Path("sig.bin")};
    sign.insert(sign.end(), mode.sign.begin(), mode.sign.end());
    const Result s = Jpki(sign);
    ASSERT_EQ(s.code, 0) << s.err;
    EXPECT_EQ(ReadFile(Path("sig.bin")).size(), 256u);
    std::vector<std::string> verify = {"rsa", "verify", "--pub", PubPath(), "--in", msg, "--sig", Path("sig.bin")};
    verify.insert(verify.end(), mode.verify.begin(), mode.verify.end());
    const Result v = Jpki(verify);
    EXPECT_EQ(v.code, 0) << v.err;
    EXPECT_EQ(v.out, "valid\n");
    // Tampered message: exit 1, "invalid: " on stderr, nothing on stdout.
    WriteFile(Path("other.txt"), "hello JPKI?\n");
    verify[5] = Path("other.txt");
    const Result bad = Jpki(verify);
    EXPECT_EQ(bad.code, 1);
    EXPECT_EQ(bad.out, "");
    EXPECT_EQ(bad.err.rfind("invalid: ", 0), 0u) << bad.err;
  }
  // Wrong scheme or hash at verification: invalid.
  ASSERT_EQ(Jpki({"rsa", "sign", "--key", KeyPath(), "--in", msg, "--out", Path("sig.bin")}).code, 0);
  EXPECT_EQ(Jpki({"rsa", "verify", "--pub", PubPath(), "--in", msg, "--sig", Path("sig.bin"), "--pss"}).code, 1);
  EXPECT_EQ(Jpki({"rsa", "verify", "--pub", PubPath(), "--in", msg, "--sig", Path("sig.bin"), "--hash", "sha512"}).code,
            1);
  // Truncated signature: well-formed input that fails the check.
  WriteFile(Path("short.bin"), ReadFile(Path("sig.bin")).substr(1));
  EXPECT_EQ(Jpki({"rsa", "verify", "--pub", PubPath(), "--in", msg, "--sig", Path("short.bin")}).code, 1);
}

TEST(RsaCmdTest, StdinAndKeyForms) {
  ASSERT_EQ(Jpki({"rsa", "sign", "--key", KeyPath(), "--in", "-", "--out", Path("stdin.sig")}, "from stdin").code, 0);
  EXPECT_EQ(Jpki({"rsa", "verify", "--pub", PubPath(), "--in", "-", "--sig", Path("stdin.sig")}, "from stdin").code, 0);
  // Same key as PKCS#1 PEM, PKCS#1 DER, PKCS#8 DER; public as PKCS#1 PEM/DER and SPKI DER.
  auto key = crypto::RsaPrivateKey::Parse(AsBytes(ReadFile(KeyPath()))).value();
  const SecretBytes p1pem = key.Pkcs1Pem(), p1der = key.Pkcs1Der(), p8der = key.Pkcs8Der();
  WriteFile(Path("k1.pem"), std::string(p1pem.view().begin(), p1pem.view().end()));
  WriteFile(Path("k1.der"), std::string(p1der.view().begin(), p1der.view().end()));
  WriteFile(Path("k8.der"), std::string(p8der.view().begin(), p8der.view().end()));
  WriteFile(Path("p1.pem"), key.public_key().Pkcs1Pem());
  const Bytes p1 = key.public_key().Pkcs1Der(), spki = key.public_key().SpkiDer();
  WriteFile(Path("p1.der"), std::string(p1.begin(), p1.end()));
  WriteFile(Path("spki.der"), std::string(spki.begin(), spki.end()));
  std::vector<std::string> signatures;
  for (const char* k : {"k1.pem", "k1.der", "k8.der"}) {
    ASSERT_EQ(Jpki({"rsa", "sign", "--key", Path(k), "--in", "-", "--out", Path("f.sig")}, "forms").code, 0) << k;
    for (const char* p : {"p1.pem", "p1.der", "spki.der"}) {
      EXPECT_EQ(Jpki({"rsa", "verify", "--pub", Path(p), "--in", "-", "--sig", Path("f.sig")}, "forms").code, 0) << p;
    }
    signatures.push_back(ReadFile(Path("f.sig")));
  }
  // PKCS#1 v1.5 is deterministic: every form of the key gives the same signature.
  EXPECT_EQ(signatures[0], signatures[1]);
  EXPECT_EQ(signatures[0], signatures[2]);
}

TEST(RsaCmdTest, SignsAReadyDigestInfo) {
  const std::string msg = "digest info message";
  WriteFile(Path("di_msg.txt"), msg);
  const Bytes digest = crypto::Hash(crypto::HashAlgorithm::kSha256, AsBytes(msg)).value();
  const Bytes di = crypto::EncodeDigestInfo(crypto::HashAlgorithm::kSha256, digest).value();
  WriteFile(Path("di.der"), std::string(di.begin(), di.end()));
  ASSERT_EQ(Jpki({"rsa", "sign", "--key", KeyPath(), "--digest-info", Path("di.der"), "--out", Path("di.sig")}).code,
            0);
  ASSERT_EQ(Jpki({"rsa", "sign", "--key", KeyPath(), "--in", Path("di_msg.txt"), "--out", Path("msg.sig")}).code, 0);
  EXPECT_EQ(ReadFile(Path("di.sig")), ReadFile(Path("msg.sig")));
  EXPECT_EQ(Jpki({"rsa", "verify", "--pub", PubPath(), "--in", Path("di_msg.txt"), "--sig", Path("di.sig")}).code, 0);
  // A SHA-1 DigestInfo or arbitrary bytes are refused (exit 2).
  const Bytes sha1_di = crypto::EncodeDigestInfo(crypto::HashAlgorithm::kSha1, Bytes(20, 1)).value();
  WriteFile(Path("sha1_di.der"), std::string(sha1_di.begin(), sha1_di.end()));
  EXPECT_EQ(Jpki({"rsa", "sign", "--key", KeyPath(), "--digest-info", Path("sha1_di.der"), "--out", Path("x")}).code,
            2);
  WriteFile(Path("junk.der"), "junk");
  EXPECT_EQ(Jpki({"rsa", "sign", "--key", KeyPath(), "--digest-info", Path("junk.der"), "--out", Path("x")}).code, 2);
  // --digest-info with --in, --pss or --hash is a usage error.
  EXPECT_EQ(Jpki({"rsa", "sign", "--key", KeyPath(), "--digest-info", Path("di.der"), "--in", Path("di_msg.txt"),
                  "--out", Path("x")})
                .code,
            2);
  EXPECT_EQ(
      Jpki({"rsa", "sign", "--key", KeyPath(), "--digest-info", Path("di.der"), "--pss", "--out", Path("x")}).code, 2);
}

TEST(RsaCmdTest, UsageAndMalformedInputErrors) {
  WriteFile(Path("m.txt"), "m");
  const auto error = [](const Result& r) { return r.code == 2 && r.err.rfind("error: ", 0) == 0 && r.out.empty(); };
  EXPECT_TRUE(
      error(Jpki({"rsa", "sign", "--key", KeyPath(), "--in", Path("m.txt"), "--out", Path("x"), "--hash", "sha1"})));
  EXPECT_TRUE(
      error(Jpki({"rsa", "sign", "--key", KeyPath(), "--in", Path("m.txt"), "--out", Path("x"), "--hash", "md5"})));
  EXPECT_TRUE(
      error(Jpki({"rsa", "sign", "--key", KeyPath(), "--in", Path("m.txt"), "--out", Path("x"), "--salt", "5"})));
  EXPECT_TRUE(error(
      Jpki({"rsa", "sign", "--key", KeyPath(), "--in", Path("m.txt"), "--out", Path("x"), "--pss", "--salt", "auto"})));
  EXPECT_TRUE(error(
      Jpki({"rsa", "sign", "--key", KeyPath(), "--in", Path("m.txt"), "--out", Path("x"), "--pss", "--salt", "-1"})));
  EXPECT_TRUE(error(Jpki({"rsa", "sign", "--key", KeyPath(), "--in", Path("m.txt"), "--out", Path("x"), "--pss",
                          "--salt", "1000"})));  // too long for a 2048-bit key
  EXPECT_TRUE(error(Jpki({"rsa", "sign", "--in", Path("m.txt"), "--out", Path("x")})));
  EXPECT_TRUE(error(Jpki({"rsa", "verify", "--pub", PubPath(), "--in", Path("m.txt")})));
  EXPECT_TRUE(error(Jpki({"rsa", "verify", "--pub", PubPath(), "--in", Path("m.txt"), "--sig", Path("nope")})));
  WriteFile(Path("garbage.pem"), "-----BEGIN PUBLIC KEY-----\n@@@@\n-----END PUBLIC KEY-----\n");
  ASSERT_EQ(Jpki({"rsa", "sign", "--key", KeyPath(), "--in", Path("m.txt"), "--out", Path("m.sig")}).code, 0);
  const Result bad_pem =
      Jpki({"rsa", "verify", "--pub", Path("garbage.pem"), "--in", Path("m.txt"), "--sig", Path("m.sig")});
  EXPECT_TRUE(error(bad_pem));
  EXPECT_NE(bad_pem.err.find("offset"), std::string::npos) << bad_pem.err;
  WriteFile(Path("garbage.der"), std::string("\x30\x03\x02\x01", 4));
  EXPECT_TRUE(
      error(Jpki({"rsa", "verify", "--pub", Path("garbage.der"), "--in", Path("m.txt"), "--sig", Path("m.sig")})));
  EXPECT_TRUE(error(Jpki({"rsa", "verify", "--pub", PubPath(), "--in", Path("m.txt"), "--sig", Path("m.sig"), "--hash",
                          "sha1"})));  // SHA-1 without --legacy
  EXPECT_EQ(Jpki({"rsa", "verify", "--pub", PubPath(), "--in", Path("m.txt"), "--sig", Path("m.sig"), "--hash", "sha1",
                  "--legacy"})
                .code,
            1);  // allowed, but this is a SHA-256 signature
  EXPECT_EQ(Jpki({"rsa", "sign", "--help"}).code, 0);
}

// Interop with the openssl command: keys and signatures made by OpenSSL, and ours checked by OpenSSL.
TEST(RsaCmdTest, InteropWithOpensslCli) {
  if (!HaveOpenssl()) GTEST_SKIP() << "openssl command not installed";
  const std::string d = TmpDir();
  WriteFile(Path("o_msg.txt"), "interop message");
  ASSERT_EQ(Shell("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out " + d + "/o_key.pem"), 0);
  ASSERT_EQ(Shell("openssl pkey -in " + d + "/o_key.pem -pubout -out " + d + "/o_pub.pem"), 0);
  ASSERT_EQ(Shell("openssl rsa -in " + d + "/o_key.pem -traditional -out " + d + "/o_key_pkcs1.pem"), 0);
  // OpenSSL signs (PKCS#1 v1.5), we verify; and we produce the identical bytes with its key in both PEM forms.
  ASSERT_EQ(Shell("openssl dgst -sha256 -sign " + d + "/o_key.pem -out " + d + "/o_sig.bin " + d + "/o_msg.txt"), 0);
  EXPECT_EQ(
      Jpki({"rsa", "verify", "--pub", Path("o_pub.pem"), "--in", Path("o_msg.txt"), "--sig", Path("o_sig.bin")}).code,
      0);
  for (const char* key : {"o_key.pem", "o_key_pkcs1.pem"}) {
    ASSERT_EQ(Jpki({"rsa", "sign", "--key", Path(key), "--in", Path("o_msg.txt"), "--out", Path("our_sig.bin")}).code,
              0);
    EXPECT_EQ(ReadFile(Path("our_sig.bin")), ReadFile(Path("o_sig.bin"))) << key;
  }
  EXPECT_EQ(
      Shell("openssl dgst -sha256 -verify " + d + "/o_pub.pem -signature " + d + "/our_sig.bin " + d + "/o_msg.txt"),
      0);
  // Our key, OpenSSL verifies with our SPKI PEM (SHA-512).
  ASSERT_EQ(Jpki({"rsa", "sign", "--key", KeyPath(), "--in", Path("o_msg.txt"), "--out", Path("our512.bin"), "--hash",
                  "sha512"})
                .code,
            0);
  EXPECT_EQ(Shell("openssl dgst -sha512 -verify " + PubPath() + " -signature " + d + "/our512.bin " + d + "/o_msg.txt"),
            0);
  EXPECT_NE(Shell("openssl dgst -sha256 -verify " + PubPath() + " -signature " + d + "/our512.bin " + d + "/o_msg.txt"),
            0);
  // PSS both ways (salt = digest length).
  ASSERT_EQ(Shell("openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 -sign " + d +
                  "/o_key.pem -out " + d + "/o_pss.bin " + d + "/o_msg.txt"),
            0);
  EXPECT_EQ(Jpki({"rsa", "verify", "--pub", Path("o_pub.pem"), "--in", Path("o_msg.txt"), "--sig", Path("o_pss.bin"),
                  "--pss"})
                .code,
            0);
  ASSERT_EQ(Jpki({"rsa", "sign", "--key", Path("o_key.pem"), "--in", Path("o_msg.txt"), "--out", Path("our_pss.bin"),
                  "--pss"})
                .code,
            0);
  EXPECT_EQ(Shell("openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 -verify " + d +
                  "/o_pub.pem -signature " + d + "/our_pss.bin " + d + "/o_msg.txt"),
            0);
  // OpenSSL's maximal salt ("-2" / max) verifies with --salt auto only.
  ASSERT_EQ(Shell("openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:max -sign " + d +
                  "/o_key.pem -out " + d + "/o_pss_max.bin " + d + "/o_msg.txt"),
            0);
  EXPECT_EQ(Jpki({"rsa", "verify", "--pub", Path("o_pub.pem"), "--in", Path("o_msg.txt"), "--sig",
                  Path("o_pss_max.bin"), "--pss", "--salt", "auto"})
                .code,
            0);
  EXPECT_EQ(Jpki({"rsa", "verify", "--pub", Path("o_pub.pem"), "--in", Path("o_msg.txt"), "--sig",
                  Path("o_pss_max.bin"), "--pss"})
                .code,
            1);
  // pkeyutl over a DigestInfo we built: what a card's COMPUTE DIGITAL SIGNATURE does.
  const Bytes digest = crypto::Hash(crypto::HashAlgorithm::kSha256, AsBytes("interop message")).value();
  const Bytes di = crypto::EncodeDigestInfo(crypto::HashAlgorithm::kSha256, digest).value();
  WriteFile(Path("o_di.der"), std::string(di.begin(), di.end()));
  ASSERT_EQ(Shell("openssl pkeyutl -sign -inkey " + d + "/o_key.pem -in " + d + "/o_di.der -out " + d + "/o_di.sig"),
            0);
  ASSERT_EQ(
      Jpki({"rsa", "sign", "--key", Path("o_key.pem"), "--digest-info", Path("o_di.der"), "--out", Path("our_di.sig")})
          .code,
      0);
  EXPECT_EQ(ReadFile(Path("our_di.sig")), ReadFile(Path("o_di.sig")));
  // A certificate's subject key is accepted as --pub (PEM and DER).
  ASSERT_EQ(
      Shell("openssl req -new -x509 -key " + d + "/o_key.pem -subj /CN=interop -days 1 -out " + d + "/o_cert.pem"), 0);
  ASSERT_EQ(Shell("openssl x509 -in " + d + "/o_cert.pem -outform DER -out " + d + "/o_cert.der"), 0);
  for (const char* cert : {"o_cert.pem", "o_cert.der"}) {
    EXPECT_EQ(Jpki({"rsa", "verify", "--pub", Path(cert), "--in", Path("o_msg.txt"), "--sig", Path("o_sig.bin")}).code,
              0)
        << cert;
  }
  // A 1024-bit OpenSSL key: refused by policy (invalid, exit 1) unless --legacy.
  ASSERT_EQ(Shell("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out " + d + "/o_1024.pem"), 0);
  ASSERT_EQ(Shell("openssl pkey -in " + d + "/o_1024.pem -pubout -out " + d + "/o_1024_pub.pem"), 0);
  ASSERT_EQ(Shell("openssl dgst -sha256 -sign " + d + "/o_1024.pem -out " + d + "/o_1024.sig " + d + "/o_msg.txt"), 0);
  EXPECT_EQ(
      Jpki({"rsa", "verify", "--pub", Path("o_1024_pub.pem"), "--in", Path("o_msg.txt"), "--sig", Path("o_1024.sig")})
          .code,
      1);
  EXPECT_EQ(Jpki({"rsa", "verify", "--pub", Path("o_1024_pub.pem"), "--in", Path("o_msg.txt"), "--sig",
                  Path("o_1024.sig"), "--legacy"})
                .code,
            0);
  // SHA-1 signature from OpenSSL: only with --legacy.
  ASSERT_EQ(Shell("openssl dgst -sha1 -sign " + d + "/o_key.pem -out " + d + "/o_sha1.sig " + d + "/o_msg.txt"), 0);
  EXPECT_EQ(Jpki({"rsa", "verify", "--pub", Path("o_pub.pem"), "--in", Path("o_msg.txt"), "--sig", Path("o_sha1.sig"),
                  "--hash", "sha1", "--legacy"})
                .code,
            0);
}

// RSA-PSS keys from `openssl genpkey -algorithm RSA-PSS` (id-RSASSA-PSS, RFC 4055): accepted as --key and --pub,
// used for PSS within their parameters, refused for PKCS#1 v1.5 (a failed check when verifying, exit 1).
TEST(RsaCmdTest, InteropWithOpensslRsaPssKeys) {
  if (!HaveOpenssl()) GTEST_SKIP() << "openssl command not installed";
  const std::string d = TmpDir();
  ASSERT_EQ(Shell("openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -pkeyopt rsa_pss_keygen_md:sha256 "
                  "-pkeyopt rsa_pss_keygen_mgf1_md:sha256 -pkeyopt rsa_pss_keygen_saltlen:32 -out " +
                  d + "/p_key.pem"),
            0);
  ASSERT_EQ(Shell("openssl pkey -in " + d + "/p_key.pem -pubout -out " + d + "/p_pub.pem"), 0);
  WriteFile(Path("p_msg.txt"), "signed under an RSA-PSS key");
  // `jpki rsa pub` keeps the key's algorithm and parameters: the same SPKI OpenSSL writes.
  ASSERT_EQ(Jpki({"rsa", "pub", "--key", Path("p_key.pem"), "--out", Path("p_ours_pub.pem")}).code, 0);
  EXPECT_EQ(ReadFile(Path("p_ours_pub.pem")), ReadFile(Path("p_pub.pem")));
  // Ours signs, OpenSSL verifies; OpenSSL signs, ours verifies (fixed and auto salt).
  ASSERT_EQ(
      Jpki({"rsa", "sign", "--key", Path("p_key.pem"), "--in", Path("p_msg.txt"), "--out", Path("p_ours.sig"), "--pss"})
          .code,
      0);
  EXPECT_EQ(Shell("openssl pkeyutl -verify -pubin -inkey " + d + "/p_pub.pem -rawin -digest sha256 -in " + d +
                  "/p_msg.txt -sigfile " + d + "/p_ours.sig -pkeyopt rsa_pss_saltlen:32 > /dev/null"),
            0);
  ASSERT_EQ(Shell("openssl dgst -sha256 -sign " + d + "/p_key.pem -sigopt rsa_padding_mode:pss -sigopt " +
                  "rsa_pss_saltlen:32 -out " + d + "/p_theirs.sig " + d + "/p_msg.txt"),
            0);
  for (const char* salt : {"32", "auto"}) {
    EXPECT_EQ(Jpki({"rsa", "verify", "--pub", Path("p_pub.pem"), "--in", Path("p_msg.txt"), "--sig",
                    Path("p_theirs.sig"), "--pss", "--salt", salt})
                  .code,
              0)
        << salt;
  }
  // Outside the key's parameters: PKCS#1 v1.5 signing is an error (2); verification with another hash, a shorter
  // salt, or PKCS#1 v1.5 is a failed check (1).
  EXPECT_EQ(Jpki({"rsa", "sign", "--key", Path("p_key.pem"), "--in", Path("p_msg.txt"), "--out", Path("p_x.sig")}).code,
            2);
  EXPECT_EQ(Jpki({"rsa", "verify", "--pub", Path("p_pub.pem"), "--in", Path("p_msg.txt"), "--sig", Path("p_theirs.sig"),
                  "--pss", "--hash", "sha384"})
                .code,
            1);
  EXPECT_EQ(Jpki({"rsa", "verify", "--pub", Path("p_pub.pem"), "--in", Path("p_msg.txt"), "--sig", Path("p_theirs.sig"),
                  "--pss", "--salt", "20"})
                .code,
            1);
  EXPECT_EQ(
      Jpki({"rsa", "verify", "--pub", Path("p_pub.pem"), "--in", Path("p_msg.txt"), "--sig", Path("p_theirs.sig")})
          .code,
      1);
}

}  // namespace
}  // namespace jpki::cli
