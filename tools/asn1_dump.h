#ifndef JPKICORE_TOOLS_ASN1_DUMP_H_
#define JPKICORE_TOOLS_ASN1_DUMP_H_

// The text rendering of `jpki asn1 dump` (implemented in tools/asn1_cmd.cc), exposed for tests.

#include <string>

#include "asn1/der_reader.h"
#include "asn1/der_tree.h"

namespace jpki::cli {

// SummarizeElement renders a primitive element's value: BOOLEAN TRUE/FALSE, INTEGER/ENUMERATED "0x<hex>" (with the
// decimal value in parentheses up to 8 bytes), OIDs dotted with the known name in parentheses, strings quoted
// (UTF-8, control characters escaped), times in RFC 3339, BIT STRING "unused=N <hex>", anything else hex (long
// values abbreviated). Constructed elements and NULL give "".
std::string SummarizeElement(const asn1::Element& element);

// DumpTree renders one line per node: the offset right-aligned in 5 columns, ": ", two spaces per depth level,
// "<tag> len=<contents length>" and the summary, e.g. "    4:   INTEGER (universal 2) len=1 0x02 (2)".
std::string DumpTree(const asn1::DerTree& tree);

}  // namespace jpki::cli

#endif  // JPKICORE_TOOLS_ASN1_DUMP_H_
