#include "sim/se/secure_element.h"

#include <algorithm>
#include <utility>

#include "apdu/ber_tlv.h"
#include "apdu/cla.h"
#include "apdu/gp/key_check_value.h"
#include "apdu/gp/scp03_channel.h"
#include "apdu/status_words.h"
#include "base/error.h"
#include "base/status_macros.h"
#include "crypto/aes.h"
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

// LvReader walks the one-byte-length fields of INSTALL's data.
class LvReader {
 public:
  explicit LvReader(ByteView data) : data_(data) {}
  std::optional<ByteView> Next() {
    if (pos_ >= data_.size()) return std::nullopt;
    const size_t len = data_[pos_];
    if (pos_ + 1 + len > data_.size()) return std::nullopt;
    ByteView out = data_.subspan(pos_ + 1, len);
    pos_ += 1 + len;
    return out;
  }
  bool AtEnd() const { return pos_ == data_.size(); }

 private:
  ByteView data_;
  size_t pos_ = 0;
};

uint32_t PrivilegesFrom(ByteView bytes) {
  uint32_t privileges = 0;
  for (size_t i = 0; i < 3; ++i) privileges = privileges << 8 | (i < bytes.size() ? bytes[i] : 0);
  return privileges;
}

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
  const ByteView sd = channel.session_sd;
  const RegistryEntry* sd_entry = registry_.Find(sd);
  const bool authorized = sd_entry != nullptr && (sd_entry->kind == EntryKind::kIssuerSecurityDomain ||
                                                  (sd_entry->privileges & kPrivAuthorizedManagement) != 0);
  LvReader fields(command.data);
  const uint8_t p1 = command.p1 & 0x7F;  // b8: "more INSTALL commands follow" is irrelevant here
  if (p1 == 0x20) {                      // for personalization: 00 00 Lv(AID) 00 00 00
    fields.Next();
    fields.Next();
    auto aid = fields.Next();
    if (!aid.has_value() || aid->empty()) return Sw(apdu::kSwWrongData);
    if (registry_.Find(*aid) == nullptr) return Sw(apdu::kSwReferencedDataNotFound);
    if (!Manages(sd, *aid)) return Sw(apdu::kSwSecurityStatusNotSatisfied);
    channel.perso_target = ToBytes(*aid);
    return Sw(apdu::kSwSuccess);
  }
  if (!authorized) return Sw(apdu::kSwSecurityStatusNotSatisfied);
  if (p1 == 0x02) {  // for load: Lv(ELF) Lv(SD) Lv(hash) Lv(params) Lv(token)
    auto elf = fields.Next();
    auto target_sd = fields.Next();
    auto hash = fields.Next();
    if (!elf.has_value() || !target_sd.has_value() || !hash.has_value()) return Sw(apdu::kSwWrongData);
    if (registry_.Find(*elf) != nullptr) return Sw(0x6A80);
    PendingLoad load;
    load.load_file_aid = ToBytes(*elf);
    load.sd_aid = target_sd->empty() ? ToBytes(sd) : ToBytes(*target_sd);
    if (!Equal(load.sd_aid, sd) && !Manages(sd, load.sd_aid)) return Sw(apdu::kSwSecurityStatusNotSatisfied);
    load.expected_hash = ToBytes(*hash);
    channel.load = std::move(load);
    return Sw(apdu::kSwSuccess);
  }
  if (p1 == 0x04 || p1 == 0x0C || p1 == 0x08) {
    auto elf = fields.Next();
    auto module = fields.Next();
    auto aid = fields.Next();
    auto privileges = fields.Next();
    auto parameters = fields.Next();
    if (!elf.has_value() || !module.has_value() || !aid.has_value() || !privileges.has_value() ||
        !parameters.has_value()) {
      return Sw(apdu::kSwWrongData);
    }
    if (p1 == 0x08) {  // make selectable only
      if (!Manages(sd, *aid)) return Sw(apdu::kSwSecurityStatusNotSatisfied);
      if (!registry_.SetLifeCycle(*aid, kAppSelectable).ok()) return Sw(apdu::kSwReferencedDataNotFound);
      return Sw(apdu::kSwSuccess);
    }
    const RegistryEntry* file = registry_.Find(*elf);
    if (file == nullptr || file->kind != EntryKind::kLoadFile) return Sw(apdu::kSwReferencedDataNotFound);
    const uint32_t privilege_bits = PrivilegesFrom(*privileges);
    const bool is_sd = (privilege_bits & kPrivSecurityDomain) != 0;
    auto package = packages_.find(ToBytes(*elf));
    if (package == packages_.end()) return Sw(apdu::kSwReferencedDataNotFound);
    std::unique_ptr<Applet> applet;
    if (!is_sd) {
      if (!package->second.factory) return Sw(apdu::kSwWrongData);
      auto created = package->second.factory(ApplicationParameters(*parameters));
      if (!created.ok()) return Sw(apdu::kSwWrongData);
      applet = std::move(*created);
    }
    // The new instance is associated with the SD that installs it.
    if (!registry_
             .AddInstance(is_sd ? EntryKind::kSecurityDomain : EntryKind::kApplication, *aid, *elf, *module, sd,
                          privilege_bits)
             .ok()) {
      return Sw(apdu::kSwWrongData);
    }
    if (applet != nullptr) applets_[ToBytes(*aid)] = std::move(applet);
    if (p1 == 0x0C) registry_.SetLifeCycle(*aid, kAppSelectable).IgnoreError();
    return Sw(apdu::kSwSuccess);
  }
  if (p1 == 0x10) {  // for extradition: Lv(SD) 00 Lv(app) ...
    auto target_sd = fields.Next();
    fields.Next();
    auto aid = fields.Next();
    if (!target_sd.has_value() || !aid.has_value()) return Sw(apdu::kSwWrongData);
    const RegistryEntry* target = registry_.Find(*target_sd);
    if (target == nullptr || !IsSecurityDomain(*target)) return Sw(apdu::kSwReferencedDataNotFound);
    if (!Manages(sd, *aid)) return Sw(apdu::kSwSecurityStatusNotSatisfied);
    // The registry has no "re-associate" call: delete and re-add would lose the instance, so rebuild the entry.
    const RegistryEntry* app = registry_.Find(*aid);
    if (app == nullptr || app->kind != EntryKind::kApplication) return Sw(apdu::kSwReferencedDataNotFound);
    return Sw(apdu::kSwFunctionNotSupported);
  }
  return Sw(apdu::kSwIncorrectP1P2);
}

ResponseApdu SecureElement::Load(const CommandApdu& command, Channel& channel) {
  if (!channel.load.has_value()) return Sw(apdu::kSwConditionsNotSatisfied);
  PendingLoad& load = *channel.load;
  if (command.p2 != load.next_block) {
    channel.load.reset();
    return Sw(apdu::kSwIncorrectP1P2);
  }
  Append(load.data, command.data);
  ++load.next_block;
  if ((command.p1 & 0x80) == 0) return Sw(apdu::kSwSuccess);
  // Last block: [E2 DAP block] C4 Lv(load file data block).
  PendingLoad done = std::move(load);
  channel.load.reset();
  apdu::BerTlvReader reader(done.data);
  ByteView block;
  bool found = false;
  while (!reader.AtEnd()) {
    auto tlv = reader.Next();
    if (!tlv.ok()) return Sw(apdu::kSwWrongData);
    if (tlv->tag == 0xC4) {
      block = tlv->value;
      found = true;
    }
  }
  if (!found) return Sw(apdu::kSwWrongData);
  if (!done.expected_hash.empty()) {
    const crypto::HashAlgorithm algorithm =
        done.expected_hash.size() == 20 ? crypto::HashAlgorithm::kSha1 : crypto::HashAlgorithm::kSha256;
    auto digest = crypto::Hash(algorithm, block);
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
  auto tree = apdu::ParseBerTlvTree(command.data);
  if (!tree.ok()) return Sw(apdu::kSwWrongData);
  const apdu::TlvNode* aid = apdu::FindTlv(*tree, 0x4F);
  if (aid == nullptr) return Sw(apdu::kSwWrongData);
  if (registry_.Find(aid->value) == nullptr) return Sw(apdu::kSwReferencedDataNotFound);
  if (!Manages(channel.session_sd, aid->value)) return Sw(apdu::kSwSecurityStatusNotSatisfied);
  const bool related = (command.p2 & 0x80) != 0;
  // Nothing selected on any channel may go away (with `related`, the load file's instances go too).
  for (const Channel& other : channels_) {
    if (!other.open || other.selected.empty()) continue;
    const RegistryEntry* selected = registry_.Find(other.selected);
    if (Equal(other.selected, aid->value) ||
        (related && selected != nullptr && Equal(selected->load_file_aid, aid->value))) {
      return Sw(apdu::kSwConditionsNotSatisfied);
    }
  }
  if (!registry_.Delete(aid->value, related).ok()) return Sw(apdu::kSwConditionsNotSatisfied);
  for (auto it = applets_.begin(); it != applets_.end();) {
    it = registry_.Find(it->first) == nullptr ? applets_.erase(it) : std::next(it);
  }
  sd_keys_.erase(ToBytes(aid->value));
  return Sw(apdu::kSwSuccess);
}

ResponseApdu SecureElement::GetStatus(const CommandApdu& command, Channel& channel) {
  std::vector<EntryKind> kinds;
  switch (command.p1) {
    case 0x80:
      kinds = {EntryKind::kIssuerSecurityDomain};
      break;
    case 0x40:
      kinds = {EntryKind::kApplication, EntryKind::kSecurityDomain};
      break;
    case 0x20:
    case 0x10:
      kinds = {EntryKind::kLoadFile};
      break;
    default:
      return Sw(apdu::kSwIncorrectP1P2);
  }
  if ((command.p2 & 0x02) == 0) return Sw(apdu::kSwIncorrectP1P2);  // only the TLV format is offered
  apdu::BerTlvBuilder out;
  bool any = false;
  for (const RegistryEntry* entry : registry_.List(kinds)) {
    // An SSD sees only what it manages; the ISD sees everything.
    if (!Equal(channel.session_sd, config_.isd_aid) && !Equal(entry->aid, channel.session_sd) &&
        !Equal(entry->associated_sd, channel.session_sd)) {
      continue;
    }
    any = true;
    out.Open(0xE3).Add(0x4F, entry->aid).AddByte(0x9F70, entry->life_cycle);
    if (entry->kind != EntryKind::kLoadFile) {
      const uint8_t privileges[3] = {static_cast<uint8_t>(entry->privileges >> 16),
                                     static_cast<uint8_t>(entry->privileges >> 8),
                                     static_cast<uint8_t>(entry->privileges)};
      out.Add(0xC5, privileges);
    }
    if (!entry->load_file_aid.empty()) out.Add(0xC4, entry->load_file_aid);
    if (!entry->associated_sd.empty()) out.Add(0xCC, entry->associated_sd);
    if (command.p1 == 0x10) {
      for (const Bytes& module : entry->modules) out.Add(0x84, module);
    }
    out.Close();
  }
  if (!any) return Sw(apdu::kSwReferencedDataNotFound);
  auto encoded = out.Finish();
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
  if ((command.p2 & 0x7F) != 0x01 || (command.p2 & 0x80) == 0) return Sw(apdu::kSwIncorrectP1P2);
  const apdu::gp::Scp03Keys& session_keys = sd_keys_.at(channel.session_sd);
  auto dek = crypto::Aes::Create(session_keys.dek);
  if (!dek.ok()) return Sw(apdu::kSwConditionsNotSatisfied);
  ByteView data = command.data;
  if (data.empty()) return Sw(apdu::kSwWrongData);
  const uint8_t new_kvn = data[0];
  size_t pos = 1;
  std::vector<SecretBytes> keys;
  Bytes response{new_kvn};
  while (pos < data.size()) {
    // 88 (AES) | Lv( clear length || encrypted key ) | Lv( KCV )
    if (pos + 2 > data.size() || data[pos] != 0x88) return Sw(apdu::kSwWrongData);
    const size_t block_len = data[pos + 1];
    pos += 2;
    if (block_len < 17 || pos + block_len > data.size()) return Sw(apdu::kSwWrongData);
    const size_t clear_len = data[pos];
    ByteView encrypted = data.subspan(pos + 1, block_len - 1);
    pos += block_len;
    if (encrypted.size() % 16 != 0 || clear_len > encrypted.size() ||
        (clear_len != 16 && clear_len != 24 && clear_len != 32)) {
      return Sw(apdu::kSwWrongData);
    }
    SecretBytes clear(encrypted.size());
    const Bytes zero_iv(16, 0);
    if (!dek->CbcDecrypt(zero_iv, encrypted, absl::MakeSpan(clear.data(), clear.size())).ok()) {
      return Sw(apdu::kSwWrongData);
    }
    SecretBytes key(ByteView(clear.data(), clear_len));
    if (pos >= data.size()) return Sw(apdu::kSwWrongData);
    const size_t kcv_len = data[pos];
    if (pos + 1 + kcv_len > data.size()) return Sw(apdu::kSwWrongData);
    ByteView kcv = data.subspan(pos + 1, kcv_len);
    pos += 1 + kcv_len;
    auto computed = apdu::gp::AesKeyCheckValue(key);
    if (!computed.ok() || (kcv_len != 0 && !Equal(ByteView(*computed).subspan(0, kcv_len), kcv))) {
      return Sw(apdu::kSwWrongData);  // the key did not arrive intact
    }
    Append(response, *computed);
    keys.push_back(std::move(key));
  }
  if (keys.size() != 3) return Sw(apdu::kSwWrongData);  // ENC, MAC and DEK together
  auto created = apdu::gp::Scp03Keys::Create(new_kvn, std::move(keys[0]), std::move(keys[1]), std::move(keys[2]));
  if (!created.ok()) return Sw(apdu::kSwWrongData);
  sd_keys_[target] = std::move(*created);
  if (!Equal(target, channel.session_sd)) registry_.SetLifeCycle(target, kSdPersonalized).IgnoreError();
  return ResponseApdu{std::move(response), apdu::kSwSuccess};
}

ResponseApdu SecureElement::StoreData(const CommandApdu& command, Channel& channel, uint8_t level,
                                      uint8_t channel_number) {
  if (!channel.perso_target.has_value()) return Sw(apdu::kSwConditionsNotSatisfied);
  Applet* applet = FindApplet(*channel.perso_target);
  if (applet == nullptr) return Sw(apdu::kSwReferencedDataNotFound);
  return applet->Personalize(command, CommandContext{channel_number, level});
}

}  // namespace jpki::sim::se
