#include "apdu/gp/put_key.h"

#include <string>

#include "apdu/gp/internal/command_util.h"
#include "apdu/gp/key_check_value.h"
#include "base/ct.h"
#include "base/status_macros.h"
#include "crypto/aes.h"

namespace jpki::apdu::gp {

using internal::Invalid;
using internal::Malformed;

namespace {

bool IsAesKeySize(size_t n) { return n == 16 || n == 24 || n == 32; }

}  // namespace

absl::StatusOr<CommandApdu> BuildPutKey(const PutKeyRequest& request, const SecretBytes& dek,
                                        Bytes* expected_response) {
  if (request.keys.empty() || request.keys.size() > 3) return Invalid("PUT KEY: 1 to 3 keys");
  if (request.first_key_id == 0 || request.first_key_id > 0x7F) return Invalid("PUT KEY: key id must be 1..127");
  if (request.new_kvn == 0 || request.new_kvn > 0x7F) return Invalid("PUT KEY: new KVN must be 1..127");
  JPKI_ASSIGN_OR_RETURN(crypto::Aes aes, crypto::Aes::Create(dek));
  const crypto::AesBlock zero_iv{};
  Bytes data = {request.new_kvn};
  Bytes response = {request.new_kvn};
  for (const SecretBytes* key : request.keys) {
    if (key == nullptr || !IsAesKeySize(key->size())) return Invalid("PUT KEY: keys must be AES-128/192/256");
    SecretBytes padded((key->size() + 15) / 16 * 16);
    std::copy(key->data(), key->data() + key->size(), padded.data());
    JPKI_ASSIGN_OR_RETURN(Bytes encrypted, aes.CbcEncrypt(zero_iv, padded.view()));
    JPKI_ASSIGN_OR_RETURN(Bytes kcv, AesKeyCheckValue(*key));
    data.push_back(kKeyTypeAes);
    data.push_back(static_cast<uint8_t>(1 + encrypted.size()));
    data.push_back(static_cast<uint8_t>(key->size()));
    Append(data, encrypted);
    data.push_back(static_cast<uint8_t>(kcv.size()));
    Append(data, kcv);
    Append(response, kcv);
  }
  if (expected_response != nullptr) *expected_response = response;
  const uint8_t p2 = static_cast<uint8_t>(request.first_key_id | (request.keys.size() > 1 ? 0x80 : 0x00));
  return CommandApdu{0x80, kInsPutKey, request.replace_kvn, p2, std::move(data), 256};
}

absl::Status CheckPutKeyResponse(const ResponseApdu& response, ByteView expected) {
  if (!response.ok()) return MakeError(ErrorCode::kState, "gp", "PUT KEY refused by the card");
  if (!Equal(response.data, expected)) {
    return MakeError(ErrorCode::kBadSignature, "gp", "PUT KEY: the card's key check values differ");
  }
  return absl::OkStatus();
}

absl::StatusOr<PutKeyCommand> ParsePutKey(const CommandApdu& c, const SecretBytes& dek) {
  JPKI_RETURN_IF_ERROR(internal::CheckCommand(c, kInsPutKey, "PUT KEY"));
  PutKeyCommand out;
  out.replace_kvn = c.p1;
  out.first_key_id = c.p2 & 0x7F;
  out.multiple = (c.p2 & 0x80) != 0;
  if (out.replace_kvn > 0x7F || out.first_key_id == 0) return Malformed("PUT KEY: bad P1/P2");
  const ByteView d = c.data;
  if (d.empty()) return Malformed("PUT KEY: no data");
  out.new_kvn = d[0];
  JPKI_ASSIGN_OR_RETURN(crypto::Aes aes, crypto::Aes::Create(dek));
  const crypto::AesBlock zero_iv{};
  size_t pos = 1;
  while (pos < d.size()) {
    const std::string at = " at offset " + std::to_string(pos);
    if (d.size() - pos < 2) return Malformed("PUT KEY: truncated key block" + at);
    if (d[pos] != kKeyTypeAes) return MakeError(ErrorCode::kUnsupported, "gp", "PUT KEY: only AES keys" + at);
    const size_t len = d[pos + 1];
    pos += 2;
    if (len < 1 || d.size() - pos < len) return Malformed("PUT KEY: key data runs past the end" + at);
    const size_t key_len = d[pos];
    const ByteView encrypted = d.subspan(pos + 1, len - 1);
    if (!IsAesKeySize(key_len) || encrypted.size() != (key_len + 15) / 16 * 16) {
      return Malformed("PUT KEY: bad key length" + at);
    }
    pos += len;
    if (d.size() - pos < 1) return Malformed("PUT KEY: missing KCV" + at);
    const size_t kcv_len = d[pos];
    if (kcv_len != 3 || d.size() - pos - 1 < kcv_len) return Malformed("PUT KEY: bad KCV length" + at);
    const Bytes kcv(d.begin() + pos + 1, d.begin() + pos + 1 + kcv_len);
    pos += 1 + kcv_len;
    SecretBytes padded(encrypted.size());
    JPKI_RETURN_IF_ERROR(aes.CbcDecrypt(zero_iv, encrypted, absl::MakeSpan(padded.data(), padded.size())));
    SecretBytes key(ByteView(padded.data(), key_len));
    JPKI_ASSIGN_OR_RETURN(Bytes expected_kcv, AesKeyCheckValue(key));
    if (ct::Equal(expected_kcv.data(), kcv.data(), kKcvSize) == 0) {
      return MakeError(ErrorCode::kBadSignature, "gp", "PUT KEY: key check value does not match" + at);
    }
    out.keys.push_back(std::move(key));
    out.kcvs.push_back(kcv);
    if (out.keys.size() > 3) return Malformed("PUT KEY: more than 3 keys");
  }
  if (out.keys.empty()) return Malformed("PUT KEY: no key");
  return out;
}

Bytes EncodePutKeyResponse(const PutKeyCommand& command) {
  Bytes out = {command.new_kvn};
  for (const auto& kcv : command.kcvs) Append(out, kcv);
  return out;
}

}  // namespace jpki::apdu::gp
