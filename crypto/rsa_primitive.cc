#include "crypto/rsa_primitive.h"

#include <botan/bigint.h>
#include <botan/divide.h>
#include <botan/numthry.h>

#include <cstring>
#include <string>

#include "base/botan_boundary.h"
#include "base/ct.h"
#include "base/error.h"
#include "base/status_macros.h"
#include "crypto/internal/limbs.h"
#include "crypto/internal/modexp.h"
#include "crypto/internal/mont.h"
#include "crypto/internal/rsa_state.h"

namespace jpki::crypto {

using internal::kMax64;
using internal::kMaxLimbs;
using internal::Limb;

namespace internal {
RsaPrivateState::~RsaPrivateState() {
  ct::SecureZero(&mp, sizeof(mp));
  ct::SecureZero(&mq, sizeof(mq));
  ct::SecureZero(dp, sizeof(dp));
  ct::SecureZero(dq, sizeof(dq));
  ct::SecureZero(qinv, sizeof(qinv));
  ct::SecureZero(blind_a, sizeof(blind_a));
  ct::SecureZero(blind_ai, sizeof(blind_ai));
  if (!blind_pool.empty()) {
    ct::SecureZero(blind_pool.data(), blind_pool.size() * sizeof(Limb));
  }
}
}  // namespace internal

namespace {

constexpr char kModule[] = "rsa";
// The blinding pair is squared on every use and replaced by a fresh one from the pool after this many uses.
constexpr int kBlindingRefresh = 32;
// The stack below Apply's frame that the private operation uses, measured by painting it (every path, 2048 to 4096
// bits, a blinding refill included): optimised, 88-97 KB, most of it CrtExp's and ModExpSecret2's buffers,
// which wipe themselves. What they do not wipe are the Montgomery kernels' frames (copies of their operands, spilled
// registers), so Apply clears the whole region once at its end (RSA-2048 signing 135.0-136.0 against 135.4-136.8 us
// without, A/B). Unoptimised and sanitizer builds have larger frames (over 1 MB at -O0), and time matters less there.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define JPKI_LARGE_FRAMES 1
#endif
#endif
#if !defined(__OPTIMIZE__) || defined(__SANITIZE_ADDRESS__)
#define JPKI_LARGE_FRAMES 1
#endif
#ifdef JPKI_LARGE_FRAMES
constexpr size_t kPrivateOpStackBytes = 2 * 1024 * 1024;
#else
constexpr size_t kPrivateOpStackBytes = 128 * 1024;
#endif

// StackWiper clears kPrivateOpStackBytes below the frame of the function that holds it when it goes out of scope.
class StackWiper {
 public:
  StackWiper() = default;
  StackWiper(const StackWiper&) = delete;
  StackWiper& operator=(const StackWiper&) = delete;
  ~StackWiper() { internal::WipeStackBelow(kPrivateOpStackBytes); }
};

absl::Status Invalid(std::string_view msg) { return MakeError(ErrorCode::kInvalidArgument, kModule, msg); }

ByteView StripLeadingZeros(ByteView v) {
  size_t i = 0;
  while (i < v.size() && v[i] == 0) ++i;
  return v.subspan(i);
}

// BitLengthOfBytes returns the bit length of a public big-endian magnitude without leading zeros.
size_t BitLengthOfBytes(ByteView v) {
  if (v.empty()) return 0;
  return 8 * (v.size() - 1) + (32 - static_cast<size_t>(__builtin_clz(v[0])));
}

// WipedLimbs zeroes a stack buffer of secrets when the scope ends. Cache-line aligned for the vector kernels (see
// ModExpSecret2 in crypto/internal/modexp.cc). The buffers are sized for 16384-bit moduli, so the signing path says
// how many limbs it writes and only those are wiped: wiping all of them was 54 KB of stores per RSA-2048 signature
// (memset 0.3% of the signing time, 0.1% now; the signing time itself moved within this machine's noise).
template <size_t N>
class WipedLimbs {
 public:
  WipedLimbs() = default;
  explicit WipedLimbs(size_t used) : used_(used < N ? used : N) {}
  WipedLimbs(const WipedLimbs&) = delete;
  WipedLimbs& operator=(const WipedLimbs&) = delete;
  ~WipedLimbs() { internal::WipeLimbs(v_, used_); }
  Limb* data() { return v_; }

 private:
  alignas(64) Limb v_[N];
  size_t used_ = N;
};

Botan::BigInt ToBigInt(ByteView v) { return Botan::BigInt(v.data(), v.size()); }

// Validate checks the private key's consistency on Botan's BigInt. Reductions use ct_modulo; comparisons produce the
// public verdict (valid or not) and sizes leak only bit lengths.
absl::Status Validate(const RsaPrivateNumbers& k) {
  auto result = CallBotan(kModule, "key validation", [&]() -> std::string {
    const Botan::BigInt n = ToBigInt(k.n), e = ToBigInt(k.e), d = ToBigInt(k.d.view()), p = ToBigInt(k.p.view()),
                        q = ToBigInt(k.q.view()), dp = ToBigInt(k.dp.view()), dq = ToBigInt(k.dq.view()),
                        qinv = ToBigInt(k.qinv.view());
    if (p < 3 || q < 3 || p.is_even() || q.is_even()) return "p and q must be odd primes";
    if (p == q) return "p == q";
    if (p * q != n) return "p * q != n";
    const size_t bp = p.bits(), bq = q.bits();
    if ((bp > bq ? bp - bq : bq - bp) > 16) return "unbalanced primes";
    if (d.is_zero() || d >= n) return "d out of range";
    const Botan::BigInt p1 = p - 1, q1 = q - 1;
    if (dp.is_zero() || dp >= p1 || dq.is_zero() || dq >= q1) return "dp or dq out of range";
    if (Botan::ct_modulo(d, p1) != dp || Botan::ct_modulo(d, q1) != dq) return "dp or dq inconsistent with d";
    if (Botan::ct_modulo(e * dp, p1) != 1 || Botan::ct_modulo(e * dq, q1) != 1) return "e * d != 1 mod lambda(n)";
    if (qinv.is_zero() || qinv >= p || Botan::ct_modulo(qinv * q, p) != 1) return "qinv * q != 1 mod p";
    return "";
  });
  if (!result.ok()) return result.status();
  if (!result->empty()) return Invalid("inconsistent private key: " + *result);
  return absl::OkStatus();
}

}  // namespace

// ---- RsaPublicPrimitive ----

RsaPublicPrimitive::RsaPublicPrimitive(std::unique_ptr<internal::RsaPublicState> state) : state_(std::move(state)) {}
RsaPublicPrimitive::~RsaPublicPrimitive() = default;
size_t RsaPublicPrimitive::modulus_bits() const { return state_->bits; }
size_t RsaPublicPrimitive::modulus_bytes() const { return state_->bytes; }
ArithPath RsaPublicPrimitive::path() const { return state_->path; }

absl::StatusOr<std::unique_ptr<RsaPublicPrimitive>> RsaPublicPrimitive::Create(ByteView n_in, ByteView e_in,
                                                                               ArithPath path) {
  if (!ArithPathSupported(path)) return MakeError(ErrorCode::kUnsupported, kModule, "arithmetic path not supported");
  const ByteView n = StripLeadingZeros(n_in), e = StripLeadingZeros(e_in);
  const size_t bits = BitLengthOfBytes(n);
  if (bits < 512 || bits > internal::kMaxModulusBits) return Invalid("modulus must have 512..16384 bits");
  if ((n.back() & 1) == 0) return Invalid("modulus must be odd");
  const size_t ebits = BitLengthOfBytes(e);
  if (ebits < 2 || (e.back() & 1) == 0) return Invalid("public exponent must be odd and >= 3");
  auto state = std::make_unique<internal::RsaPublicState>();
  state->bits = bits;
  state->bytes = (bits + 7) / 8;
  state->path = internal::ResolvePath(path);
  const size_t n64 = (bits + 63) / 64;
  Limb nl[kMax64];
  internal::BytesToLimbs(n, nl, n64);
  if (e.size() > 8 * n64) return Invalid("public exponent must be < n");
  state->e_limbs = n64;
  internal::BytesToLimbs(e, state->e, n64);
  if (!internal::LessMask(state->e, nl, n64)) return Invalid("public exponent must be < n");
  internal::InitMontParams(internal::EngineFor(state->path, bits), nl, n64, bits, bits, &state->mod);
  state->e_limbs = (ebits + 63) / 64;
  return std::unique_ptr<RsaPublicPrimitive>(new RsaPublicPrimitive(std::move(state)));
}

absl::Status RsaPublicPrimitive::Apply(ByteView in, absl::Span<uint8_t> out) const {
  const internal::RsaPublicState& s = *state_;
  std::memset(out.data(), 0, out.size());
  if (in.size() != s.bytes || out.size() != s.bytes) return Invalid("wrong input or output length");
  const size_t n64 = s.mod.limbs64;
  Limb x[kMax64], y[kMax64];
  internal::BytesToLimbs(in, x, n64);
  // Whether the input is in range is public (the caller learns it from the result).
  Limb in_range = internal::LessMask(x, s.mod.n64, n64);
  CT_UNPOISON(&in_range, sizeof(in_range));
  if (!in_range) return MakeError(ErrorCode::kBadSignature, kModule, "representative out of range");
  internal::ModExpPublic(s.mod, x, s.e, s.e_limbs, y);
  internal::LimbsToBytes(y, n64, out);
  return absl::OkStatus();
}

// ---- RsaPrivatePrimitive ----

RsaPrivatePrimitive::RsaPrivatePrimitive(std::unique_ptr<internal::RsaPrivateState> state) : state_(std::move(state)) {}
RsaPrivatePrimitive::~RsaPrivatePrimitive() = default;
const RsaPublicPrimitive& RsaPrivatePrimitive::public_primitive() const { return *state_->pub; }
void RsaPrivatePrimitive::InjectFaultForTesting(bool corrupt_p_half) { state_->fault = corrupt_p_half ? 1 : 2; }

absl::StatusOr<std::unique_ptr<RsaPrivatePrimitive>> RsaPrivatePrimitive::Create(const RsaPrivateNumbers& k,
                                                                                 ArithPath path) {
  auto state = std::make_unique<internal::RsaPrivateState>();
  JPKI_ASSIGN_OR_RETURN(state->pub, RsaPublicPrimitive::Create(k.n, k.e, path));
  JPKI_RETURN_IF_ERROR(Validate(k));
  const ByteView p = StripLeadingZeros(k.p.view()), q = StripLeadingZeros(k.q.view());
  const size_t bp = BitLengthOfBytes(p), bq = BitLengthOfBytes(q);
  const size_t half_bits = bp > bq ? bp : bq;
  const size_t p64 = (bp + 63) / 64, q64 = (bq + 63) / 64, h64 = (half_bits + 63) / 64;
  WipedLimbs<kMax64> pl, ql, tmp;
  internal::BytesToLimbs(p, pl.data(), p64);
  internal::BytesToLimbs(q, ql.data(), q64);
  const internal::MontEngine& engine = internal::EngineFor(state->pub->path(), half_bits);
  internal::InitMontParams(engine, pl.data(), p64, bp, half_bits, &state->mp);
  internal::InitMontParams(engine, ql.data(), q64, bq, half_bits, &state->mq);
  state->exp_bits = half_bits;
  internal::BytesToLimbs(StripLeadingZeros(k.dp.view()), state->dp, h64);
  internal::BytesToLimbs(StripLeadingZeros(k.dq.view()), state->dq, h64);
  internal::BytesToLimbs(StripLeadingZeros(k.qinv.view()), tmp.data(), p64);
  internal::ToEngine(state->mp, tmp.data(), state->qinv);
  return std::unique_ptr<RsaPrivatePrimitive>(new RsaPrivatePrimitive(std::move(state)));
}

namespace {

// CrtExp sets out64 = x^k mod n for the k with k = exp_p mod (p-1) and k = exp_q mod (q-1): both halves in lock-step,
// recombined with Garner's formula h = (sp - sq) * qinv mod p, result = sq + h * q. Constant time.
void CrtExp(const internal::RsaPrivateState& s, const Limb* x64, const Limb* exp_p, const Limb* exp_q, Limb* out64) {
  const internal::MontParams& mp = s.mp;
  const internal::MontParams& mq = s.mq;
  const size_t n64 = s.pub->internal_state().mod.limbs64;
  const size_t L = mp.limbs;  // mq.limbs too: both halves share R
  WipedLimbs<kMaxLimbs> bp(L), bq(L), sp(L), sq(L), t0(L), t1(L);
  internal::ToMont(mp, x64, n64, bp.data());
  internal::ToMont(mq, x64, n64, bq.data());
  internal::ModExpSecret2(mp, bp.data(), exp_p, sp.data(), mq, bq.data(), exp_q, sq.data(), s.exp_bits);
  const int fault = s.fault.load(std::memory_order_relaxed);
  if (fault == 1) sp.data()[0] ^= 1;
  if (fault == 2) sq.data()[0] ^= 1;
  WipedLimbs<kMax64> sq64(n64), sp64(n64), sqr64(n64), d64(n64), h64(n64);  // each half has at most n64 limbs
  internal::FromMont(mq, sq.data(), sq64.data());                           // sq, plain, < q
  internal::FromEngine(mp, sp.data(), sp64.data());                         // sp * R mod p
  internal::ToMont(mp, sq64.data(), mq.limbs64, t0.data());                 // sq * R mod p
  internal::FromEngine(mp, t0.data(), sqr64.data());
  internal::ModSub(d64.data(), sp64.data(), sqr64.data(), mp.n64, mp.limbs64);  // (sp - sq) * R mod p
  internal::ToEngine(mp, d64.data(), t0.data());
  mp.engine->mul(t1.data(), t0.data(), s.qinv, mp);  // (sp - sq) * qinv mod p, plain
  internal::FromEngine(mp, t1.data(), h64.data());
  const size_t hq_limbs = mp.limbs64 + mq.limbs64;
  WipedLimbs<2 * kMax64 + 1> hq(hq_limbs), sum(hq_limbs);
  internal::MulPlain(hq.data(), h64.data(), mp.limbs64, mq.n64, mq.limbs64);
  for (size_t i = 0; i < hq_limbs; ++i) sum.data()[i] = i < mq.limbs64 ? sq64.data()[i] : 0;
  internal::Add(hq.data(), hq.data(), sum.data(), hq_limbs);  // < n: no carry out
  for (size_t i = 0; i < n64; ++i) out64[i] = i < hq_limbs ? hq.data()[i] : 0;
}

// DrawBlindingFactor sets r64 (n64 limbs) to a random r in [1, 2^(bits-1)): below n, and odd so that it is not 0.
absl::Status DrawBlindingFactor(const internal::RsaPublicState& pub, RandomSource& rng, Limb* r64) {
  SecretBytes r(pub.bytes);
  JPKI_RETURN_IF_ERROR(rng.Fill(absl::MakeSpan(r.data(), r.size())));
  const size_t top_bits = 8 * pub.bytes - (pub.bits - 1);
  for (size_t b = 0; b < top_bits; ++b) {
    r.data()[b / 8] &= static_cast<uint8_t>(~(0x80u >> (b % 8)));
  }
  r.data()[r.size() - 1] |= 1;
  internal::BytesToLimbs(r.view(), r64, pub.mod.limbs64);
  return absl::OkStatus();
}

// RefillBlindingPool makes kBlindingPoolPairs fresh pairs A = r^e, Ai = r^-1 (Montgomery form mod n) from as many
// random r. An inversion costs a whole CRT exponentiation (Fermat: x^(p-2) mod p and x^(q-2) mod q, constant time),
// as much as a signature, so the pool takes one for all its r (Montgomery's trick): with prefix products
// P_k = r_0 ... r_k, it inverts P_(K-1) and then peels off one factor per step, r_k^-1 = P_k^-1 P_(k-1) and
// P_(k-1)^-1 = P_k^-1 r_k. A non-invertible r (probability about 2^-1000, and it would reveal a factor of n only to
// whoever sees r) spoils the pool's pairs, which the verify-after-compute check turns into errors, not wrong results.
absl::Status RefillBlindingPool(const internal::RsaPrivateState& s, RandomSource& rng) {
  const internal::RsaPublicState& pub = s.pub->internal_state();
  const internal::MontParams& m = pub.mod;
  const internal::MontEngine& eng = *m.engine;
  const size_t L = m.limbs;
  const size_t n64 = m.limbs64;
  constexpr size_t K = internal::kBlindingPoolPairs;
  if (s.blind_pool.size() != 2 * K * L) {
    s.blind_pool.assign(2 * K * L, 0);  // allocated once per key
  }
  // During the refill slot A of pair k holds r_k R, slot Ai the prefix product P_k R.
  auto slot_a = [&](size_t k) { return s.blind_pool.data() + 2 * k * L; };
  auto slot_ai = [&](size_t k) { return s.blind_pool.data() + (2 * k + 1) * L; };
  WipedLimbs<kMax64> r64;
  WipedLimbs<kMax64> x64;
  WipedLimbs<kMax64> inv64;
  WipedLimbs<kMax64> p2;
  WipedLimbs<kMax64> q2;
  for (size_t k = 0; k < K; ++k) {
    JPKI_RETURN_IF_ERROR(DrawBlindingFactor(pub, rng, r64.data()));
    internal::ToMont(m, r64.data(), n64, slot_a(k));
    if (k == 0) {
      std::memcpy(slot_ai(0), slot_a(0), L * sizeof(Limb));
    } else {
      eng.mul(slot_ai(k), slot_ai(k - 1), slot_a(k), m);
    }
  }
  const Limb two[kMax64] = {2};
  const size_t h64 = (s.exp_bits + 63) / 64;
  for (size_t i = 0; i < kMax64; ++i) {
    p2.data()[i] = 0;
    q2.data()[i] = 0;
  }
  internal::Sub(p2.data(), s.mp.n64, two, h64);
  internal::Sub(q2.data(), s.mq.n64, two, h64);
  internal::FromMont(m, slot_ai(K - 1), x64.data());
  CrtExp(s, x64.data(), p2.data(), q2.data(), inv64.data());
  WipedLimbs<kMaxLimbs> inv;
  WipedLimbs<kMaxLimbs> t;
  internal::ToMont(m, inv64.data(), n64, inv.data());  // P_(K-1)^-1 R
  for (size_t k = K - 1; k > 0; --k) {
    eng.mul(t.data(), inv.data(), slot_ai(k - 1), m);  // r_k^-1 R
    eng.mul(inv.data(), inv.data(), slot_a(k), m);     // P_(k-1)^-1 R
    std::memcpy(slot_ai(k), t.data(), L * sizeof(Limb));
  }
  std::memcpy(slot_ai(0), inv.data(), L * sizeof(Limb));
  for (size_t k = 0; k < K; ++k) {
    internal::FromMont(m, slot_a(k), r64.data());
    internal::ModExpPublic(m, r64.data(), pub.e, pub.e_limbs, x64.data());
    internal::ToMont(m, x64.data(), n64, slot_a(k));
  }
  s.blind_pool_left = K;
  return absl::OkStatus();
}

// RefreshBlinding replaces the blinding pair with the next unused one of the pool (refilled when empty) and wipes
// the pool's copy.
absl::Status RefreshBlinding(const internal::RsaPrivateState& s, RandomSource& rng) {
  if (s.blind_pool_left == 0) {
    JPKI_RETURN_IF_ERROR(RefillBlindingPool(s, rng));
  }
  const size_t L = s.pub->internal_state().mod.limbs;
  --s.blind_pool_left;
  Limb* pair = s.blind_pool.data() + 2 * s.blind_pool_left * L;
  std::memcpy(s.blind_a, pair, L * sizeof(Limb));
  std::memcpy(s.blind_ai, pair + L, L * sizeof(Limb));
  internal::WipeLimbs(pair, 2 * L);
  s.blind_uses = 0;
  return absl::OkStatus();
}

}  // namespace

absl::Status RsaPrivatePrimitive::Apply(ByteView in, absl::Span<uint8_t> out, RandomSource& rng) const {
  const internal::RsaPrivateState& s = *state_;
  const internal::RsaPublicState& pub = s.pub->internal_state();
  const internal::MontParams& mn = pub.mod;
  std::memset(out.data(), 0, out.size());
  if (in.size() != pub.bytes || out.size() != pub.bytes) return Invalid("wrong input or output length");
  const StackWiper wiper;  // first, so that it runs last, on every return (a failed blinding refill included)
  const size_t n64 = mn.limbs64;
  WipedLimbs<kMax64> x(n64);
  internal::BytesToLimbs(in, x.data(), n64);
  Limb in_range = internal::LessMask(x.data(), mn.n64, n64);
  CT_UNPOISON(&in_range, sizeof(in_range));  // range validity is public
  if (!in_range) return Invalid("representative out of range");

  // Base blinding: xb = x * A, with A = r^e; the result is then multiplied by Ai = r^-1.
  const size_t L = mn.limbs;
  WipedLimbs<kMaxLimbs> a(L), ai(L), t0(L), t1(L);
  {
    std::lock_guard<std::mutex> lock(s.blinding_mu);
    if (s.blind_uses < 0 || s.blind_uses >= kBlindingRefresh) JPKI_RETURN_IF_ERROR(RefreshBlinding(s, rng));
    std::memcpy(a.data(), s.blind_a, L * sizeof(Limb));
    std::memcpy(ai.data(), s.blind_ai, L * sizeof(Limb));
    mn.engine->sqr(s.blind_a, s.blind_a, mn);
    mn.engine->sqr(s.blind_ai, s.blind_ai, mn);
    ++s.blind_uses;
  }
  WipedLimbs<kMax64> xb(n64);
  internal::ToEngine(mn, x.data(), t0.data());
  mn.engine->mul(t1.data(), t0.data(), a.data(), mn);
  internal::FromEngine(mn, t1.data(), xb.data());

  // The CRT exponentiation of the blinded input: xb^d mod n.
  WipedLimbs<kMax64> sb(n64);
  CrtExp(s, xb.data(), s.dp, s.dq, sb.data());

  // Unblind: result = s * Ai.
  WipedLimbs<kMax64> result(n64);
  internal::ToEngine(mn, sb.data(), t0.data());
  mn.engine->mul(t1.data(), t0.data(), ai.data(), mn);
  internal::FromEngine(mn, t1.data(), result.data());

  // Verify-after-compute: result^e must give back the input. Whether it does is public (a fault, not the key).
  WipedLimbs<kMax64> check(n64);
  internal::ModExpPublic(mn, result.data(), pub.e, pub.e_limbs, check.data());
  Limb ok = internal::EqualMask(check.data(), x.data(), n64);
  CT_UNPOISON(&ok, sizeof(ok));
  if (!ok) return MakeError(ErrorCode::kFaultDetected, kModule, "private operation failed its consistency check");
  internal::LimbsToBytes(result.data(), n64, out);
  return absl::OkStatus();
}

// ---- Key generation ----

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
    auto to_secret = [](const Botan::BigInt& v) {
      SecretBytes s(v.bytes());
      v.binary_encode(s.data(), s.size());
      return s;
    };
    RsaPrivateNumbers out;
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
