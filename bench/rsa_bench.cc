// RSA signing and verification: jpkicore (auto path and each arithmetic path separately), OpenSSL 3 and Botan 2 on
// the same keys, PKCS#1 v1.5 with SHA-256 over a fixed 32-byte digest; batches of verifications; verification with a
// key seen for the first time. Names: Operation/implementation/bits
// (shared/spec/bench.md). Run pinned: taskset -c 0 bazel-bin/bench/rsa_bench --benchmark_format=json.
#include <benchmark/benchmark.h>
#include <botan/auto_rng.h>
#include <botan/data_src.h>
#include <botan/pubkey.h>
#include <botan/rsa.h>
#include <botan/x509_key.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/ct.h"
#include "crypto/random.h"
#include "crypto/rsa_batch_verify.h"
#include "crypto/rsa_key.h"
#include "crypto/rsa_pkcs1.h"
#include "crypto/rsa_primitive.h"

namespace jpki::bench {
namespace {

using crypto::ArithPath;
using crypto::RsaPrivateNumbers;

// DigestInfo prefix for SHA-256 (RFC 8017 section 9.2, note 1).
constexpr uint8_t kSha256Prefix[] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                     0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};

const uint8_t* Digest() {
  static uint8_t digest[32];
  for (int i = 0; i < 32; ++i) digest[i] = static_cast<uint8_t>(0xa0 + i);
  return digest;
}

// EncodePkcs1Sha256 builds EM = 00 01 FF..FF 00 DigestInfo(digest) of `len` bytes.
void EncodePkcs1Sha256(const uint8_t* digest, uint8_t* em, size_t len) {
  const size_t t_len = sizeof(kSha256Prefix) + 32;
  em[0] = 0x00;
  em[1] = 0x01;
  std::memset(em + 2, 0xff, len - t_len - 3);
  em[len - t_len - 1] = 0x00;
  std::memcpy(em + len - t_len, kSha256Prefix, sizeof(kSha256Prefix));
  std::memcpy(em + len - 32, digest, 32);
}

const RsaPrivateNumbers& Key(size_t bits) {
  static auto* keys = new std::map<size_t, RsaPrivateNumbers>();
  auto it = keys->find(bits);
  if (it == keys->end()) {
    auto rng = crypto::NewDeterministicRandom(20260000 + bits);
    auto k = crypto::GenerateRsaPrivateNumbers(bits, 65537, *rng);
    if (!k.ok()) std::abort();
    it = keys->emplace(bits, std::move(*k)).first;
  }
  return it->second;
}

// ApiKey imports Key(bits) through the public key API (the numbers are checked; this cannot fail for generated keys).
crypto::RsaPrivateKey ApiKey(size_t bits) {
  const RsaPrivateNumbers& k = Key(bits);
  auto key = crypto::RsaPrivateKey::FromNumbers(
      RsaPrivateNumbers{k.n, k.e, k.d.Clone(), k.p.Clone(), k.q.Clone(), k.dp.Clone(), k.dq.Clone(), k.qinv.Clone()});
  if (!key.ok()) std::abort();
  return std::move(*key);
}

// ---- jpkicore ----

// The public API a user calls: RsaPkcs1SignDigest (encoding, CRT, blinding, verify-after-sign) and
// RsaPkcs1VerifyDigest (RSAVP1, re-encoding and constant-time comparison), on the best arithmetic path.
void JpkicoreApiSign(benchmark::State& state, size_t bits) {
  const crypto::RsaPrivateKey key = ApiKey(bits);
  const ByteView digest(Digest(), 32);
  for (auto _ : state) {
    auto sig = crypto::RsaPkcs1SignDigest(key, crypto::SignatureHash::kSha256, digest);
    if (!sig.ok()) return state.SkipWithError("sign failed");
    benchmark::DoNotOptimize(sig->data());
  }
  state.SetItemsProcessed(state.iterations());
}

void JpkicoreApiVerify(benchmark::State& state, size_t bits) {
  const crypto::RsaPrivateKey key = ApiKey(bits);
  const ByteView digest(Digest(), 32);
  auto sig = crypto::RsaPkcs1SignDigest(key, crypto::SignatureHash::kSha256, digest);
  if (!sig.ok()) return state.SkipWithError("sign failed");
  const crypto::RsaPublicKey& pub = key.public_key();
  for (auto _ : state) {
    if (!crypto::RsaPkcs1VerifyDigest(pub, crypto::HashAlgorithm::kSha256, digest, *sig).ok()) {
      return state.SkipWithError("verify failed");
    }
  }
  state.SetItemsProcessed(state.iterations());
}

// The primitive with an inline PKCS#1 v1.5 encoding, on one forced arithmetic path (RsaSign/jpkicore-<path>/...).

void JpkicoreSign(benchmark::State& state, size_t bits, ArithPath path) {
  auto priv = crypto::RsaPrivatePrimitive::Create(Key(bits), path);
  if (!priv.ok()) return state.SkipWithError("create failed");
  const size_t len = (*priv)->modulus_bytes();
  std::vector<uint8_t> em(len), sig(len);
  for (auto _ : state) {
    EncodePkcs1Sha256(Digest(), em.data(), len);
    if (!(*priv)->Apply(em, absl::MakeSpan(sig)).ok()) return state.SkipWithError("sign failed");
    benchmark::DoNotOptimize(sig.data());
  }
  state.SetItemsProcessed(state.iterations());
}

void JpkicoreVerify(benchmark::State& state, size_t bits, ArithPath path) {
  auto priv = crypto::RsaPrivatePrimitive::Create(Key(bits), path);
  if (!priv.ok()) return state.SkipWithError("create failed");
  auto pub = crypto::RsaPublicPrimitive::Create(Key(bits).n, Key(bits).e, path);
  const size_t len = (*pub)->modulus_bytes();
  std::vector<uint8_t> em(len), sig(len), got(len), expected(len);
  EncodePkcs1Sha256(Digest(), em.data(), len);
  if (!(*priv)->Apply(em, absl::MakeSpan(sig)).ok()) return state.SkipWithError("sign failed");
  for (auto _ : state) {
    if (!(*pub)->Apply(sig, absl::MakeSpan(got)).ok()) return state.SkipWithError("verify failed");
    EncodePkcs1Sha256(Digest(), expected.data(), len);
    if (!ct::Equal(got.data(), expected.data(), len)) return state.SkipWithError("mismatch");
  }
  state.SetItemsProcessed(state.iterations());
}

// ---- OpenSSL ----

struct EvpKeyDeleter {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct EvpCtxDeleter {
  void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};

std::unique_ptr<EVP_PKEY, EvpKeyDeleter> OpensslKey(const RsaPrivateNumbers& k) {
  auto bn = [](ByteView v) { return BN_bin2bn(v.data(), static_cast<int>(v.size()), nullptr); };
  BIGNUM* parts[8] = {bn(k.n),        bn(k.e),         bn(k.d.view()),  bn(k.p.view()),
                      bn(k.q.view()), bn(k.dp.view()), bn(k.dq.view()), bn(k.qinv.view())};
  const char* names[8] = {OSSL_PKEY_PARAM_RSA_N,         OSSL_PKEY_PARAM_RSA_E,           OSSL_PKEY_PARAM_RSA_D,
                          OSSL_PKEY_PARAM_RSA_FACTOR1,   OSSL_PKEY_PARAM_RSA_FACTOR2,     OSSL_PKEY_PARAM_RSA_EXPONENT1,
                          OSSL_PKEY_PARAM_RSA_EXPONENT2, OSSL_PKEY_PARAM_RSA_COEFFICIENT1};
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  for (int i = 0; i < 8; ++i) OSSL_PARAM_BLD_push_BN(bld, names[i], parts[i]);
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
  EVP_PKEY* key = nullptr;
  if (EVP_PKEY_fromdata_init(ctx) <= 0 || EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_KEYPAIR, params) <= 0) std::abort();
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  OSSL_PARAM_BLD_free(bld);
  for (BIGNUM* b : parts) BN_clear_free(b);
  return std::unique_ptr<EVP_PKEY, EvpKeyDeleter>(key);
}

std::unique_ptr<EVP_PKEY_CTX, EvpCtxDeleter> OpensslCtx(EVP_PKEY* key, bool sign) {
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(key, nullptr);
  if ((sign ? EVP_PKEY_sign_init(ctx) : EVP_PKEY_verify_init(ctx)) <= 0 ||
      EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) <= 0 ||
      EVP_PKEY_CTX_set_signature_md(ctx, EVP_sha256()) <= 0) {
    std::abort();
  }
  return std::unique_ptr<EVP_PKEY_CTX, EvpCtxDeleter>(ctx);
}

void OpensslSign(benchmark::State& state, size_t bits) {
  auto key = OpensslKey(Key(bits));
  auto ctx = OpensslCtx(key.get(), true);
  std::vector<uint8_t> sig(bits / 8);
  for (auto _ : state) {
    size_t sig_len = sig.size();
    if (EVP_PKEY_sign(ctx.get(), sig.data(), &sig_len, Digest(), 32) <= 0) return state.SkipWithError("sign failed");
    benchmark::DoNotOptimize(sig.data());
  }
  state.SetItemsProcessed(state.iterations());
}

void OpensslVerify(benchmark::State& state, size_t bits) {
  auto key = OpensslKey(Key(bits));
  auto sctx = OpensslCtx(key.get(), true);
  auto vctx = OpensslCtx(key.get(), false);
  std::vector<uint8_t> sig(bits / 8);
  size_t sig_len = sig.size();
  if (EVP_PKEY_sign(sctx.get(), sig.data(), &sig_len, Digest(), 32) <= 0) return state.SkipWithError("sign failed");
  for (auto _ : state) {
    if (EVP_PKEY_verify(vctx.get(), sig.data(), sig_len, Digest(), 32) != 1) return state.SkipWithError("verify");
  }
  state.SetItemsProcessed(state.iterations());
}

// ---- Botan ----

std::unique_ptr<Botan::RSA_PrivateKey> BotanKey(const RsaPrivateNumbers& k) {
  auto big = [](ByteView v) { return Botan::BigInt(v.data(), v.size()); };
  return std::make_unique<Botan::RSA_PrivateKey>(big(k.p.view()), big(k.q.view()), big(k.e), big(k.d.view()), big(k.n));
}

void BotanSign(benchmark::State& state, size_t bits) {
  Botan::AutoSeeded_RNG rng;
  auto key = BotanKey(Key(bits));
  Botan::PK_Signer signer(*key, rng, "EMSA3(SHA-256)");
  for (auto _ : state) {
    auto sig = signer.sign_message(Digest(), 32, rng);
    benchmark::DoNotOptimize(sig.data());
  }
  state.SetItemsProcessed(state.iterations());
}

void BotanVerify(benchmark::State& state, size_t bits) {
  Botan::AutoSeeded_RNG rng;
  auto key = BotanKey(Key(bits));
  Botan::PK_Signer signer(*key, rng, "EMSA3(SHA-256)");
  const auto sig = signer.sign_message(Digest(), 32, rng);
  Botan::PK_Verifier verifier(*key, "EMSA3(SHA-256)");
  for (auto _ : state) {
    if (!verifier.verify_message(Digest(), 32, sig.data(), sig.size())) return state.SkipWithError("verify");
  }
  state.SetItemsProcessed(state.iterations());
}

// ---- A verifier meeting a key for the first time ----
// RsaVerifyFreshKey: parse the SubjectPublicKeyInfo (as found in a certificate), set the key up and verify one
// signature, every iteration: what a relying party pays per signer when keys are not cached.

struct FreshKeyInput {
  Bytes spki;
  std::vector<uint8_t> sig;
};

const FreshKeyInput& FreshKey(size_t bits) {
  static auto* inputs = new std::map<size_t, FreshKeyInput>();
  auto it = inputs->find(bits);
  if (it == inputs->end()) {
    const crypto::RsaPrivateKey key = ApiKey(bits);
    auto sig = crypto::RsaPkcs1SignDigest(key, crypto::SignatureHash::kSha256, ByteView(Digest(), 32));
    if (!sig.ok()) std::abort();
    it =
        inputs->emplace(bits, FreshKeyInput{key.public_key().SpkiDer(), std::vector<uint8_t>(sig->begin(), sig->end())})
            .first;
  }
  return it->second;
}

void JpkicoreFreshKeyVerify(benchmark::State& state, size_t bits) {
  const FreshKeyInput& in = FreshKey(bits);
  for (auto _ : state) {
    auto pub = crypto::RsaPublicKey::ParseSpkiDer(in.spki);
    if (!pub.ok()) return state.SkipWithError("parse failed");
    if (!crypto::RsaPkcs1VerifyDigest(*pub, crypto::HashAlgorithm::kSha256, ByteView(Digest(), 32), in.sig).ok()) {
      return state.SkipWithError("verify failed");
    }
  }
  state.SetItemsProcessed(state.iterations());
}

void OpensslFreshKeyVerify(benchmark::State& state, size_t bits) {
  const FreshKeyInput& in = FreshKey(bits);
  for (auto _ : state) {
    const unsigned char* p = in.spki.data();
    std::unique_ptr<EVP_PKEY, EvpKeyDeleter> key(d2i_PUBKEY(nullptr, &p, static_cast<long>(in.spki.size())));
    if (!key) return state.SkipWithError("parse failed");
    auto ctx = OpensslCtx(key.get(), false);
    if (EVP_PKEY_verify(ctx.get(), in.sig.data(), in.sig.size(), Digest(), 32) != 1) {
      return state.SkipWithError("verify failed");
    }
  }
  state.SetItemsProcessed(state.iterations());
}

void BotanFreshKeyVerify(benchmark::State& state, size_t bits) {
  const FreshKeyInput& in = FreshKey(bits);
  for (auto _ : state) {
    Botan::DataSource_Memory source(in.spki.data(), in.spki.size());
    std::unique_ptr<Botan::Public_Key> key(Botan::X509::load_key(source));
    Botan::PK_Verifier verifier(*key, "EMSA3(SHA-256)");
    // Botan's EMSA3 hashes its input, so this verifies a signature over the message Digest(); ours and OpenSSL's
    // take the digest. The difference is one SHA-256 of 32 bytes.
    benchmark::DoNotOptimize(verifier.verify_message(Digest(), 32, in.sig.data(), in.sig.size()));
  }
  state.SetItemsProcessed(state.iterations());
}

// ---- Batches ----
// RsaBatchVerify: kBatch PKCS#1 v1.5 SHA-256 signatures over different digests under one key, checked in one
// RsaBatchVerify call; the peers, which have no batch API, verify them one by one with their prepared objects. Items
// per second count signatures.

constexpr int kBatch = 16;

struct BatchInput {
  std::vector<std::vector<uint8_t>> digests;
  std::vector<std::vector<uint8_t>> sigs;
};

const BatchInput& Batch(size_t bits) {
  static auto* inputs = new std::map<size_t, BatchInput>();
  auto it = inputs->find(bits);
  if (it == inputs->end()) {
    const crypto::RsaPrivateKey key = ApiKey(bits);
    BatchInput in;
    for (int i = 0; i < kBatch; ++i) {
      std::vector<uint8_t> digest(Digest(), Digest() + 32);
      digest[0] = static_cast<uint8_t>(i);
      auto sig = crypto::RsaPkcs1SignDigest(key, crypto::SignatureHash::kSha256, digest);
      if (!sig.ok()) std::abort();
      in.digests.push_back(digest);
      in.sigs.emplace_back(sig->begin(), sig->end());
    }
    it = inputs->emplace(bits, std::move(in)).first;
  }
  return it->second;
}

void JpkicoreBatchVerify(benchmark::State& state, size_t bits) {
  const BatchInput& in = Batch(bits);
  auto pub = crypto::RsaPublicKey::FromComponents(Key(bits).n, Key(bits).e);
  if (!pub.ok()) return state.SkipWithError("key import failed");
  std::vector<crypto::RsaBatchVerifyItem> items(kBatch);
  for (int i = 0; i < kBatch; ++i) {
    items[i].key = &*pub;
    items[i].input = crypto::SignedInput::kDigest;
    items[i].data = in.digests[i];
    items[i].signature = in.sigs[i];
  }
  for (auto _ : state) {
    const std::vector<absl::Status> results = crypto::RsaBatchVerify(items);
    for (const absl::Status& r : results) {
      if (!r.ok()) return state.SkipWithError("verify failed");
    }
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}

void OpensslBatchVerify(benchmark::State& state, size_t bits) {
  const BatchInput& in = Batch(bits);
  auto key = OpensslKey(Key(bits));
  auto ctx = OpensslCtx(key.get(), false);
  for (auto _ : state) {
    for (int i = 0; i < kBatch; ++i) {
      if (EVP_PKEY_verify(ctx.get(), in.sigs[i].data(), in.sigs[i].size(), in.digests[i].data(), 32) != 1) {
        return state.SkipWithError("verify failed");
      }
    }
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}

void BotanBatchVerify(benchmark::State& state, size_t bits) {
  const BatchInput& in = Batch(bits);
  auto key = BotanKey(Key(bits));
  // Botan's EMSA3 hashes its input, so it gets signatures of its own over the same inputs.
  Botan::AutoSeeded_RNG rng;
  Botan::PK_Signer signer(*key, rng, "EMSA3(SHA-256)");
  std::vector<std::vector<uint8_t>> sigs;
  for (int i = 0; i < kBatch; ++i) sigs.push_back(signer.sign_message(in.digests[i].data(), 32, rng));
  Botan::PK_Verifier verifier(*key, "EMSA3(SHA-256)");
  for (auto _ : state) {
    for (int i = 0; i < kBatch; ++i) {
      if (!verifier.verify_message(in.digests[i].data(), 32, sigs[i].data(), sigs[i].size())) {
        return state.SkipWithError("verify failed");
      }
    }
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}

// ---- Registration ----

// Every benchmark reports wall-clock time: Botan computes the two CRT halves on a second thread, whose CPU time the
// default per-thread CPU clock would not count. Pinned to one core (shared/spec/bench.md), wall-clock time is the
// cost of one operation for all three libraries alike.
void Add(const std::string& name, void (*fn)(benchmark::State&, size_t), size_t bits) {
  benchmark::RegisterBenchmark(name.c_str(), fn, bits)->UseRealTime();
}
void Add(const std::string& name, void (*fn)(benchmark::State&, size_t, ArithPath), size_t bits, ArithPath p) {
  benchmark::RegisterBenchmark(name.c_str(), fn, bits, p)->UseRealTime();
}

int Register() {
  for (size_t bits : {2048, 3072, 4096}) {
    const std::string b = std::to_string(bits);
    Add("RsaSign/jpkicore/" + b, JpkicoreApiSign, bits);
    Add("RsaSign/openssl/" + b, OpensslSign, bits);
    Add("RsaSign/botan/" + b, BotanSign, bits);
    for (ArithPath p : {ArithPath::kPortable, ArithPath::kMulx, ArithPath::kIfma, ArithPath::kIfma512}) {
      if (!crypto::ArithPathSupported(p)) continue;
      Add("RsaSign/jpkicore-" + std::string(crypto::ArithPathName(p)) + "/" + b, JpkicoreSign, bits, p);
    }
    Add("RsaVerify/jpkicore/" + b, JpkicoreApiVerify, bits);
    Add("RsaVerify/openssl/" + b, OpensslVerify, bits);
    Add("RsaVerify/botan/" + b, BotanVerify, bits);
    for (ArithPath p : {ArithPath::kPortable, ArithPath::kMulx, ArithPath::kIfma, ArithPath::kIfma512}) {
      if (!crypto::ArithPathSupported(p)) continue;
      Add("RsaVerify/jpkicore-" + std::string(crypto::ArithPathName(p)) + "/" + b, JpkicoreVerify, bits, p);
    }
    Add("RsaBatchVerify/jpkicore/" + b, JpkicoreBatchVerify, bits);
    Add("RsaBatchVerify/openssl/" + b, OpensslBatchVerify, bits);
    Add("RsaBatchVerify/botan/" + b, BotanBatchVerify, bits);
    Add("RsaVerifyFreshKey/jpkicore/" + b, JpkicoreFreshKeyVerify, bits);
    Add("RsaVerifyFreshKey/openssl/" + b, OpensslFreshKeyVerify, bits);
    Add("RsaVerifyFreshKey/botan/" + b, BotanFreshKeyVerify, bits);
  }
  return 0;
}

const int kRegistered = Register();

}  // namespace
}  // namespace jpki::bench
