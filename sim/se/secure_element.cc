#include "sim/se/secure_element.h"

#include <algorithm>
#include <utility>

#include "apdu/ber_tlv.h"
#include "apdu/cla.h"
#include "apdu/gp/delete.h"
#include "apdu/gp/get_status.h"
#include "apdu/gp/install.h"
#include "apdu/gp/put_key.h"
#include "apdu/gp/scp03_channel.h"
#include "apdu/gp/store_data.h"
#include "apdu/status_words.h"
#include "base/error.h"
#include "base/status_macros.h"
#include "crypto/hash.h"

namespace jpki::sim::se {
namespace {

using apdu::CommandApdu;
using apdu::ResponseApdu;

constexpr uint8_t kInsManageChannel = 0x70;
constexpr uint8_t kInsSelect = 0xA4;
constexpr uint8_t kInsInstall = 0xE6;
constexpr uint8_t kInsLoad = 0xE8;
constexpr uint8_t kInsDelete = 0xE4;
constexpr uint8_t kInsGetStatus = 0xF2;
constexpr uint8_t kInsPutKey = 0xD8;
constexpr uint8_t kInsStoreData = 0xE2;
constexpr uint8_t kSwSmNotSupported = 0x88;  // 6882

ResponseApdu Sw(uint16_t sw) { return ResponseApdu{{}, sw}; }

// The C9 application-specific parameters inside INSTALL's install parameters field.
Bytes ApplicationParameters(ByteView install_parameters) {
  apdu::BerTlvReader reader(install_parameters);
  auto found = reader.Find(0xC9);
  if (!found.ok() || !found->has_value()) return {};
  return ToBytes((*found)->value);
}

}  // namespace

SecureElement::SecureElement(SecureElementConfig config, crypto::RandomSource& rng)
    : config_(std::move(config)), rng_(rng), registry_(config_.isd_aid) {
  registry_.SetLifeCycle(config_.isd_aid, kSdPersonalized).IgnoreError();
  sd_keys_[config_.isd_aid] = config_.isd_keys.Clone();
  channels_[0].open = true;
  channels_[0].selected = config_.isd_aid;  // the ISD is the default selected application
}

SecureElement::~SecureElement() = default;

void SecureElement::RegisterPackage(ByteView load_file_aid, ByteView module_aid, AppletFactory factory) {
  packages_[ToBytes(load_file_aid)] = Package{ToBytes(module_aid), std::move(factory)};
}

absl::Status SecureElement::PreLoad(ByteView load_file_aid, ByteView module_aid, AppletFactory factory) {
  RegisterPackage(load_file_aid, module_aid, std::move(factory));
  return registry_.AddLoadFile(load_file_aid, config_.isd_aid, {ToBytes(module_aid)});
}

absl::Status SecureElement::PreInstall(ByteView load_file_aid, ByteView module_aid, ByteView instance_aid,
                                       std::unique_ptr<Applet> applet) {
  if (auto s = registry_.AddLoadFile(load_file_aid, config_.isd_aid, {ToBytes(module_aid)}); !s.ok()) return s;
  if (auto s =
          registry_.AddInstance(EntryKind::kApplication, instance_aid, load_file_aid, module_aid, config_.isd_aid, 0);
      !s.ok()) {
    return s;
  }
  applets_[ToBytes(instance_aid)] = std::move(applet);
  return registry_.SetLifeCycle(instance_aid, kAppSelectable);
}

Applet* SecureElement::FindApplet(ByteView aid) const {
  auto it = applets_.find(ToBytes(aid));
  return it == applets_.end() ? nullptr : it->second.get();
}

absl::StatusOr<ResponseApdu> SecureElement::Transmit(const CommandApdu& command) {
  auto cla = apdu::DecodeCla(command.cla);
  if (!cla.ok()) return Sw(apdu::kSwClaNotSupported);
  if (cla->channel >= kLogicalChannels) return Sw(0x6881);  // logical channel not supported
  Channel& channel = channels_[cla->channel];
  if (!channel.open) return Sw(0x6881);
  return Dispatch(command, channel, cla->channel);
}

void SecureElement::Deselect(Channel& channel) {
  if (!channel.selected.empty()) {
    if (Applet* applet = FindApplet(channel.selected)) applet->Deselect();
  }
  channel.selected.clear();
  channel.session.reset();
  channel.session_sd.clear();
  channel.perso_target.reset();
  channel.load.reset();
}

ResponseApdu SecureElement::Dispatch(const CommandApdu& command, Channel& channel, uint8_t channel_number) {
  const bool proprietary = (command.cla & 0x80) != 0;
  if (!proprietary && command.ins == kInsManageChannel) return ManageChannel(command, channel_number);
  if (!proprietary && command.ins == kInsSelect && command.p1 == 0x04) {
    return Select(command, channel, channel_number);
  }
  if (channel.selected.empty()) return Sw(apdu::kSwConditionsNotSatisfied);
  const RegistryEntry* entry = registry_.Find(channel.selected);
  if (entry == nullptr) return Sw(apdu::kSwConditionsNotSatisfied);

  if (!IsSecurityDomain(*entry)) {
    // Applications receive their commands plainly; the simulated applets do not use the SD's secure channel.
    if (apdu::HasSecureMessaging(command.cla)) return Sw(static_cast<uint16_t>(0x6800 | kSwSmNotSupported));
    Applet* applet = FindApplet(channel.selected);
    if (applet == nullptr) return Sw(apdu::kSwConditionsNotSatisfied);
    return applet->Process(command, CommandContext{channel_number, 0});
  }

  // A security domain: the SCP03 handshake, then secure messaging for everything else.
  if (proprietary && command.ins == 0x50) return InitializeUpdate(command, channel);
  if (channel.session == nullptr) return Sw(apdu::kSwSecurityStatusNotSatisfied);
  if (command.ins == 0x82) {
    auto response = channel.session->ProcessExternalAuthenticate(command);
    if (!response.ok()) return Sw(apdu::kSwNoPreciseDiagnosis);
    if (response->ok()) ++sequence_counters_[channel.session_sd];
    return *response;
  }
  if (!channel.session->is_open() || !apdu::HasSecureMessaging(command.cla)) {
    // Outside an authenticated session, or a plain command inside one: refuse and end the session.
    channel.session->Close();
    return Sw(apdu::kSwSecurityStatusNotSatisfied);
  }
  auto plain = channel.session->UnwrapCommand(command);
  if (!plain.ok()) return Sw(apdu::kSwSecurityStatusNotSatisfied);  // bad MAC: the session is already closed
  const uint8_t level = static_cast<uint8_t>(*channel.session->level());
  ResponseApdu response = SecurityDomainCommand(*plain, channel, level, channel_number);
  if (channel.session == nullptr || !channel.session->is_open()) return response;
  auto wrapped = channel.session->WrapResponse(response);
  if (!wrapped.ok()) return Sw(apdu::kSwNoPreciseDiagnosis);
  return *wrapped;
}

ResponseApdu SecureElement::ManageChannel(const CommandApdu& command, uint8_t channel_number) {
  if (command.p1 == 0x00) {  // open: the card assigns the channel
    if (command.p2 != 0x00) return Sw(apdu::kSwIncorrectP1P2);
    for (uint8_t i = 1; i < kLogicalChannels; ++i) {
      if (!channels_[i].open) {
        channels_[i] = Channel();
        channels_[i].open = true;
        channels_[i].selected = config_.isd_aid;
        return ResponseApdu{Bytes{i}, apdu::kSwSuccess};
      }
    }
    return Sw(0x6A81);  // no channel left
  }
  if (command.p1 == 0x80) {  // close channel P2
    if (command.p2 == 0 || command.p2 >= kLogicalChannels || !channels_[command.p2].open) {
      return Sw(apdu::kSwIncorrectP1P2);
    }
    Deselect(channels_[command.p2]);
    channels_[command.p2].open = false;
    return Sw(apdu::kSwSuccess);
  }
  (void)channel_number;
  return Sw(apdu::kSwIncorrectP1P2);
}

ResponseApdu SecureElement::Select(const CommandApdu& command, Channel& channel, uint8_t channel_number) {
  const RegistryEntry* entry = registry_.Find(command.data);
  if (entry == nullptr || entry->kind == EntryKind::kLoadFile) return Sw(apdu::kSwFileNotFound);
  if (entry->kind == EntryKind::kApplication && (entry->life_cycle & 0x80) != 0) return Sw(0x6283);  // locked
  if (entry->kind == EntryKind::kApplication && entry->life_cycle < kAppSelectable) {
    return Sw(apdu::kSwFileNotFound);
  }
  // A non-multiselectable applet cannot be selected on two channels at once.
  for (uint8_t i = 0; i < kLogicalChannels; ++i) {
    if (i != channel_number && channels_[i].open && Equal(channels_[i].selected, entry->aid) &&
        entry->kind == EntryKind::kApplication) {
      return Sw(apdu::kSwConditionsNotSatisfied);
    }
  }
  Deselect(channel);
  const Bytes aid = entry->aid;
  if (entry->kind == EntryKind::kApplication) {
    Applet* applet = FindApplet(aid);
    if (applet == nullptr) return Sw(apdu::kSwFileNotFound);
    ResponseApdu response = applet->Select(CommandContext{channel_number, 0});
    if (!response.ok()) return response;
    channel.selected = aid;
    return response;
  }
  channel.selected = aid;
  if (command.p2 == 0x0C) return Sw(apdu::kSwSuccess);
  // FCI of a security domain: 6F { 84 AID, A5 { 9F6E application production life cycle data omitted } }.
  apdu::BerTlvBuilder fci;
  fci.Open(0x6F).Add(0x84, aid).Open(0xA5).AddByte(0x9F65, 0xFF).Close().Close();
  auto encoded = fci.Finish();
  if (!encoded.ok()) return Sw(apdu::kSwNoPreciseDiagnosis);
  return ResponseApdu{std::move(*encoded), apdu::kSwSuccess};
}

ResponseApdu SecureElement::InitializeUpdate(const CommandApdu& command, Channel& channel) {
  auto keys = sd_keys_.find(channel.selected);
  if (keys == sd_keys_.end()) return Sw(apdu::kSwReferencedDataNotFound);  // an SD without keys yet
  apdu::gp::Scp03CardConfig config;
  config.keys = keys->second.Clone();
  config.kdd = config_.kdd;
  config.i = config_.scp_i;
  config.sd_aid = channel.selected;
  config.random = &rng_;
  channel.session = std::make_unique<apdu::gp::Scp03CardSession>(std::move(config));
  channel.session_sd = channel.selected;
  channel.perso_target.reset();
  channel.load.reset();
  auto response = channel.session->ProcessInitializeUpdate(command, sequence_counters_[channel.selected] + 1);
  if (!response.ok()) return Sw(apdu::kSwNoPreciseDiagnosis);
  return *response;
}

bool SecureElement::Manages(ByteView sd, ByteView target) const {
  if (Equal(sd, config_.isd_aid)) return true;
  const RegistryEntry* entry = registry_.Find(target);
  return entry != nullptr && Equal(entry->associated_sd, sd);
}

ResponseApdu SecureElement::SecurityDomainCommand(const CommandApdu& plain, Channel& channel, uint8_t level,
                                                  uint8_t channel_number) {
  if ((plain.cla & 0x80) == 0) return Sw(apdu::kSwInsNotSupported);
  switch (plain.ins) {
    case kInsInstall:
      return Install(plain, channel);
    case kInsLoad:
      return Load(plain, channel);
    case kInsDelete:
      return Delete(plain, channel);
    case kInsGetStatus:
      return GetStatus(plain, channel);
    case kInsPutKey:
      return PutKey(plain, channel, level);
    case kInsStoreData:
      return StoreData(plain, channel, level, channel_number);
    default:
      return Sw(apdu::kSwInsNotSupported);
  }
}

ResponseApdu SecureElement::Install(const CommandApdu& command, Channel& channel) {
  namespace gp = apdu::gp;
  const ByteView sd = channel.session_sd;
  const RegistryEntry* sd_entry = registry_.Find(sd);
  const bool authorized = sd_entry != nullptr && (sd_entry->kind == EntryKind::kIssuerSecurityDomain ||
                                                  (sd_entry->privileges & kPrivAuthorizedManagement) != 0);
  auto install = gp::ParseInstall(command);
  if (!install.ok()) return Sw(apdu::kSwWrongData);
  switch (install->type) {
    case gp::InstallType::kForPersonalization: {
      const Bytes& aid = install->application_aid;
      if (registry_.Find(aid) == nullptr) return Sw(apdu::kSwReferencedDataNotFound);
      if (!Manages(sd, aid)) return Sw(apdu::kSwSecurityStatusNotSatisfied);
      channel.perso_target = aid;
      return Sw(apdu::kSwSuccess);
    }
    case gp::InstallType::kForLoad: {
      if (!authorized) return Sw(apdu::kSwSecurityStatusNotSatisfied);
      if (registry_.Find(install->load_file_aid) != nullptr) return Sw(apdu::kSwWrongData);
      PendingLoad load;
      load.load_file_aid = install->load_file_aid;
      load.sd_aid = install->security_domain_aid.empty() ? ToBytes(sd) : install->security_domain_aid;
      if (!Equal(load.sd_aid, sd) && !Manages(sd, load.sd_aid)) return Sw(apdu::kSwSecurityStatusNotSatisfied);
      load.expected_hash = install->load_file_hash;
      channel.load = std::move(load);
      return Sw(apdu::kSwSuccess);
    }
    case gp::InstallType::kForMakeSelectable: {
      if (!authorized || !Manages(sd, install->application_aid)) return Sw(apdu::kSwSecurityStatusNotSatisfied);
      if (!registry_.SetLifeCycle(install->application_aid, kAppSelectable).ok()) {
        return Sw(apdu::kSwReferencedDataNotFound);
      }
      return Sw(apdu::kSwSuccess);
    }
    case gp::InstallType::kForInstall:
    case gp::InstallType::kForInstallAndMakeSelectable: {
      if (!authorized) return Sw(apdu::kSwSecurityStatusNotSatisfied);
      const RegistryEntry* file = registry_.Find(install->load_file_aid);
      if (file == nullptr || file->kind != EntryKind::kLoadFile) return Sw(apdu::kSwReferencedDataNotFound);
      const uint32_t privilege_bits = install->privileges.bits();
      const bool is_sd = (privilege_bits & kPrivSecurityDomain) != 0;
      auto package = packages_.find(install->load_file_aid);
      if (package == packages_.end()) return Sw(apdu::kSwReferencedDataNotFound);
      std::unique_ptr<Applet> applet;
      if (!is_sd) {
        if (!package->second.factory) return Sw(apdu::kSwWrongData);
        auto created = package->second.factory(ApplicationParameters(install->parameters));
        if (!created.ok()) return Sw(apdu::kSwWrongData);
        applet = std::move(*created);
      }
      // The new instance is associated with the SD that installs it.
      if (!registry_
               .AddInstance(is_sd ? EntryKind::kSecurityDomain : EntryKind::kApplication, install->application_aid,
                            install->load_file_aid, install->module_aid, sd, privilege_bits)
               .ok()) {
        return Sw(apdu::kSwWrongData);
      }
      if (applet != nullptr) applets_[install->application_aid] = std::move(applet);
      if (install->type == gp::InstallType::kForInstallAndMakeSelectable) {
        registry_.SetLifeCycle(install->application_aid, kAppSelectable).IgnoreError();
      }
      return Sw(apdu::kSwSuccess);
    }
    case gp::InstallType::kForExtradition:
      // Moving an application to another security domain is not needed by the JPKI flow; refused explicitly.
      return Sw(apdu::kSwFunctionNotSupported);
  }
  return Sw(apdu::kSwIncorrectP1P2);
}

ResponseApdu SecureElement::Load(const CommandApdu& command, Channel& channel) {
  if (!channel.load.has_value()) return Sw(apdu::kSwConditionsNotSatisfied);
  auto block = apdu::gp::ParseLoad(command);
  if (!block.ok() || !channel.load->assembler.Add(*block).ok()) {
    channel.load.reset();
    return Sw(apdu::kSwWrongData);
  }
  if (!channel.load->assembler.complete()) return Sw(apdu::kSwSuccess);
  PendingLoad done = std::move(*channel.load);
  channel.load.reset();
  auto file = done.assembler.Finish();  // DAP blocks (none are required here) and the C4 contents
  if (!file.ok()) return Sw(apdu::kSwWrongData);
  if (!done.expected_hash.empty()) {
    const crypto::HashAlgorithm algorithm =
        done.expected_hash.size() == 20 ? crypto::HashAlgorithm::kSha1 : crypto::HashAlgorithm::kSha256;
    auto digest = crypto::Hash(algorithm, file->load_file);
    if (!digest.ok() || !Equal(*digest, done.expected_hash)) return Sw(apdu::kSwWrongData);
  }
  auto package = packages_.find(done.load_file_aid);
  if (package == packages_.end()) return Sw(apdu::kSwWrongData);  // code this SE cannot run
  if (!registry_.AddLoadFile(done.load_file_aid, done.sd_aid, {package->second.module_aid}).ok()) {
    return Sw(apdu::kSwWrongData);
  }
  return Sw(apdu::kSwSuccess);
}

ResponseApdu SecureElement::Delete(const CommandApdu& command, Channel& channel) {
  auto request = apdu::gp::ParseDelete(command);
  if (!request.ok()) return Sw(apdu::kSwWrongData);
  if (request->aid.empty()) return Sw(apdu::kSwFunctionNotSupported);  // key deletion is not offered
  const Bytes& aid = request->aid;
  if (registry_.Find(aid) == nullptr) return Sw(apdu::kSwReferencedDataNotFound);
  if (!Manages(channel.session_sd, aid)) return Sw(apdu::kSwSecurityStatusNotSatisfied);
  const bool related = request->related_objects;
  // Nothing selected on any channel may go away (with `related`, the load file's instances go too).
  for (const Channel& other : channels_) {
    if (!other.open || other.selected.empty()) continue;
    const RegistryEntry* selected = registry_.Find(other.selected);
    if (Equal(other.selected, aid) || (related && selected != nullptr && Equal(selected->load_file_aid, aid))) {
      return Sw(apdu::kSwConditionsNotSatisfied);
    }
  }
  if (!registry_.Delete(aid, related).ok()) return Sw(apdu::kSwConditionsNotSatisfied);
  for (auto it = applets_.begin(); it != applets_.end();) {
    it = registry_.Find(it->first) == nullptr ? applets_.erase(it) : std::next(it);
  }
  sd_keys_.erase(aid);
  return Sw(apdu::kSwSuccess);
}

ResponseApdu SecureElement::GetStatus(const CommandApdu& command, Channel& channel) {
  namespace gp = apdu::gp;
  auto request = gp::ParseGetStatus(command);
  if (!request.ok()) return Sw(apdu::kSwIncorrectP1P2);
  if (request->format != gp::StatusFormat::kTlv) return Sw(apdu::kSwIncorrectP1P2);  // only TLV is offered
  std::vector<EntryKind> kinds;
  switch (request->scope) {
    case gp::StatusScope::kIssuerSecurityDomain:
      kinds = {EntryKind::kIssuerSecurityDomain};
      break;
    case gp::StatusScope::kApplications:
      kinds = {EntryKind::kApplication, EntryKind::kSecurityDomain};
      break;
    case gp::StatusScope::kLoadFiles:
    case gp::StatusScope::kLoadFilesAndModules:
      kinds = {EntryKind::kLoadFile};
      break;
  }
  std::vector<gp::RegistryEntry> out;
  for (const RegistryEntry* entry : registry_.List(kinds)) {
    // An SSD sees only what it manages; the ISD sees everything.
    if (!Equal(channel.session_sd, config_.isd_aid) && !Equal(entry->aid, channel.session_sd) &&
        !Equal(entry->associated_sd, channel.session_sd)) {
      continue;
    }
    if (!request->aid_prefix.empty() &&
        (entry->aid.size() < request->aid_prefix.size() ||
         !Equal(ByteView(entry->aid).subspan(0, request->aid_prefix.size()), request->aid_prefix))) {
      continue;
    }
    gp::RegistryEntry reported;
    reported.aid = entry->aid;
    reported.life_cycle = entry->life_cycle;
    if (entry->kind != EntryKind::kLoadFile) reported.privileges = gp::Privileges(entry->privileges);
    if (!entry->load_file_aid.empty()) reported.load_file_aid = entry->load_file_aid;
    if (!entry->associated_sd.empty()) reported.associated_sd_aid = entry->associated_sd;
    if (request->scope == gp::StatusScope::kLoadFilesAndModules) reported.module_aids = entry->modules;
    out.push_back(std::move(reported));
  }
  if (out.empty()) return Sw(apdu::kSwReferencedDataNotFound);
  auto encoded = gp::EncodeGetStatusResponse(out);
  if (!encoded.ok()) return Sw(apdu::kSwNoPreciseDiagnosis);
  return ResponseApdu{std::move(*encoded), apdu::kSwSuccess};
}

ResponseApdu SecureElement::PutKey(const CommandApdu& command, Channel& channel, uint8_t level) {
  // Key values travel under the DEK and the session must also encrypt the command.
  if ((level & 0x02) == 0) return Sw(apdu::kSwSecurityStatusNotSatisfied);
  // The target: the SD being personalised through this session (INSTALL [for personalization]), else the SD itself.
  Bytes target = channel.session_sd;
  if (channel.perso_target.has_value()) {
    const RegistryEntry* entry = registry_.Find(*channel.perso_target);
    if (entry == nullptr || !IsSecurityDomain(*entry)) return Sw(apdu::kSwConditionsNotSatisfied);
    target = *channel.perso_target;
  }
  const apdu::gp::Scp03Keys& session_keys = sd_keys_.at(channel.session_sd);
  // ParsePutKey decrypts each key under the DEK and checks its KCV: a key that did not arrive intact is refused.
  auto request = apdu::gp::ParsePutKey(command, session_keys.dek);
  if (!request.ok()) return Sw(apdu::kSwWrongData);
  if (request->keys.size() != 3 || request->first_key_id != 1) return Sw(apdu::kSwWrongData);  // ENC, MAC, DEK
  const Bytes response = apdu::gp::EncodePutKeyResponse(*request);
  auto created = apdu::gp::Scp03Keys::Create(request->new_kvn, std::move(request->keys[0]), std::move(request->keys[1]),
                                             std::move(request->keys[2]));
  if (!created.ok()) return Sw(apdu::kSwWrongData);
  sd_keys_[target] = std::move(*created);
  if (!Equal(target, channel.session_sd)) registry_.SetLifeCycle(target, kSdPersonalized).IgnoreError();
  return ResponseApdu{response, apdu::kSwSuccess};
}

ResponseApdu SecureElement::StoreData(const CommandApdu& command, Channel& channel, uint8_t level,
                                      uint8_t channel_number) {
  if (!channel.perso_target.has_value()) return Sw(apdu::kSwConditionsNotSatisfied);
  if (!apdu::gp::ParseStoreData(command).ok()) return Sw(apdu::kSwWrongData);
  Applet* applet = FindApplet(*channel.perso_target);
  if (applet == nullptr) return Sw(apdu::kSwReferencedDataNotFound);
  return applet->Personalize(command, CommandContext{channel_number, level});
}

}  // namespace jpki::sim::se
