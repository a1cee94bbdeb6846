// The simulated GP-SE with an installed JPKI applet and the ARA-M, fed an arbitrary sequence of command APDUs
// (each prefixed by one length byte). Invariants: the SE always answers (no error status, no crash), a response
// never exceeds 65536 data bytes, and the signing certificate EF is never released unless the input presented the
// signing password.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>

#include "apdu/ber_tlv.h"
#include "apdu/command_apdu.h"
#include "apdu/jpki/jpki_files.h"
#include "crypto/random.h"
#include "sim/clock/clock.h"
#include "sim/jpki_applet/jpki_applet.h"
#include "sim/se/ara_m.h"
#include "sim/se/secure_element.h"

namespace {

using namespace jpki;

constexpr char kPassword[] = "MYNA2026";
constexpr char kMarker[] = "SIGNING-CERTIFICATE-MARKER";

bool Contains(ByteView haystack, ByteView needle) {
  if (needle.size() > haystack.size()) return false;
  for (size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    if (Equal(haystack.subspan(i, needle.size()), needle)) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static auto rng = crypto::NewDeterministicRandom(1);
  sim::ManualClock clock(1'775'000'000);
  sim::se::SecureElementConfig config;
  config.isd_keys = *apdu::gp::Scp03Keys::Create(0x30, SecretBytes(Bytes(16, 1)), SecretBytes(Bytes(16, 2)),
                                                 SecretBytes(Bytes(16, 3)));
  config.kdd = Bytes(10, 0);
  sim::se::SecureElement se(std::move(config), *rng);
  const Bytes ara(sim::se::kAraMAid, sim::se::kAraMAid + sizeof(sim::se::kAraMAid));
  if (!se.PreInstall(Bytes{0xA0, 0x00, 0x00, 0x01, 0x51, 0x41, 0x43}, ara, ara, std::make_unique<sim::se::AraM>())
           .ok()) {
    std::abort();
  }
  // The JPKI applet, personalised without keys (key generation is too slow to fuzz): PIN, password, and a signing
  // certificate EF holding a marker.
  auto applet = std::make_unique<sim::jpki_applet::JpkiApplet>(
      sim::jpki_applet::JpkiAppletOptions{sim::jpki_applet::Medium::kSmartphone, 2048}, clock, *rng);
  Bytes perso = *apdu::EncodeTlv(sim::jpki_applet::kTagAuthPin, AsBytes("1234"));
  Append(perso, *apdu::EncodeTlv(sim::jpki_applet::kTagSigningPassword, AsBytes(kPassword)));
  Bytes write = {0x00, 0x01, 0x00, 0x00};
  Append(write, *apdu::EncodeTlv(0x30, AsBytes(kMarker)));
  Append(perso, *apdu::EncodeTlv(sim::jpki_applet::kTagWriteEf, write));
  if (!applet
           ->Personalize(apdu::CommandApdu{0x80, 0xE2, 0x90, 0, perso, std::nullopt}, sim::se::CommandContext{0, 0x33})
           .ok()) {
    std::abort();
  }
  const Bytes jpki_package = {0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00};
  const Bytes jpki_aid(apdu::jpki_ap::kJpkiAid.begin(), apdu::jpki_ap::kJpkiAid.end());
  if (!se.PreInstall(jpki_package, jpki_aid, jpki_aid, std::move(applet)).ok()) std::abort();

  bool password_seen = false;
  size_t pos = 0;
  while (pos < size) {
    const size_t len = data[pos++];
    if (pos + len > size) break;
    const ByteView wire(data + pos, len);
    pos += len;
    auto parsed = apdu::ParseCommandApdu(wire);
    if (!parsed.ok()) continue;
    const apdu::CommandApdu& command = parsed->apdu;
    if (command.ins == 0x20 && Equal(command.data, AsBytes(kPassword))) password_seen = true;
    auto response = se.Transmit(command);
    if (!response.ok()) std::abort();  // the card always answers with a status word
    if (response->data.size() > apdu::kMaxExtendedNe) std::abort();
    if (!password_seen && Contains(response->data, AsBytes(kMarker))) std::abort();
  }
  return 0;
}
