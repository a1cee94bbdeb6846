#include "asn1/oid.h"

#include <set>
#include <string>

#include "gtest/gtest.h"
#include "tests/asn1/test_util.h"

namespace jpki::asn1 {
namespace {

using testing::H;

TEST(Oid, FromDerAndDotted) {
  Bytes der = H("2a864886f70d01010b");
  auto oid = Oid::FromDer(der);
  ASSERT_TRUE(oid.ok());
  EXPECT_EQ(oid->ToDotted(), "1.2.840.113549.1.1.11");
  EXPECT_EQ(oid->der().data(), der.data());
  auto back = Oid::FromDotted("1.2.840.113549.1.1.11");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, *oid);
  EXPECT_EQ(HexEncode(back->der()), "2a864886f70d01010b");
}

TEST(Oid, FirstTwoArcs) {
  struct {
    const char* dotted;
    const char* hex;
  } cases[] = {{"0.0", "00"},
               {"0.39", "27"},
               {"1.0", "28"},
               {"1.39", "4f"},
               {"2.0", "50"},
               {"2.5.4.3", "550403"},
               {"2.47", "7f"},
               {"2.48", "8100"},
               {"2.999.3", "883703"},
               {"2.18446744073709551535", "81ffffffffffffffff7f"},
               {"1.2.18446744073709551615", "2a81ffffffffffffffff7f"}};
  for (const auto& c : cases) {
    auto oid = Oid::FromDotted(c.dotted);
    ASSERT_TRUE(oid.ok()) << c.dotted << oid.status();
    EXPECT_EQ(HexEncode(oid->der()), c.hex) << c.dotted;
    Bytes der = H(c.hex);
    auto parsed = Oid::FromDer(der);
    ASSERT_TRUE(parsed.ok()) << c.hex;
    EXPECT_EQ(parsed->ToDotted(), c.dotted);
  }
}

TEST(Oid, FromDerRejects) {
  EXPECT_MALFORMED(Oid::FromDer(ByteView()).status());
  EXPECT_MALFORMED(Oid::FromDer(H("8001")).status());    // leading 0x80 in first arc
  EXPECT_MALFORMED(Oid::FromDer(H("2a8001")).status());  // leading 0x80 in later arc
  EXPECT_MALFORMED(Oid::FromDer(H("2a86")).status());    // truncated
  EXPECT_EQ(GetErrorCode(Oid::FromDer(H("2a82808080808080808000")).status()), ErrorCode::kResourceLimit);
  EXPECT_EQ(GetErrorCode(Oid::FromDer(H("82808080808080808000")).status()), ErrorCode::kResourceLimit);
}

TEST(Oid, FromDottedRejects) {
  for (const char* bad : {"", "1", "3.1", "0.40", "1.40", "1.2.", ".1.2", "1..2", "1.02", "01.2", "1.2.a", "1.-2",
                          "1.2 ", "+1.2", "1.2.18446744073709551616", "2.18446744073709551536"}) {
    EXPECT_MALFORMED(Oid::FromDotted(bad).status()) << bad;
  }
  EXPECT_TRUE(Oid::FromDotted("2.40").ok());  // second arc may exceed 39 under 2
  EXPECT_TRUE(Oid::FromDotted("1.2.0").ok());
}

TEST(Oid, EncodeOidArcs) {
  Bytes out;
  const uint64_t arcs[] = {1, 2, 392, 200149};
  ASSERT_TRUE(EncodeOidArcs(arcs, out).ok());
  EXPECT_EQ(HexEncode(out), "2a83088c9b55");
  Bytes bad;
  const uint64_t one[] = {1};
  EXPECT_EQ(GetErrorCode(EncodeOidArcs(one, bad)), ErrorCode::kInvalidArgument);
  const uint64_t three[] = {3, 1};
  EXPECT_FALSE(EncodeOidArcs(three, bad).ok());
  const uint64_t second[] = {0, 40};
  EXPECT_FALSE(EncodeOidArcs(second, bad).ok());
}

TEST(Oid, EmptyOwnedAndOrdering) {
  Oid empty;
  EXPECT_TRUE(empty.empty());
  EXPECT_EQ(empty.ToDotted(), "");
  EXPECT_EQ(empty.known(), KnownOid::kUnknown);
  Bytes der = H("550403");
  Oid owned;
  {
    Bytes temp = der;
    auto view = Oid::FromDer(temp);
    ASSERT_TRUE(view.ok());
    owned = view->Owned();
  }
  EXPECT_EQ(owned.ToDotted(), "2.5.4.3");
  Oid copy = owned;
  EXPECT_EQ(copy, owned);
  EXPECT_NE(copy.der().data(), owned.der().data());
  auto a = Oid::FromDotted("2.5.4.3");
  auto b = Oid::FromDotted("2.5.4.10");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(*a < *b);
  EXPECT_FALSE(*b < *a);
  EXPECT_NE(*a, *b);
}

TEST(Oid, KnownNames) {
  EXPECT_EQ(Oid::Known(KnownOid::kRsaEncryption).ToDotted(), "1.2.840.113549.1.1.1");
  EXPECT_EQ(Oid::Known(KnownOid::kRsassaPss).Name(), "rsassaPss");
  EXPECT_EQ(Oid::Known(KnownOid::kSha256WithRsaEncryption).Name(), "sha256WithRSAEncryption");
  EXPECT_EQ(Oid::Known(KnownOid::kMgf1).ToDotted(), "1.2.840.113549.1.1.8");
  EXPECT_EQ(Oid::Known(KnownOid::kSha256).ToDotted(), "2.16.840.1.101.3.4.2.1");
  EXPECT_EQ(Oid::Known(KnownOid::kSha384).ToDotted(), "2.16.840.1.101.3.4.2.2");
  EXPECT_EQ(Oid::Known(KnownOid::kSha512).ToDotted(), "2.16.840.1.101.3.4.2.3");
  EXPECT_EQ(Oid::Known(KnownOid::kEmailAddress).ToDotted(), "1.2.840.113549.1.9.1");
  EXPECT_EQ(Oid::Known(KnownOid::kJpkiPolicySignClass20).ToDotted(), "1.2.392.200149.8.5.1.1.20");
  EXPECT_EQ(Oid::Known(KnownOid::kJpkiPolicyAuthClass30).ToDotted(), "1.2.392.200149.8.5.1.3.30");
  EXPECT_EQ(Oid::Known(KnownOid::kJpkiName).ToDotted(), "1.2.392.200149.8.5.5.1");
  EXPECT_EQ(Oid::Known(KnownOid::kJpkiAddress).ToDotted(), "1.2.392.200149.8.5.5.5");
  EXPECT_EQ(Oid::Known(KnownOid::kJpkiBirthDate).ToDotted(), "1.2.392.200149.8.5.5.4");
  EXPECT_EQ(Oid::Known(KnownOid::kKeyUsage).Name(), "keyUsage");
  EXPECT_EQ(Oid::Known(KnownOid::kUnknown).ToDotted(), "");
  auto unknown = Oid::FromDotted("1.2.3.4");
  ASSERT_TRUE(unknown.ok());
  EXPECT_EQ(unknown->Name(), "1.2.3.4");
  EXPECT_EQ(unknown->info(), nullptr);
  EXPECT_TRUE(Oid::Known(KnownOid::kCommonName).Is(KnownOid::kCommonName));
  EXPECT_EQ(Oid::Known(KnownOid::kCommonName).info()->short_name, "CN");
  EXPECT_EQ(Oid::Known(KnownOid::kOrganizationalUnitName).info()->short_name, "OU");
}

TEST(Oid, TableIsConsistent) {
  EXPECT_EQ(KnownOidCount() + 1, static_cast<size_t>(KnownOid::kNumKnownOids));
  std::set<std::string> dotted, names;
  for (size_t i = 1; i < static_cast<size_t>(KnownOid::kNumKnownOids); ++i) {
    const auto id = static_cast<KnownOid>(i);
    const OidInfo* info = GetOidInfo(id);
    ASSERT_NE(info, nullptr) << i;
    EXPECT_EQ(info->id, id);
    EXPECT_FALSE(info->der.empty()) << info->dotted;
    EXPECT_TRUE(dotted.insert(std::string(info->dotted)).second) << "duplicate " << info->dotted;
    EXPECT_TRUE(names.insert(std::string(info->name)).second) << "duplicate " << info->name;
    EXPECT_EQ(LookupOid(info->der), info);
    EXPECT_EQ(LookupOidByName(info->name), info);
    auto parsed = Oid::FromDer(info->der);
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed->ToDotted(), info->dotted);
    EXPECT_EQ(parsed->known(), id);
  }
  EXPECT_EQ(GetOidInfo(KnownOid::kUnknown), nullptr);
  EXPECT_EQ(GetOidInfo(KnownOid::kNumKnownOids), nullptr);
  EXPECT_EQ(LookupOidByName("CN")->id, KnownOid::kCommonName);
  EXPECT_EQ(LookupOidByName("nope"), nullptr);
  EXPECT_EQ(LookupOidByName(""), nullptr);
  EXPECT_EQ(LookupOid(H("2a864886f70d01010c00")), nullptr);  // longer than a known one
  EXPECT_EQ(LookupOid(ByteView()), nullptr);
}

TEST(Oid, StartsWith) {
  auto arc = Oid::FromDotted("1.2.392.200149.8.5.1.1");
  auto policy = Oid::FromDotted("1.2.392.200149.8.5.1.1.40");
  auto other = Oid::FromDotted("1.2.392.200149.8.5.1.10");
  ASSERT_TRUE(arc.ok() && policy.ok() && other.ok());
  EXPECT_TRUE(policy->StartsWith(*arc));
  EXPECT_TRUE(arc->StartsWith(*arc));
  EXPECT_FALSE(other->StartsWith(*arc));
  EXPECT_FALSE(arc->StartsWith(*policy));
  EXPECT_FALSE(arc->StartsWith(Oid()));
  EXPECT_TRUE(policy->StartsWith(Oid::Known(KnownOid::kJpki)));
}

}  // namespace
}  // namespace jpki::asn1
