#include "apdu/gp/get_status.h"

#include <string>

#include "apdu/ber_tlv.h"
#include "apdu/gp/internal/command_util.h"
#include "base/status_macros.h"

namespace jpki::apdu::gp {

using internal::Invalid;
using internal::Malformed;

namespace {

bool IsScope(uint8_t p1) { return p1 == 0x80 || p1 == 0x40 || p1 == 0x20 || p1 == 0x10; }

std::string At(size_t offset) { return " at offset " + std::to_string(offset); }

}  // namespace

absl::StatusOr<CommandApdu> BuildGetStatus(const GetStatusRequest& r) {
  if (!r.aid_prefix.empty() && r.aid_prefix.size() > 16) return Invalid("GET STATUS: AID prefix longer than 16");
  if (!r.tag_list.empty() && r.format != StatusFormat::kTlv) return Invalid("GET STATUS: a tag list needs TLV format");
  BerTlvBuilder b;
  b.Add(0x4F, r.aid_prefix);
  if (!r.tag_list.empty()) b.Add(0x5C, r.tag_list);
  JPKI_ASSIGN_OR_RETURN(Bytes data, b.Finish());
  const uint8_t p2 = static_cast<uint8_t>(static_cast<uint8_t>(r.format) | (r.next_occurrence ? 0x01 : 0x00));
  return CommandApdu{0x80, kInsGetStatus, static_cast<uint8_t>(r.scope), p2, std::move(data), 256};
}

absl::StatusOr<GetStatusRequest> ParseGetStatus(const CommandApdu& c) {
  JPKI_RETURN_IF_ERROR(internal::CheckCommand(c, kInsGetStatus, "GET STATUS"));
  if (!IsScope(c.p1)) return Malformed("GET STATUS: P1 must be 80, 40, 20 or 10");
  if ((c.p2 & ~0x03) != 0) return Malformed("GET STATUS: P2 has reserved bits set");
  GetStatusRequest r;
  r.scope = static_cast<StatusScope>(c.p1);
  r.format = (c.p2 & 0x02) != 0 ? StatusFormat::kTlv : StatusFormat::kLegacy;
  r.next_occurrence = (c.p2 & 0x01) != 0;
  BerTlvReader reader(c.data);
  JPKI_ASSIGN_OR_RETURN(TlvView aid, reader.Next());
  if (aid.tag != 0x4F) return Malformed("GET STATUS: search criteria must start with 4F" + At(aid.offset));
  if (aid.value.size() > 16) return Malformed("GET STATUS: AID prefix too long" + At(aid.offset));
  r.aid_prefix = ToBytes(aid.value);
  if (!reader.AtEnd()) {
    JPKI_ASSIGN_OR_RETURN(TlvView tags, reader.Next());
    if (tags.tag != 0x5C || r.format != StatusFormat::kTlv) {
      return Malformed("GET STATUS: unexpected object" + At(tags.offset));
    }
    r.tag_list = ToBytes(tags.value);
  }
  if (!reader.AtEnd()) return Malformed("GET STATUS: trailing data" + At(reader.offset()));
  return r;
}

absl::StatusOr<std::vector<RegistryEntry>> ParseGetStatusResponse(ByteView data) {
  std::vector<RegistryEntry> out;
  BerTlvReader top(data);
  while (!top.AtEnd()) {
    JPKI_ASSIGN_OR_RETURN(TlvView e3, top.Next());
    if (e3.tag != 0xE3) return Malformed("GET STATUS response: expected E3" + At(e3.offset));
    JPKI_ASSIGN_OR_RETURN(BerTlvReader fields, top.Children(e3));
    RegistryEntry entry;
    bool have_aid = false, have_lc = false;
    while (!fields.AtEnd()) {
      JPKI_ASSIGN_OR_RETURN(TlvView f, fields.Next());
      auto once = [&](bool already) -> absl::Status {
        if (already) return Malformed("GET STATUS response: duplicate object" + At(f.offset));
        return absl::OkStatus();
      };
      switch (f.tag) {
        case 0x4F:
          JPKI_RETURN_IF_ERROR(once(have_aid));
          if (f.value.size() < 5 || f.value.size() > 16) {
            return Malformed("GET STATUS response: AID must be 5..16 bytes" + At(f.offset));
          }
          entry.aid = ToBytes(f.value);
          have_aid = true;
          break;
        case 0x9F70:
          JPKI_RETURN_IF_ERROR(once(have_lc));
          if (f.value.size() != 1) return Malformed("GET STATUS response: life cycle must be 1 byte" + At(f.offset));
          entry.life_cycle = f.value[0];
          have_lc = true;
          break;
        case 0xC5: {
          JPKI_RETURN_IF_ERROR(once(entry.privileges.has_value()));
          auto p = Privileges::Parse(f.value);
          if (!p.ok()) return Malformed("GET STATUS response: bad privileges" + At(f.offset));
          entry.privileges = *p;
          break;
        }
        case 0xC4:
          JPKI_RETURN_IF_ERROR(once(entry.load_file_aid.has_value()));
          entry.load_file_aid = ToBytes(f.value);
          break;
        case 0xCC:
          JPKI_RETURN_IF_ERROR(once(entry.associated_sd_aid.has_value()));
          entry.associated_sd_aid = ToBytes(f.value);
          break;
        case 0xCE:
          JPKI_RETURN_IF_ERROR(once(entry.version.has_value()));
          entry.version = ToBytes(f.value);
          break;
        case 0x84:
          entry.module_aids.push_back(ToBytes(f.value));
          break;
        default:
          break;  // EA (implicit selection), CF, ... are not interpreted
      }
    }
    if (!have_aid || !have_lc) return Malformed("GET STATUS response: entry without 4F or 9F70" + At(e3.offset));
    out.push_back(std::move(entry));
    if (out.size() > 4096) return MakeError(ErrorCode::kResourceLimit, "gp", "GET STATUS response: too many entries");
  }
  return out;
}

absl::StatusOr<std::vector<RegistryEntry>> ParseGetStatusLegacyResponse(ByteView data, StatusScope scope) {
  std::vector<RegistryEntry> out;
  size_t pos = 0;
  auto need = [&](size_t n, const char* what) -> absl::Status {
    if (data.size() - pos < n) return Malformed(std::string("GET STATUS response: truncated ") + what + At(pos));
    return absl::OkStatus();
  };
  const bool load_files = scope == StatusScope::kLoadFiles || scope == StatusScope::kLoadFilesAndModules;
  while (pos < data.size()) {
    RegistryEntry entry;
    const size_t len = data[pos];
    if (len < 5 || len > 16) return Malformed("GET STATUS response: AID length must be 5..16" + At(pos));
    ++pos;
    JPKI_RETURN_IF_ERROR(need(len + 2, "entry"));
    entry.aid.assign(data.begin() + pos, data.begin() + pos + len);
    pos += len;
    entry.life_cycle = data[pos++];
    // The second byte is the privileges for applications and SDs, and 00 (reserved) for load files.
    const uint8_t priv = data[pos++];
    if (!load_files) {
      auto p = Privileges::Parse(ByteView(&priv, 1));
      if (!p.ok()) return Malformed("GET STATUS response: bad privileges" + At(pos - 1));
      entry.privileges = *p;
    }
    if (scope == StatusScope::kLoadFilesAndModules) {
      JPKI_RETURN_IF_ERROR(need(1, "module count"));
      const size_t modules = data[pos++];
      for (size_t i = 0; i < modules; ++i) {
        JPKI_RETURN_IF_ERROR(need(1, "module AID"));
        const size_t mlen = data[pos++];
        JPKI_RETURN_IF_ERROR(need(mlen, "module AID"));
        entry.module_aids.emplace_back(data.begin() + pos, data.begin() + pos + mlen);
        pos += mlen;
      }
    }
    out.push_back(std::move(entry));
  }
  return out;
}

absl::StatusOr<Bytes> EncodeGetStatusResponse(const std::vector<RegistryEntry>& entries) {
  BerTlvBuilder b;
  for (const auto& e : entries) {
    b.Open(0xE3).Add(0x4F, e.aid).AddByte(0x9F70, e.life_cycle);
    if (e.privileges) b.Add(0xC5, e.privileges->Encode());
    if (e.load_file_aid) b.Add(0xC4, *e.load_file_aid);
    if (e.associated_sd_aid) b.Add(0xCC, *e.associated_sd_aid);
    if (e.version) b.Add(0xCE, *e.version);
    for (const auto& m : e.module_aids) b.Add(0x84, m);
    b.Close();
  }
  return b.Finish();
}

}  // namespace jpki::apdu::gp
