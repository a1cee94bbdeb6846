#include "crypto/internal/modexp.h"

#include <memory>
#include <vector>

#include "base/ct.h"

namespace jpki::crypto::internal {
namespace {

constexpr size_t kMaxWindowEntries = 32;
// Tables up to this many limbs per entry live on the stack (moduli up to 4096 bits in any radix); larger moduli take
// the slower generic path with a heap table.
constexpr size_t kStackTableLimbs = 80;

// Table is the precomputed powers base^0..base^(2^w - 1) in Montgomery form.
class Table {
 public:
  Table(size_t entries, size_t limbs) : stride_(limbs), used_(entries * limbs) {
    if (entries * limbs > kMaxWindowEntries * kStackTableLimbs) {
      heap_.resize(entries * limbs);
      data_ = heap_.data();
    } else {
      data_ = stack_;
    }
  }
  ~Table() { WipeLimbs(data_, used_); }
  Limb* row(size_t i) { return data_ + i * stride_; }
  const Limb* data() const { return data_; }
  size_t stride() const { return stride_; }

 private:
  size_t stride_;
  size_t used_;
  alignas(64) Limb stack_[kMaxWindowEntries * kStackTableLimbs];
  std::vector<Limb> heap_;
  Limb* data_;
};

}  // namespace

unsigned WindowBits(size_t exp_bits) { return exp_bits > 256 ? 5 : (exp_bits > 64 ? 4 : 3); }

void CtTableLookup(const Limb* table, size_t entries, size_t stride, size_t limbs, size_t index, Limb* out) {
  for (size_t j = 0; j < limbs; ++j) out[j] = 0;
  for (size_t e = 0; e < entries; ++e) {
    const Limb mask = ct::IsEqual<Limb>(e, index);
    const Limb* row = table + e * stride;
    for (size_t j = 0; j < limbs; ++j) out[j] |= row[j] & mask;
  }
}

void ModExpSecret(const MontParams& m, const Limb* base, const Limb* exp, size_t exp_bits, Limb* out) {
  const MontEngine& eng = *m.engine;
  const size_t L = m.limbs;
  if (exp_bits == 0) {  // an empty exponent (public length): x^0 = 1
    for (size_t j = 0; j < L; ++j) out[j] = m.one[j];
    return;
  }
  const unsigned w = WindowBits(exp_bits);
  const size_t entries = size_t{1} << w;
  Table table(entries, L);
  for (size_t j = 0; j < L; ++j) table.row(0)[j] = m.one[j];
  for (size_t j = 0; j < L; ++j) table.row(1)[j] = base[j];
  for (size_t i = 2; i < entries; ++i) {
    if (i % 2 == 0) {
      eng.sqr(table.row(i), table.row(i / 2), m);
    } else {
      eng.mul(table.row(i), table.row(i - 1), base, m);
    }
  }
  const size_t n_exp = (exp_bits + 63) / 64;
  const size_t windows = (exp_bits + w - 1) / w;
  alignas(64) Limb acc[kMaxLimbs], t[kMaxLimbs];  // aligned: see ModExpSecret2
  size_t pos = (windows - 1) * w;
  eng.lookup(table.data(), entries, table.stride(), L, ExtractBits(exp, n_exp, pos, w), acc);
  while (pos > 0) {
    pos -= w;
    eng.lookup(table.data(), entries, table.stride(), L, ExtractBits(exp, n_exp, pos, w), t);  // see ModExpSecret2
    for (unsigned s = 0; s < w; ++s) eng.sqr(acc, acc, m);
    eng.mul(acc, acc, t, m);
  }
  for (size_t j = 0; j < L; ++j) out[j] = acc[j];
  WipeLimbs(acc, L);
  WipeLimbs(t, L);
}

void ModExpSecret2(const MontParams& m0, const Limb* base0, const Limb* exp0, Limb* out0, const MontParams& m1,
                   const Limb* base1, const Limb* exp1, Limb* out1, size_t exp_bits) {
  const MontEngine& eng = *m0.engine;
  const size_t L = m0.limbs;
  if (exp_bits == 0) {
    for (size_t j = 0; j < L; ++j) {
      out0[j] = m0.one[j];
      out1[j] = m1.one[j];
    }
    return;
  }
  const unsigned w = WindowBits(exp_bits);
  const size_t entries = size_t{1} << w;
  Table t0(entries, L), t1(entries, L);
  for (size_t j = 0; j < L; ++j) {
    t0.row(0)[j] = m0.one[j];
    t1.row(0)[j] = m1.one[j];
    t0.row(1)[j] = base0[j];
    t1.row(1)[j] = base1[j];
  }
  for (size_t i = 2; i < entries; ++i) {
    if (i % 2 == 0) {
      eng.sqr2(t0.row(i), t0.row(i / 2), m0, t1.row(i), t1.row(i / 2), m1);
    } else {
      eng.mul2(t0.row(i), t0.row(i - 1), base0, m0, t1.row(i), t1.row(i - 1), base1, m1);
    }
  }
  const size_t n_exp = (exp_bits + 63) / 64;
  const size_t windows = (exp_bits + w - 1) / w;
  // Cache-line aligned: the vector kernels load and store these as whole 256-bit vectors, and the stack's offset is
  // random to 16 bytes (ASLR), so unaligned arrays made a share of the accesses straddle two lines in some processes
  // and not others (RSA-2048 signing: 212-215 us before, 206-208 us aligned, A/B minima on Zen 4).
  alignas(64) Limb a0[kMaxLimbs], a1[kMaxLimbs], s0[kMaxLimbs], s1[kMaxLimbs];
  size_t pos = (windows - 1) * w;
  eng.lookup(t0.data(), entries, t0.stride(), L, ExtractBits(exp0, n_exp, pos, w), a0);
  eng.lookup(t1.data(), entries, t1.stride(), L, ExtractBits(exp1, n_exp, pos, w), a1);
  while (pos > 0) {
    pos -= w;
    // The window's table entries do not depend on the squarings: read them first, so that the reads overlap with the
    // squarings' dependency chains instead of waiting behind them.
    eng.lookup(t0.data(), entries, t0.stride(), L, ExtractBits(exp0, n_exp, pos, w), s0);
    eng.lookup(t1.data(), entries, t1.stride(), L, ExtractBits(exp1, n_exp, pos, w), s1);
    eng.window2(a0, s0, m0, a1, s1, m1, w);
  }
  for (size_t j = 0; j < L; ++j) {
    out0[j] = a0[j];
    out1[j] = a1[j];
  }
  WipeLimbs(a0, L);
  WipeLimbs(a1, L);
  WipeLimbs(s0, L);
  WipeLimbs(s1, L);
}

void ModExpPublic(const MontParams& m, const Limb* x64, const Limb* e, size_t e_limbs, Limb* out64) {
  const MontEngine& eng = *m.engine;
  alignas(64) Limb x[kMaxLimbs], xm[kMaxLimbs], acc[kMaxLimbs];  // aligned: see ModExpSecret2
  ToEngine(m, x64, x);
  eng.mul(xm, x, m.rr, m);  // x*R
  const size_t ebits = BitLength(e, e_limbs);
  if (ebits <= 1) {  // e = 0 or 1 (internal callers only): 1 mod n or x
    Limb one64[kMax64] = {1};
    const Limb* src = ebits == 0 ? one64 : x64;
    Limb t[kMax64 + 1] = {};
    for (size_t j = 0; j < m.limbs64; ++j) t[j] = src[j];
    CondSubtract(t, m.n64, m.limbs64);  // 1 mod n when n = 1 is excluded by callers (n >= 3)
    for (size_t j = 0; j < m.limbs64; ++j) out64[j] = t[j];
    return;
  }
  // Left to right from below the top bit; e is public, so branching on its bits leaks nothing.
  for (size_t j = 0; j < m.limbs; ++j) acc[j] = xm[j];
  for (size_t i = ebits - 1; i > 0; --i) {
    eng.sqr(acc, acc, m);
    if (i - 1 > 0 && ((e[(i - 1) / 64] >> ((i - 1) % 64)) & 1)) eng.mul(acc, acc, xm, m);
  }
  // The last step multiplies by the plain x when bit 0 is set (always: e is odd), leaving Montgomery form:
  // (x^(e-1) R) * x / R = x^e. For an even e (internal callers only) convert out instead.
  if (e[0] & 1) {
    eng.mul(acc, acc, x, m);
    FromEngine(m, acc, out64);
  } else {
    FromMont(m, acc, out64);
  }
}

}  // namespace jpki::crypto::internal
