#include "sim/se/secure_element.h"

#include <memory>

#include "apdu/gp/delete.h"
#include "apdu/gp/get_status.h"
#include "apdu/gp/install.h"
#include "apdu/gp/load.h"
#include "apdu/gp/put_key.h"
#include "apdu/gp/scp03_transport.h"
#include "apdu/status_words.h"
#include "crypto/hash.h"
#include "gtest/gtest.h"
#include "sim/se/access_rules.h"
#include "sim/se/ara_m.h"
#include "sim/tsm/session.h"

namespace jpki::sim::se {
namespace {

using apdu::CommandApdu;
using apdu::ResponseApdu;
using apdu::gp::Scp03Keys;
using apdu::gp::SecurityLevel;

namespace gp = apdu::gp;

CommandApdu PutKeySet(const Scp03Keys& keys, const SecretBytes& dek) {
  gp::PutKeyRequest request;
  request.new_kvn = keys.kvn;
  request.keys = {&keys.enc, &keys.mac, &keys.dek};
  return *gp::BuildPutKey(request, dek);
}

CommandApdu GetStatus(uint8_t scope) {
  gp::GetStatusRequest request;
  request.scope = static_cast<gp::StatusScope>(scope);
  return *gp::BuildGetStatus(request);
}

const Bytes kSsd = {0xA0, 0x00, 0x00, 0x00, 0x99, 0x53, 0x50, 0x01};
const Bytes kSsdPackage = {0xA0, 0x00, 0x00, 0x01, 0x51, 0x53, 0x50};
const Bytes kSsdModule = {0xA0, 0x00, 0x00, 0x01, 0x51, 0x53, 0x50, 0x41};
const Bytes kEchoPackage = {0xA0, 0x00, 0x00, 0x00, 0x99, 0x45, 0x43};
const Bytes kEchoModule = {0xA0, 0x00, 0x00, 0x00, 0x99, 0x45, 0x43, 0x01};
const Bytes kEchoAid = {0xA0, 0x00, 0x00, 0x00, 0x99, 0x45, 0x43, 0x01, 0x01};

Scp03Keys Keys(uint8_t kvn, uint8_t fill) {
  return *Scp03Keys::Create(kvn, SecretBytes(Bytes(16, fill)), SecretBytes(Bytes(16, fill + 1)),
                            SecretBytes(Bytes(16, fill + 2)));
}

// An applet that echoes its data and remembers personalisation.
class EchoApplet : public Applet {
 public:
  ResponseApdu Select(const CommandContext&) override { return {{}, 0x9000}; }
  void Deselect() override {}
  ResponseApdu Process(const CommandApdu& command, const CommandContext&) override { return {command.data, 0x9000}; }
  ResponseApdu Personalize(const CommandApdu& command, const CommandContext& context) override {
    last_level = context.security_level;
    perso = command.data;
    return {{}, 0x9000};
  }
  uint8_t last_level = 0;
  Bytes perso;
};

class SecureElementTest : public ::testing::Test {
 protected:
  SecureElementTest() : rng_(crypto::NewDeterministicRandom(7)) {
    SecureElementConfig config;
    config.isd_keys = Keys(0x30, 0x40);
    config.kdd = Bytes(10, 0x11);
    se_ = std::make_unique<SecureElement>(std::move(config), *rng_);
    EXPECT_TRUE(se_->PreLoad(kSsdPackage, kSsdModule, nullptr).ok());
    se_->RegisterPackage(kEchoPackage, kEchoModule, [this](ByteView) -> absl::StatusOr<std::unique_ptr<Applet>> {
      auto applet = std::make_unique<EchoApplet>();
      echo_ = applet.get();
      return std::unique_ptr<Applet>(std::move(applet));
    });
  }

  std::unique_ptr<tsm::TsmSession> Open(ByteView sd, const Scp03Keys& keys) {
    auto session = tsm::TsmSession::Open(*se_, sd, keys, SecurityLevel::kCMacCDecRMacREnc, *rng_, transcript_, "T");
    EXPECT_TRUE(session.ok()) << session.status();
    return session.ok() ? std::move(*session) : nullptr;
  }

  void CreateSsd() {
    auto isd = Open(se_->registry().isd().aid, Keys(0x30, 0x40));
    ASSERT_NE(isd, nullptr);
    ASSERT_TRUE(se_->registry().Find(kSsdPackage) != nullptr);
    ASSERT_TRUE(
        isd->Send(*gp::BuildInstallForInstall(kSsdPackage, kSsdModule, kSsd, gp::Privileges(0x804000), {}, true)).ok());
    ASSERT_TRUE(isd->Send(*gp::BuildInstallForPersonalization(kSsd)).ok());
    Scp03Keys isd_keys = Keys(0x30, 0x40);
    auto put = isd->Send(PutKeySet(Keys(0x01, 0x70), isd_keys.dek));
    ASSERT_TRUE(put.ok()) << put.status();
    EXPECT_EQ(put->data.size(), 1u + 9u);  // KVN and three KCVs
  }

  std::unique_ptr<crypto::RandomSource> rng_;
  std::unique_ptr<SecureElement> se_;
  Transcript transcript_;
  EchoApplet* echo_ = nullptr;
};

TEST_F(SecureElementTest, SelectsIsdAndRefusesPlainManagement) {
  auto response = se_->Transmit(CommandApdu{0x00, 0xA4, 0x04, 0x00, se_->registry().isd().aid, 256});
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->sw, 0x9000);
  EXPECT_EQ(response->data[0], 0x6F);
  auto get_status = se_->Transmit(GetStatus(0x80));
  ASSERT_TRUE(get_status.ok());
  EXPECT_EQ(get_status->sw, apdu::kSwSecurityStatusNotSatisfied);
}

TEST_F(SecureElementTest, WrongKeyFailsAuthentication) {
  auto session = tsm::TsmSession::Open(*se_, se_->registry().isd().aid, Keys(0x30, 0x41),
                                       SecurityLevel::kCMacCDecRMacREnc, *rng_, transcript_, "T");
  ASSERT_FALSE(session.ok());
  EXPECT_EQ(GetErrorCode(session.status()), ErrorCode::kBadSignature);
}

TEST_F(SecureElementTest, FullCardContentManagement) {
  CreateSsd();
  const RegistryEntry* ssd = se_->registry().Find(kSsd);
  ASSERT_NE(ssd, nullptr);
  EXPECT_EQ(ssd->kind, EntryKind::kSecurityDomain);
  EXPECT_EQ(ssd->life_cycle, kSdPersonalized);

  auto sp = Open(kSsd, Keys(0x01, 0x70));
  ASSERT_NE(sp, nullptr);
  const Bytes image = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  const Bytes hash = *crypto::Hash(crypto::HashAlgorithm::kSha256, image);
  ASSERT_TRUE(sp->Send(*gp::BuildInstallForLoad(kEchoPackage, kSsd, hash)).ok());
  const std::vector<CommandApdu> loads = *gp::BuildLoadCommands(*gp::EncodeLoadFileDataBlock(image), 4);
  for (const CommandApdu& load : loads) ASSERT_TRUE(sp->Send(load).ok());
  ASSERT_TRUE(
      sp->Send(*gp::BuildInstallForInstall(kEchoPackage, kEchoModule, kEchoAid, gp::Privileges(), {}, true)).ok());
  ASSERT_NE(echo_, nullptr);
  ASSERT_TRUE(sp->Send(*gp::BuildInstallForPersonalization(kEchoAid)).ok());
  ASSERT_TRUE(sp->Send(*tsm::StoreDataBlock(Bytes{0xDF, 0x01, 0x01, 0xAA}, 0, true, false)).ok());
  EXPECT_EQ(echo_->perso, (Bytes{0xDF, 0x01, 0x01, 0xAA}));
  EXPECT_EQ(echo_->last_level, 0x33);

  auto status = sp->Send(GetStatus(0x40));
  ASSERT_TRUE(status.ok());
  EXPECT_NE(HexEncode(status->data).find(HexEncode(kEchoAid)), std::string::npos);

  // The app is selectable on a logical channel and answers plainly.
  auto opened = se_->Transmit(CommandApdu{0x00, 0x70, 0x00, 0x00, {}, 1});
  ASSERT_TRUE(opened.ok());
  ASSERT_EQ(opened->sw, 0x9000);
  const uint8_t ch = opened->data[0];
  auto selected = se_->Transmit(CommandApdu{ch, 0xA4, 0x04, 0x00, kEchoAid, std::nullopt});
  ASSERT_TRUE(selected.ok());
  EXPECT_EQ(selected->sw, 0x9000);
  auto echo = se_->Transmit(CommandApdu{ch, 0x01, 0x00, 0x00, Bytes{5, 6}, 256});
  ASSERT_TRUE(echo.ok());
  EXPECT_EQ(echo->data, (Bytes{5, 6}));
  // Busy on channel `ch`: DELETE refused until the channel closes.
  EXPECT_FALSE(sp->Send(*gp::BuildDeleteObject(kEchoPackage, true)).ok());
  ASSERT_EQ(se_->Transmit(CommandApdu{0x00, 0x70, 0x80, ch, {}, std::nullopt})->sw, 0x9000);
  ASSERT_TRUE(sp->Send(*gp::BuildDeleteObject(kEchoPackage, true)).ok());
  EXPECT_EQ(se_->registry().Find(kEchoAid), nullptr);
  EXPECT_EQ(se_->FindApplet(kEchoAid), nullptr);
}

TEST_F(SecureElementTest, LoadWithWrongHashIsRefused) {
  CreateSsd();
  auto sp = Open(kSsd, Keys(0x01, 0x70));
  ASSERT_NE(sp, nullptr);
  ASSERT_TRUE(sp->Send(*gp::BuildInstallForLoad(kEchoPackage, kSsd, Bytes(32, 0))).ok());
  auto load = gp::BuildLoadCommands(*gp::EncodeLoadFileDataBlock(Bytes{1, 2, 3}), 200);
  auto sent = sp->Send((*load)[0]);
  EXPECT_FALSE(sent.ok());
  EXPECT_EQ(se_->registry().Find(kEchoPackage), nullptr);
}

TEST_F(SecureElementTest, SsdCannotManageIsdContent) {
  CreateSsd();
  auto sp = Open(kSsd, Keys(0x01, 0x70));
  ASSERT_NE(sp, nullptr);
  EXPECT_FALSE(sp->Send(*gp::BuildDeleteObject(kSsdPackage, false)).ok());
  EXPECT_FALSE(sp->Send(*gp::BuildInstallForPersonalization(kAraMAid)).ok());
}

// A Transport that flips one bit in the data of the n-th command.
class Tamper : public apdu::Transport {
 public:
  Tamper(apdu::Transport& lower, int target) : lower_(lower), target_(target) {}
  absl::StatusOr<ResponseApdu> Transmit(const CommandApdu& command) override {
    CommandApdu copy = command;
    if (count_++ == target_ && !copy.data.empty()) copy.data[0] ^= 0x01;
    return lower_.Transmit(copy);
  }

 private:
  apdu::Transport& lower_;
  int target_;
  int count_ = 0;
};

TEST_F(SecureElementTest, TamperedWrappedCommandClosesSession) {
  Tamper tamper(*se_, 3);  // SELECT, INITIALIZE UPDATE, EXTERNAL AUTHENTICATE, then the first wrapped command
  auto session = tsm::TsmSession::Open(tamper, se_->registry().isd().aid, Keys(0x30, 0x40),
                                       SecurityLevel::kCMacCDecRMacREnc, *rng_, transcript_, "T");
  ASSERT_TRUE(session.ok()) << session.status();
  auto sent =
      (*session)->Send(*gp::BuildInstallForInstall(kSsdPackage, kSsdModule, kSsd, gp::Privileges(0x804000), {}, true));
  ASSERT_FALSE(sent.ok());
  EXPECT_NE(std::string(sent.status().message()).find("6982"), std::string::npos) << sent.status();
  EXPECT_EQ(se_->registry().Find(kSsd), nullptr);
  // The session is gone on the card: the next correctly wrapped command is refused too.
  EXPECT_FALSE((*session)->Send(GetStatus(0x80)).ok());
}

TEST_F(SecureElementTest, AraMRulesNeedEncryptedSession) {
  ASSERT_TRUE(se_->PreInstall(Bytes{0xA0, 0x00, 0x00, 0x01, 0x51, 0x41, 0x43}, ByteView(kAraMAid, sizeof(kAraMAid)),
                              ByteView(kAraMAid, sizeof(kAraMAid)), std::make_unique<AraM>())
                  .ok());
  auto isd = Open(se_->registry().isd().aid, Keys(0x30, 0x40));
  ASSERT_NE(isd, nullptr);
  ASSERT_TRUE(isd->Send(*gp::BuildInstallForPersonalization(ByteView(kAraMAid, sizeof(kAraMAid)))).ok());
  const AccessRule rule{kEchoAid, Bytes(32, 0x5A), true};
  ASSERT_TRUE(isd->Send(*tsm::StoreDataBlock(*EncodeStoreCommand(rule), 0, true, false)).ok());
  // The phone reads the rules on a logical channel without any secure channel.
  auto opened = se_->Transmit(CommandApdu{0x00, 0x70, 0x00, 0x00, {}, 1});
  const uint8_t ch = opened->data[0];
  ASSERT_EQ(se_->Transmit(CommandApdu{ch, 0xA4, 0x04, 0x00, Bytes(kAraMAid, kAraMAid + 9), std::nullopt})->sw, 0x9000);
  auto rules = se_->Transmit(CommandApdu{static_cast<uint8_t>(0x80 | ch), 0xCA, 0xFF, 0x40, {}, 256});
  ASSERT_TRUE(rules.ok());
  auto parsed = ParseAllRules(rules->data);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->size(), 1u);
  EXPECT_EQ(Decide(*parsed, kEchoAid, Bytes(32, 0x5A)), AccessDecision::kAllowed);
  EXPECT_EQ(se_->Transmit(CommandApdu{0x00, 0x70, 0x80, ch, {}, std::nullopt})->sw, 0x9000);
}

}  // namespace
}  // namespace jpki::sim::se
