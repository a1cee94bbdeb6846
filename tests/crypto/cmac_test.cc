#include "crypto/cmac.h"

#include <fstream>
#include <sstream>
#include <string>

#include "base/bytes.h"
#include "base/error.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace jpki::crypto {
namespace {

Bytes Hex(const std::string& hex) {
  auto b = HexDecode(hex);
  EXPECT_TRUE(b.ok()) << hex;
  return b.ok() ? *b : Bytes();
}

SecretBytes Key(const std::string& hex) { return SecretBytes(Hex(hex)); }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Parses the "KEY = / MESSAGE = / OUTPUT =" records of the SP 800-38B example files.
struct NistRecord {
  std::string key, message, output;
};
std::vector<NistRecord> ReadNist(const std::string& path) {
  std::istringstream in(ReadFile(path));
  std::vector<NistRecord> out;
  NistRecord cur;
  std::string line;
  auto value = [](const std::string& l) {
    auto eq = l.find('=');
    std::string v = l.substr(eq + 1);
    while (!v.empty() && (v.front() == ' ')) v.erase(v.begin());
    while (!v.empty() && (v.back() == ' ' || v.back() == '\r')) v.pop_back();
    return v;
  };
  while (std::getline(in, line)) {
    if (line.rfind("KEY", 0) == 0) cur.key = value(line);
    if (line.rfind("MESSAGE", 0) == 0) cur.message = value(line);
    if (line.rfind("OUTPUT", 0) == 0) {
      cur.output = value(line);
      out.push_back(cur);
      cur = NistRecord();
    }
  }
  return out;
}

TEST(CmacTest, NistSp80038bAllKeySizes) {
  int passed = 0;
  for (const char* file : {"aes128", "aes192", "aes256"}) {
    auto records = ReadNist(std::string("tests/data/cmac/nist-800-38b-") + file + ".txt");
    ASSERT_EQ(records.size(), 4u) << file;
    for (const auto& r : records) {
      auto cmac = Cmac::Create(Key(r.key));
      ASSERT_TRUE(cmac.ok());
      auto tag = cmac->Mac(Hex(r.message));
      ASSERT_TRUE(tag.ok());
      EXPECT_EQ(HexEncode(*tag), r.output) << file;
      // The incremental form agrees, whatever the split.
      const Bytes msg = Hex(r.message);
      for (size_t split = 0; split <= msg.size(); ++split) {
        auto s = cmac->Begin();
        s.Update(ByteView(msg).subspan(0, split));
        s.Update(ByteView(msg).subspan(split));
        auto t = s.Final();
        ASSERT_TRUE(t.ok());
        ASSERT_EQ(HexEncode(*t), r.output) << file << " split " << split;
      }
      if (HexEncode(*tag) == r.output) ++passed;
    }
  }
  EXPECT_EQ(passed, 12);
  std::cout << "NIST SP 800-38B CMAC: " << passed << "/12 passed\n";
}

TEST(CmacTest, Wycheproof) {
  auto doc = nlohmann::json::parse(ReadFile("tests/data/cmac/aes_cmac_test.json"));
  int total = 0, passed = 0, valid = 0, invalid = 0;
  for (const auto& group : doc["testGroups"]) {
    const size_t tag_bytes = group["tagSize"].get<size_t>() / 8;
    for (const auto& t : group["tests"]) {
      ++total;
      const Bytes key = Hex(t["key"].get<std::string>());
      const Bytes msg = Hex(t["msg"].get<std::string>());
      const Bytes tag = Hex(t["tag"].get<std::string>());
      const bool expect_valid = t["result"].get<std::string>() == "valid";
      auto cmac = Cmac::Create(SecretBytes(key));
      bool ok = false;
      if (!cmac.ok()) {
        // Only keys of invalid size may be refused.
        EXPECT_EQ(GetErrorCode(cmac.status()), ErrorCode::kInvalidArgument);
        ok = !expect_valid;
      } else {
        auto computed = cmac->Mac(msg);
        ASSERT_TRUE(computed.ok());
        const bool verifies = tag.size() == tag_bytes && cmac->Verify({msg}, tag).ok();
        const bool equal_prefix = tag.size() <= 16 && Equal(ByteView(*computed).subspan(0, tag.size()), tag);
        EXPECT_EQ(verifies, equal_prefix && tag.size() == tag_bytes);
        ok = verifies == expect_valid;
      }
      EXPECT_TRUE(ok) << "tcId " << t["tcId"];
      if (ok) ++passed;
      (expect_valid ? valid : invalid)++;
    }
  }
  EXPECT_EQ(total, doc["numberOfTests"].get<int>());
  EXPECT_EQ(passed, total);
  std::cout << "Wycheproof aes_cmac_test.json: " << passed << "/" << total << " passed (" << valid << " valid, "
            << invalid << " invalid)\n";
}

TEST(CmacTest, RejectsBadKeySizes) {
  for (size_t n : {0, 1, 15, 17, 23, 25, 31, 33, 64}) {
    auto c = Cmac::Create(SecretBytes(Bytes(n, 1)));
    EXPECT_FALSE(c.ok()) << n;
    EXPECT_EQ(GetErrorCode(c.status()), ErrorCode::kInvalidArgument);
  }
}

TEST(CmacTest, VerifyRejectsWrongTagAndBadLengths) {
  auto cmac = Cmac::Create(Key("2b7e151628aed2a6abf7158809cf4f3c"));
  ASSERT_TRUE(cmac.ok());
  const Bytes msg = Hex("6bc1bee22e409f96e93d7e117393172a");
  Bytes tag = Hex("070a16b46b4d4144f79bdd9dd04a287c");
  EXPECT_TRUE(cmac->Verify({msg}, tag).ok());
  EXPECT_TRUE(cmac->Verify({msg}, ByteView(tag).subspan(0, 8)).ok());
  // Split parts give the same result as one message.
  EXPECT_TRUE(cmac->Verify({ByteView(msg).subspan(0, 3), ByteView(msg).subspan(3)}, tag).ok());
  for (size_t i = 0; i < tag.size(); ++i) {
    Bytes bad = tag;
    bad[i] ^= 0x01;
    auto s = cmac->Verify({msg}, bad);
    EXPECT_EQ(GetErrorCode(s), ErrorCode::kBadSignature) << i;
  }
  EXPECT_EQ(GetErrorCode(cmac->Verify({msg}, ByteView())), ErrorCode::kInvalidArgument);
  EXPECT_EQ(GetErrorCode(cmac->Verify({msg}, Bytes(17, 0))), ErrorCode::kInvalidArgument);
}

TEST(CmacTest, StreamFinalOnlyOnceAndMoves) {
  auto cmac = Cmac::Create(Key("2b7e151628aed2a6abf7158809cf4f3c"));
  ASSERT_TRUE(cmac.ok());
  auto s = cmac->Begin();
  s.Update(Hex("6bc1bee22e409f96"));
  auto moved = std::move(s);
  moved.Update(Hex("e93d7e117393172a"));
  auto t = moved.Final();
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(HexEncode(*t), "070a16b46b4d4144f79bdd9dd04a287c");
  EXPECT_EQ(GetErrorCode(moved.Final().status()), ErrorCode::kState);
  EXPECT_EQ(GetErrorCode(s.Final().status()), ErrorCode::kState);  // moved-from
  // A moved Cmac still works.
  Cmac other = std::move(*cmac);
  auto t2 = other.Mac(ByteView());
  ASSERT_TRUE(t2.ok());
  EXPECT_EQ(HexEncode(*t2), "bb1d6929e95937287fa37d129b756746");
}

}  // namespace
}  // namespace jpki::crypto
