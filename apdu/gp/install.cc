#include "apdu/gp/install.h"

#include "apdu/ber_tlv.h"
#include "apdu/gp/internal/command_util.h"
#include "base/status_macros.h"

namespace jpki::apdu::gp {

using internal::AppendLv;
using internal::Invalid;
using internal::Malformed;

absl::StatusOr<CommandApdu> BuildInstall(const InstallCommand& in) {
  Bytes d;
  const Bytes empty;
  const Bytes privileges = in.privileges.Encode();
  auto lv = [&](const Bytes& v, const char* what) { return AppendLv(d, v, what); };
  switch (in.type) {
    case InstallType::kForLoad:
      JPKI_RETURN_IF_ERROR(CheckAid(in.load_file_aid, "INSTALL [for load]: load file AID"));
      if (!in.security_domain_aid.empty()) {
        JPKI_RETURN_IF_ERROR(CheckAid(in.security_domain_aid, "INSTALL [for load]: SD AID"));
      }
      JPKI_RETURN_IF_ERROR(lv(in.load_file_aid, "load file AID"));
      JPKI_RETURN_IF_ERROR(lv(in.security_domain_aid, "SD AID"));
      JPKI_RETURN_IF_ERROR(lv(in.load_file_hash, "hash"));
      JPKI_RETURN_IF_ERROR(lv(in.parameters, "load parameters"));
      JPKI_RETURN_IF_ERROR(lv(in.token, "token"));
      break;
    case InstallType::kForInstall:
    case InstallType::kForInstallAndMakeSelectable:
      JPKI_RETURN_IF_ERROR(CheckAid(in.load_file_aid, "INSTALL [for install]: load file AID"));
      JPKI_RETURN_IF_ERROR(CheckAid(in.module_aid, "INSTALL [for install]: module AID"));
      JPKI_RETURN_IF_ERROR(CheckAid(in.application_aid, "INSTALL [for install]: application AID"));
      JPKI_RETURN_IF_ERROR(lv(in.load_file_aid, "load file AID"));
      JPKI_RETURN_IF_ERROR(lv(in.module_aid, "module AID"));
      JPKI_RETURN_IF_ERROR(lv(in.application_aid, "application AID"));
      JPKI_RETURN_IF_ERROR(lv(privileges, "privileges"));
      JPKI_RETURN_IF_ERROR(lv(in.parameters.empty() ? Bytes{0xC9, 0x00} : in.parameters, "install parameters"));
      JPKI_RETURN_IF_ERROR(lv(in.token, "token"));
      break;
    case InstallType::kForMakeSelectable:
      JPKI_RETURN_IF_ERROR(CheckAid(in.application_aid, "INSTALL [for make selectable]: application AID"));
      JPKI_RETURN_IF_ERROR(lv(empty, ""));
      JPKI_RETURN_IF_ERROR(lv(empty, ""));
      JPKI_RETURN_IF_ERROR(lv(in.application_aid, "application AID"));
      JPKI_RETURN_IF_ERROR(lv(privileges, "privileges"));
      JPKI_RETURN_IF_ERROR(lv(in.parameters, "parameters"));
      JPKI_RETURN_IF_ERROR(lv(in.token, "token"));
      break;
    case InstallType::kForExtradition:
      JPKI_RETURN_IF_ERROR(CheckAid(in.security_domain_aid, "INSTALL [for extradition]: SD AID"));
      JPKI_RETURN_IF_ERROR(CheckAid(in.application_aid, "INSTALL [for extradition]: application AID"));
      JPKI_RETURN_IF_ERROR(lv(in.security_domain_aid, "SD AID"));
      JPKI_RETURN_IF_ERROR(lv(empty, ""));
      JPKI_RETURN_IF_ERROR(lv(in.application_aid, "application AID"));
      JPKI_RETURN_IF_ERROR(lv(empty, ""));
      JPKI_RETURN_IF_ERROR(lv(in.parameters, "parameters"));
      JPKI_RETURN_IF_ERROR(lv(in.token, "token"));
      break;
    case InstallType::kForPersonalization:
      JPKI_RETURN_IF_ERROR(CheckAid(in.application_aid, "INSTALL [for personalization]: application AID"));
      JPKI_RETURN_IF_ERROR(lv(empty, ""));
      JPKI_RETURN_IF_ERROR(lv(empty, ""));
      JPKI_RETURN_IF_ERROR(lv(in.application_aid, "application AID"));
      JPKI_RETURN_IF_ERROR(lv(empty, ""));
      JPKI_RETURN_IF_ERROR(lv(empty, ""));
      JPKI_RETURN_IF_ERROR(lv(empty, ""));
      break;
    default:
      return Invalid("INSTALL: unknown type");
  }
  if (d.size() > kMaxShortNc) return Invalid("INSTALL: data longer than 255 bytes");
  return CommandApdu{0x80, kInsInstall, static_cast<uint8_t>(in.type), 0x00, std::move(d), 256};
}

absl::StatusOr<CommandApdu> BuildInstallForLoad(ByteView load_file_aid, ByteView security_domain_aid,
                                                ByteView load_file_hash, ByteView load_parameters, ByteView token) {
  InstallCommand in;
  in.type = InstallType::kForLoad;
  in.load_file_aid = ToBytes(load_file_aid);
  in.security_domain_aid = ToBytes(security_domain_aid);
  in.load_file_hash = ToBytes(load_file_hash);
  in.parameters = ToBytes(load_parameters);
  in.token = ToBytes(token);
  return BuildInstall(in);
}

absl::StatusOr<CommandApdu> BuildInstallForInstall(ByteView load_file_aid, ByteView module_aid,
                                                   ByteView application_aid, Privileges privileges,
                                                   ByteView install_parameters, bool make_selectable, ByteView token) {
  InstallCommand in;
  in.type = make_selectable ? InstallType::kForInstallAndMakeSelectable : InstallType::kForInstall;
  in.load_file_aid = ToBytes(load_file_aid);
  in.module_aid = ToBytes(module_aid);
  in.application_aid = ToBytes(application_aid);
  in.privileges = privileges;
  in.parameters = ToBytes(install_parameters);
  in.token = ToBytes(token);
  return BuildInstall(in);
}

absl::StatusOr<CommandApdu> BuildInstallForMakeSelectable(ByteView application_aid, Privileges privileges,
                                                          ByteView parameters, ByteView token) {
  InstallCommand in;
  in.type = InstallType::kForMakeSelectable;
  in.application_aid = ToBytes(application_aid);
  in.privileges = privileges;
  in.parameters = ToBytes(parameters);
  in.token = ToBytes(token);
  return BuildInstall(in);
}

absl::StatusOr<CommandApdu> BuildInstallForExtradition(ByteView security_domain_aid, ByteView application_aid,
                                                       ByteView parameters, ByteView token) {
  InstallCommand in;
  in.type = InstallType::kForExtradition;
  in.security_domain_aid = ToBytes(security_domain_aid);
  in.application_aid = ToBytes(application_aid);
  in.parameters = ToBytes(parameters);
  in.token = ToBytes(token);
  return BuildInstall(in);
}

absl::StatusOr<CommandApdu> BuildInstallForPersonalization(ByteView application_aid) {
  InstallCommand in;
  in.type = InstallType::kForPersonalization;
  in.application_aid = ToBytes(application_aid);
  return BuildInstall(in);
}

absl::StatusOr<Bytes> ApplicationSpecificParameters(ByteView params) { return EncodeTlv(0xC9, params); }

absl::StatusOr<InstallCommand> ParseInstall(const CommandApdu& c) {
  JPKI_RETURN_IF_ERROR(internal::CheckCommand(c, kInsInstall, "INSTALL"));
  if (c.p2 != 0x00) return Malformed("INSTALL: P2 must be 00");
  InstallCommand in;
  internal::LvReader r(c.data, "INSTALL");
  auto aid = [](const Bytes& v, const char* what) -> absl::Status {
    if (v.size() < 5 || v.size() > 16) return Malformed(std::string("INSTALL: ") + what + " must be 5..16 bytes");
    return absl::OkStatus();
  };
  auto empty = [](const Bytes& v, const char* what) -> absl::Status {
    if (!v.empty()) return Malformed(std::string("INSTALL: ") + what + " must be empty for this variant");
    return absl::OkStatus();
  };
  auto privileges = [&](const Bytes& v) -> absl::Status {
    auto p = Privileges::Parse(v);
    if (!p.ok()) return p.status();
    in.privileges = *p;
    return absl::OkStatus();
  };
  switch (c.p1) {
    case 0x02: {
      in.type = InstallType::kForLoad;
      JPKI_ASSIGN_OR_RETURN(in.load_file_aid, r.Read("load file AID"));
      JPKI_ASSIGN_OR_RETURN(in.security_domain_aid, r.Read("SD AID"));
      JPKI_ASSIGN_OR_RETURN(in.load_file_hash, r.Read("hash"));
      JPKI_ASSIGN_OR_RETURN(in.parameters, r.Read("load parameters"));
      JPKI_ASSIGN_OR_RETURN(in.token, r.Read("token"));
      JPKI_RETURN_IF_ERROR(aid(in.load_file_aid, "load file AID"));
      if (!in.security_domain_aid.empty()) JPKI_RETURN_IF_ERROR(aid(in.security_domain_aid, "SD AID"));
      break;
    }
    case 0x04:
    case 0x0C: {
      in.type = static_cast<InstallType>(c.p1);
      JPKI_ASSIGN_OR_RETURN(in.load_file_aid, r.Read("load file AID"));
      JPKI_ASSIGN_OR_RETURN(in.module_aid, r.Read("module AID"));
      JPKI_ASSIGN_OR_RETURN(in.application_aid, r.Read("application AID"));
      JPKI_ASSIGN_OR_RETURN(Bytes p, r.Read("privileges"));
      JPKI_ASSIGN_OR_RETURN(in.parameters, r.Read("install parameters"));
      JPKI_ASSIGN_OR_RETURN(in.token, r.Read("token"));
      JPKI_RETURN_IF_ERROR(aid(in.load_file_aid, "load file AID"));
      JPKI_RETURN_IF_ERROR(aid(in.module_aid, "module AID"));
      JPKI_RETURN_IF_ERROR(aid(in.application_aid, "application AID"));
      JPKI_RETURN_IF_ERROR(privileges(p));
      break;
    }
    case 0x08: {
      in.type = InstallType::kForMakeSelectable;
      JPKI_ASSIGN_OR_RETURN(Bytes f1, r.Read("empty field"));
      JPKI_ASSIGN_OR_RETURN(Bytes f2, r.Read("empty field"));
      JPKI_ASSIGN_OR_RETURN(in.application_aid, r.Read("application AID"));
      JPKI_ASSIGN_OR_RETURN(Bytes p, r.Read("privileges"));
      JPKI_ASSIGN_OR_RETURN(in.parameters, r.Read("parameters"));
      JPKI_ASSIGN_OR_RETURN(in.token, r.Read("token"));
      JPKI_RETURN_IF_ERROR(empty(f1, "field 1"));
      JPKI_RETURN_IF_ERROR(empty(f2, "field 2"));
      JPKI_RETURN_IF_ERROR(aid(in.application_aid, "application AID"));
      JPKI_RETURN_IF_ERROR(privileges(p));
      break;
    }
    case 0x10: {
      in.type = InstallType::kForExtradition;
      JPKI_ASSIGN_OR_RETURN(in.security_domain_aid, r.Read("SD AID"));
      JPKI_ASSIGN_OR_RETURN(Bytes f2, r.Read("empty field"));
      JPKI_ASSIGN_OR_RETURN(in.application_aid, r.Read("application AID"));
      JPKI_ASSIGN_OR_RETURN(Bytes f4, r.Read("empty field"));
      JPKI_ASSIGN_OR_RETURN(in.parameters, r.Read("parameters"));
      JPKI_ASSIGN_OR_RETURN(in.token, r.Read("token"));
      JPKI_RETURN_IF_ERROR(aid(in.security_domain_aid, "SD AID"));
      JPKI_RETURN_IF_ERROR(empty(f2, "field 2"));
      JPKI_RETURN_IF_ERROR(aid(in.application_aid, "application AID"));
      JPKI_RETURN_IF_ERROR(empty(f4, "field 4"));
      break;
    }
    case 0x20: {
      in.type = InstallType::kForPersonalization;
      JPKI_ASSIGN_OR_RETURN(Bytes f1, r.Read("empty field"));
      JPKI_ASSIGN_OR_RETURN(Bytes f2, r.Read("empty field"));
      JPKI_ASSIGN_OR_RETURN(in.application_aid, r.Read("application AID"));
      JPKI_ASSIGN_OR_RETURN(Bytes f4, r.Read("empty field"));
      JPKI_ASSIGN_OR_RETURN(Bytes f5, r.Read("empty field"));
      JPKI_ASSIGN_OR_RETURN(Bytes f6, r.Read("empty field"));
      for (const Bytes* f : {&f1, &f2, &f4, &f5, &f6}) JPKI_RETURN_IF_ERROR(empty(*f, "field"));
      JPKI_RETURN_IF_ERROR(aid(in.application_aid, "application AID"));
      break;
    }
    default:
      return Malformed("INSTALL: unsupported P1");
  }
  JPKI_RETURN_IF_ERROR(r.ExpectEnd());
  return in;
}

}  // namespace jpki::apdu::gp
