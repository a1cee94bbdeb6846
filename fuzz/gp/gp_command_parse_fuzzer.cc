// Card-side GlobalPlatform command parsers (what the SE simulator runs on unwrapped commands) must never crash on
// any command; those with a builder must round-trip: parse -> build -> parse gives the same fields.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "apdu/command_apdu.h"
#include "apdu/gp/delete.h"
#include "apdu/gp/get_data.h"
#include "apdu/gp/get_status.h"
#include "apdu/gp/install.h"
#include "apdu/gp/load.h"
#include "apdu/gp/put_key.h"
#include "apdu/gp/scp03_types.h"
#include "apdu/gp/secure_channel_commands.h"
#include "apdu/gp/select.h"
#include "apdu/gp/store_data.h"

namespace gp = jpki::apdu::gp;
using jpki::Bytes;
using jpki::ByteView;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto parsed = jpki::apdu::ParseCommandApdu(ByteView(data, size));
  if (!parsed.ok()) return 0;
  const jpki::apdu::CommandApdu& c = parsed->apdu;

  if (auto s = gp::ParseSelect(c); s.ok()) {
    auto b = gp::BuildSelect(s->aid, s->next_occurrence);
    if (!b.ok()) std::abort();
    auto again = gp::ParseSelect(*b);
    if (!again.ok() || again->aid != s->aid) std::abort();
  }
  if (auto s = gp::ParseGetStatus(c); s.ok()) {
    auto b = gp::BuildGetStatus(*s);
    if (!b.ok()) std::abort();
    auto again = gp::ParseGetStatus(*b);
    if (!again.ok() || again->aid_prefix != s->aid_prefix || again->tag_list != s->tag_list ||
        again->scope != s->scope || again->next_occurrence != s->next_occurrence)
      std::abort();
  }
  (void)gp::ParseGetData(c);
  if (auto i = gp::ParseInstall(c); i.ok()) {
    auto b = gp::BuildInstall(*i);
    const bool defaulted =
        (i->type == gp::InstallType::kForInstall || i->type == gp::InstallType::kForInstallAndMakeSelectable) &&
        i->parameters.empty();  // the builder sends C9 00 then
    if (!b.ok() && b.status().message().find("255") == std::string::npos) std::abort();
    if (b.ok() && !defaulted) {
      auto again = gp::ParseInstall(*b);
      if (!again.ok() || !(*again == *i)) std::abort();
    }
  }
  if (auto l = gp::ParseLoad(c); l.ok()) {
    gp::LoadAssembler assembler;
    if (assembler.Add(*l).ok() && l->last) (void)assembler.Finish();
  }
  if (auto d = gp::ParseDelete(c); d.ok()) {
    if (d->aid.empty() && !d->key_id && !d->kvn) std::abort();
  }
  if (auto s = gp::ParseStoreData(c); s.ok()) {
    auto dgis = gp::ParseDgis(s->data);
    if (dgis.ok()) {
      Bytes re;
      for (const auto& dgi : *dgis) {
        auto e = gp::EncodeDgi(dgi);
        if (!e.ok()) std::abort();
        jpki::Append(re, *e);
      }
      if (re != s->data) std::abort();
    }
  }
  static const jpki::SecretBytes kDek(Bytes(16, 0x20));
  (void)gp::ParsePutKey(c, kDek);
  (void)gp::ParseInitializeUpdate(c);
  (void)gp::ParseExternalAuthenticate(c, gp::Scp03Mode::kS8);
  (void)gp::ParseExternalAuthenticate(c, gp::Scp03Mode::kS16);
  // Response-side objects, fed with the command data.
  (void)gp::ParseFci(c.data);
  (void)gp::ParseCplc(c.data);
  (void)gp::ParseKeyInformationTemplate(c.data);
  (void)gp::ParseCardData(c.data);
  (void)gp::ParseInitializeUpdateResponse(c.data);
  return 0;
}
