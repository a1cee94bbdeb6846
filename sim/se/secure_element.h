#ifndef JPKICORE_SIM_SE_SECURE_ELEMENT_H_
#define JPKICORE_SIM_SE_SECURE_ELEMENT_H_

// The GP-SE in the simulated phone: a GlobalPlatform card reached only through APDUs (it is an apdu::Transport).
//   - An Issuer Security Domain with an SCP03 key set, supplementary security domains that get their keys by
//     PUT KEY, one SCP03 card session per logical channel (apdu/gp Scp03CardSession).
//   - The GP registry (sim/se/registry.h) changed by INSTALL [for load / install / make selectable /
//     personalization / extradition], LOAD, DELETE, and read by GET STATUS; STORE DATA to the application being
//     personalised; PUT KEY; card life cycle.
//   - Logical channels 0..3 (MANAGE CHANNEL), SELECT by AID per channel, and routing of everything else to the
//     application selected on the channel.
//   - "Firmware": the Java Card bytecode a load file carries cannot run here, so the SE keeps a catalogue of the
//     packages it can execute (load file AID -> module AIDs -> a C++ AppletFactory). LOAD still transfers the load
//     file's bytes, and the SE checks them against the hash given in INSTALL [for load].
// Command parsing is apdu/gp's card side (ParseInstall, ParseLoad + LoadAssembler, ParseDelete, ParseGetStatus,
// ParsePutKey, ParseStoreData); the SE decides what the parsed commands may do.
// Card management commands need an open SCP03 session on the channel (C-MAC at least; PUT KEY and personalisation
// data need C-DECRYPTION); a command without secure messaging inside an open session closes it.

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "apdu/command_apdu.h"
#include "apdu/gp/load.h"
#include "apdu/gp/scp03_card_session.h"
#include "apdu/gp/scp03_types.h"
#include "apdu/response_apdu.h"
#include "apdu/transport.h"
#include "base/bytes.h"
#include "crypto/random.h"
#include "sim/se/applet.h"
#include "sim/se/registry.h"

namespace jpki::sim::se {

// GP card life cycle (GP CS 2.3.1 section 5.1.1).
inline constexpr uint8_t kCardOpReady = static_cast<uint8_t>(apdu::gp::CardLifeCycle::kOpReady);
inline constexpr uint8_t kCardInitialized = static_cast<uint8_t>(apdu::gp::CardLifeCycle::kInitialized);
inline constexpr uint8_t kCardSecured = static_cast<uint8_t>(apdu::gp::CardLifeCycle::kSecured);

inline constexpr uint8_t kDefaultIsdAid[] = {0xA0, 0x00, 0x00, 0x01, 0x51, 0x00, 0x00, 0x00};
inline constexpr int kLogicalChannels = 4;

struct SecureElementConfig {
  Bytes isd_aid = Bytes(std::begin(kDefaultIsdAid), std::end(kDefaultIsdAid));
  apdu::gp::Scp03Keys isd_keys;  // the SE issuer's key set (held by the SEI-TSM)
  Bytes kdd;                     // 10 bytes: key diversification data / card identity
  uint8_t scp_i = 0x70;          // S8, pseudo-random challenge, R-MAC and R-ENC supported
};

class SecureElement : public apdu::Transport {
 public:
  // `rng` must outlive the SE. The card starts SECURED with its ISD and whatever packages are registered.
  SecureElement(SecureElementConfig config, crypto::RandomSource& rng);
  ~SecureElement() override;

  // RegisterPackage adds executable code to the firmware catalogue (not to the registry: LOAD does that).
  void RegisterPackage(ByteView load_file_aid, ByteView module_aid, AppletFactory factory);
  // PreLoad registers a package and puts its load file in the registry at manufacturing time, associated with the
  // ISD (the GP security-domain package, from which SSDs are instantiated, is such a file).
  absl::Status PreLoad(ByteView load_file_aid, ByteView module_aid, AppletFactory factory);
  // PreInstall puts an application in the registry at manufacturing time (the ARA-M): its package, instance and
  // applet object, associated with the ISD, SELECTABLE.
  absl::Status PreInstall(ByteView load_file_aid, ByteView module_aid, ByteView instance_aid,
                          std::unique_ptr<Applet> applet);

  absl::StatusOr<apdu::ResponseApdu> Transmit(const apdu::CommandApdu& command) override;

  const Registry& registry() const { return registry_; }
  uint8_t card_life_cycle() const { return card_life_cycle_; }
  // Applet returns the live instance for an AID (tests look at the applet's state through it), or nullptr.
  Applet* FindApplet(ByteView aid) const;

 private:
  struct Package {
    Bytes module_aid;
    AppletFactory factory;
  };
  struct PendingLoad {
    Bytes load_file_aid;
    Bytes sd_aid;
    Bytes expected_hash;
    apdu::gp::LoadAssembler assembler;
  };
  struct Channel {
    bool open = false;
    Bytes selected;  // AID, empty when nothing is selected
    std::unique_ptr<apdu::gp::Scp03CardSession> session;
    Bytes session_sd;                   // AID of the SD the session belongs to
    std::optional<Bytes> perso_target;  // INSTALL [for personalization]
    std::optional<PendingLoad> load;
  };

  apdu::ResponseApdu Dispatch(const apdu::CommandApdu& command, Channel& channel, uint8_t channel_number);
  apdu::ResponseApdu ManageChannel(const apdu::CommandApdu& command, uint8_t channel_number);
  apdu::ResponseApdu Select(const apdu::CommandApdu& command, Channel& channel, uint8_t channel_number);
  apdu::ResponseApdu SecurityDomainCommand(const apdu::CommandApdu& plain, Channel& channel, uint8_t level,
                                           uint8_t channel_number);
  apdu::ResponseApdu Install(const apdu::CommandApdu& command, Channel& channel);
  apdu::ResponseApdu Load(const apdu::CommandApdu& command, Channel& channel);
  apdu::ResponseApdu Delete(const apdu::CommandApdu& command, Channel& channel);
  apdu::ResponseApdu GetStatus(const apdu::CommandApdu& command, Channel& channel);
  apdu::ResponseApdu PutKey(const apdu::CommandApdu& command, Channel& channel, uint8_t level);
  apdu::ResponseApdu StoreData(const apdu::CommandApdu& command, Channel& channel, uint8_t level,
                               uint8_t channel_number);
  apdu::ResponseApdu InitializeUpdate(const apdu::CommandApdu& command, Channel& channel);

  // Whether `sd` may manage `target` (the ISD manages everything; an SSD what is associated with it).
  bool Manages(ByteView sd, ByteView target) const;
  void Deselect(Channel& channel);

  SecureElementConfig config_;
  crypto::RandomSource& rng_;
  Registry registry_;
  uint8_t card_life_cycle_ = kCardSecured;
  std::map<Bytes, Package> packages_;                 // firmware: load file AID -> code
  std::map<Bytes, std::unique_ptr<Applet>> applets_;  // live application instances
  std::map<Bytes, apdu::gp::Scp03Keys> sd_keys_;      // key set of each security domain
  std::map<Bytes, uint32_t> sequence_counters_;
  std::array<Channel, kLogicalChannels> channels_;
};

}  // namespace jpki::sim::se

#endif  // JPKICORE_SIM_SE_SECURE_ELEMENT_H_
