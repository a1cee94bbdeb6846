// Scp03Transport over an in-process card (Scp03CardSession behind a Transport): a full session at every level and
// in both modes, and the failure paths (bad card keys, tampered responses).
#include "apdu/gp/scp03_transport.h"

#include "apdu/gp/scp03_card_session.h"
#include "base/error.h"
#include "crypto/random.h"
#include "gtest/gtest.h"
#include "tests/apdu/gp/scp03_vectors.h"

namespace jpki::apdu::gp {
namespace {

using testing::Hex;

Scp03Keys Keys(size_t n, uint8_t kvn = 0x30) {
  return std::move(
      *Scp03Keys::Create(kvn, SecretBytes(Bytes(n, 0x11)), SecretBytes(Bytes(n, 0x22)), SecretBytes(Bytes(n, 0x33))));
}

// A card that echoes the command data (reversed) for INS CA and answers INITIALIZE UPDATE / EXTERNAL AUTHENTICATE.
class FakeCard : public Transport {
 public:
  explicit FakeCard(Scp03CardConfig config) : card_(std::move(config)) {}
  absl::StatusOr<ResponseApdu> Transmit(const CommandApdu& c) override {
    ++count_;
    if (c.ins == kInsInitializeUpdate) return card_.ProcessInitializeUpdate(c, sequence_++);
    if (c.ins == kInsExternalAuthenticate) return card_.ProcessExternalAuthenticate(c);
    auto plain = card_.UnwrapCommand(c);
    if (!plain.ok()) return ResponseApdu{{}, kSwSecurityNotSatisfied};
    Bytes out(plain->data.rbegin(), plain->data.rend());
    out.push_back(plain->p1);
    auto r = card_.WrapResponse(ResponseApdu{out, plain->p2 == 0 ? uint16_t{0x9000} : uint16_t{0x6A82}});
    if (!r.ok()) return r.status();
    if (tamper_) r->data[0] ^= 1;
    return r;
  }
  Scp03CardSession card_;
  uint32_t sequence_ = 1;
  int count_ = 0;
  bool tamper_ = false;
};

TEST(Scp03TransportTest, EveryLevelModeAndKeySize) {
  auto rng = crypto::NewDeterministicRandom(7);
  int sessions = 0;
  for (size_t n : {16, 24, 32}) {
    for (Scp03Mode mode : {Scp03Mode::kS8, Scp03Mode::kS16}) {
      for (uint8_t lb : {0x01, 0x03, 0x11, 0x13, 0x31, 0x33}) {
        const SecurityLevel level = *SecurityLevelFromByte(lb);
        FakeCard card(Scp03CardConfig{Keys(n), Hex("00010203040506070809"),
                                      static_cast<uint8_t>(mode == Scp03Mode::kS16 ? 0x71 : 0x70),
                                      Hex("A000000151000000"), rng.get()});
        Scp03HostOptions options;
        options.expected_sd_aid = Hex("A000000151000000");
        auto t = Scp03Transport::Open(card, Keys(n), level, *rng, mode, options);
        ASSERT_TRUE(t.ok()) << t.status();
        EXPECT_TRUE(card.card_.is_open());
        for (size_t len : {0, 1, 15, 16, 17, 200, 239, 255, 300}) {
          Bytes data(len);
          for (size_t i = 0; i < len; ++i) data[i] = static_cast<uint8_t>(i);
          auto r = (*t)->Transmit(CommandApdu{0x80, 0xCA, 0x5A, 0x00, data, 256});
          ASSERT_TRUE(r.ok()) << r.status() << " len " << len;
          Bytes expected(data.rbegin(), data.rend());
          expected.push_back(0x5A);
          EXPECT_EQ(r->data, expected);
          EXPECT_EQ(r->sw, 0x9000);
        }
        // An error status word comes back bare (no R-MAC) and the session continues.
        auto err = (*t)->Transmit(CommandApdu{0x80, 0xCA, 0x00, 0x01, {}, 256});
        ASSERT_TRUE(err.ok());
        EXPECT_EQ(err->sw, 0x6A82);
        EXPECT_TRUE((*t)->session().is_open());
        ++sessions;
      }
    }
  }
  EXPECT_EQ(sessions, 36);
}

TEST(Scp03TransportTest, TamperedResponseClosesTheSession) {
  auto rng = crypto::NewDeterministicRandom(8);
  FakeCard card(Scp03CardConfig{Keys(16), Hex("00010203040506070809"), 0x70, Hex("A000000151000000"), rng.get()});
  auto t = Scp03Transport::Open(card, Keys(16), SecurityLevel::kCMacCDecRMacREnc, *rng);
  ASSERT_TRUE(t.ok());
  card.tamper_ = true;
  auto r = (*t)->Transmit(CommandApdu{0x80, 0xCA, 0, 0, Hex("0102"), 256});
  EXPECT_EQ(GetErrorCode(r.status()), ErrorCode::kBadSignature);
  card.tamper_ = false;
  EXPECT_EQ(GetErrorCode((*t)->Transmit(CommandApdu{0x80, 0xCA, 0, 0, {}, 256}).status()), ErrorCode::kState);
}

TEST(Scp03TransportTest, WrongKeysAndRefusals) {
  auto rng = crypto::NewDeterministicRandom(9);
  {
    FakeCard card(Scp03CardConfig{Keys(16), Hex("00010203040506070809"), 0x70, Hex("A000000151000000"), rng.get()});
    auto wrong = *Scp03Keys::Create(0x30, SecretBytes(Bytes(16, 0x11)), SecretBytes(Bytes(16, 0x23)), SecretBytes());
    EXPECT_EQ(GetErrorCode(Scp03Transport::Open(card, wrong, SecurityLevel::kCMac, *rng).status()),
              ErrorCode::kBadSignature);
    // Expected SD AID different from the card's: the pseudo-random challenge check fails.
    Scp03HostOptions options;
    options.expected_sd_aid = Hex("A000000151000001");
    EXPECT_EQ(GetErrorCode(
                  Scp03Transport::Open(card, Keys(16), SecurityLevel::kCMac, *rng, Scp03Mode::kS8, options).status()),
              ErrorCode::kBadSignature);
  }
  {
    // Unknown KVN: the card answers 6A88.
    FakeCard card(
        Scp03CardConfig{Keys(16, 0x31), Hex("00010203040506070809"), 0x70, Hex("A000000151000000"), rng.get()});
    EXPECT_EQ(GetErrorCode(Scp03Transport::Open(card, Keys(16, 0x30), SecurityLevel::kCMac, *rng).status()),
              ErrorCode::kState);
  }
  {
    // A card without R-MAC support (i = 10) and a host asking for R-MAC.
    FakeCard card(Scp03CardConfig{Keys(16), Hex("00010203040506070809"), 0x10, Hex("A000000151000000"), rng.get()});
    EXPECT_EQ(GetErrorCode(Scp03Transport::Open(card, Keys(16), SecurityLevel::kCMacRMac, *rng).status()),
              ErrorCode::kUnsupported);
    EXPECT_TRUE(Scp03Transport::Open(card, Keys(16), SecurityLevel::kCMacCDec, *rng).ok());
  }
  {
    // Random (not pseudo-random) card challenge: i = 60, no sequence counter.
    FakeCard card(Scp03CardConfig{Keys(32), Hex("00010203040506070809"), 0x60, {}, rng.get()});
    auto t = Scp03Transport::Open(card, Keys(32), SecurityLevel::kCMacCDecRMacREnc, *rng);
    ASSERT_TRUE(t.ok()) << t.status();
    EXPECT_FALSE((*t)->session().card_info().sequence_counter.has_value());
  }
}

TEST(Scp03HostSessionTest, StateMachine) {
  auto rng = crypto::NewDeterministicRandom(10);
  Scp03CardSession card(
      Scp03CardConfig{Keys(16), Hex("00010203040506070809"), 0x70, Hex("A000000151000000"), rng.get()});
  const Bytes challenge = Hex("0102030405060708");
  auto iu = card.ProcessInitializeUpdate(*BuildInitializeUpdate(0x30, challenge), 5);
  ASSERT_TRUE(iu.ok());
  auto host = Scp03HostSession::Create(Keys(16), challenge, *iu, SecurityLevel::kCMac);
  ASSERT_TRUE(host.ok());
  EXPECT_EQ(GetErrorCode(host->Wrap(CommandApdu{0x80, 0xCA, 0, 0, {}, 256}).status()), ErrorCode::kState);
  EXPECT_EQ(GetErrorCode(host->ConfirmExternalAuthenticate(ResponseApdu{{}, 0x9000})), ErrorCode::kState);
  auto ea = host->ExternalAuthenticate();
  ASSERT_TRUE(ea.ok());
  EXPECT_EQ(GetErrorCode(host->ExternalAuthenticate().status()), ErrorCode::kState);
  EXPECT_EQ(GetErrorCode(host->ConfirmExternalAuthenticate(ResponseApdu{{}, 0x6982})), ErrorCode::kState);
  EXPECT_FALSE(host->is_open());
  // Already-protected commands are refused without closing.
  auto host2 = Scp03HostSession::Create(Keys(16), challenge, *iu, SecurityLevel::kCMac);
  ASSERT_TRUE(host2.ok());
  ASSERT_TRUE(host2->ExternalAuthenticate().ok());
  ASSERT_TRUE(host2->ConfirmExternalAuthenticate(ResponseApdu{{}, 0x9000}).ok());
  EXPECT_EQ(GetErrorCode(host2->Wrap(CommandApdu{0x84, 0xCA, 0, 0, {}, 256}).status()), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(host2->is_open());
  EXPECT_EQ(GetErrorCode(host2->Wrap(CommandApdu{0x80, 0xCA, 0, 0, Bytes(65530), 256}).status()),
            ErrorCode::kInvalidArgument);
  host2->Close();
  EXPECT_FALSE(host2->is_open());
}

}  // namespace
}  // namespace jpki::apdu::gp
