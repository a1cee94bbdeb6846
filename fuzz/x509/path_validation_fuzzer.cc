// Path validation on fuzzed chains. Input layout: one control byte, then records of a 2-byte big-endian length and
// that many bytes. Record 0 is the trust anchor, the last record the leaf, the ones between intermediates; with
// control bit 0 set the last record is a CRL instead and the one before it the leaf. Records that do not parse are
// dropped (that is the parser fuzzers' business); everything that parses goes through ValidatePath, the
// classification and the holder-attribute reader. The search is bounded by ValidationOptions' limits, so every
// input finishes quickly.
//
// Invariants (abort() on violation): success returns a chain that starts with the leaf and ends with an anchor of
// the store; every outcome has a CLI name that parses back to it; a failure carries a detail.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "base/bytes.h"
#include "x509/certificate.h"
#include "x509/crl.h"
#include "x509/jpki_profile.h"
#include "x509/path_validator.h"
#include "x509/trust_store.h"
#include "x509/validation_code.h"

namespace {

constexpr size_t kMaxRecords = 8;

std::vector<jpki::ByteView> SplitRecords(jpki::ByteView data) {
  std::vector<jpki::ByteView> records;
  while (data.size() >= 2 && records.size() < kMaxRecords) {
    const size_t len = (static_cast<size_t>(data[0]) << 8) | data[1];
    data.remove_prefix(2);
    if (len > data.size()) break;
    records.push_back(data.subspan(0, len));
    data.remove_prefix(len);
  }
  return records;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jpki::x509;
  if (size < 1) return 0;
  const uint8_t control = data[0];
  std::vector<jpki::ByteView> records = SplitRecords(jpki::ByteView(data + 1, size - 1));
  const bool with_crl = (control & 1) != 0;
  if (records.size() < (with_crl ? 3u : 2u)) return 0;

  std::vector<Crl> crls;
  if (with_crl) {
    absl::StatusOr<Crl> crl = Crl::ParseView(records.back());
    if (crl.ok()) crls.push_back(*std::move(crl));
    records.pop_back();
  }
  absl::StatusOr<Certificate> leaf = Certificate::ParseView(records.back());
  if (!leaf.ok()) return 0;
  TrustStoreOptions store_options;
  store_options.allow_test_hierarchy = true;
  TrustStore store(store_options);
  if (absl::StatusOr<Certificate> anchor = Certificate::ParseView(records[0]); anchor.ok()) {
    (void)store.Add(*anchor);
  }
  std::vector<Certificate> intermediates;
  for (size_t i = 1; i + 1 < records.size(); ++i) {
    if (absl::StatusOr<Certificate> c = Certificate::ParseView(records[i]); c.ok()) intermediates.push_back(*c);
  }

  ValidationOptions options = ValidationOptions::AtTime(1800000000);  // 2027-01-15
  options.purpose = (control & 2) ? Purpose::kSigning : Purpose::kAny;
  if (control & 4) options.initial_explicit_policy = true;
  const ValidationResult result = ValidatePath(*leaf, intermediates, store, crls, options);

  if (ParseValidationCodeName(ValidationCodeName(result.code)) != result.code) abort();
  if (result.ok()) {
    if (result.path.chain.empty() || !result.path.chain[0].SameBytes(*leaf)) abort();
    if (result.path.anchor == nullptr || store.FindSame(result.path.chain.back()) == nullptr) abort();
    if (!result.ToStatus().ok()) abort();
  } else {
    if (result.detail.empty()) abort();
    if (GetValidationCode(result.ToStatus()) != result.code) abort();
  }
  (void)Classify(*leaf);
  (void)ExtractHolderAttributes(*leaf);
  return 0;
}
