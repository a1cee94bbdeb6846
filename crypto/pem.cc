#include "crypto/pem.h"

#include <cstdint>

#include "base/ct.h"
#include "base/error.h"

namespace jpki::crypto {
namespace {

constexpr std::string_view kModule = "pem";
constexpr std::string_view kBegin = "-----BEGIN ";
constexpr std::string_view kEnd = "-----END ";
constexpr std::string_view kDashes = "-----";
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Base64Value maps a character to its 6-bit value, or -1. Branches on the character: PEM bodies of private keys go
// through here, but the alphabet lookup depends only on which of four character ranges a byte falls in; a full
// constant-time decoder is not warranted for key files read once at start-up.
int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

absl::Status Malformed(const std::string& what, size_t offset) {
  return MakeError(ErrorCode::kMalformedInput, kModule, what + " at offset " + std::to_string(offset));
}

}  // namespace

bool LooksLikePem(ByteView data) {
  const std::string_view text(reinterpret_cast<const char*>(data.data()), data.size());
  size_t i = 0;
  while (i < text.size() && IsSpace(text[i])) ++i;
  return text.substr(i, kBegin.size()) == kBegin;
}

absl::StatusOr<PemBlock> PemDecode(ByteView data) {
  const std::string_view text(reinterpret_cast<const char*>(data.data()), data.size());
  size_t pos = 0;
  while (pos < text.size() && IsSpace(text[pos])) ++pos;
  if (text.substr(pos, kBegin.size()) != kBegin) return Malformed("expected '-----BEGIN '", pos);
  const size_t label_start = pos + kBegin.size();
  const size_t label_end = text.find(kDashes, label_start);
  if (label_end == std::string_view::npos) return Malformed("unterminated BEGIN line", pos);
  const std::string_view label = text.substr(label_start, label_end - label_start);
  for (size_t i = 0; i < label.size(); ++i) {
    const char c = label[i];
    if (c < 0x20 || c > 0x7e || c == '-') return Malformed("invalid character in PEM label", label_start + i);
  }
  const size_t body_start = label_end + kDashes.size();
  std::string end_line(kEnd);
  end_line.append(label).append(kDashes);
  const size_t body_end = text.find(end_line, body_start);
  if (body_end == std::string_view::npos) return Malformed("missing '" + end_line + "'", body_start);

  PemBlock block;
  block.label = std::string(label);
  // Decoded size is at most 3/4 of the body; reserve once so the secret never moves through reallocations.
  SecretBytes out((body_end - body_start) / 4 * 3 + 3);
  size_t written = 0;
  uint32_t accumulator = 0;
  int bits = 0;
  int padding = 0;
  size_t symbols = 0;
  for (size_t i = body_start; i < body_end; ++i) {
    const char c = text[i];
    if (IsSpace(c)) continue;
    if (c == '=') {
      ++padding;
      ++symbols;
      if (padding > 2) return Malformed("too much base64 padding", i);
      continue;
    }
    const int v = Base64Value(c);
    if (v < 0) return Malformed("invalid base64 character", i);
    if (padding > 0) return Malformed("base64 data after padding", i);
    ++symbols;
    accumulator = (accumulator << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.data()[written++] = static_cast<uint8_t>(accumulator >> bits);
    }
  }
  // Whole quanta only, and leftover bits (which padding stands for) must be zero.
  if (symbols % 4 != 0) return Malformed("base64 length is not a multiple of 4", body_end);
  if ((padding == 1 && bits != 2) || (padding == 2 && bits != 4) || (padding == 0 && bits != 0)) {
    return Malformed("base64 padding does not match the data", body_end);
  }
  if ((accumulator & ((1u << bits) - 1)) != 0) return Malformed("non-zero base64 padding bits", body_end);
  accumulator = 0;
  if (written == 0) return Malformed("empty PEM body", body_start);
  SecretBytes body(ByteView(out.data(), written));
  block.body = std::move(body);
  return block;
}

namespace {

// EncodeInto writes the PEM text into `out`, reserved up front so that no reallocation leaves copies behind.
void EncodeInto(ByteView der, std::string_view label, std::string& out) {
  out.reserve(2 * (kBegin.size() + label.size() + kDashes.size() + 1) + (der.size() + 2) / 3 * 4 * 65 / 64 + 2);
  out.append(kBegin).append(label).append(kDashes).push_back('\n');
  std::string line;
  line.reserve(64);
  for (size_t i = 0; i < der.size(); i += 3) {
    const uint32_t b0 = der[i];
    const uint32_t b1 = i + 1 < der.size() ? der[i + 1] : 0;
    const uint32_t b2 = i + 2 < der.size() ? der[i + 2] : 0;
    const uint32_t triple = (b0 << 16) | (b1 << 8) | b2;
    line.push_back(kAlphabet[(triple >> 18) & 63]);
    line.push_back(kAlphabet[(triple >> 12) & 63]);
    line.push_back(i + 1 < der.size() ? kAlphabet[(triple >> 6) & 63] : '=');
    line.push_back(i + 2 < der.size() ? kAlphabet[triple & 63] : '=');
    if (line.size() == 64) {
      out.append(line).push_back('\n');
      line.clear();
    }
  }
  if (!line.empty()) out.append(line).push_back('\n');
  out.append(kEnd).append(label).append(kDashes).push_back('\n');
  ct::SecureZero(line.data(), line.size());
}

}  // namespace

std::string PemEncode(ByteView der, std::string_view label) {
  std::string out;
  EncodeInto(der, label, out);
  return out;
}

SecretBytes PemEncodeSecret(ByteView der, std::string_view label) {
  std::string out;
  EncodeInto(der, label, out);
  SecretBytes secret(AsBytes(out));
  ct::SecureZero(out.data(), out.size());
  return secret;
}

}  // namespace jpki::crypto
