#include "apdu/jpki/jpki_applet.h"

#include <string>

#include "apdu/card_channel.h"
#include "base/error.h"
#include "gtest/gtest.h"
#include "tests/apdu/scripted_transport.h"

namespace jpki::apdu::jpki_ap {
namespace {

using apdu::testing::ScriptedTransport;

constexpr char kSelectAp[] = "00a4040c0ad392f000260100000001";

// A certificate-shaped DER of `body` content bytes with a minimal length: 30 [81|82] L.. <body>.
Bytes FakeCertificate(size_t body) {
  Bytes der = {0x30};
  if (body >= 0x100) der.push_back(0x82);
  if (body >= 0x80 && body < 0x100) der.push_back(0x81);
  if (body >= 0x100) der.push_back(static_cast<uint8_t>(body >> 8));
  der.push_back(static_cast<uint8_t>(body));
  for (size_t i = 0; i < body; ++i) der.push_back(static_cast<uint8_t>(i * 7));
  return der;
}

std::string Slice(const Bytes& b, size_t from, size_t n) { return HexEncode(ByteView(b).subspan(from, n)); }

TEST(JpkiAppletTest, ReadsACertificateInChunks) {
  const Bytes cert = FakeCertificate(600);  // 604 bytes
  Bytes ef = cert;
  ef.resize(cert.size() + 100, 0xFF);  // filler after the certificate, as real EFs have
  ScriptedTransport t;
  t.Expect(kSelectAp, "9000")
      .Expect("00a4020c02000a", "9000")
      .Expect("00b0000000", Slice(ef, 0, 256) + "9000")
      .Expect("00b0010000", Slice(ef, 256, 256) + "9000")
      .Expect("00b002005c", Slice(ef, 512, 92) + "9000");
  JpkiApplet applet(t);
  auto read = applet.ReadCertificate(CertificateKind::kAuthentication);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, cert);
  EXPECT_TRUE(t.done());
}

TEST(JpkiAppletTest, ExtendedLengthReadsInTwoCommands) {
  const Bytes cert = FakeCertificate(1200);
  ScriptedTransport t;
  t.Expect(kSelectAp, "9000")
      .Expect("00a4020c020002", "9000")
      .Expect("00b0000000", Slice(cert, 0, 256) + "9000")
      .Expect("00b001000003b4", Slice(cert, 256, 948) + "9000");
  JpkiAppletOptions options;
  options.extended_length = true;
  options.read_chunk = 4096;
  JpkiApplet applet(t, options);
  EXPECT_EQ(applet.ReadCertificate(CertificateKind::kSigningCa).value(), cert);
}

TEST(JpkiAppletTest, ShortCertificateWithEndOfFile) {
  const Bytes cert = FakeCertificate(10);
  ScriptedTransport t;
  t.Expect(kSelectAp, "9000").Expect("00a4020c02000b", "9000").Expect("00b0000000", HexEncode(cert) + "6282");
  JpkiApplet applet(t);
  EXPECT_EQ(applet.ReadCertificate(CertificateKind::kAuthenticationCa).value(), cert);
}

TEST(JpkiAppletTest, CertificateErrors) {
  {
    ScriptedTransport t;  // the signing certificate needs the password first
    t.Expect(kSelectAp, "9000").Expect("00a4020c020001", "9000").Expect("00b0000000", "6982");
    JpkiApplet applet(t);
    EXPECT_EQ(GetErrorCode(applet.ReadCertificate(CertificateKind::kSigning).status()), ErrorCode::kState);
  }
  {
    ScriptedTransport t;  // EF shorter than the declared length
    const Bytes cert = FakeCertificate(300);
    t.Expect(kSelectAp, "9000")
        .Expect("00a4020c020001", "9000")
        .Expect("00b0000000", Slice(cert, 0, 256) + "9000")
        .Expect("00b0010030", "6282");
    JpkiApplet applet(t);
    EXPECT_EQ(GetErrorCode(applet.ReadCertificate(CertificateKind::kSigning).status()), ErrorCode::kMalformedInput);
  }
  {
    ScriptedTransport t;  // not a SEQUENCE
    t.Expect(kSelectAp, "9000").Expect("00a4020c020001", "9000").Expect("00b0000000", "0403aabbcc9000");
    JpkiApplet applet(t);
    EXPECT_EQ(GetErrorCode(applet.ReadCertificate(CertificateKind::kSigning).status()), ErrorCode::kMalformedInput);
  }
  {
    ScriptedTransport t;  // indefinite length is never accepted
    t.Expect(kSelectAp, "9000").Expect("00a4020c020001", "9000").Expect("00b0000000", "3080aabb9000");
    JpkiApplet applet(t);
    EXPECT_FALSE(applet.ReadCertificate(CertificateKind::kSigning).ok());
  }
  {
    ScriptedTransport t;  // a length beyond what READ BINARY can address
    t.Expect(kSelectAp, "9000").Expect("00a4020c020001", "9000").Expect("00b0000000", "30830100000000009000");
    JpkiApplet applet(t);
    EXPECT_EQ(GetErrorCode(applet.ReadCertificate(CertificateKind::kSigning).status()), ErrorCode::kMalformedInput);
  }
  {
    ScriptedTransport t;  // AP absent
    t.Expect(kSelectAp, "6a82");
    JpkiApplet applet(t);
    EXPECT_EQ(GetErrorCode(applet.ReadCertificate(CertificateKind::kSigning).status()), ErrorCode::kNotFound);
  }
  {
    ScriptedTransport t;  // more data than asked for
    t.Expect(kSelectAp, "9000").Expect("00a4020c020001", "9000").Expect("00b0000000", std::string(600, 'a') + "9000");
    JpkiApplet applet(t);
    EXPECT_EQ(GetErrorCode(applet.ReadCertificate(CertificateKind::kSigning).status()), ErrorCode::kMalformedInput);
  }
}

TEST(JpkiAppletTest, VerifyPinAndRetries) {
  ScriptedTransport t;
  t.Expect(kSelectAp, "9000")
      .Expect("00a4020c020018", "9000")
      .Expect("00200080", "63c3")
      .Expect("00a4020c020018", "9000")
      .Expect(
          "0020008004"
          "31323334",
          "63c2")
      .Expect("00a4020c020018", "9000")
      .Expect(
          "0020008004"
          "31323335",
          "9000")
      .Expect("00a4020c02001b", "9000")
      .Expect("00200080", "6984")
      .Expect("00a4020c02001b", "9000")
      .Expect(
          "0020008006"
          "414243313233",
          "6983");
  JpkiApplet applet(t);
  EXPECT_EQ(applet.PinRetries(PinKind::kAuthentication).value(), 3);
  auto wrong = applet.VerifyPin(PinKind::kAuthentication, "1234").value();
  EXPECT_FALSE(wrong.verified);
  EXPECT_EQ(wrong.tries_left, 2);
  EXPECT_FALSE(wrong.blocked);
  auto right = applet.VerifyPin(PinKind::kAuthentication, "1235").value();
  EXPECT_TRUE(right.verified);
  EXPECT_EQ(applet.PinRetries(PinKind::kSigning).value(), 0);
  auto blocked = applet.VerifyPin(PinKind::kSigning, "ABC123").value();
  EXPECT_TRUE(blocked.blocked);
  EXPECT_FALSE(blocked.verified);
  EXPECT_TRUE(t.done());
}

TEST(JpkiAppletTest, BadPinsAreNeverSent) {
  ScriptedTransport t;  // empty script: any transmission fails the test
  JpkiApplet applet(t);
  EXPECT_EQ(GetErrorCode(applet.VerifyPin(PinKind::kAuthentication, "12345").status()), ErrorCode::kInvalidArgument);
  EXPECT_FALSE(applet.VerifyPin(PinKind::kSigning, "abcdef").ok());
  EXPECT_FALSE(applet.ChangePin(PinKind::kAuthentication, "1234", "12").ok());
  EXPECT_FALSE(applet.ChangePin(PinKind::kAuthentication, "12", "1234").ok());
  EXPECT_FALSE(applet.Sign(PinKind::kSigning, {}).ok());
  EXPECT_EQ(t.sent(), 0);
}

TEST(JpkiAppletTest, ChangePin) {
  ScriptedTransport t;
  t.Expect(kSelectAp, "9000")
      .Expect("00a4020c020018", "9000")
      .Expect(
          "0020008004"
          "31323334",
          "9000")
      .Expect(
          "0024018004"
          "35363738",
          "9000")
      .Expect("00a4020c020018", "9000")
      .Expect(
          "0020008004"
          "35363738",
          "63c1");
  JpkiApplet applet(t);
  EXPECT_TRUE(applet.ChangePin(PinKind::kAuthentication, "1234", "5678").ok());
  const absl::Status wrong = applet.ChangePin(PinKind::kAuthentication, "5678", "0000");
  EXPECT_EQ(GetErrorCode(wrong), ErrorCode::kState);
  EXPECT_NE(std::string(wrong.message()).find("1 tries left"), std::string::npos);
  EXPECT_TRUE(t.done());
}

TEST(JpkiAppletTest, SignsADigestInfo) {
  const Bytes digest_info = HexDecode("3031300d060960864801650304020105000420" + std::string(64, '1')).value();
  const std::string signature(512, 'c');
  ScriptedTransport t;
  t.Expect(kSelectAp, "9000")
      .Expect("00a4020c02001b", "9000")
      .Expect(
          "0020008006"
          "414243313233",
          "9000")
      .Expect("00a4020c02001a", "9000")
      .Expect("802a008033" + HexEncode(digest_info) + "00", signature + "9000")
      .Expect("00a4020c020017", "9000")
      .Expect("802a008033" + HexEncode(digest_info) + "00", "6982");
  JpkiApplet applet(t);
  ASSERT_TRUE(applet.VerifyPin(PinKind::kSigning, "ABC123").value().verified);
  auto sig = applet.Sign(PinKind::kSigning, digest_info);
  ASSERT_TRUE(sig.ok()) << sig.status();
  EXPECT_EQ(sig->size(), 256u);
  EXPECT_EQ(GetErrorCode(applet.Sign(PinKind::kAuthentication, digest_info).status()), ErrorCode::kState);
}

TEST(JpkiAppletTest, SignatureThroughCardChannelWith61xx) {
  const Bytes digest_info(51, 0x42);
  ScriptedTransport t;
  t.Expect(kSelectAp, "9000")
      .Expect("00a4020c020017", "9000")
      .Expect("802a008033" + HexEncode(digest_info) + "00", "6100")
      .Expect("00c0000000", std::string(512, 'd') + "9000");
  CardChannel channel(t);
  JpkiApplet applet(channel);
  EXPECT_EQ(applet.Sign(PinKind::kAuthentication, digest_info).value().size(), 256u);
}

TEST(JpkiAppletTest, TokenKinds) {
  struct Row {
    const char* label_hex;
    TokenKind kind;
  };
  const Row rows[] = {
      {"4a504b49", TokenKind::kUnknown},  // "JPKI" only
      {"4a504b494150494343544f4b454e32", TokenKind::kCard},
      {"4a504b494150475053455f4b454e", TokenKind::kUnknown},
      {"4a504b49415047505345544f4b454e", TokenKind::kAndroidGpSe},
      {"4a504b494150494f53544f4b454e", TokenKind::kIphone},
  };
  for (const Row& row : rows) {
    Bytes label = HexDecode(row.label_hex).value();
    label.resize(32, ' ');
    ScriptedTransport t;
    t.Expect(kSelectAp, "9000").Expect("00a4020c020006", "9000").Expect("00b0000020", HexEncode(label) + "9000");
    JpkiApplet applet(t);
    EXPECT_EQ(applet.GetTokenKind().value(), row.kind) << row.label_hex;
  }
}

TEST(JpkiAppletTest, SelectsTheApOnlyOnce) {
  ScriptedTransport t;
  t.Expect(kSelectAp, "9000")
      .Expect("00a4020c020018", "9000")
      .Expect("00200080", "63c3")
      .Expect("00a4020c020018", "9000")
      .Expect("00200080", "9000")
      .Expect(kSelectAp, "9000");
  JpkiApplet applet(t);
  EXPECT_EQ(applet.PinRetries(PinKind::kAuthentication).value(), 3);
  EXPECT_EQ(applet.PinRetries(PinKind::kAuthentication).value(), 3);  // 9000: verified, counter full
  EXPECT_TRUE(applet.Select().ok());
  EXPECT_TRUE(t.done());
  EXPECT_EQ(CertificateEf(CertificateKind::kSigning), 0x0001);
  EXPECT_EQ(CertificateEf(CertificateKind::kAuthentication), 0x000A);
}

}  // namespace
}  // namespace jpki::apdu::jpki_ap
