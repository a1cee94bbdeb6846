#include "apdu/command_names.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "apdu/cla.h"
#include "apdu/jpki/jpki_files.h"

namespace jpki::apdu {
namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

std::string Hex2(uint8_t b) { return absl::StrFormat("%02x", b); }
std::string Hex4(uint16_t v) { return absl::StrFormat("%04x", v); }

struct KnownAid {
  std::array<uint8_t, 16> bytes;
  size_t size;
  const char* name;
};

constexpr KnownAid kKnownAids[] = {
    {{0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01}, 10, "JPKI AP"},
    {{0xA0, 0x00, 0x00, 0x01, 0x51, 0x00, 0x00, 0x00}, 8, "GlobalPlatform ISD"},
    {{0xA0, 0x00, 0x00, 0x01, 0x51, 0x41, 0x43, 0x4C, 0x00}, 9, "ARA-M"},
    {{0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08}, 10, "My Number card text input-assist AP"},
    {{0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02}, 10, "My Number card face AP"},
};

void AddAid(Params& params, ByteView aid) {
  params.emplace_back("aid", HexEncode(aid));
  if (auto name = KnownAidName(aid)) params.emplace_back("aid_name", std::string(*name));
}

// Parses the first `4F Lv(AID)` of a GP data field, if present.
std::optional<ByteView> LeadingAid(ByteView data) {
  if (data.size() >= 2 && data[0] == 0x4F && data[1] <= data.size() - 2) return data.subspan(2, data[1]);
  return std::nullopt;
}

void DescribeSelect(const CommandApduView& c, CommandDescription& d) {
  switch (c.p1) {
    case 0x00:
      d.name = "SELECT by file ID";
      break;
    case 0x01:
      d.name = "SELECT child DF";
      break;
    case 0x02:
      d.name = "SELECT EF under current DF";
      break;
    case 0x03:
      d.name = "SELECT parent DF";
      break;
    case 0x04:
      d.name = "SELECT by AID";
      break;
    case 0x08:
      d.name = "SELECT by path from MF";
      break;
    case 0x09:
      d.name = "SELECT by path from current DF";
      break;
    default:
      d.name = "SELECT";
      break;
  }
  if (c.p1 == 0x04) {
    AddAid(d.parameters, c.data);
  } else if (c.data.size() == 2) {
    const uint16_t fid = static_cast<uint16_t>((c.data[0] << 8) | c.data[1]);
    d.parameters.emplace_back("file_id", Hex4(fid));
    if (auto name = jpki_ap::EfName(fid)) d.parameters.emplace_back("jpki_file", std::string(*name));
  } else if (!c.data.empty()) {
    d.parameters.emplace_back("path", HexEncode(c.data));
  }
  switch (c.p2 & 0x0C) {
    case 0x00:
      d.parameters.emplace_back("response", "FCI");
      break;
    case 0x04:
      d.parameters.emplace_back("response", "FCP");
      break;
    case 0x08:
      d.parameters.emplace_back("response", "FMD");
      break;
    default:
      d.parameters.emplace_back("response", "no response data");
      break;
  }
  d.parameters.emplace_back("occurrence", (c.p2 & 0x03) == 0x02 ? "next" : (c.p2 & 0x03) == 0 ? "first" : "other");
}

void DescribeInstall(const CommandApduView& c, CommandDescription& d) {
  const uint8_t kind = c.p1 & 0x7E;
  std::string variant;
  switch (kind) {
    case 0x02:
      variant = "for load";
      break;
    case 0x04:
      variant = "for install";
      break;
    case 0x08:
      variant = "for make selectable";
      break;
    case 0x0C:
      variant = "for install and make selectable";
      break;
    case 0x10:
      variant = "for extradition";
      break;
    case 0x20:
      variant = "for personalization";
      break;
    case 0x40:
      variant = "for registry update";
      break;
    default:
      variant = absl::StrFormat("P1 %02X", c.p1);
      break;
  }
  d.name = absl::StrCat("INSTALL [", variant, "]");
  if (c.p1 & 0x80) d.parameters.emplace_back("more_install_commands", "yes");
  // The data field starts with Lv fields; the AID the command is about is named where it is at a fixed place.
  ByteView data = c.data;
  std::vector<ByteView> lvs;
  while (!data.empty() && lvs.size() < 3) {
    const size_t len = data[0];
    if (len > data.size() - 1) break;
    lvs.push_back(data.subspan(1, len));
    data = data.subspan(1 + len);
  }
  auto add = [&](const char* key, size_t index) {
    if (index < lvs.size() && !lvs[index].empty()) {
      d.parameters.emplace_back(key, HexEncode(lvs[index]));
      if (auto name = KnownAidName(lvs[index]))
        d.parameters.emplace_back(std::string(key) + "_name", std::string(*name));
    }
  };
  switch (kind) {
    case 0x02:
      add("load_file_aid", 0);
      add("security_domain_aid", 1);
      break;
    case 0x04:
    case 0x0C:
      add("load_file_aid", 0);
      add("module_aid", 1);
      add("application_aid", 2);
      break;
    case 0x08:
    case 0x20:
      add("application_aid", 2);
      break;
    case 0x10:
      add("security_domain_aid", 0);
      add("application_aid", 2);
      break;
    default:
      break;
  }
}

void DescribeGp(const CommandApduView& c, CommandDescription& d) {
  switch (c.ins) {
    case 0x50:
      d.name = "INITIALIZE UPDATE";
      d.parameters.emplace_back("key_version", c.p1 == 0 ? "any (00)" : Hex2(c.p1));
      d.parameters.emplace_back("host_challenge", HexEncode(c.data));
      break;
    case 0x82: {
      d.name = "EXTERNAL AUTHENTICATE";
      std::string level;
      if (c.p1 == 0) level = "no secure messaging";
      auto add = [&](uint8_t bit, const char* what) {
        if (c.p1 & bit) level += level.empty() ? what : absl::StrCat(", ", what);
      };
      add(0x01, "C-MAC");
      add(0x02, "C-DECRYPTION");
      add(0x10, "R-MAC");
      add(0x20, "R-ENCRYPTION");
      d.parameters.emplace_back("security_level", absl::StrCat(Hex2(c.p1), " (", level, ")"));
      break;
    }
    case 0xE6:
      DescribeInstall(c, d);
      break;
    case 0xE8:
      d.name = "LOAD";
      d.parameters.emplace_back("block", (c.p1 & 0x80) ? "last" : "more follow");
      d.parameters.emplace_back("block_number", absl::StrCat(c.p2));
      break;
    case 0xE4:
      d.name = "DELETE";
      d.parameters.emplace_back("scope", (c.p2 & 0x80) ? "object and related objects" : "object");
      if (auto aid = LeadingAid(c.data)) AddAid(d.parameters, *aid);
      break;
    case 0xE2: {
      d.name = "STORE DATA";
      d.parameters.emplace_back("block", (c.p1 & 0x80) ? "last" : "more follow");
      const uint8_t enc = c.p1 & 0x60;
      d.parameters.emplace_back("encryption", enc == 0x00   ? "none"
                                              : enc == 0x20 ? "application dependent"
                                              : enc == 0x60 ? "encrypted"
                                                            : "reserved");
      const uint8_t structure = c.p1 & 0x18;
      d.parameters.emplace_back("structure", structure == 0x00   ? "no information"
                                             : structure == 0x08 ? "DGI"
                                             : structure == 0x10 ? "BER-TLV"
                                                                 : "reserved");
      d.parameters.emplace_back("block_number", absl::StrCat(c.p2));
      break;
    }
    case 0xD8:
      d.name = "PUT KEY";
      d.parameters.emplace_back("key_version", (c.p1 & 0x7F) == 0 ? "new key set (00)" : Hex2(c.p1 & 0x7F));
      d.parameters.emplace_back("key_id", Hex2(c.p2 & 0x7F));
      d.parameters.emplace_back("keys", (c.p2 & 0x80) ? "multiple" : "single");
      break;
    case 0xF2: {
      d.name = "GET STATUS";
      std::string subset;
      switch (c.p1) {
        case 0x80:
          subset = "issuer security domain";
          break;
        case 0x40:
          subset = "applications and supplementary security domains";
          break;
        case 0x20:
          subset = "executable load files";
          break;
        case 0x10:
          subset = "executable load files and modules";
          break;
        default:
          subset = absl::StrFormat("P1 %02X", c.p1);
          break;
      }
      d.parameters.emplace_back("subset", subset);
      d.parameters.emplace_back("format", (c.p2 & 0x02) ? "TLV" : "legacy");
      d.parameters.emplace_back("occurrence", (c.p2 & 0x01) ? "next" : "first");
      break;
    }
    case 0xF0:
      d.name = "SET STATUS";
      d.parameters.emplace_back("target", c.p1 == 0x80   ? "issuer security domain (card life cycle)"
                                          : c.p1 == 0x40 ? "application or supplementary security domain"
                                          : c.p1 == 0x60 ? "security domain and its associated applications"
                                                         : Hex2(c.p1));
      d.parameters.emplace_back("state", Hex2(c.p2));
      if (auto aid = c.data.empty() ? std::nullopt : std::optional<ByteView>(c.data)) AddAid(d.parameters, *aid);
      break;
    case 0xCA:
    case 0xCB: {
      d.name = "GET DATA";
      const uint16_t tag = static_cast<uint16_t>((c.p1 << 8) | c.p2);
      d.parameters.emplace_back("tag", Hex4(tag));
      if (auto name = GetDataTagName(tag)) d.parameters.emplace_back("tag_name", std::string(*name));
      break;
    }
    case jpki_ap::kInsComputeDigitalSignature: {
      d.name = "COMPUTE DIGITAL SIGNATURE";
      d.parameters.emplace_back("scheme", c.p1 == 0x00 ? "PKCS#1 v1.5 over the given input (DigestInfo)" : Hex2(c.p1));
      std::string key;
      if (c.p2 == jpki_ap::kP2SelectedReference) {
        key = "selected key EF";
      } else if (c.p2 == jpki_ap::kP2AuthenticationKeySfi) {
        key = "authentication key (EF 0017)";
      } else if (c.p2 == jpki_ap::kP2SigningKeySfi) {
        key = "signing key (EF 001A)";
      } else {
        key = Hex2(c.p2);
      }
      d.parameters.emplace_back("key", key);
      d.parameters.emplace_back("input_length", absl::StrCat(c.data.size()));
      break;
    }
    case jpki_ap::kInsLastCommandIndicator:
      d.name = "LAST COMMAND INDICATOR";
      d.parameters.emplace_back("note", "iPhone JPKI only; cards answer 6700");
      break;
    default:
      break;
  }
}

void DescribeIso(const CommandApduView& c, CommandDescription& d) {
  switch (c.ins) {
    case 0xA4:
      DescribeSelect(c, d);
      break;
    case 0xB0:
      d.name = "READ BINARY";
      if (c.p1 & 0x80) {
        d.parameters.emplace_back("sfi", Hex2(c.p1 & 0x1F));
        d.parameters.emplace_back("offset", absl::StrCat(c.p2));
      } else {
        d.parameters.emplace_back("offset", absl::StrCat((c.p1 << 8) | c.p2));
      }
      break;
    case 0xD6:
      d.name = "UPDATE BINARY";
      d.parameters.emplace_back("offset", absl::StrCat(((c.p1 & 0x7F) << 8) | c.p2));
      break;
    case 0xB2:
      d.name = "READ RECORD";
      d.parameters.emplace_back("record", absl::StrCat(c.p1));
      d.parameters.emplace_back("sfi", Hex2(c.p2 >> 3));
      break;
    case 0xDC:
      d.name = "UPDATE RECORD";
      d.parameters.emplace_back("record", absl::StrCat(c.p1));
      break;
    case 0x20:
      d.name = "VERIFY";
      d.parameters.emplace_back("reference",
                                c.p2 == jpki_ap::kP2SelectedReference ? "80 (PIN of the selected EF)" : Hex2(c.p2));
      d.parameters.emplace_back("mode", c.data.empty() ? "retry counter query" : "present PIN");
      if (!c.data.empty()) d.parameters.emplace_back("pin_length", absl::StrCat(c.data.size()));
      break;
    case 0x24:
      d.name = "CHANGE REFERENCE DATA";
      d.parameters.emplace_back("mode", c.p1 == 0x01 ? "new value only" : "old and new value");
      d.parameters.emplace_back("reference",
                                c.p2 == jpki_ap::kP2SelectedReference ? "80 (PIN of the selected EF)" : Hex2(c.p2));
      break;
    case 0x2C:
      d.name = "RESET RETRY COUNTER";
      break;
    case 0x2A:
      if (c.p1 == 0x9E && c.p2 == 0x9A) {
        d.name = "PERFORM SECURITY OPERATION: COMPUTE DIGITAL SIGNATURE";
      } else if (c.p1 == 0x80 && c.p2 == 0x86) {
        d.name = "PERFORM SECURITY OPERATION: DECIPHER";
      } else if (c.p1 == 0x90 && c.p2 == 0x80) {
        d.name = "PERFORM SECURITY OPERATION: HASH";
      } else {
        d.name = "PERFORM SECURITY OPERATION";
      }
      break;
    case 0x22:
      d.name = "MANAGE SECURITY ENVIRONMENT";
      break;
    case 0x84:
      d.name = "GET CHALLENGE";
      break;
    case 0x88:
      d.name = "INTERNAL AUTHENTICATE";
      break;
    case 0x82:
      d.name = "EXTERNAL AUTHENTICATE";
      break;
    case 0xC0:
      d.name = "GET RESPONSE";
      break;
    case 0x70:
      d.name = c.p1 == 0x80 ? "MANAGE CHANNEL close" : "MANAGE CHANNEL open";
      if (c.p2 != 0) d.parameters.emplace_back("channel", absl::StrCat(c.p2));
      break;
    case 0xCA:
    case 0xCB: {
      d.name = "GET DATA";
      const uint16_t tag = static_cast<uint16_t>((c.p1 << 8) | c.p2);
      d.parameters.emplace_back("tag", Hex4(tag));
      if (auto name = GetDataTagName(tag)) d.parameters.emplace_back("tag_name", std::string(*name));
      break;
    }
    case 0xDA:
      d.name = "PUT DATA";
      break;
    case 0xE0:
      d.name = "CREATE FILE";
      break;
    case 0xE4:
      d.name = "DELETE FILE";
      break;
    case 0xC2:
      d.name = "ENVELOPE";
      break;
    default:
      break;
  }
}

}  // namespace

std::optional<std::string_view> KnownAidName(ByteView aid) {
  for (const KnownAid& known : kKnownAids) {
    if (Equal(aid, ByteView(known.bytes.data(), known.size))) return known.name;
  }
  return std::nullopt;
}

std::optional<std::string_view> GetDataTagName(uint16_t tag) {
  switch (tag) {
    case 0x9F7F:
      return "CPLC";
    case 0x0066:
      return "card data";
    case 0x00E0:
      return "key information template";
    case 0x00CF:
      return "key diversification data";
    case 0x0042:
      return "issuer identification number";
    case 0x0045:
      return "card image number";
    case 0x00C1:
      return "sequence counter";
    case 0x00C2:
      return "confirmation counter";
    case 0x2F00:
      return "list of applications";
    default:
      return std::nullopt;
  }
}

CommandDescription DescribeCommand(const CommandApduView& command) {
  CommandDescription d;
  auto cla = DecodeCla(command.cla);
  if (cla.ok() && cla->proprietary) {
    DescribeGp(command, d);
    // GlobalPlatform reuses interindustry INS codes (SELECT, GET RESPONSE, ...) with CLA 8x.
    if (d.name.empty()) DescribeIso(command, d);
  } else if (cla.ok()) {
    DescribeIso(command, d);
  }
  d.known = !d.name.empty();
  if (!d.known) d.name = "unknown command";
  if (cla.ok()) {
    if (cla->channel != 0) d.parameters.emplace_back("logical_channel", absl::StrCat(cla->channel));
    if (cla->chaining) d.parameters.emplace_back("chaining", "more commands follow");
    switch (cla->sm) {
      case SecureMessaging::kNone:
        break;
      case SecureMessaging::kProprietary:
        d.parameters.emplace_back("secure_messaging", "proprietary (GlobalPlatform SCP)");
        break;
      case SecureMessaging::kIsoHeaderNotAuthenticated:
        d.parameters.emplace_back("secure_messaging", "ISO, header not authenticated");
        break;
      case SecureMessaging::kIsoHeaderAuthenticated:
        d.parameters.emplace_back("secure_messaging", "ISO, header authenticated");
        break;
    }
  } else {
    d.parameters.emplace_back("cla", "invalid or reserved class byte");
  }
  return d;
}

CommandDescription DescribeCommand(const CommandApdu& command) {
  CommandApduView view;
  view.cla = command.cla;
  view.ins = command.ins;
  view.p1 = command.p1;
  view.p2 = command.p2;
  view.data = command.data;
  view.ne = command.ne;
  return DescribeCommand(view);
}

}  // namespace jpki::apdu
