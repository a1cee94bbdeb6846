#include "crypto/internal/sha512_224.h"

#include <cstdint>
#include <string>

// Botan marks these headers as future-internal with a #pragma warning; SHA_512::compress_digest and MDx_HashFunction
// are still its public API in 2.19, and the warning would stop a -Werror build.
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-W#pragma-messages"
#pragma clang diagnostic ignored "-W#warnings"
#include <botan/loadstor.h>
#include <botan/mdx_hash.h>
#include <botan/sha2_64.h>
#pragma clang diagnostic pop

namespace jpki::crypto::internal {
namespace {

// SHA-512/224's initial hash value, FIPS 180-4 section 5.3.6.1.
constexpr uint64_t kInitialValue[8] = {
    0x8C3D37C819544DA2, 0x73E1996689DCD4D6, 0x1DFAB7AE32FF9C82, 0x679DD514582F9FCF,
    0x0F6D2B697BD44DA8, 0x77E36F7304C48942, 0x3F9D85A86A1D36C8, 0x1112E6AD91D692A1,
};

constexpr size_t kOutputBytes = 28;

class Sha512_224 final : public Botan::MDx_HashFunction {
 public:
  // 128-byte blocks, big-endian words and bit count, a 16-byte length field: SHA-512's padding (FIPS 180-4 5.1.2).
  Sha512_224() : Botan::MDx_HashFunction(128, true, true, 16), state_(8) { Reset(); }

  [[nodiscard]] std::string name() const override { return "SHA-512/224"; }
  [[nodiscard]] size_t output_length() const override { return kOutputBytes; }
  [[nodiscard]] Botan::HashFunction* clone() const override { return new Sha512_224; }
  [[nodiscard]] std::unique_ptr<Botan::HashFunction> copy_state() const override {
    return std::unique_ptr<Botan::HashFunction>(new Sha512_224(*this));
  }
  void clear() override {
    Botan::MDx_HashFunction::clear();
    Reset();
  }

 private:
  void Reset() { state_.assign(std::begin(kInitialValue), std::end(kInitialValue)); }
  void compress_n(const uint8_t blocks[], size_t count) override {
    Botan::SHA_512::compress_digest(state_, blocks, count);
  }
  // The digest is the first 224 bits of the big-endian state (FIPS 180-4 6.7).
  void copy_out(uint8_t out[]) override { Botan::copy_out_vec_be(out, kOutputBytes, state_); }

  Botan::secure_vector<uint64_t> state_;
};

}  // namespace

std::unique_ptr<Botan::HashFunction> NewSha512_224() { return std::make_unique<Sha512_224>(); }

}  // namespace jpki::crypto::internal
