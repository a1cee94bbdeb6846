#ifndef JPKICORE_TOOLS_JSON_WRITER_H_
#define JPKICORE_TOOLS_JSON_WRITER_H_

// A small streaming JSON writer for the `--json` outputs of the jpki command: one object, UTF-8, keys as given
// (snake_case by convention), strings escaped per RFC 8259. Commas are placed automatically.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jpki::cli {

class JsonWriter {
 public:
  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Uint(uint64_t value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();

  // Shorthands for a key followed by a value.
  JsonWriter& Field(std::string_view key, std::string_view value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, const char* value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, int64_t value) { return Key(key).Int(value); }
  JsonWriter& Field(std::string_view key, int value) { return Key(key).Int(value); }
  JsonWriter& Field(std::string_view key, uint64_t value) { return Key(key).Uint(value); }
  JsonWriter& Field(std::string_view key, bool value) { return Key(key).Bool(value); }

  const std::string& str() const { return out_; }

 private:
  void BeforeValue();

  std::string out_;
  std::vector<bool> first_in_scope_;
  bool after_key_ = false;
};

// JsonEscape returns `value` as a quoted JSON string.
std::string JsonEscape(std::string_view value);

}  // namespace jpki::cli

#endif  // JPKICORE_TOOLS_JSON_WRITER_H_
