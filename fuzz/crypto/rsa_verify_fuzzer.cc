// Fuzzes RSA signature verification with a fixed 2048-bit key (Wycheproof rsa_signature_2048_sha256, group 1) and
// fuzzed signature bytes and message. Input layout: the first 256 bytes are the signature and the rest the message;
// a shorter input is all signature, over the known message.
// Invariants (abort on violation): nothing crashes; PKCS#1 v1.5 verification succeeds iff the signature and message
// are exactly the known valid pair (RSASSA-PKCS1-v1_5 has one signature per key and message); every failure is the
// uniform signature error; PSS verification (fixed and auto salt) fails uniformly on these non-PSS inputs unless it
// is a valid PSS signature, which would have to verify identically with the auto salt length.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "base/bytes.h"
#include "crypto/rsa_key.h"
#include "crypto/rsa_pkcs1.h"
#include "crypto/rsa_pss.h"
#include "crypto/signature_error.h"

namespace {

using namespace jpki;          // NOLINT: a fuzzer's small scope
using namespace jpki::crypto;  // NOLINT

constexpr char kPublicKey[] =
    "3082010a0282010100a2b451a07d0aa5f96e455671513550514a8a5b462ebef717094fa1fee82224e637f9746d3f7cafd31878d80325b6ef"
    "5a1700f65903b469429e89d6eac8845097b5ab393189db92512ed8a7711a1253facd20f79c15e8247f3d3e42e46e48c98e254a2fe976531"
    "3a03eff8f17e1a029397a1fa26a8dce26f490ed81299615d9814c22da610428e09c7d9658594266f5c021d0fceca08d945a12be82de4d1e"
    "ce6b4c03145b5d3495d4ed5411eb878daf05fd7afc3e09ada0f1126422f590975a1969816f48698bcbba1b4d9cae79d460d8f9f85e79750"
    "05d9bc22c4e5ac0f7c1a45d12569a62807d3b9a02e5a530e773066f453d1f5b4c2e9cf7820283f742b9d50203010001";
// tcId 2: SHA-256 over 20 zero bytes.
constexpr char kSignature[] =
    "8a1b220cb2ab415dc760eb7f5bb10335a3cca269d7dbbf7d0962ba79f9cf7b43a5fc09c99a1584f07403473d6c189a836897a5b6f8ea9fa2"
    "2d601e6ba5f7411fe27c638b81b1a22363583a80fce8c7df3e40fb51bd0e60d0a6653f79f3bcb7ec3e9dc14cfb5b31ab1735bca692d50ac0"
    "3f979dda92747c6430f8045efa3513ba6e0ce3e9e35570e1c30c8ebe589b44192e1344ca83dfa576fc6fdc7bf1cd7cee875b001c8c02ce8d"
    "602769e4bd9d241c4857182a0089a8b67644e73eef105c550efa47a40874289395ac0c4e02fd4ba98e130a4c2d1b95521c6af4a002ac3bdc"
    "6e52122ae4c08cc3da1c896e059acbddec574ac0432f6103dd97273d8803c102";

void Check(bool condition) {
  if (!condition) std::abort();
}

struct Fixture {
  RsaPublicKey key = RsaPublicKey::ParsePkcs1Der(HexDecode(kPublicKey).value()).value();
  Bytes signature = HexDecode(kSignature).value();
  Bytes message = Bytes(20, 0);
};

const Fixture& Get() {
  static const Fixture* fixture = new Fixture();
  return *fixture;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Fixture& f = Get();
  const ByteView input(data, size);
  const size_t k = f.key.modulus_bytes();
  const ByteView sig = input.size() >= k ? input.subspan(0, k) : input;
  const ByteView msg = input.size() >= k ? input.subspan(k) : ByteView(f.message);

  const absl::Status status = RsaPkcs1Verify(f.key, HashAlgorithm::kSha256, msg, sig);
  const bool known_pair = Equal(sig, f.signature) && Equal(msg, f.message);
  Check(status.ok() == known_pair);
  Check(status.ok() || IsSignatureError(status));

  PssOptions fixed;
  PssOptions any = fixed;
  any.salt_length = PssSaltLength::Auto();
  const absl::Status pss_fixed = RsaPssVerify(f.key, fixed, msg, sig);
  const absl::Status pss_any = RsaPssVerify(f.key, any, msg, sig);
  Check(pss_fixed.ok() || IsSignatureError(pss_fixed));
  Check(pss_any.ok() || IsSignatureError(pss_any));
  Check(!pss_fixed.ok() || pss_any.ok());  // a fixed-salt success is also an auto-salt success
  return 0;
}
