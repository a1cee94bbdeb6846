// SCP03 secure-messaging benchmarks (part of //bench:apdu_bench): wrapping a command with 255 data bytes and
// unwrapping a response with 255 data bytes at every security level, beside the raw AES-CMAC of 255 bytes by
// jpkicore, OpenSSL (EVP_MAC "CMAC") and Botan (CMAC(AES-128)) as the yardstick. The wrap overhead above raw CMAC
// is the figure to minimise. Names: Operation/implementation/[level/]255 (shared/spec/bench.md); Scp03Wrap/jpkicore/255
// and Scp03Unwrap/jpkicore/255 are the full level (cmac-cdec-rmac-renc).
#include <benchmark/benchmark.h>
#include <botan/mac.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "apdu/gp/scp03_card_session.h"
#include "apdu/gp/scp03_host_session.h"
#include "base/bytes.h"
#include "crypto/cmac.h"

namespace jpki::bench {
namespace {

namespace gp = apdu::gp;
using apdu::CommandApdu;
using apdu::ResponseApdu;

constexpr size_t kSize = 255;
const uint8_t kKey[16] = {0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47,
                          0x48, 0x49, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f};

Bytes Pattern(size_t n) {
  Bytes b(n);
  for (size_t i = 0; i < n; ++i) b[i] = static_cast<uint8_t>(i * 13 + 5);
  return b;
}

gp::Scp03Keys Keys() {
  Bytes k(kKey, kKey + 16);
  return std::move(*gp::Scp03Keys::Create(0x30, SecretBytes(k), SecretBytes(k), SecretBytes(k)));
}

// A host session and a card session at `level`, after INITIALIZE UPDATE and EXTERNAL AUTHENTICATE.
struct Session {
  std::unique_ptr<gp::Scp03CardSession> card;
  std::unique_ptr<gp::Scp03HostSession> host;
};
Session Open(gp::SecurityLevel level) {
  Session s;
  s.card = std::make_unique<gp::Scp03CardSession>(
      gp::Scp03CardConfig{Keys(), Bytes(10, 1), 0x70, Bytes{0xA0, 0, 0, 1, 0x51, 0, 0, 0}, nullptr});
  const Bytes challenge(8, 0x42);
  auto iu = s.card->ProcessInitializeUpdate(*gp::BuildInitializeUpdate(0x30, challenge), 1);
  if (!iu.ok()) std::abort();
  auto host = gp::Scp03HostSession::Create(Keys(), challenge, *iu, level);
  if (!host.ok()) std::abort();
  s.host = std::make_unique<gp::Scp03HostSession>(std::move(*host));
  auto ea = s.host->ExternalAuthenticate();
  if (!ea.ok() || s.card->ProcessExternalAuthenticate(*ea)->sw != 0x9000) std::abort();
  if (!s.host->ConfirmExternalAuthenticate(ResponseApdu{{}, 0x9000}).ok()) std::abort();
  return s;
}

void Scp03Wrap(benchmark::State& state, gp::SecurityLevel level) {
  Session s = Open(level);
  const CommandApdu command{0x80, 0xE2, 0x80, 0x00, Pattern(kSize), std::nullopt};
  for (auto _ : state) {
    auto wrapped = s.host->Wrap(command);
    if (!wrapped.ok()) std::abort();
    benchmark::DoNotOptimize(wrapped->data.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(kSize));
}

void Scp03Unwrap(benchmark::State& state, gp::SecurityLevel level) {
  Session s = Open(level);
  // One command goes through; its response is unwrapped again and again (unwrapping changes no session state).
  auto wire = s.host->Wrap(CommandApdu{0x80, 0xCA, 0x00, 0x66, {}, 256});
  if (!wire.ok() || !s.card->UnwrapCommand(*wire).ok()) std::abort();
  auto response = s.card->WrapResponse(ResponseApdu{Pattern(kSize), 0x9000});
  if (!response.ok()) std::abort();
  for (auto _ : state) {
    auto plain = s.host->Unwrap(*response);
    if (!plain.ok()) std::abort();
    benchmark::DoNotOptimize(plain->data.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(kSize));
}

void AesCmacJpkicore(benchmark::State& state) {
  auto cmac = crypto::Cmac::Create(SecretBytes(ByteView(kKey, 16)));
  if (!cmac.ok()) std::abort();
  const Bytes msg = Pattern(kSize);
  for (auto _ : state) {
    auto tag = cmac->Mac(msg);
    if (!tag.ok()) std::abort();
    benchmark::DoNotOptimize(tag->data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(kSize));
}

void AesCmacOpenssl(benchmark::State& state) {
  EVP_MAC* mac = EVP_MAC_fetch(nullptr, "CMAC", nullptr);
  EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
  char cipher[] = "AES-128-CBC";
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, cipher, 0),
                         OSSL_PARAM_construct_end()};
  if (EVP_MAC_init(ctx, kKey, sizeof(kKey), params) != 1) std::abort();
  const Bytes msg = Pattern(kSize);
  uint8_t tag[16];
  size_t tag_len = 0;
  for (auto _ : state) {
    // A NULL key re-initialises with the key already set (no new key schedule).
    if (EVP_MAC_init(ctx, nullptr, 0, nullptr) != 1 || EVP_MAC_update(ctx, msg.data(), msg.size()) != 1 ||
        EVP_MAC_final(ctx, tag, &tag_len, sizeof(tag)) != 1) {
      std::abort();
    }
    benchmark::DoNotOptimize(tag);
  }
  EVP_MAC_CTX_free(ctx);
  EVP_MAC_free(mac);
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(kSize));
}

void AesCmacBotan(benchmark::State& state) {
  auto mac = Botan::MessageAuthenticationCode::create_or_throw("CMAC(AES-128)");
  mac->set_key(kKey, sizeof(kKey));
  const Bytes msg = Pattern(kSize);
  uint8_t tag[16];
  for (auto _ : state) {
    mac->update(msg.data(), msg.size());
    mac->final(tag);
    benchmark::DoNotOptimize(tag);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(kSize));
}

struct Level {
  const char* name;
  gp::SecurityLevel level;
};
constexpr Level kLevels[] = {
    {"cmac", gp::SecurityLevel::kCMac},
    {"cmac-cdec", gp::SecurityLevel::kCMacCDec},
    {"cmac-rmac", gp::SecurityLevel::kCMacRMac},
    {"cmac-cdec-rmac", gp::SecurityLevel::kCMacCDecRMac},
    {"cmac-rmac-renc", gp::SecurityLevel::kCMacRMacREnc},
    {"cmac-cdec-rmac-renc", gp::SecurityLevel::kCMacCDecRMacREnc},
};

int Register() {
  benchmark::RegisterBenchmark("AesCmac/jpkicore/255", AesCmacJpkicore);
  benchmark::RegisterBenchmark("AesCmac/openssl/255", AesCmacOpenssl);
  benchmark::RegisterBenchmark("AesCmac/botan/255", AesCmacBotan);
  benchmark::RegisterBenchmark("Scp03Wrap/jpkicore/255", Scp03Wrap, gp::SecurityLevel::kCMacCDecRMacREnc);
  benchmark::RegisterBenchmark("Scp03Unwrap/jpkicore/255", Scp03Unwrap, gp::SecurityLevel::kCMacCDecRMacREnc);
  for (const auto& l : kLevels) {
    benchmark::RegisterBenchmark((std::string("Scp03Wrap/jpkicore/") + l.name + "/255").c_str(), Scp03Wrap, l.level);
  }
  for (const auto& l : kLevels) {
    benchmark::RegisterBenchmark((std::string("Scp03Unwrap/jpkicore/") + l.name + "/255").c_str(), Scp03Unwrap,
                                 l.level);
  }
  return 0;
}
const int kRegistered = Register();

}  // namespace
}  // namespace jpki::bench
