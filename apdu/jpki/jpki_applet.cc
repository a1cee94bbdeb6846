#include "apdu/jpki/jpki_applet.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "apdu/ber_tlv.h"
#include "apdu/jpki/jpki_commands.h"
#include "apdu/jpki/jpki_files.h"
#include "apdu/status_words.h"
#include "base/ct.h"
#include "base/error.h"
#include "base/status_macros.h"

namespace jpki::apdu::jpki_ap {
namespace {

constexpr std::string_view kModule = "jpki_ap";
// A certificate must end by the last offset READ BINARY can address.
constexpr size_t kMaxCertificateSize = kMaxReadBinaryOffset + 1;

// Wipe clears PIN bytes held in a command once it has been sent.
void Wipe(CommandApdu& command) {
  if (!command.data.empty()) ct::SecureZero(command.data.data(), command.data.size());
}

}  // namespace

uint16_t CertificateEf(CertificateKind kind) {
  switch (kind) {
    case CertificateKind::kSigning:
      return kEfSigningCertificate;
    case CertificateKind::kSigningCa:
      return kEfSigningCaCertificate;
    case CertificateKind::kAuthentication:
      return kEfAuthenticationCertificate;
    case CertificateKind::kAuthenticationCa:
      return kEfAuthenticationCaCertificate;
  }
  return kEfAuthenticationCertificate;
}

absl::StatusOr<ResponseApdu> JpkiApplet::Send(const CommandApdu& command) { return transport_.Transmit(command); }

absl::Status JpkiApplet::Select() {
  selected_ = false;
  JPKI_ASSIGN_OR_RETURN(ResponseApdu response, Send(SelectJpkiAp()));
  JPKI_RETURN_IF_ERROR(StatusFromSw(response.sw, kModule, "SELECT JPKI AP"));
  selected_ = true;
  return absl::OkStatus();
}

absl::Status JpkiApplet::EnsureSelected() { return selected_ ? absl::OkStatus() : Select(); }

absl::Status JpkiApplet::SelectFile(uint16_t fid) {
  JPKI_RETURN_IF_ERROR(EnsureSelected());
  JPKI_ASSIGN_OR_RETURN(ResponseApdu response, Send(SelectEf(fid)));
  return StatusFromSw(response.sw, kModule, absl::StrCat("SELECT EF ", absl::Hex(fid, absl::kZeroPad4)));
}

absl::StatusOr<Bytes> JpkiApplet::ReadFile(uint16_t fid, size_t length) {
  JPKI_RETURN_IF_ERROR(SelectFile(fid));
  const size_t chunk_limit = options_.extended_length ? std::min<size_t>(options_.read_chunk, kMaxCertificateSize)
                                                      : std::min<size_t>(options_.read_chunk, kMaxShortNe);
  const size_t chunk = std::max<size_t>(chunk_limit, 1);
  Bytes out;
  while (out.size() < length) {
    if (out.size() > kMaxReadBinaryOffset) {
      return MakeError(ErrorCode::kResourceLimit, kModule, "READ BINARY beyond offset 7FFF");
    }
    const size_t want = std::min(chunk, length - out.size());
    JPKI_ASSIGN_OR_RETURN(CommandApdu command, ReadBinary(out.size(), static_cast<uint32_t>(want)));
    JPKI_ASSIGN_OR_RETURN(ResponseApdu response, Send(command));
    // 6282: end of file before Ne bytes; the data returned is valid and nothing follows.
    const bool end_of_file = response.sw == kSwEndOfFile;
    if (!response.ok() && !end_of_file) {
      JPKI_RETURN_IF_ERROR(StatusFromSw(response.sw, kModule, "READ BINARY"));
    }
    if (response.data.size() > want) {
      return MakeError(ErrorCode::kMalformedInput, kModule,
                       absl::StrCat("READ BINARY at offset ", out.size(), " returned more than Ne bytes"));
    }
    Append(out, response.data);
    // A short chunk also ends the file: many cards answer 9000 with fewer than Ne bytes.
    if (end_of_file || response.data.size() < want) break;
  }
  return out;
}

absl::StatusOr<Bytes> JpkiApplet::ReadCertificate(CertificateKind kind) {
  // First chunk: enough for the DER header (tag, and up to 5 length bytes).
  constexpr size_t kHeaderProbe = 8;
  const size_t first = std::max(kHeaderProbe, std::min<size_t>(options_.read_chunk, kMaxShortNe));
  JPKI_ASSIGN_OR_RETURN(Bytes head, ReadFile(CertificateEf(kind), first));
  // Certificate ::= SEQUENCE { ... } with a definite, minimal length (never assume the 30 82 form).
  JPKI_ASSIGN_OR_RETURN(BerTlvHeader header, ParseBerTlvHeader(head));
  if (header.tag != 0x30) {
    return MakeError(ErrorCode::kMalformedInput, kModule, "offset 0: certificate EF does not start with a SEQUENCE");
  }
  const size_t total = header.total_size();
  if (total > kMaxCertificateSize) {
    return MakeError(ErrorCode::kMalformedInput, kModule,
                     absl::StrCat("offset 1: certificate length ", total, " beyond what READ BINARY can address"));
  }
  Bytes cert = std::move(head);
  const size_t chunk_limit = options_.extended_length ? std::min<size_t>(options_.read_chunk, kMaxCertificateSize)
                                                      : std::min<size_t>(options_.read_chunk, kMaxShortNe);
  const size_t chunk = std::max<size_t>(chunk_limit, 1);
  while (cert.size() < total) {
    const size_t want = std::min(chunk, total - cert.size());
    JPKI_ASSIGN_OR_RETURN(CommandApdu command, ReadBinary(cert.size(), static_cast<uint32_t>(want)));
    JPKI_ASSIGN_OR_RETURN(ResponseApdu response, Send(command));
    const bool end_of_file = response.sw == kSwEndOfFile;
    if (!response.ok() && !end_of_file) {
      JPKI_RETURN_IF_ERROR(StatusFromSw(response.sw, kModule, "READ BINARY"));
    }
    if (response.data.size() > want) {
      return MakeError(ErrorCode::kMalformedInput, kModule,
                       absl::StrCat("READ BINARY at offset ", cert.size(), " returned more than Ne bytes"));
    }
    Append(cert, response.data);
    if (end_of_file || response.data.size() < want) break;
  }
  if (cert.size() < total) {
    return MakeError(ErrorCode::kMalformedInput, kModule,
                     absl::StrCat("offset ", cert.size(), ": EF ends before the certificate's length ", total));
  }
  cert.resize(total);  // EFs carry filler after the certificate
  return cert;
}

absl::StatusOr<PinStatus> JpkiApplet::VerifyPin(PinKind kind, std::string_view pin) {
  JPKI_ASSIGN_OR_RETURN(CommandApdu command, jpki_ap::VerifyPin(kind, pin));
  absl::Status selected = SelectFile(PinEf(kind));
  if (!selected.ok()) {
    Wipe(command);
    return selected;
  }
  auto response = Send(command);
  Wipe(command);
  if (!response.ok()) return response.status();
  PinStatus status;
  if (response->ok()) {
    status.verified = true;
    status.tries_left = MaxTries(kind);
    return status;
  }
  if (auto tries = TriesLeft(response->sw)) {
    status.tries_left = *tries;
    status.blocked = *tries == 0;
    return status;
  }
  if (response->sw == kSwAuthenticationMethodBlocked || response->sw == kSwReferenceDataNotUsable) {
    status.tries_left = 0;
    status.blocked = true;
    return status;
  }
  JPKI_RETURN_IF_ERROR(StatusFromSw(response->sw, kModule, "VERIFY"));
  return status;
}

absl::StatusOr<int> JpkiApplet::PinRetries(PinKind kind) {
  JPKI_RETURN_IF_ERROR(SelectFile(PinEf(kind)));
  JPKI_ASSIGN_OR_RETURN(ResponseApdu response, Send(VerifyRetryQuery()));
  if (auto tries = TriesLeft(response.sw)) return *tries;
  if (response.sw == kSwAuthenticationMethodBlocked || response.sw == kSwReferenceDataNotUsable) return 0;
  if (response.ok()) return MaxTries(kind);
  JPKI_RETURN_IF_ERROR(StatusFromSw(response.sw, kModule, "VERIFY (retry counter)"));
  return 0;
}

absl::Status JpkiApplet::ChangePin(PinKind kind, std::string_view old_pin, std::string_view new_pin) {
  JPKI_RETURN_IF_ERROR(ValidatePin(kind, old_pin));
  JPKI_ASSIGN_OR_RETURN(CommandApdu change, ChangeReferenceData(kind, new_pin));
  auto verified = VerifyPin(kind, old_pin);
  if (!verified.ok() || !verified->verified) {
    Wipe(change);
    if (!verified.ok()) return verified.status();
    return MakeError(ErrorCode::kState, kModule,
                     verified->blocked ? absl::StrCat(std::string(PinKindName(kind)), " is blocked")
                                       : absl::StrCat("verification failed, ", verified->tries_left, " tries left"));
  }
  auto response = Send(change);
  Wipe(change);
  if (!response.ok()) return response.status();
  return StatusFromSw(response->sw, kModule, "CHANGE REFERENCE DATA");
}

absl::StatusOr<Bytes> JpkiApplet::Sign(PinKind kind, ByteView digest_info) {
  JPKI_ASSIGN_OR_RETURN(CommandApdu command, ComputeDigitalSignature(digest_info));
  JPKI_RETURN_IF_ERROR(SelectFile(kind == PinKind::kAuthentication ? kEfAuthenticationKey : kEfSigningKey));
  JPKI_ASSIGN_OR_RETURN(ResponseApdu response, Send(command));
  JPKI_RETURN_IF_ERROR(StatusFromSw(response.sw, kModule, "COMPUTE DIGITAL SIGNATURE"));
  if (response.data.empty()) {
    return MakeError(ErrorCode::kMalformedInput, kModule, "COMPUTE DIGITAL SIGNATURE returned no signature");
  }
  return std::move(response.data);
}

absl::StatusOr<TokenKind> JpkiApplet::GetTokenKind() {
  JPKI_ASSIGN_OR_RETURN(Bytes info, ReadFile(kEfTokenInfo, kTokenLabelSize));
  JPKI_ASSIGN_OR_RETURN(std::string_view label, TokenLabelFromInfo(info));
  return TokenKindFromLabel(label);
}

}  // namespace jpki::apdu::jpki_ap
