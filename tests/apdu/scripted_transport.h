#ifndef JPKICORE_TESTS_APDU_SCRIPTED_TRANSPORT_H_
#define JPKICORE_TESTS_APDU_SCRIPTED_TRANSPORT_H_

// A test Transport that checks each command against an expected wire encoding and answers with a scripted
// response, so tests assert the exact byte sequence a host sends.

#include <deque>
#include <string>
#include <utility>

#include "apdu/command_apdu.h"
#include "apdu/transport.h"
#include "base/error.h"
#include "gtest/gtest.h"

namespace jpki::apdu::testing {

class ScriptedTransport : public Transport {
 public:
  // Expect adds one exchange: the command's hex (as Encode(kAuto) gives it) and the response's hex (data || SW).
  ScriptedTransport& Expect(const std::string& command_hex, const std::string& response_hex) {
    script_.emplace_back(command_hex, response_hex);
    return *this;
  }

  absl::StatusOr<ResponseApdu> Transmit(const CommandApdu& command) override {
    ++sent_;
    auto wire = Encode(command);
    if (!wire.ok()) return wire.status();
    if (script_.empty()) {
      ADD_FAILURE() << "unexpected command " << HexEncode(*wire);
      return MakeError(ErrorCode::kInternal, "test", "script exhausted");
    }
    auto [expected, response] = script_.front();
    script_.pop_front();
    EXPECT_EQ(HexEncode(*wire), HexDecodeLower(expected)) << "exchange " << sent_;
    auto bytes = HexDecode(response);
    if (!bytes.ok()) return bytes.status();
    return ParseResponseApdu(*bytes);
  }

  bool done() const { return script_.empty(); }
  int sent() const { return sent_; }

 private:
  static std::string HexDecodeLower(const std::string& hex) { return HexEncode(HexDecode(hex).value()); }

  std::deque<std::pair<std::string, std::string>> script_;
  int sent_ = 0;
};

}  // namespace jpki::apdu::testing

#endif  // JPKICORE_TESTS_APDU_SCRIPTED_TRANSPORT_H_
