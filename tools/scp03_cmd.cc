// `jpki scp03 derive` and `jpki scp03 wrap` (shared/spec/cli.md, section apdu): the SCP03 session keys and
// cryptograms for given static keys and challenges, and the host-side wrapping of APDUs at a security level, so that
// an independent SCP03 implementation can be checked against jpkicore (and the other way round).
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "apdu/command_apdu.h"
#include "apdu/gp/scp03_channel.h"
#include "apdu/gp/scp03_kdf.h"
#include "apdu/gp/scp03_types.h"
#include "apdu/gp/secure_channel_commands.h"
#include "base/error.h"
#include "base/secret_bytes.h"
#include "crypto/cmac.h"
#include "tools/cli.h"
#include "tools/json_writer.h"

namespace jpki::cli {
namespace {

using apdu::gp::Scp03Keys;

constexpr char kDeriveUsage[] =
    "--key-enc HEX --key-mac HEX --host-challenge HEX --card-challenge HEX [--s16]\n"
    "Prints JSON with s_enc, s_mac, s_rmac, card_cryptogram, host_cryptogram (GlobalPlatform Amendment D).\n"
    "Keys are AES-128/192/256 (both the same size); challenges are 8 bytes, or 16 with --s16.\n";
constexpr char kWrapUsage[] =
    "--key-enc HEX --key-mac HEX --host-challenge HEX --card-challenge HEX\n"
    "    --level cmac|cmac-cdec|cmac-rmac|cmac-cdec-rmac|cmac-rmac-renc|cmac-cdec-rmac-renc [--s16]\n"
    "    APDU_HEX ...\n"
    "Opens a session as a host would after INITIALIZE UPDATE and prints, one hex line each, the EXTERNAL\n"
    "AUTHENTICATE command and then every APDU wrapped at the level, in order (MAC chaining and the encryption\n"
    "counter carry over from one APDU to the next).\n";

// Session inputs common to both verbs.
struct SessionInput {
  Scp03Keys keys;
  Bytes host_challenge;
  Bytes card_challenge;
};

absl::StatusOr<SessionInput> ReadSessionInput(const Args& args) {
  for (const char* flag : {"key-enc", "key-mac", "host-challenge", "card-challenge"}) {
    if (!args.Get(flag)) {
      return MakeError(ErrorCode::kInvalidArgument, "scp03", std::string("missing --") + flag);
    }
  }
  auto enc = HexDecode(*args.Get("key-enc"));
  auto mac = HexDecode(*args.Get("key-mac"));
  auto host = HexDecode(*args.Get("host-challenge"));
  auto card = HexDecode(*args.Get("card-challenge"));
  for (const auto* v : {&enc, &mac, &host, &card}) {
    if (!v->ok()) return v->status();
  }
  auto keys = Scp03Keys::Create(0, SecretBytes(*enc), SecretBytes(*mac), SecretBytes());
  if (!keys.ok()) return keys.status();
  const size_t n = args.Has("s16") ? 16 : 8;
  if (host->size() != n || card->size() != n) {
    return MakeError(ErrorCode::kInvalidArgument, "scp03",
                     "challenges must be " + std::to_string(n) + " bytes" + (n == 8 ? " (16 with --s16)" : ""));
  }
  return SessionInput{std::move(*keys), std::move(*host), std::move(*card)};
}

int RunDerive(const std::vector<std::string>& argv, Io& io) {
  auto args = Args::Parse(argv, {"key-enc", "key-mac", "host-challenge", "card-challenge"}, {"s16"});
  if (!args.ok()) return UsageError(io, std::string(args.status().message()));
  if (!args->positional().empty()) return UsageError(io, "`jpki scp03 derive` takes no positional arguments");
  auto input = ReadSessionInput(*args);
  if (!input.ok()) return StatusError(io, input.status());
  auto keys = apdu::gp::DeriveSessionKeys(input->keys, input->host_challenge, input->card_challenge);
  if (!keys.ok()) return StatusError(io, keys.status());
  auto s_mac = crypto::Cmac::Create(keys->s_mac);
  if (!s_mac.ok()) return StatusError(io, s_mac.status());
  auto card = apdu::gp::CardCryptogram(*s_mac, input->host_challenge, input->card_challenge);
  auto host = apdu::gp::HostCryptogram(*s_mac, input->host_challenge, input->card_challenge);
  if (!card.ok()) return StatusError(io, card.status());
  if (!host.ok()) return StatusError(io, host.status());
  JsonWriter w;
  w.BeginObject();
  // Printing session keys is this verb's purpose (test and interoperability tooling).
  w.Field("s_enc", HexEncode(keys->s_enc.view()));
  w.Field("s_mac", HexEncode(keys->s_mac.view()));
  w.Field("s_rmac", HexEncode(keys->s_rmac.view()));
  w.Field("card_cryptogram", HexEncode(*card));
  w.Field("host_cryptogram", HexEncode(*host));
  w.EndObject();
  io.out << w.str() << "\n";
  return kExitOk;
}

int RunWrap(const std::vector<std::string>& argv, Io& io) {
  auto args = Args::Parse(argv, {"key-enc", "key-mac", "host-challenge", "card-challenge", "level"}, {"s16"});
  if (!args.ok()) return UsageError(io, std::string(args.status().message()));
  auto input = ReadSessionInput(*args);
  if (!input.ok()) return StatusError(io, input.status());
  if (!args->Get("level")) return UsageError(io, "missing --level");
  auto level = apdu::gp::SecurityLevelFromName(*args->Get("level"));
  if (!level.ok()) return StatusError(io, level.status());
  // Parse every APDU before printing anything, so bad input yields no partial output.
  std::vector<apdu::CommandApdu> commands;
  for (const std::string& hex : args->positional()) {
    auto bytes = HexDecode(hex);
    if (!bytes.ok()) return StatusError(io, bytes.status());
    auto parsed = apdu::ParseCommandApdu(*bytes);
    if (!parsed.ok()) return StatusError(io, parsed.status());
    commands.push_back(std::move(parsed->apdu));
  }
  const apdu::gp::Scp03Mode mode = args->Has("s16") ? apdu::gp::Scp03Mode::kS16 : apdu::gp::Scp03Mode::kS8;
  auto keys = apdu::gp::DeriveSessionKeys(input->keys, input->host_challenge, input->card_challenge);
  if (!keys.ok()) return StatusError(io, keys.status());
  auto s_mac = crypto::Cmac::Create(keys->s_mac);
  if (!s_mac.ok()) return StatusError(io, s_mac.status());
  auto host_cryptogram = apdu::gp::HostCryptogram(*s_mac, input->host_challenge, input->card_challenge);
  if (!host_cryptogram.ok()) return StatusError(io, host_cryptogram.status());
  auto channel = apdu::gp::Scp03Channel::Create(*keys, mode, *level);
  if (!channel.ok()) return StatusError(io, channel.status());
  std::vector<std::string> lines;
  auto ea = channel->MacExternalAuthenticate(apdu::gp::BuildExternalAuthenticatePlain(*level, *host_cryptogram));
  if (!ea.ok()) return StatusError(io, ea.status());
  auto ea_bytes = apdu::Encode(*ea);
  if (!ea_bytes.ok()) return StatusError(io, ea_bytes.status());
  lines.push_back(HexEncode(*ea_bytes));
  for (const auto& command : commands) {
    auto wrapped = channel->WrapCommand(command);
    if (!wrapped.ok()) return StatusError(io, wrapped.status());
    auto bytes = apdu::Encode(*wrapped);
    if (!bytes.ok()) return StatusError(io, bytes.status());
    lines.push_back(HexEncode(*bytes));
  }
  for (const auto& line : lines) io.out << line << "\n";
  return kExitOk;
}

JPKI_REGISTER_COMMAND(Command{"scp03 derive", "SCP03 session keys and cryptograms (GP Amendment D)", kDeriveUsage,
                              RunDerive});
JPKI_REGISTER_COMMAND(Command{"scp03 wrap", "wrap APDUs in an SCP03 session at a security level", kWrapUsage, RunWrap});

}  // namespace
}  // namespace jpki::cli
