#include "sim/se/registry.h"

#include "gtest/gtest.h"

namespace jpki::sim::se {
namespace {

const Bytes kIsd = {0xA0, 0x00, 0x00, 0x01, 0x51, 0x00, 0x00, 0x00};
const Bytes kSsd = {0xA0, 0x00, 0x00, 0x00, 0x99, 0x53, 0x50};
const Bytes kElf = {0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01};
const Bytes kModule = {0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01};
const Bytes kApp = {0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01};
const Bytes kSdElf = {0xA0, 0x00, 0x00, 0x01, 0x51, 0x53, 0x50};
const Bytes kSdModule = {0xA0, 0x00, 0x00, 0x01, 0x51, 0x53, 0x50, 0x41};

Registry WithSsd() {
  Registry registry(kIsd);
  EXPECT_TRUE(registry.AddLoadFile(kSdElf, kIsd, {kSdModule}).ok());
  EXPECT_TRUE(registry
                  .AddInstance(EntryKind::kSecurityDomain, kSsd, kSdElf, kSdModule, kIsd,
                               kPrivSecurityDomain | kPrivAuthorizedManagement)
                  .ok());
  return registry;
}

TEST(Registry, StartsWithIsd) {
  Registry registry(kIsd);
  ASSERT_NE(registry.Find(kIsd), nullptr);
  EXPECT_EQ(registry.isd().kind, EntryKind::kIssuerSecurityDomain);
  EXPECT_TRUE(IsSecurityDomain(registry.isd()));
}

TEST(Registry, InstallsApplicationUnderSsd) {
  Registry registry = WithSsd();
  ASSERT_TRUE(registry.AddLoadFile(kElf, kSsd, {kModule}).ok());
  ASSERT_TRUE(registry.AddInstance(EntryKind::kApplication, kApp, kElf, kModule, kSsd, 0).ok());
  const RegistryEntry* app = registry.Find(kApp);
  ASSERT_NE(app, nullptr);
  EXPECT_EQ(app->life_cycle, kAppInstalled);
  EXPECT_TRUE(Equal(app->associated_sd, kSsd));
  EXPECT_EQ(registry.List({EntryKind::kApplication}).size(), 1u);
  EXPECT_EQ(registry.List({EntryKind::kSecurityDomain, EntryKind::kIssuerSecurityDomain}).size(), 2u);
  ASSERT_TRUE(registry.SetLifeCycle(kApp, kAppSelectable).ok());
  EXPECT_EQ(registry.Find(kApp)->life_cycle, kAppSelectable);
}

TEST(Registry, RefusesDuplicatesAndUnknowns) {
  Registry registry = WithSsd();
  EXPECT_FALSE(registry.AddLoadFile(kSdElf, kIsd, {kSdModule}).ok());                    // duplicate
  EXPECT_FALSE(registry.AddLoadFile(kElf, Bytes{0xA0, 0, 0, 0, 1, 2}, {kModule}).ok());  // no such SD
  EXPECT_FALSE(registry.AddLoadFile(Bytes{1, 2, 3}, kIsd, {kModule}).ok());              // AID too short
  ASSERT_TRUE(registry.AddLoadFile(kElf, kSsd, {kModule}).ok());
  EXPECT_FALSE(registry.AddInstance(EntryKind::kApplication, kApp, kElf, kSdModule, kSsd, 0).ok());  // no module
  EXPECT_FALSE(registry.AddInstance(EntryKind::kApplication, kApp, kElf, kModule, kSsd, kPrivSecurityDomain).ok());
  EXPECT_FALSE(registry.SetLifeCycle(Bytes{0xA0, 0, 0, 0, 9}, kAppLocked).ok());
}

TEST(Registry, DeleteRules) {
  Registry registry = WithSsd();
  ASSERT_TRUE(registry.AddLoadFile(kElf, kSsd, {kModule}).ok());
  ASSERT_TRUE(registry.AddInstance(EntryKind::kApplication, kApp, kElf, kModule, kSsd, 0).ok());
  EXPECT_FALSE(registry.Delete(kIsd, true).ok());
  EXPECT_FALSE(registry.Delete(kElf, false).ok());  // still has an instance
  EXPECT_FALSE(registry.Delete(kSsd, false).ok());  // still has associated entries
  ASSERT_TRUE(registry.Delete(kElf, true).ok());    // with related: instance goes too
  EXPECT_EQ(registry.Find(kApp), nullptr);
  EXPECT_EQ(registry.Find(kElf), nullptr);
  ASSERT_TRUE(registry.Delete(kSsd, false).ok());
  EXPECT_FALSE(registry.Delete(kSsd, false).ok());  // gone
}

}  // namespace
}  // namespace jpki::sim::se
