#include "sim/se/registry.h"

#include <algorithm>
#include <utility>

#include "base/error.h"

namespace jpki::sim::se {
namespace {

absl::Status CheckAid(ByteView aid) {
  // ISO/IEC 7816-4: an AID is 5 to 16 bytes.
  if (aid.size() < 5 || aid.size() > 16) {
    return MakeError(ErrorCode::kInvalidArgument, "sim", "an AID has 5 to 16 bytes");
  }
  return absl::OkStatus();
}

}  // namespace

Registry::Registry(ByteView isd_aid) {
  auto isd = std::make_unique<RegistryEntry>();
  isd->kind = EntryKind::kIssuerSecurityDomain;
  isd->aid = ToBytes(isd_aid);
  isd->life_cycle = kLoadFileLoaded;  // the card's OP_READY; the SE keeps the card life cycle itself
  isd->privileges = kPrivSecurityDomain | kPrivCardReset | kPrivAuthorizedManagement;
  entries_.push_back(std::move(isd));
}

absl::Status Registry::AddLoadFile(ByteView aid, ByteView associated_sd, std::vector<Bytes> modules) {
  if (auto s = CheckAid(aid); !s.ok()) return s;
  if (Find(aid) != nullptr) return MakeError(ErrorCode::kState, "sim", "AID already in the registry");
  const RegistryEntry* sd = Find(associated_sd);
  if (sd == nullptr || !IsSecurityDomain(*sd)) {
    return MakeError(ErrorCode::kNotFound, "sim", "associated security domain not found");
  }
  auto entry = std::make_unique<RegistryEntry>();
  entry->kind = EntryKind::kLoadFile;
  entry->aid = ToBytes(aid);
  entry->life_cycle = kLoadFileLoaded;
  entry->associated_sd = ToBytes(associated_sd);
  entry->modules = std::move(modules);
  entries_.push_back(std::move(entry));
  return absl::OkStatus();
}

absl::Status Registry::AddInstance(EntryKind kind, ByteView aid, ByteView load_file_aid, ByteView module_aid,
                                   ByteView associated_sd, uint32_t privileges) {
  if (kind != EntryKind::kApplication && kind != EntryKind::kSecurityDomain) {
    return MakeError(ErrorCode::kInvalidArgument, "sim", "only applications and security domains are instances");
  }
  if (auto s = CheckAid(aid); !s.ok()) return s;
  if (Find(aid) != nullptr) return MakeError(ErrorCode::kState, "sim", "AID already in the registry");
  const RegistryEntry* file = Find(load_file_aid);
  if (file == nullptr || file->kind != EntryKind::kLoadFile) {
    return MakeError(ErrorCode::kNotFound, "sim", "executable load file not found");
  }
  if (std::none_of(file->modules.begin(), file->modules.end(), [&](const Bytes& m) { return Equal(m, module_aid); })) {
    return MakeError(ErrorCode::kNotFound, "sim", "executable module not found in the load file");
  }
  const RegistryEntry* sd = Find(associated_sd);
  if (sd == nullptr || !IsSecurityDomain(*sd)) {
    return MakeError(ErrorCode::kNotFound, "sim", "associated security domain not found");
  }
  const bool is_sd = (privileges & kPrivSecurityDomain) != 0;
  if (is_sd != (kind == EntryKind::kSecurityDomain)) {
    return MakeError(ErrorCode::kInvalidArgument, "sim", "the Security Domain privilege must match the kind");
  }
  auto entry = std::make_unique<RegistryEntry>();
  entry->kind = kind;
  entry->aid = ToBytes(aid);
  entry->life_cycle = kAppInstalled;
  entry->privileges = privileges;
  entry->associated_sd = ToBytes(associated_sd);
  entry->load_file_aid = ToBytes(load_file_aid);
  entry->module_aid = ToBytes(module_aid);
  entries_.push_back(std::move(entry));
  return absl::OkStatus();
}

absl::Status Registry::SetLifeCycle(ByteView aid, uint8_t life_cycle) {
  RegistryEntry* entry = FindMutable(aid);
  if (entry == nullptr) return MakeError(ErrorCode::kNotFound, "sim", "AID not in the registry");
  entry->life_cycle = life_cycle;
  return absl::OkStatus();
}

absl::Status Registry::Delete(ByteView aid, bool related) {
  const RegistryEntry* entry = Find(aid);
  if (entry == nullptr) return MakeError(ErrorCode::kNotFound, "sim", "AID not in the registry");
  if (entry->kind == EntryKind::kIssuerSecurityDomain) {
    return MakeError(ErrorCode::kPolicyViolation, "sim", "the ISD cannot be deleted");
  }
  const Bytes target = entry->aid;
  std::vector<Bytes> doomed{target};
  for (const auto& other : entries_) {
    if (Equal(other->aid, target)) continue;
    const bool instance_of = entry->kind == EntryKind::kLoadFile && Equal(other->load_file_aid, target);
    const bool associated = IsSecurityDomain(*entry) && Equal(other->associated_sd, target);
    if (associated) {
      return MakeError(ErrorCode::kState, "sim", "security domain still has associated entries");
    }
    if (instance_of) {
      if (!related) return MakeError(ErrorCode::kState, "sim", "load file still has instances");
      doomed.push_back(other->aid);
    }
  }
  entries_.erase(std::remove_if(entries_.begin(), entries_.end(),
                                [&](const std::unique_ptr<RegistryEntry>& e) {
                                  return std::any_of(doomed.begin(), doomed.end(),
                                                     [&](const Bytes& d) { return Equal(d, e->aid); });
                                }),
                 entries_.end());
  return absl::OkStatus();
}

const RegistryEntry* Registry::Find(ByteView aid) const {
  for (const auto& entry : entries_) {
    if (Equal(entry->aid, aid)) return entry.get();
  }
  return nullptr;
}

RegistryEntry* Registry::FindMutable(ByteView aid) {
  for (auto& entry : entries_) {
    if (Equal(entry->aid, aid)) return entry.get();
  }
  return nullptr;
}

std::vector<const RegistryEntry*> Registry::List(std::vector<EntryKind> kinds) const {
  std::vector<const RegistryEntry*> out;
  for (const auto& entry : entries_) {
    if (std::find(kinds.begin(), kinds.end(), entry->kind) != kinds.end()) out.push_back(entry.get());
  }
  return out;
}

}  // namespace jpki::sim::se
