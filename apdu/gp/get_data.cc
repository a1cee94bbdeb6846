#include "apdu/gp/get_data.h"

#include <algorithm>
#include <string>

#include "apdu/ber_tlv.h"
#include "apdu/gp/internal/command_util.h"
#include "base/status_macros.h"

namespace jpki::apdu::gp {

using internal::Malformed;

namespace {

constexpr size_t kCplcSize = 42;

// The GlobalPlatform OID arc 1.2.840.114283 (2A 86 48 86 FC 6B).
constexpr uint8_t kGpOid[] = {0x2A, 0x86, 0x48, 0x86, 0xFC, 0x6B};

}  // namespace

absl::StatusOr<CommandApdu> BuildGetData(uint16_t tag) {
  return CommandApdu{0x80, kInsGetData, static_cast<uint8_t>(tag >> 8), static_cast<uint8_t>(tag), {}, 256};
}

absl::StatusOr<uint16_t> ParseGetData(const CommandApdu& c) {
  if (c.ins != kInsGetData) return Malformed("not GET DATA");
  if (c.cla != 0x00 && !internal::IsPlainGpClass(c.cla)) return Malformed("GET DATA: bad CLA");
  if (!c.data.empty()) return Malformed("GET DATA: unexpected data");
  return static_cast<uint16_t>(c.p1 << 8 | c.p2);
}

absl::StatusOr<Cplc> ParseCplc(ByteView data) {
  ByteView body = data;
  if (data.size() == kCplcSize + 3) {
    if (data[0] != 0x9F || data[1] != 0x7F || data[2] != kCplcSize) return Malformed("CPLC: bad header at offset 0");
    body = data.subspan(3);
  } else if (data.size() != kCplcSize) {
    return Malformed("CPLC: expected 42 bytes (or 45 with 9F7F 2A), got " + std::to_string(data.size()));
  }
  size_t pos = 0;
  auto u16 = [&] {
    const uint16_t v = static_cast<uint16_t>(body[pos] << 8 | body[pos + 1]);
    pos += 2;
    return v;
  };
  auto u32 = [&] {
    const uint32_t v = static_cast<uint32_t>(body[pos]) << 24 | static_cast<uint32_t>(body[pos + 1]) << 16 |
                       static_cast<uint32_t>(body[pos + 2]) << 8 | body[pos + 3];
    pos += 4;
    return v;
  };
  Cplc c;
  c.ic_fabricator = u16();
  c.ic_type = u16();
  c.os_id = u16();
  c.os_release_date = u16();
  c.os_release_level = u16();
  c.ic_fabrication_date = u16();
  c.ic_serial_number = u32();
  c.ic_batch_identifier = u16();
  c.ic_module_fabricator = u16();
  c.ic_module_packaging_date = u16();
  c.icc_manufacturer = u16();
  c.ic_embedding_date = u16();
  c.ic_pre_personalizer = u16();
  c.ic_pre_perso_equipment_date = u16();
  c.ic_pre_perso_equipment_id = u32();
  c.ic_personalizer = u16();
  c.ic_personalization_date = u16();
  c.ic_perso_equipment_id = u32();
  return c;
}

Bytes EncodeCplc(const Cplc& c) {
  Bytes out = {0x9F, 0x7F, kCplcSize};
  auto u16 = [&](uint16_t v) {
    out.push_back(static_cast<uint8_t>(v >> 8));
    out.push_back(static_cast<uint8_t>(v));
  };
  auto u32 = [&](uint32_t v) {
    u16(static_cast<uint16_t>(v >> 16));
    u16(static_cast<uint16_t>(v));
  };
  u16(c.ic_fabricator);
  u16(c.ic_type);
  u16(c.os_id);
  u16(c.os_release_date);
  u16(c.os_release_level);
  u16(c.ic_fabrication_date);
  u32(c.ic_serial_number);
  u16(c.ic_batch_identifier);
  u16(c.ic_module_fabricator);
  u16(c.ic_module_packaging_date);
  u16(c.icc_manufacturer);
  u16(c.ic_embedding_date);
  u16(c.ic_pre_personalizer);
  u16(c.ic_pre_perso_equipment_date);
  u32(c.ic_pre_perso_equipment_id);
  u16(c.ic_personalizer);
  u16(c.ic_personalization_date);
  u32(c.ic_perso_equipment_id);
  return out;
}

absl::StatusOr<std::vector<KeyInformation>> ParseKeyInformationTemplate(ByteView data) {
  JPKI_ASSIGN_OR_RETURN(TlvView e0, ParseOneTlv(data));
  if (e0.tag != 0xE0) return Malformed("key information template: expected E0 at offset 0");
  BerTlvReader reader(e0.value, {}, e0.value_offset(), 2);
  std::vector<KeyInformation> out;
  while (!reader.AtEnd()) {
    JPKI_ASSIGN_OR_RETURN(TlvView c0, reader.Next());
    if (c0.tag != 0xC0)
      return Malformed("key information template: expected C0 at offset " + std::to_string(c0.offset));
    const ByteView v = c0.value;
    if (v.size() < 4) return Malformed("key information: C0 too short at offset " + std::to_string(c0.offset));
    KeyInformation k;
    k.key_id = v[0];
    k.kvn = v[1];
    size_t pos = 2;
    while (pos < v.size()) {
      KeyInformation::Component comp;
      if (v[pos] == 0xFF) {  // extended format: FF type, 2-byte length, then key usage / access (skipped)
        if (v.size() - pos < 4) return Malformed("key information: truncated extended entry");
        comp.type = v[pos + 1];
        comp.length = static_cast<uint16_t>(v[pos + 2] << 8 | v[pos + 3]);
        pos += 4;
      } else {
        if (v.size() - pos < 2) return Malformed("key information: truncated entry");
        comp.type = v[pos];
        comp.length = v[pos + 1];
        pos += 2;
      }
      k.components.push_back(comp);
    }
    out.push_back(std::move(k));
  }
  return out;
}

absl::StatusOr<Bytes> EncodeKeyInformationTemplate(const std::vector<KeyInformation>& keys) {
  BerTlvBuilder b;
  b.Open(0xE0);
  for (const auto& k : keys) {
    Bytes v = {k.key_id, k.kvn};
    for (const auto& c : k.components) {
      if (c.length > 255) return internal::Invalid("key information: key length above 255 needs the extended form");
      v.push_back(c.type);
      v.push_back(static_cast<uint8_t>(c.length));
    }
    b.Add(0xC0, v);
  }
  b.Close();
  return b.Finish();
}

absl::StatusOr<CardData> ParseCardData(ByteView data) {
  JPKI_ASSIGN_OR_RETURN(TlvView outer, ParseOneTlv(data));
  if (outer.tag != 0x66) return Malformed("card data: expected 66 at offset 0");
  BerTlvReader r66(outer.value, {}, outer.value_offset(), 2);
  JPKI_ASSIGN_OR_RETURN(TlvView t73, r66.Next());
  if (t73.tag != 0x73) return Malformed("card data: expected 73 at offset " + std::to_string(t73.offset));
  JPKI_ASSIGN_OR_RETURN(BerTlvReader items, r66.Children(t73));
  CardData out;
  while (!items.AtEnd()) {
    JPKI_ASSIGN_OR_RETURN(TlvView item, items.Next());
    CardData::Entry e;
    e.tag = item.tag;
    if (item.tag == 0x06) {
      e.oid = ToBytes(item.value);
    } else if (item.constructed) {
      JPKI_ASSIGN_OR_RETURN(BerTlvReader inner, items.Children(item));
      JPKI_ASSIGN_OR_RETURN(auto oid, inner.Find(0x06));
      if (oid) e.oid = ToBytes(oid->value);
    }
    // 64: 1.2.840.114283.4.<scp>.<i>
    if (item.tag == 0x64 && e.oid.size() == sizeof(kGpOid) + 3 &&
        std::equal(kGpOid, kGpOid + sizeof(kGpOid), e.oid.begin()) && e.oid[sizeof(kGpOid)] == 0x04) {
      out.scp = e.oid[sizeof(kGpOid) + 1];
      out.scp_i = e.oid[sizeof(kGpOid) + 2];
    }
    out.entries.push_back(std::move(e));
  }
  return out;
}

}  // namespace jpki::apdu::gp
