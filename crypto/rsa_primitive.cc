// Temporary implementation over Botan's BigInt so that the key layer can integrate against the final API; replaced by
// jpkicore's own constant-time Montgomery arithmetic (crypto/internal/) in the following commits.
#include "crypto/rsa_primitive.h"

#include <botan/bigint.h>
#include <botan/divide.h>
#include <botan/numthry.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <string>

#include "base/botan_boundary.h"
#include "base/ct.h"
#include "base/error.h"
#include "base/status_macros.h"

namespace jpki::crypto {
namespace internal {

class RsaPublicState {
 public:
  Botan::BigInt n, e;
  size_t bits = 0, bytes = 0;
  ArithPath path = ArithPath::kPortable;
};

class RsaPrivateState {
 public:
  std::unique_ptr<RsaPublicPrimitive> pub;
  Botan::BigInt d, p, q, dp, dq, qinv;
  std::atomic<int> fault{0};
};

}  // namespace internal

namespace {
constexpr char kModule[] = "rsa";

absl::Status Invalid(const std::string& msg) { return MakeError(ErrorCode::kInvalidArgument, kModule, msg); }

Botan::BigInt FromBytes(ByteView v) { return Botan::BigInt(v.data(), v.size()); }
}  // namespace

ArithPath SelectedArithPath() { return ArithPath::kPortable; }
bool ArithPathSupported(ArithPath path) { return path == ArithPath::kAuto || path == ArithPath::kPortable; }
const char* ArithPathName(ArithPath path) {
  switch (path) {
    case ArithPath::kAuto:
      return "auto";
    case ArithPath::kPortable:
      return "portable";
    case ArithPath::kMulx:
      return "mulx";
    case ArithPath::kIfma:
      return "ifma";
  }
  return "unknown";
}

RsaPublicPrimitive::RsaPublicPrimitive(std::unique_ptr<internal::RsaPublicState> state) : state_(std::move(state)) {}
RsaPublicPrimitive::~RsaPublicPrimitive() = default;
size_t RsaPublicPrimitive::modulus_bits() const { return state_->bits; }
size_t RsaPublicPrimitive::modulus_bytes() const { return state_->bytes; }
ArithPath RsaPublicPrimitive::path() const { return state_->path; }

absl::StatusOr<std::unique_ptr<RsaPublicPrimitive>> RsaPublicPrimitive::Create(ByteView n, ByteView e, ArithPath path) {
  if (!ArithPathSupported(path)) return MakeError(ErrorCode::kUnsupported, kModule, "arithmetic path not supported");
  auto state = std::make_unique<internal::RsaPublicState>();
  state->n = FromBytes(n);
  state->e = FromBytes(e);
  state->bits = state->n.bits();
  state->bytes = (state->bits + 7) / 8;
  if (state->bits < 512 || state->bits > 16384) return Invalid("modulus must have 512..16384 bits");
  if (state->n.is_even()) return Invalid("modulus must be odd");
  if (state->e.is_even() || state->e < 3 || state->e >= state->n)
    return Invalid("public exponent must be odd, >= 3, < n");
  return std::unique_ptr<RsaPublicPrimitive>(new RsaPublicPrimitive(std::move(state)));
}

absl::Status RsaPublicPrimitive::Apply(ByteView in, absl::Span<uint8_t> out) const {
  std::memset(out.data(), 0, out.size());
  if (in.size() != state_->bytes || out.size() != state_->bytes) return Invalid("wrong input or output length");
  Botan::BigInt x = FromBytes(in);
  if (x >= state_->n) return MakeError(ErrorCode::kBadSignature, kModule, "representative out of range");
  Botan::BigInt y = Botan::power_mod(x, state_->e, state_->n);
  y.binary_encode(out.data(), out.size());
  return absl::OkStatus();
}

RsaPrivatePrimitive::RsaPrivatePrimitive(std::unique_ptr<internal::RsaPrivateState> state) : state_(std::move(state)) {}
RsaPrivatePrimitive::~RsaPrivatePrimitive() = default;
const RsaPublicPrimitive& RsaPrivatePrimitive::public_primitive() const { return *state_->pub; }
void RsaPrivatePrimitive::InjectFaultForTesting(bool corrupt_p_half) { state_->fault = corrupt_p_half ? 1 : 2; }

absl::StatusOr<std::unique_ptr<RsaPrivatePrimitive>> RsaPrivatePrimitive::Create(const RsaPrivateNumbers& k,
                                                                                 ArithPath path) {
  auto state = std::make_unique<internal::RsaPrivateState>();
  JPKI_ASSIGN_OR_RETURN(state->pub, RsaPublicPrimitive::Create(k.n, k.e, path));
  state->d = FromBytes(k.d.view());
  state->p = FromBytes(k.p.view());
  state->q = FromBytes(k.q.view());
  state->dp = FromBytes(k.dp.view());
  state->dq = FromBytes(k.dq.view());
  state->qinv = FromBytes(k.qinv.view());
  const auto& s = *state;
  if (s.p * s.q != s.pub->internal_state().n || s.p == s.q) return Invalid("inconsistent private key");
  return std::unique_ptr<RsaPrivatePrimitive>(new RsaPrivatePrimitive(std::move(state)));
}

absl::Status RsaPrivatePrimitive::Apply(ByteView in, absl::Span<uint8_t> out, RandomSource& rng) const {
  std::memset(out.data(), 0, out.size());
  const auto& s = *state_;
  if (in.size() != modulus_bytes() || out.size() != modulus_bytes()) return Invalid("wrong input or output length");
  Botan::BigInt x = FromBytes(in);
  if (x >= s.pub->internal_state().n) return Invalid("representative out of range");
  Botan::BigInt y = Botan::power_mod(x, s.d, s.pub->internal_state().n);
  if (s.fault.load() != 0) y += 1;
  Bytes tmp(out.size());
  y.binary_encode(tmp.data(), tmp.size());
  Bytes check(out.size());
  JPKI_RETURN_IF_ERROR(s.pub->Apply(tmp, absl::MakeSpan(check)));
  if (!Equal(check, in)) return MakeError(ErrorCode::kFaultDetected, kModule, "fault detected");
  std::memcpy(out.data(), tmp.data(), tmp.size());
  return absl::OkStatus();
}

absl::StatusOr<RsaPrivateNumbers> GenerateRsaPrivateNumbers(size_t bits, uint64_t e, RandomSource& rng) {
  if (bits != 1024 && bits != 2048 && bits != 3072 && bits != 4096) return Invalid("unsupported key size");
  if (e < 3 || (e & 1) == 0 || e >= (uint64_t{1} << 32)) return Invalid("unsupported public exponent");
  return CallBotan(kModule, "key generation", [&] {
    const Botan::BigInt be(e);
    Botan::BigInt p, q, n;
    do {
      p = Botan::generate_rsa_prime(rng.botan_rng(), rng.botan_rng(), (bits + 1) / 2, be);
      q = Botan::generate_rsa_prime(rng.botan_rng(), rng.botan_rng(), bits - (bits + 1) / 2, be);
      n = p * q;
    } while (n.bits() != bits || p == q);
    const Botan::BigInt lambda = Botan::lcm(p - 1, q - 1);
    const Botan::BigInt d = Botan::inverse_mod(be, lambda);
    RsaPrivateNumbers out;
    auto to_secret = [](const Botan::BigInt& v) {
      SecretBytes s(v.bytes());
      v.binary_encode(s.data(), s.size());
      return s;
    };
    out.n = Bytes(n.bytes());
    n.binary_encode(out.n.data(), out.n.size());
    out.e = Bytes(be.bytes());
    be.binary_encode(out.e.data(), out.e.size());
    out.d = to_secret(d);
    out.p = to_secret(p);
    out.q = to_secret(q);
    out.dp = to_secret(Botan::ct_modulo(d, p - 1));
    out.dq = to_secret(Botan::ct_modulo(d, q - 1));
    out.qinv = to_secret(Botan::inverse_mod(q, p));
    return out;
  });
}

}  // namespace jpki::crypto
