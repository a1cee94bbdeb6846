// `jpki apdu decode [--response] [--json] HEX`: one command APDU (or response APDU) printed field by field, with the
// command's name and decoded parameters, or the status word's meaning (shared/spec/cli.md, section apdu).
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "apdu/command_apdu.h"
#include "apdu/command_names.h"
#include "apdu/response_apdu.h"
#include "apdu/status_words.h"
#include "tools/cli.h"
#include "tools/json_writer.h"

namespace jpki::cli {
namespace {

std::string Hex2(uint8_t b) { return absl::StrFormat("%02x", b); }

int DecodeCommand(ByteView bytes, bool json, Io& io) {
  auto parsed = apdu::ParseCommandApduView(bytes);
  if (!parsed.ok()) return StatusError(io, parsed.status());
  const apdu::CommandApduView& c = *parsed;
  const apdu::CommandDescription description = apdu::DescribeCommand(c);
  const bool has_lc = !c.data.empty();
  if (json) {
    JsonWriter w;
    w.BeginObject();
    w.Field("type", "command");
    w.Field("case", std::string(apdu::ApduCaseName(c.apdu_case)));
    w.Field("cla", Hex2(c.cla));
    w.Field("ins", Hex2(c.ins));
    w.Field("p1", Hex2(c.p1));
    w.Field("p2", Hex2(c.p2));
    w.Key("lc");
    if (has_lc) {
      w.Uint(c.data.size());
    } else {
      w.Null();
    }
    w.Field("data", HexEncode(c.data));
    w.Key("le");
    if (c.ne.has_value()) {
      w.Uint(*c.ne);
    } else {
      w.Null();
    }
    w.Field("name", description.name);
    w.Field("known", description.known);
    w.Key("parameters").BeginObject();
    for (const auto& [key, value] : description.parameters) w.Field(key, value);
    w.EndObject();
    w.EndObject();
    io.out << w.str() << "\n";
    return kExitOk;
  }
  io.out << "case: " << apdu::ApduCaseName(c.apdu_case) << "\n";
  io.out << "cla: " << Hex2(c.cla) << "\n";
  io.out << "ins: " << Hex2(c.ins) << "\n";
  io.out << "p1: " << Hex2(c.p1) << "\n";
  io.out << "p2: " << Hex2(c.p2) << "\n";
  io.out << "lc: " << (has_lc ? std::to_string(c.data.size()) : "none") << "\n";
  io.out << "data: " << (has_lc ? HexEncode(c.data) : "none") << "\n";
  io.out << "le: " << (c.ne.has_value() ? std::to_string(*c.ne) : "none") << "\n";
  io.out << "command: " << description.name << "\n";
  for (const auto& [key, value] : description.parameters) io.out << "  " << key << ": " << value << "\n";
  return kExitOk;
}

int DecodeResponse(ByteView bytes, bool json, Io& io) {
  auto parsed = apdu::ParseResponseApduView(bytes);
  if (!parsed.ok()) return StatusError(io, parsed.status());
  const std::optional<int> tries = apdu::TriesLeft(parsed->sw);
  if (json) {
    JsonWriter w;
    w.BeginObject();
    w.Field("type", "response");
    w.Field("data", HexEncode(parsed->data));
    w.Field("length", static_cast<uint64_t>(parsed->data.size()));
    w.Field("sw", absl::StrFormat("%04x", parsed->sw));
    w.Field("status", apdu::StatusWordMeaning(parsed->sw));
    w.Field("description", apdu::DescribeStatusWord(parsed->sw));
    w.Field("success", apdu::IsSuccessSw(parsed->sw));
    if (tries.has_value()) w.Field("tries_left", *tries);
    w.EndObject();
    io.out << w.str() << "\n";
    return kExitOk;
  }
  io.out << "data: " << (parsed->data.empty() ? "none" : HexEncode(parsed->data)) << "\n";
  io.out << "length: " << parsed->data.size() << "\n";
  io.out << "sw: " << apdu::DescribeStatusWord(parsed->sw) << "\n";
  return kExitOk;
}

int RunApduDecode(const std::vector<std::string>& argv, Io& io) {
  auto args = Args::Parse(argv, {}, {"response", "json"});
  if (!args.ok()) return StatusError(io, args.status());
  if (args->positional().empty()) return UsageError(io, "`jpki apdu decode` needs the APDU in hex");
  // Several words are joined, so that "00 A4 04 00" pasted unquoted works like "00A40400".
  auto bytes = HexDecode(absl::StrJoin(args->positional(), " "));
  if (!bytes.ok()) return StatusError(io, bytes.status());
  const bool json = args->Has("json");
  return args->Has("response") ? DecodeResponse(*bytes, json, io) : DecodeCommand(*bytes, json, io);
}

JPKI_REGISTER_COMMAND(Command{"apdu decode", "decode a command or response APDU given in hex",
                              "[--response] [--json] HEX", RunApduDecode});

}  // namespace
}  // namespace jpki::cli
