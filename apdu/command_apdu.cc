#include "apdu/command_apdu.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "base/error.h"

namespace jpki::apdu {
namespace {

constexpr std::string_view kModule = "apdu";

absl::Status Invalid(std::string_view message) { return MakeError(ErrorCode::kInvalidArgument, kModule, message); }

absl::Status Malformed(size_t offset, std::string_view message) {
  return MakeError(ErrorCode::kMalformedInput, kModule, absl::StrCat("offset ", offset, ": ", std::string(message)));
}

}  // namespace

std::string_view ApduCaseName(ApduCase apdu_case) {
  switch (apdu_case) {
    case ApduCase::k1:
      return "1";
    case ApduCase::k2S:
      return "2S";
    case ApduCase::k3S:
      return "3S";
    case ApduCase::k4S:
      return "4S";
    case ApduCase::k2E:
      return "2E";
    case ApduCase::k3E:
      return "3E";
    case ApduCase::k4E:
      return "4E";
  }
  return "?";
}

bool IsExtendedCase(ApduCase apdu_case) {
  return apdu_case == ApduCase::k2E || apdu_case == ApduCase::k3E || apdu_case == ApduCase::k4E;
}

LengthForm FormOf(ApduCase apdu_case) { return IsExtendedCase(apdu_case) ? LengthForm::kExtended : LengthForm::kShort; }

absl::StatusOr<ApduCase> CaseFor(const CommandApdu& command, LengthForm form) {
  const size_t nc = command.data.size();
  if (nc > kMaxExtendedNc) return Invalid(absl::StrCat("Nc ", nc, " exceeds 65535"));
  if (command.ne.has_value() && (*command.ne == 0 || *command.ne > kMaxExtendedNe)) {
    return Invalid(absl::StrCat("Ne ", *command.ne, " outside 1..65536"));
  }
  const bool has_data = nc > 0;
  const bool has_le = command.ne.has_value();
  if (!has_data && !has_le) return ApduCase::k1;
  const bool fits_short = nc <= kMaxShortNc && (!has_le || *command.ne <= kMaxShortNe);
  bool extended = false;
  switch (form) {
    case LengthForm::kAuto:
      extended = !fits_short;
      break;
    case LengthForm::kShort:
      if (!fits_short) return Invalid("command does not fit the short length form (Nc <= 255, Ne <= 256)");
      break;
    case LengthForm::kExtended:
      extended = true;
      break;
  }
  if (has_data && has_le) return extended ? ApduCase::k4E : ApduCase::k4S;
  if (has_data) return extended ? ApduCase::k3E : ApduCase::k3S;
  return extended ? ApduCase::k2E : ApduCase::k2S;
}

absl::StatusOr<size_t> EncodedSize(const CommandApdu& command, LengthForm form) {
  auto apdu_case = CaseFor(command, form);
  if (!apdu_case.ok()) return apdu_case.status();
  const size_t nc = command.data.size();
  switch (*apdu_case) {
    case ApduCase::k1:
      return size_t{4};
    case ApduCase::k2S:
      return size_t{5};
    case ApduCase::k3S:
      return 5 + nc;
    case ApduCase::k4S:
      return 6 + nc;
    case ApduCase::k2E:
      return size_t{7};
    case ApduCase::k3E:
      return 7 + nc;
    case ApduCase::k4E:
      return 9 + nc;
  }
  return size_t{0};
}

absl::Status EncodeTo(const CommandApdu& command, LengthForm form, Bytes& out) {
  auto apdu_case = CaseFor(command, form);
  if (!apdu_case.ok()) return apdu_case.status();
  const size_t nc = command.data.size();
  // Ne = 256 is short `00`, Ne = 65536 extended `0000`: the truncation to 8 / 16 bits does exactly that.
  const uint32_t ne = command.ne.value_or(0);
  out.reserve(out.size() + 9 + nc);
  out.push_back(command.cla);
  out.push_back(command.ins);
  out.push_back(command.p1);
  out.push_back(command.p2);
  switch (*apdu_case) {
    case ApduCase::k1:
      break;
    case ApduCase::k2S:
      out.push_back(static_cast<uint8_t>(ne));
      break;
    case ApduCase::k3S:
    case ApduCase::k4S:
      out.push_back(static_cast<uint8_t>(nc));
      Append(out, command.data);
      if (*apdu_case == ApduCase::k4S) out.push_back(static_cast<uint8_t>(ne));
      break;
    case ApduCase::k2E:
      out.push_back(0x00);
      out.push_back(static_cast<uint8_t>(ne >> 8));
      out.push_back(static_cast<uint8_t>(ne));
      break;
    case ApduCase::k3E:
    case ApduCase::k4E:
      out.push_back(0x00);
      out.push_back(static_cast<uint8_t>(nc >> 8));
      out.push_back(static_cast<uint8_t>(nc));
      Append(out, command.data);
      if (*apdu_case == ApduCase::k4E) {
        out.push_back(static_cast<uint8_t>(ne >> 8));
        out.push_back(static_cast<uint8_t>(ne));
      }
      break;
  }
  return absl::OkStatus();
}

absl::StatusOr<Bytes> Encode(const CommandApdu& command, LengthForm form) {
  Bytes out;
  absl::Status status = EncodeTo(command, form, out);
  if (!status.ok()) return status;
  return out;
}

absl::StatusOr<CommandApduView> ParseCommandApduView(ByteView bytes) {
  if (bytes.size() < 4) return Malformed(bytes.size(), "command APDU shorter than its 4-byte header");
  CommandApduView view;
  view.cla = bytes[0];
  view.ins = bytes[1];
  view.p1 = bytes[2];
  view.p2 = bytes[3];
  const ByteView body = bytes.subspan(4);
  const size_t n = body.size();
  // Case 1: CLA INS P1 P2.
  if (n == 0) {
    view.apdu_case = ApduCase::k1;
    return view;
  }
  // Case 2S: ... Le (00 = 256).
  if (n == 1) {
    view.apdu_case = ApduCase::k2S;
    view.ne = body[0] == 0 ? kMaxShortNe : body[0];
    return view;
  }
  if (body[0] != 0) {
    // Short Lc (1..255) followed by data and possibly a one-byte Le.
    const size_t lc = body[0];
    if (n < 1 + lc) return Malformed(4, absl::StrCat("Lc ", lc, " beyond the ", n - 1, " data bytes present"));
    view.data = body.subspan(1, lc);
    if (n == 1 + lc) {
      view.apdu_case = ApduCase::k3S;
      return view;
    }
    if (n == 2 + lc) {
      view.apdu_case = ApduCase::k4S;
      view.ne = body[1 + lc] == 0 ? kMaxShortNe : body[1 + lc];
      return view;
    }
    if (n == 3 + lc) return Malformed(5 + lc, "short Lc with a two-byte Le (short and extended forms mixed)");
    return Malformed(6 + lc, absl::StrCat(n - 2 - lc, " trailing bytes after Le"));
  }
  // body[0] == 0 and more bytes follow: extended form (a short Lc of 0 is not allowed).
  if (n == 2) return Malformed(4, "Lc = 0 (a short Lc byte of 00 followed by one byte)");
  const size_t ext = (size_t{body[1]} << 8) | body[2];
  if (n == 3) {
    // Case 2E: 00 Le1 Le2 (0000 = 65536).
    view.apdu_case = ApduCase::k2E;
    view.ne = ext == 0 ? kMaxExtendedNe : static_cast<uint32_t>(ext);
    return view;
  }
  const size_t lc = ext;
  if (lc == 0) return Malformed(5, "extended Lc = 0 followed by more bytes");
  if (n < 3 + lc) return Malformed(5, absl::StrCat("extended Lc ", lc, " beyond the ", n - 3, " data bytes present"));
  view.data = body.subspan(3, lc);
  if (n == 3 + lc) {
    view.apdu_case = ApduCase::k3E;
    return view;
  }
  if (n == 5 + lc) {
    const size_t le = (size_t{body[3 + lc]} << 8) | body[4 + lc];
    view.apdu_case = ApduCase::k4E;
    view.ne = le == 0 ? kMaxExtendedNe : static_cast<uint32_t>(le);
    return view;
  }
  if (n == 4 + lc) return Malformed(7 + lc, "extended Lc with a one-byte Le (short and extended forms mixed)");
  return Malformed(9 + lc, absl::StrCat(n - 5 - lc, " trailing bytes after Le"));
}

absl::StatusOr<ParsedCommandApdu> ParseCommandApdu(ByteView bytes) {
  auto view = ParseCommandApduView(bytes);
  if (!view.ok()) return view.status();
  return ParsedCommandApdu{view->ToCommand(), view->apdu_case};
}

}  // namespace jpki::apdu
