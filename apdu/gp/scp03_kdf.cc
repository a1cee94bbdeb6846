#include "apdu/gp/scp03_kdf.h"

#include <algorithm>
#include <array>
#include <utility>

#include "base/ct.h"
#include "base/error.h"
#include "base/status_macros.h"

namespace jpki::apdu::gp {
namespace {

constexpr char kModule[] = "scp03";
constexpr size_t kLabelSize = 16;  // 11 zero bytes, constant, separator 00, L (2), counter

absl::StatusOr<Bytes> Cryptogram(const crypto::Cmac& s_mac, Scp03Constant constant, ByteView host_challenge,
                                 ByteView card_challenge) {
  const size_t n = host_challenge.size();
  if ((n != 8 && n != 16) || card_challenge.size() != n) {
    return MakeError(ErrorCode::kInvalidArgument, kModule, "challenges must both be 8 (S8) or 16 (S16) bytes");
  }
  Bytes context(host_challenge.begin(), host_challenge.end());
  Append(context, card_challenge);
  JPKI_ASSIGN_OR_RETURN(SecretBytes out, Scp03Kdf(s_mac, constant, n * 8, context));
  // A cryptogram is public once sent; it leaves the secret container here.
  return ToBytes(out.view());
}

}  // namespace

absl::StatusOr<SecretBytes> Scp03Kdf(const crypto::Cmac& prf, Scp03Constant constant, size_t out_bits,
                                     ByteView context) {
  if (out_bits == 0 || out_bits % 8 != 0 || out_bits > 512) {
    return MakeError(ErrorCode::kInvalidArgument, kModule, "KDF output length must be 8..512 bits, whole bytes");
  }
  if (context.size() > 1024) return MakeError(ErrorCode::kInvalidArgument, kModule, "KDF context too long");
  std::array<uint8_t, kLabelSize> label{};
  label[11] = static_cast<uint8_t>(constant);
  label[12] = 0x00;
  label[13] = static_cast<uint8_t>(out_bits >> 8);
  label[14] = static_cast<uint8_t>(out_bits);
  const size_t out_bytes = out_bits / 8;
  SecretBytes out(out_bytes);
  size_t done = 0;
  for (uint8_t counter = 1; done < out_bytes; ++counter) {
    label[15] = counter;
    JPKI_ASSIGN_OR_RETURN(crypto::AesBlock block, prf.Mac({label, context}));
    const size_t take = std::min(out_bytes - done, block.size());
    std::copy(block.begin(), block.begin() + take, out.data() + done);
    ct::SecureZero(block.data(), block.size());
    done += take;
  }
  return out;
}

absl::StatusOr<Scp03SessionKeys> DeriveSessionKeys(const Scp03Keys& keys, ByteView host_challenge,
                                                   ByteView card_challenge) {
  const size_t n = host_challenge.size();
  if ((n != 8 && n != 16) || card_challenge.size() != n) {
    return MakeError(ErrorCode::kInvalidArgument, kModule, "challenges must both be 8 (S8) or 16 (S16) bytes");
  }
  if (keys.mac.size() != keys.enc.size()) {
    return MakeError(ErrorCode::kInvalidArgument, kModule, "ENC and MAC keys differ in size");
  }
  Bytes context(host_challenge.begin(), host_challenge.end());
  Append(context, card_challenge);
  JPKI_ASSIGN_OR_RETURN(crypto::Cmac enc, crypto::Cmac::Create(keys.enc));
  JPKI_ASSIGN_OR_RETURN(crypto::Cmac mac, crypto::Cmac::Create(keys.mac));
  const size_t bits = keys.enc.size() * 8;
  Scp03SessionKeys out;
  JPKI_ASSIGN_OR_RETURN(out.s_enc, Scp03Kdf(enc, Scp03Constant::kSEnc, bits, context));
  JPKI_ASSIGN_OR_RETURN(out.s_mac, Scp03Kdf(mac, Scp03Constant::kSMac, bits, context));
  JPKI_ASSIGN_OR_RETURN(out.s_rmac, Scp03Kdf(mac, Scp03Constant::kSRMac, bits, context));
  return out;
}

absl::StatusOr<Bytes> CardCryptogram(const crypto::Cmac& s_mac, ByteView host_challenge, ByteView card_challenge) {
  return Cryptogram(s_mac, Scp03Constant::kCardCryptogram, host_challenge, card_challenge);
}

absl::StatusOr<Bytes> HostCryptogram(const crypto::Cmac& s_mac, ByteView host_challenge, ByteView card_challenge) {
  return Cryptogram(s_mac, Scp03Constant::kHostCryptogram, host_challenge, card_challenge);
}

absl::StatusOr<Bytes> PseudoRandomCardChallenge(const SecretBytes& static_enc, ByteView sequence_counter,
                                                ByteView sd_aid, Scp03Mode mode) {
  if (sequence_counter.size() != 3) {
    return MakeError(ErrorCode::kInvalidArgument, kModule, "sequence counter must be 3 bytes");
  }
  if (sd_aid.size() < 5 || sd_aid.size() > 16) {
    return MakeError(ErrorCode::kInvalidArgument, kModule, "Security Domain AID must be 5..16 bytes");
  }
  Bytes context(sequence_counter.begin(), sequence_counter.end());
  Append(context, sd_aid);
  JPKI_ASSIGN_OR_RETURN(crypto::Cmac enc, crypto::Cmac::Create(static_enc));
  JPKI_ASSIGN_OR_RETURN(SecretBytes out,
                        Scp03Kdf(enc, Scp03Constant::kCardChallenge, Scp03ChallengeSize(mode) * 8, context));
  return ToBytes(out.view());
}

}  // namespace jpki::apdu::gp
