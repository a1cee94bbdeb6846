// Fuzzes RSA key import: PKCS#1 (private and public), PKCS#8, SPKI, and the DER/PEM auto-detecting Parse.
// Invariants (abort on violation): nothing crashes; a key that parses from DER re-serialises to exactly the input
// bytes; a key parsed by Parse (DER or PEM) re-parses from its own serialisation to the same key.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "base/bytes.h"
#include "crypto/rsa_key.h"

namespace {

using jpki::ByteView;
using jpki::crypto::KeyPolicy;
using jpki::crypto::RsaPrivateKey;
using jpki::crypto::RsaPublicKey;

void Check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const ByteView input(data, size);
  // Small keys keep the fuzzer fast; the size policy itself is a plain comparison covered by unit tests.
  KeyPolicy policy;
  policy.min_modulus_bits = 512;
  policy.max_modulus_bits = 4096;

  if (auto key = RsaPrivateKey::ParsePkcs1Der(input, policy); key.ok()) {
    Check(key->Pkcs1Der().ConstantTimeEquals(input));
  }
  if (auto key = RsaPrivateKey::ParsePkcs8Der(input, policy); key.ok()) {
    Check(key->Pkcs8Der().ConstantTimeEquals(input));
  }
  if (auto key = RsaPublicKey::ParsePkcs1Der(input, policy); key.ok()) {
    Check(jpki::Equal(key->Pkcs1Der(), input));
  }
  if (auto key = RsaPublicKey::ParseSpkiDer(input, policy); key.ok()) {
    Check(jpki::Equal(key->SpkiDer(), input));
  }
  if (auto key = RsaPrivateKey::Parse(input, policy); key.ok()) {
    auto again = RsaPrivateKey::Parse(key->Pkcs8Pem().view(), policy);
    Check(again.ok() && again->public_key() == key->public_key());
    Check(again->Pkcs1Der().ConstantTimeEquals(key->Pkcs1Der().view()));
  }
  if (auto key = RsaPublicKey::Parse(input, policy); key.ok()) {
    auto again = RsaPublicKey::Parse(jpki::AsBytes(key->SpkiPem()), policy);
    Check(again.ok() && *again == *key);
  }
  return 0;
}
