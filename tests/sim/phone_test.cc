#include "sim/phone/phone.h"

#include <memory>

#include "crypto/cmac.h"
#include "gtest/gtest.h"
#include "sim/se/ara_m.h"
#include "sim/sei_tsm/sei_tsm.h"

namespace jpki::sim::phone {
namespace {

const Bytes kTarget = {0xA0, 0x00, 0x00, 0x01, 0x51, 0x41, 0x43, 0x4C, 0x00};  // the ARA-M itself as the target

apdu::gp::Scp03Keys Keys() {
  return *apdu::gp::Scp03Keys::Create(0x30, SecretBytes(Bytes(16, 1)), SecretBytes(Bytes(16, 2)),
                                      SecretBytes(Bytes(16, 3)));
}

class PhoneTest : public ::testing::Test {
 protected:
  PhoneTest() : rng_(crypto::NewDeterministicRandom(1)) {
    se::SecureElementConfig config;
    config.isd_keys = Keys();
    config.kdd = Bytes(10, 0);
    auto se = std::make_unique<se::SecureElement>(std::move(config), *rng_);
    EXPECT_TRUE(se->PreLoad(sei_tsm::kSdPackageAid, sei_tsm::kSdModuleAid, nullptr).ok());
    EXPECT_TRUE(
        se->PreInstall(Bytes{0xA0, 0x00, 0x00, 0x01, 0x51, 0x41, 0x43}, kTarget, kTarget, std::make_unique<se::AraM>())
            .ok());
    phone_ = std::make_unique<Phone>("test", std::move(se), SecretBytes(Bytes(16, 0x77)));
    sei_tsm::SeiTsm sei(phone_->se().registry().isd().aid, Keys(), *rng_, transcript_);
    EXPECT_TRUE(sei.CreateServiceProviderDomain(phone_->ota(), Bytes{0xA0, 0, 0, 0, 0x99, 1}, Keys(),
                                                se::AccessRule{kTarget, allowed_.certificate_hash, true})
                    .ok());
  }

  std::unique_ptr<crypto::RandomSource> rng_;
  Transcript transcript_;
  std::unique_ptr<Phone> phone_;
  App allowed_{"app.allowed", Bytes(32, 0xAA)};
  App other_{"app.other", Bytes(32, 0xBB)};
};

TEST_F(PhoneTest, AccessControlAdmitsOnlyListedApps) {
  auto denied = phone_->OpenChannel(other_, kTarget);
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(GetErrorCode(denied.status()), ErrorCode::kPolicyViolation);
  // Channels are closed when the transport goes away: many successive openings never run out of channels.
  for (int i = 0; i < 6; ++i) {
    auto channel = phone_->OpenChannel(allowed_, kTarget);
    ASSERT_TRUE(channel.ok()) << channel.status();
    auto selected = (*channel)->Transmit(apdu::CommandApdu{0x00, 0xA4, 0x04, 0x00, kTarget, std::nullopt});
    ASSERT_TRUE(selected.ok());
    EXPECT_EQ(selected->sw, 0x9000);
  }
  // Rules are per AID: the listed app has no rule for another applet.
  EXPECT_FALSE(phone_->OpenChannel(allowed_, Bytes{0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01}).ok());
}

TEST_F(PhoneTest, BiometricTeeAssertsOnlyMatches) {
  const Bytes challenge(16, 0x05);
  EXPECT_FALSE(phone_->tee().Assert(challenge, false).ok());
  auto assertion = phone_->tee().Assert(challenge, true);
  ASSERT_TRUE(assertion.ok());
  auto cmac = crypto::Cmac::Create(SecretBytes(Bytes(16, 0x77)));
  const uint8_t cls = 0x03;
  EXPECT_TRUE(cmac->Verify({challenge, ByteView(&cls, 1)}, *assertion).ok());
}

}  // namespace
}  // namespace jpki::sim::phone
