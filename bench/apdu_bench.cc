// ISO 7816-4 and BER-TLV codec benchmarks: command APDU encode/decode in each wire form, response decode, and a
// BER-TLV walk over typical card data (SELECT FCI, a 20-entry GET STATUS response, CPLC) beside Botan's BER_Decoder
// and OpenSSL's ASN1_get_object doing the same walk. Names: Operation/implementation/parameter
// (shared/spec/bench.md). Run pinned: taskset -c 0 bazel-bin/bench/apdu_bench --benchmark_format=json.
#include <benchmark/benchmark.h>
#include <botan/ber_dec.h>
#include <openssl/asn1.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "apdu/ber_tlv.h"
#include "apdu/command_apdu.h"
#include "apdu/response_apdu.h"
#include "base/bytes.h"

namespace jpki::bench {
namespace {

using apdu::CommandApdu;

Bytes Pattern(size_t n) {
  Bytes b(n);
  for (size_t i = 0; i < n; ++i) b[i] = static_cast<uint8_t>(i * 31 + 7);
  return b;
}

// The commands measured: the JPKI applet's hot ones and the GP/extended extremes.
CommandApdu Command(const std::string& which) {
  if (which == "select_jpki") {
    return CommandApdu{0x00, 0xA4, 0x04, 0x0C, HexDecode("d392f000260100000001").value(), std::nullopt};
  }
  if (which == "read_binary") return CommandApdu{0x00, 0xB0, 0x01, 0x00, {}, 256};
  if (which == "sign_4S_51") return CommandApdu{0x80, 0x2A, 0x00, 0x80, Pattern(51), 256};
  if (which == "store_3S_255") return CommandApdu{0x80, 0xE2, 0x90, 0x00, Pattern(255), std::nullopt};
  if (which == "load_4E_4096") return CommandApdu{0x80, 0xE8, 0x00, 0x01, Pattern(4096), 65536};
  std::abort();
}

const char* const kCommands[] = {"select_jpki", "read_binary", "sign_4S_51", "store_3S_255", "load_4E_4096"};

void ApduEncode(benchmark::State& state, const std::string& which) {
  const CommandApdu command = Command(which);
  Bytes out;
  out.reserve(8 + command.data.size() + 4);
  for (auto _ : state) {
    out.clear();
    if (!apdu::EncodeTo(command, apdu::LengthForm::kAuto, out).ok()) std::abort();
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(out.size()));
}

void ApduDecode(benchmark::State& state, const std::string& which) {
  const Bytes wire = apdu::Encode(Command(which)).value();
  for (auto _ : state) {
    auto parsed = apdu::ParseCommandApduView(wire);
    if (!parsed.ok()) std::abort();
    benchmark::DoNotOptimize(parsed->data.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(wire.size()));
}

void ApduDecodeOwned(benchmark::State& state, const std::string& which) {
  const Bytes wire = apdu::Encode(Command(which)).value();
  for (auto _ : state) {
    auto parsed = apdu::ParseCommandApdu(wire);
    if (!parsed.ok()) std::abort();
    benchmark::DoNotOptimize(parsed->apdu.data.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(wire.size()));
}

void ResponseDecode(benchmark::State& state) {
  Bytes wire = Pattern(256);
  wire.push_back(0x90);
  wire.push_back(0x00);
  for (auto _ : state) {
    auto parsed = apdu::ParseResponseApduView(wire);
    if (!parsed.ok()) std::abort();
    benchmark::DoNotOptimize(parsed->sw);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(wire.size()));
}

// Card data inputs.
Bytes TlvInput(const std::string& which) {
  if (which == "fci") return HexDecode("6f1a8408a000000151000000a50e730406022a869f6501ff9f6e0100").value();
  if (which == "cplc") {
    Bytes cplc = HexDecode("9f7f2a").value();
    Append(cplc, Pattern(42));
    return cplc;
  }
  if (which == "get_status_20") {
    apdu::BerTlvBuilder b;
    for (int i = 0; i < 20; ++i) {
      Bytes aid = HexDecode("a0000001510000").value();
      aid.push_back(static_cast<uint8_t>(i));
      b.Open(0xE3).Add(0x4F, aid).AddByte(0x9F70, 0x07).Add(0xC5, Bytes{0x00, 0x00, 0x00});
      b.Add(0xC4, HexDecode("a0000001515350").value()).Add(0xCC, HexDecode("a000000151000000").value()).Close();
    }
    return b.Finish().value();
  }
  std::abort();
}

const char* const kTlvInputs[] = {"fci", "cplc", "get_status_20"};

// Each implementation walks every object, descending into constructed ones, and sums the value lengths.
size_t WalkJpkicore(apdu::BerTlvReader reader) {
  size_t sum = 0;
  while (!reader.AtEnd()) {
    auto tlv = reader.Next();
    if (!tlv.ok()) std::abort();
    sum += tlv->value.size();
    if (tlv->constructed) {
      auto children = reader.Children(*tlv);
      if (!children.ok()) std::abort();
      sum += WalkJpkicore(*children);
    }
  }
  return sum;
}

size_t WalkBotan(Botan::BER_Decoder& decoder) {
  size_t sum = 0;
  while (decoder.more_items()) {
    Botan::BER_Object object = decoder.get_next_object();
    sum += object.length();
    if (object.is_set() && (static_cast<uint32_t>(object.get_class()) & Botan::CONSTRUCTED)) {
      Botan::BER_Decoder inner(object.bits(), object.length());
      sum += WalkBotan(inner);
    }
  }
  return sum;
}

size_t WalkOpenssl(const unsigned char* p, long len) {
  size_t sum = 0;
  const unsigned char* end = p + len;
  while (p < end) {
    long value_len = 0;
    int tag = 0, xclass = 0;
    const int flags = ASN1_get_object(&p, &value_len, &tag, &xclass, end - p);
    if (flags & 0x80) std::abort();
    sum += static_cast<size_t>(value_len);
    if (flags & V_ASN1_CONSTRUCTED) sum += WalkOpenssl(p, value_len);
    p += value_len;
  }
  return sum;
}

void BerTlvParseJpkicore(benchmark::State& state, const std::string& which) {
  const Bytes input = TlvInput(which);
  for (auto _ : state) benchmark::DoNotOptimize(WalkJpkicore(apdu::BerTlvReader(input)));
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(input.size()));
}

void BerTlvTreeJpkicore(benchmark::State& state, const std::string& which) {
  const Bytes input = TlvInput(which);
  for (auto _ : state) {
    auto tree = apdu::ParseBerTlvTree(input);
    if (!tree.ok()) std::abort();
    benchmark::DoNotOptimize(tree->data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(input.size()));
}

void BerTlvParseBotan(benchmark::State& state, const std::string& which) {
  const Bytes input = TlvInput(which);
  try {
    for (auto _ : state) {
      Botan::BER_Decoder decoder(input.data(), input.size());
      benchmark::DoNotOptimize(WalkBotan(decoder));
    }
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(input.size()));
}

void BerTlvParseOpenssl(benchmark::State& state, const std::string& which) {
  const Bytes input = TlvInput(which);
  for (auto _ : state) benchmark::DoNotOptimize(WalkOpenssl(input.data(), static_cast<long>(input.size())));
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(input.size()));
}

// All three walkers must agree on the inputs before anything is timed.
bool CheckWalkersAgree() {
  for (const char* which : kTlvInputs) {
    const Bytes input = TlvInput(which);
    Botan::BER_Decoder decoder(input.data(), input.size());
    const size_t ours = WalkJpkicore(apdu::BerTlvReader(input));
    if (ours != WalkBotan(decoder) || ours != WalkOpenssl(input.data(), static_cast<long>(input.size()))) {
      std::abort();
    }
  }
  return true;
}

int RegisterAll() {
  CheckWalkersAgree();
  for (const char* which : kCommands) {
    benchmark::RegisterBenchmark((std::string("ApduEncode/jpkicore/") + which).c_str(), ApduEncode, which);
    benchmark::RegisterBenchmark((std::string("ApduDecode/jpkicore/") + which).c_str(), ApduDecode, which);
    benchmark::RegisterBenchmark((std::string("ApduDecodeOwned/jpkicore/") + which).c_str(), ApduDecodeOwned, which);
  }
  benchmark::RegisterBenchmark("ResponseDecode/jpkicore/256", ResponseDecode);
  for (const char* which : kTlvInputs) {
    benchmark::RegisterBenchmark((std::string("BerTlvParse/jpkicore/") + which).c_str(), BerTlvParseJpkicore, which);
    benchmark::RegisterBenchmark((std::string("BerTlvParse/botan/") + which).c_str(), BerTlvParseBotan, which);
    benchmark::RegisterBenchmark((std::string("BerTlvParse/openssl/") + which).c_str(), BerTlvParseOpenssl, which);
    benchmark::RegisterBenchmark((std::string("BerTlvTree/jpkicore/") + which).c_str(), BerTlvTreeJpkicore, which);
  }
  return 0;
}

[[maybe_unused]] const int kRegistered = RegisterAll();

}  // namespace
}  // namespace jpki::bench
