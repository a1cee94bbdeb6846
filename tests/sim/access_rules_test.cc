#include "sim/se/access_rules.h"

#include "gtest/gtest.h"

namespace jpki::sim::se {
namespace {

const Bytes kJpkiAid = {0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01};
const Bytes kOtherAid = {0xA0, 0x00, 0x00, 0x00, 0x04, 0x10, 0x10};

Bytes Hash(uint8_t fill) { return Bytes(32, fill); }

TEST(AccessRules, EncodeParseRoundTrip) {
  std::vector<AccessRule> rules = {{kJpkiAid, Hash(0x11), true}, {kOtherAid, {}, false}};
  auto encoded = EncodeAllRules(rules);
  ASSERT_TRUE(encoded.ok()) << encoded.status();
  EXPECT_EQ((*encoded)[0], 0xFF);
  EXPECT_EQ((*encoded)[1], 0x40);
  auto parsed = ParseAllRules(*encoded);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->size(), 2u);
  EXPECT_EQ((*parsed)[0].aid, kJpkiAid);
  EXPECT_EQ((*parsed)[0].cert_hash, Hash(0x11));
  EXPECT_TRUE((*parsed)[0].allow_apdu);
  EXPECT_TRUE((*parsed)[1].cert_hash.empty());
  EXPECT_FALSE((*parsed)[1].allow_apdu);
}

TEST(AccessRules, StoreCommandRoundTrip) {
  auto payload = EncodeStoreCommand({kJpkiAid, Hash(0x22), true});
  ASSERT_TRUE(payload.ok());
  EXPECT_EQ((*payload)[0], 0xF0);
  auto rule = ParseStoreCommand(*payload);
  ASSERT_TRUE(rule.ok()) << rule.status();
  EXPECT_EQ(rule->cert_hash, Hash(0x22));
}

TEST(AccessRules, ParseRejectsMalformed) {
  EXPECT_FALSE(ParseAllRules(Bytes{0xFF, 0x40, 0x02, 0xE2, 0x00}).ok());  // empty REF-AR-DO
  EXPECT_FALSE(ParseAllRules(Bytes{0xE2, 0x00}).ok());                    // not FF40
  EXPECT_FALSE(ParseAllRules(Bytes{0xFF, 0x40, 0x05}).ok());              // truncated
  AccessRule bad_hash{kJpkiAid, Bytes(7, 1), true};
  auto encoded = EncodeAllRules({bad_hash});
  ASSERT_TRUE(encoded.ok());
  EXPECT_FALSE(ParseAllRules(*encoded).ok());
  EXPECT_FALSE(ParseStoreCommand(Bytes{0xF0, 0x00}).ok());
}

TEST(AccessRules, DecidePrecedence) {
  const std::vector<AccessRule> rules = {{kJpkiAid, Hash(0x11), true}, {kJpkiAid, Hash(0x33), false}};
  EXPECT_EQ(Decide(rules, kJpkiAid, Hash(0x11)), AccessDecision::kAllowed);
  EXPECT_EQ(Decide(rules, kJpkiAid, Hash(0x22)), AccessDecision::kDenied);   // not on the list
  EXPECT_EQ(Decide(rules, kJpkiAid, Hash(0x33)), AccessDecision::kDenied);   // explicitly never
  EXPECT_EQ(Decide(rules, kOtherAid, Hash(0x11)), AccessDecision::kDenied);  // no rule for the AID
  const std::vector<AccessRule> open = {{kOtherAid, {}, true}, {kOtherAid, Hash(0x44), false}};
  EXPECT_EQ(Decide(open, kOtherAid, Hash(0x55)), AccessDecision::kAllowed);
  EXPECT_EQ(Decide(open, kOtherAid, Hash(0x44)), AccessDecision::kDenied);  // specific rule wins
}

}  // namespace
}  // namespace jpki::sim::se
