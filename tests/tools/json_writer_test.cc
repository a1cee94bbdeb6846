// tools/json_writer.h: structure, automatic commas, escaping; the output is checked with nlohmann::json too.
#include "tools/json_writer.h"

#include <cstdint>
#include <limits>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace jpki::cli {
namespace {

TEST(JsonWriter, NestedStructure) {
  JsonWriter w;
  w.BeginObject()
      .Field("version", 3)
      .Field("serial", "067c6a21")
      .Field("ca", true)
      .Key("path_len")
      .Null()
      .Key("key_usage")
      .BeginArray()
      .String("keyCertSign")
      .String("cRLSign")
      .EndArray()
      .Key("public_key")
      .BeginObject()
      .Field("bits", int64_t{2048})
      .Field("exponent", uint64_t{65537})
      .EndObject()
      .Key("empty")
      .BeginArray()
      .EndArray()
      .EndObject();
  EXPECT_EQ(w.str(),
            "{\"version\":3,\"serial\":\"067c6a21\",\"ca\":true,\"path_len\":null,\"key_usage\":[\"keyCertSign\","
            "\"cRLSign\"],\"public_key\":{\"bits\":2048,\"exponent\":65537},\"empty\":[]}");
  auto parsed = nlohmann::json::parse(w.str());
  EXPECT_EQ(parsed["public_key"]["exponent"], 65537);
  EXPECT_EQ(parsed["key_usage"][1], "cRLSign");
}

TEST(JsonWriter, NumbersAtTheLimits) {
  JsonWriter w;
  w.BeginArray()
      .Int(std::numeric_limits<int64_t>::min())
      .Int(-1)
      .Uint(std::numeric_limits<uint64_t>::max())
      .Bool(false)
      .EndArray();
  EXPECT_EQ(w.str(), "[-9223372036854775808,-1,18446744073709551615,false]");
  auto parsed = nlohmann::json::parse(w.str());
  EXPECT_EQ(parsed[2].get<uint64_t>(), std::numeric_limits<uint64_t>::max());
}

TEST(JsonWriter, ArrayOfObjects) {
  JsonWriter w;
  w.BeginArray();
  for (int i = 0; i < 3; ++i) w.BeginObject().Field("i", i).EndObject();
  w.EndArray();
  EXPECT_EQ(w.str(), "[{\"i\":0},{\"i\":1},{\"i\":2}]");
}

TEST(JsonEscape, Rfc8259) {
  EXPECT_EQ(JsonEscape("plain"), "\"plain\"");
  EXPECT_EQ(JsonEscape("q\"b\\n\nr\rt\t"), "\"q\\\"b\\\\n\\nr\\rt\\t\"");
  EXPECT_EQ(JsonEscape(std::string_view("\x01\x1f", 2)), "\"\\u0001\\u001f\"");
  EXPECT_EQ(JsonEscape("\xe5\x85\xac\xe7\x9a\x84"), "\"\xe5\x85\xac\xe7\x9a\x84\"");  // UTF-8 passes through
  JsonWriter w;
  w.BeginObject().Field("name\n", "\xe5\x85\xac \"x\"").EndObject();
  auto parsed = nlohmann::json::parse(w.str());
  EXPECT_EQ(parsed["name\n"], "\xe5\x85\xac \"x\"");
}

}  // namespace
}  // namespace jpki::cli
