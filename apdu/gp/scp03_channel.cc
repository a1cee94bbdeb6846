#include "apdu/gp/scp03_channel.h"

#include <cstring>
#include <utility>

#include "base/ct.h"
#include "base/error.h"
#include "base/status_macros.h"

namespace jpki::apdu::gp {
namespace {

constexpr char kModule[] = "scp03";
constexpr size_t kBlock = crypto::kAesBlockSize;

// LcField writes the Lc field exactly as apdu::Encode (kAuto) puts it on the wire: extended (00 Lc1 Lc2) when
// Nc > 255 or Ne > 256, short otherwise. Returns its length.
size_t LcField(size_t nc, std::optional<uint32_t> ne, uint8_t* out) {
  if (nc > 255 || (ne.has_value() && *ne > 256)) {
    out[0] = 0x00;
    out[1] = static_cast<uint8_t>(nc >> 8);
    out[2] = static_cast<uint8_t>(nc);
    return 3;
  }
  out[0] = static_cast<uint8_t>(nc);
  return 1;
}

bool HasSmBit(uint8_t cla) { return WithSecureMessagingBit(cla) == cla; }

// PaddedSize is the length after ISO/IEC 9797-1 method 2 padding (80 00..) to a whole number of AES blocks.
size_t PaddedSize(size_t n) { return (n / kBlock + 1) * kBlock; }

// Unpad returns the length of `data` without its 80 00.. padding, or nullopt when the padding is malformed. The
// data was authenticated before it was decrypted, so the early exits here are no padding oracle.
// `max_padding` is 16 (minimal padding) unless the overlong-padding leniency is on.
std::optional<size_t> Unpad(ByteView data, size_t max_padding = kBlock) {
  size_t i = data.size();
  while (i > 0 && data.size() - i < max_padding && data[i - 1] == 0x00) --i;
  if (i == 0 || data[i - 1] != 0x80 || data.size() - (i - 1) > max_padding) return std::nullopt;
  return i - 1;
}

}  // namespace

Scp03Channel::Scp03Channel(crypto::Aes s_enc, crypto::Cmac s_mac, crypto::Cmac s_rmac, Scp03Mode mode,
                           SecurityLevel level)
    : s_enc_(std::move(s_enc)), s_mac_(std::move(s_mac)), s_rmac_(std::move(s_rmac)), mode_(mode), level_(level) {}

absl::StatusOr<Scp03Channel> Scp03Channel::Create(const Scp03SessionKeys& keys, Scp03Mode mode, SecurityLevel level) {
  JPKI_ASSIGN_OR_RETURN(crypto::Aes s_enc, crypto::Aes::Create(keys.s_enc));
  JPKI_ASSIGN_OR_RETURN(crypto::Cmac s_mac, crypto::Cmac::Create(keys.s_mac));
  JPKI_ASSIGN_OR_RETURN(crypto::Cmac s_rmac, crypto::Cmac::Create(keys.s_rmac));
  return Scp03Channel(std::move(s_enc), std::move(s_mac), std::move(s_rmac), mode, level);
}

void Scp03Channel::Close() {
  closed_ = true;
  s_enc_.reset();
  s_mac_.reset();
  s_rmac_.reset();
  ct::SecureZero(chaining_.data(), kBlock);
  ct::SecureZero(counter_.data(), kBlock);
}

absl::Status Scp03Channel::SetLevel(SecurityLevel level) {
  const crypto::AesBlock zero{};
  if (closed_ || counter_ != zero) return MakeError(ErrorCode::kState, kModule, "level can no longer change");
  level_ = level;
  return absl::OkStatus();
}

absl::Status Scp03Channel::CheckOpen() const {
  if (closed_ || !s_enc_ || !s_mac_ || !s_rmac_) {
    return MakeError(ErrorCode::kState, kModule, "secure channel is closed");
  }
  return absl::OkStatus();
}

absl::Status Scp03Channel::Fail(ErrorCode code, std::string_view message) {
  Close();
  return MakeError(code, kModule, message);
}

void Scp03Channel::AdvanceCounter() {
  for (size_t i = kBlock; i-- > 0;) {
    if (++counter_[i] != 0) break;
  }
}

absl::StatusOr<crypto::AesBlock> Scp03Channel::CommandIv() const { return s_enc_->EncryptBlock(counter_); }

absl::StatusOr<crypto::AesBlock> Scp03Channel::ResponseIv() const {
  crypto::AesBlock block = counter_;
  block[0] = 0x80;
  return s_enc_->EncryptBlock(block);
}

absl::StatusOr<CommandApdu> Scp03Channel::Protect(const CommandApdu& plain, bool encrypt) {
  if (HasSmBit(plain.cla)) {
    return MakeError(ErrorCode::kInvalidArgument, kModule, "command already carries secure messaging");
  }
  const size_t mac_size = Scp03ChallengeSize(mode_);
  const bool encrypting = encrypt && !plain.data.empty();
  const size_t body = encrypting ? PaddedSize(plain.data.size()) : plain.data.size();
  const size_t nc = body + mac_size;
  if (nc > kMaxExtendedNc) return MakeError(ErrorCode::kInvalidArgument, kModule, "command data too long to wrap");

  CommandApdu out;
  out.cla = WithSecureMessagingBit(plain.cla);
  out.ins = plain.ins;
  out.p1 = plain.p1;
  out.p2 = plain.p2;
  out.ne = plain.ne;
  out.data.resize(nc);
  if (!plain.data.empty()) std::memcpy(out.data.data(), plain.data.data(), plain.data.size());
  if (encrypting) {
    out.data[plain.data.size()] = 0x80;  // the rest of the block is already zero
    JPKI_ASSIGN_OR_RETURN(crypto::AesBlock iv, CommandIv());
    JPKI_RETURN_IF_ERROR(
        s_enc_->CbcEncrypt(iv, ByteView(out.data.data(), body), absl::MakeSpan(out.data.data(), body)));
  }
  uint8_t header[7] = {out.cla, out.ins, out.p1, out.p2};
  const size_t header_size = 4 + LcField(nc, out.ne, header + 4);
  JPKI_ASSIGN_OR_RETURN(crypto::AesBlock mac,
                        s_mac_->Mac({chaining_, ByteView(header, header_size), ByteView(out.data.data(), body)}));
  chaining_ = mac;
  std::memcpy(out.data.data() + body, mac.data(), mac_size);
  return out;
}

absl::StatusOr<CommandApdu> Scp03Channel::MacExternalAuthenticate(const CommandApdu& plain) {
  JPKI_RETURN_IF_ERROR(CheckOpen());
  return Protect(plain, /*encrypt=*/false);
}

absl::StatusOr<CommandApdu> Scp03Channel::WrapCommand(const CommandApdu& plain) {
  JPKI_RETURN_IF_ERROR(CheckOpen());
  AdvanceCounter();
  return Protect(plain, HasCDec(level_));
}

absl::StatusOr<ResponseApdu> Scp03Channel::UnwrapResponse(const ResponseApdu& wrapped) {
  JPKI_RETURN_IF_ERROR(CheckOpen());
  if (!HasRMac(level_)) return wrapped;
  if (!IsScp03ProtectedSw(wrapped.sw)) {
    if (!wrapped.data.empty()) return Fail(ErrorCode::kBadSignature, "error status word with unauthenticated data");
    return wrapped;
  }
  const size_t mac_size = Scp03ChallengeSize(mode_);
  if (wrapped.data.size() < mac_size) return Fail(ErrorCode::kBadSignature, "response too short for its R-MAC");
  const size_t body = wrapped.data.size() - mac_size;
  const uint8_t sw[2] = {wrapped.sw1(), wrapped.sw2()};
  const ByteView data(wrapped.data.data(), body);
  absl::Status verified = s_rmac_->Verify({chaining_, data, sw}, ByteView(wrapped.data.data() + body, mac_size));
  if (!verified.ok()) return Fail(ErrorCode::kBadSignature, "R-MAC does not verify");
  ResponseApdu out;
  out.sw = wrapped.sw;
  if (!HasREnc(level_) || body == 0) {
    out.data.assign(data.begin(), data.end());
    return out;
  }
  if (body % kBlock != 0) return Fail(ErrorCode::kBadSignature, "encrypted response is not whole blocks");
  auto iv = ResponseIv();
  if (!iv.ok()) return Fail(ErrorCode::kInternal, "AES failed");
  out.data.resize(body);
  if (!s_enc_->CbcDecrypt(*iv, data, absl::MakeSpan(out.data)).ok()) return Fail(ErrorCode::kInternal, "AES failed");
  const std::optional<size_t> plain_size = Unpad(out.data, allow_overlong_response_padding_ ? body : kBlock);
  if (!plain_size) {
    ct::SecureZero(out.data.data(), out.data.size());
    return Fail(ErrorCode::kBadSignature, "bad padding in encrypted response");
  }
  out.data.resize(*plain_size);
  return out;
}

absl::StatusOr<CommandApdu> Scp03Channel::Verify(const CommandApdu& wrapped, bool decrypt) {
  if (!HasSmBit(wrapped.cla)) return Fail(ErrorCode::kBadSignature, "command without secure messaging");
  const size_t mac_size = Scp03ChallengeSize(mode_);
  if (wrapped.data.size() < mac_size) return Fail(ErrorCode::kBadSignature, "command too short for its C-MAC");
  const size_t body = wrapped.data.size() - mac_size;
  uint8_t header[7] = {wrapped.cla, wrapped.ins, wrapped.p1, wrapped.p2};
  const size_t header_size = 4 + LcField(wrapped.data.size(), wrapped.ne, header + 4);
  const ByteView data(wrapped.data.data(), body);
  auto mac = s_mac_->Mac({chaining_, ByteView(header, header_size), data});
  if (!mac.ok()) return Fail(ErrorCode::kInternal, "CMAC failed");
  if (ct::Equal(mac->data(), wrapped.data.data() + body, mac_size) == 0) {
    return Fail(ErrorCode::kBadSignature, "C-MAC does not verify");
  }
  chaining_ = *mac;
  CommandApdu out;
  out.cla = WithoutSecureMessagingBit(wrapped.cla);
  out.ins = wrapped.ins;
  out.p1 = wrapped.p1;
  out.p2 = wrapped.p2;
  out.ne = wrapped.ne;
  if (!decrypt || body == 0) {
    out.data.assign(data.begin(), data.end());
    return out;
  }
  if (body % kBlock != 0) return Fail(ErrorCode::kBadSignature, "encrypted command is not whole blocks");
  auto iv = CommandIv();
  if (!iv.ok()) return Fail(ErrorCode::kInternal, "AES failed");
  out.data.resize(body);
  if (!s_enc_->CbcDecrypt(*iv, data, absl::MakeSpan(out.data)).ok()) return Fail(ErrorCode::kInternal, "AES failed");
  const std::optional<size_t> plain_size = Unpad(out.data);
  if (!plain_size) {
    ct::SecureZero(out.data.data(), out.data.size());
    return Fail(ErrorCode::kBadSignature, "bad padding in encrypted command");
  }
  out.data.resize(*plain_size);
  return out;
}

absl::StatusOr<CommandApdu> Scp03Channel::VerifyExternalAuthenticate(const CommandApdu& wrapped) {
  JPKI_RETURN_IF_ERROR(CheckOpen());
  return Verify(wrapped, /*decrypt=*/false);
}

absl::StatusOr<CommandApdu> Scp03Channel::UnwrapCommand(const CommandApdu& wrapped) {
  JPKI_RETURN_IF_ERROR(CheckOpen());
  AdvanceCounter();
  return Verify(wrapped, HasCDec(level_));
}

absl::StatusOr<ResponseApdu> Scp03Channel::WrapResponse(const ResponseApdu& plain) {
  JPKI_RETURN_IF_ERROR(CheckOpen());
  if (!HasRMac(level_)) return plain;
  if (!IsScp03ProtectedSw(plain.sw)) return ResponseApdu{Bytes(), plain.sw};  // errors go out bare
  const size_t mac_size = Scp03ChallengeSize(mode_);
  const bool encrypting = HasREnc(level_) && !plain.data.empty();
  const size_t body = encrypting ? PaddedSize(plain.data.size()) : plain.data.size();
  if (body + mac_size > kMaxResponseData) {
    return MakeError(ErrorCode::kInvalidArgument, kModule, "response data too long to wrap");
  }
  ResponseApdu out;
  out.sw = plain.sw;
  out.data.resize(body + mac_size);
  if (!plain.data.empty()) std::memcpy(out.data.data(), plain.data.data(), plain.data.size());
  if (encrypting) {
    out.data[plain.data.size()] = 0x80;
    JPKI_ASSIGN_OR_RETURN(crypto::AesBlock iv, ResponseIv());
    JPKI_RETURN_IF_ERROR(
        s_enc_->CbcEncrypt(iv, ByteView(out.data.data(), body), absl::MakeSpan(out.data.data(), body)));
  }
  const uint8_t sw[2] = {plain.sw1(), plain.sw2()};
  JPKI_ASSIGN_OR_RETURN(crypto::AesBlock mac, s_rmac_->Mac({chaining_, ByteView(out.data.data(), body), sw}));
  std::memcpy(out.data.data() + body, mac.data(), mac_size);
  return out;
}

}  // namespace jpki::apdu::gp
