#ifndef JPKICORE_APDU_JPKI_TOKEN_INFO_H_
#define JPKICORE_APDU_JPKI_TOKEN_INFO_H_

// EF 0006 token info: a serialised PKCS#11 CK_TOKEN_INFO whose 32-byte label names the medium. Clients tell a
// My Number card from a smartphone only through this label (jpki/myna src/jpki.rs; soltia48 TokenType).

#include <cstddef>
#include <string_view>

#include "absl/status/statusor.h"
#include "base/bytes.h"

namespace jpki::apdu::jpki_ap {

inline constexpr size_t kTokenLabelSize = 32;

enum class TokenKind {
  kCard,         // JPKIAPICCTOKEN2: My Number card
  kLegacyCard,   // JPKIAPICCTOKEN: 住基カード
  kAndroidGpSe,  // JPKIAPGPSETOKEN: smartphone certificate on an Android GP-SE
  kIphone,       // JPKIAPIOSTOKEN: iPhone (Apple Wallet)
  kUnknown,      // any other label
};

// TokenKindName: "card", "legacy_card", "android_gp_se", "iphone", "unknown".
std::string_view TokenKindName(TokenKind kind);

// TokenLabelFromInfo extracts the label from the start of EF 0006 (at least the first byte; up to 32 are used),
// trimming trailing spaces and NULs (both paddings are seen). Fails (kMalformedInput) on empty input.
absl::StatusOr<std::string_view> TokenLabelFromInfo(ByteView token_info);

// TokenKindFromLabel maps a trimmed label to a kind (exact match).
TokenKind TokenKindFromLabel(std::string_view label);

// TokenLabel returns the label a card-side simulator writes for `kind`, padded to 32 bytes with spaces
// (kUnknown gives 32 spaces).
Bytes TokenLabel(TokenKind kind);

}  // namespace jpki::apdu::jpki_ap

#endif  // JPKICORE_APDU_JPKI_TOKEN_INFO_H_
