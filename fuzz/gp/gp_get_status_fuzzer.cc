// GET STATUS response parsers (TLV and legacy formats) must never crash; whatever the TLV parser accepts must
// survive encode -> parse unchanged (unknown tags are dropped, so the comparison is on parsed entries).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "apdu/gp/get_status.h"

using jpki::ByteView;
namespace gp = jpki::apdu::gp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const ByteView input(data, size);
  auto entries = gp::ParseGetStatusResponse(input);
  if (entries.ok()) {
    auto encoded = gp::EncodeGetStatusResponse(*entries);
    if (!encoded.ok()) std::abort();
    auto again = gp::ParseGetStatusResponse(*encoded);
    if (!again.ok() || *again != *entries) std::abort();
    for (const auto& e : *entries) {
      if (e.aid.size() < 5 || e.aid.size() > 16) std::abort();
      (void)gp::ApplicationLifeCycleName(e.life_cycle);
      if (e.privileges) (void)e.privileges->Names();
    }
  }
  for (auto scope : {gp::StatusScope::kIssuerSecurityDomain, gp::StatusScope::kApplications,
                     gp::StatusScope::kLoadFiles, gp::StatusScope::kLoadFilesAndModules}) {
    auto legacy = gp::ParseGetStatusLegacyResponse(input, scope);
    if (legacy.ok()) {
      for (const auto& e : *legacy) {
        if (e.aid.size() < 5 || e.aid.size() > 16) std::abort();
      }
    }
  }
  return 0;
}
