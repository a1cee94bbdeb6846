#include "apdu/jpki/token_info.h"

#include <algorithm>

#include "base/error.h"

namespace jpki::apdu::jpki_ap {
namespace {

constexpr std::string_view kLabelCard = "JPKIAPICCTOKEN2";
constexpr std::string_view kLabelLegacyCard = "JPKIAPICCTOKEN";
constexpr std::string_view kLabelAndroid = "JPKIAPGPSETOKEN";
constexpr std::string_view kLabelIphone = "JPKIAPIOSTOKEN";

}  // namespace

std::string_view TokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kCard:
      return "card";
    case TokenKind::kLegacyCard:
      return "legacy_card";
    case TokenKind::kAndroidGpSe:
      return "android_gp_se";
    case TokenKind::kIphone:
      return "iphone";
    case TokenKind::kUnknown:
      break;
  }
  return "unknown";
}

absl::StatusOr<std::string_view> TokenLabelFromInfo(ByteView token_info) {
  if (token_info.empty()) return MakeError(ErrorCode::kMalformedInput, "jpki_ap", "offset 0: empty token info");
  const size_t size = std::min(token_info.size(), kTokenLabelSize);
  std::string_view label(reinterpret_cast<const char*>(token_info.data()), size);
  while (!label.empty() && (label.back() == ' ' || label.back() == '\0')) label.remove_suffix(1);
  return label;
}

TokenKind TokenKindFromLabel(std::string_view label) {
  if (label == kLabelCard) return TokenKind::kCard;
  if (label == kLabelLegacyCard) return TokenKind::kLegacyCard;
  if (label == kLabelAndroid) return TokenKind::kAndroidGpSe;
  if (label == kLabelIphone) return TokenKind::kIphone;
  return TokenKind::kUnknown;
}

Bytes TokenLabel(TokenKind kind) {
  std::string_view label;
  switch (kind) {
    case TokenKind::kCard:
      label = kLabelCard;
      break;
    case TokenKind::kLegacyCard:
      label = kLabelLegacyCard;
      break;
    case TokenKind::kAndroidGpSe:
      label = kLabelAndroid;
      break;
    case TokenKind::kIphone:
      label = kLabelIphone;
      break;
    case TokenKind::kUnknown:
      break;
  }
  Bytes out(label.begin(), label.end());
  out.resize(kTokenLabelSize, ' ');
  return out;
}

}  // namespace jpki::apdu::jpki_ap
