// `jpki asn1 dump [--reencode] FILE`: strict DER (PEM accepted) shown as an indented tree, or re-encoded from the
// parsed tree (shared/spec/cli.md, section asn1). Non-DER input exits 2 with "error: asn1: ... at offset N".
#include <cstdio>
#include <ostream>
#include <string>

#include "absl/strings/str_cat.h"
#include "asn1/der_reader.h"
#include "asn1/der_tree.h"
#include "asn1/internal/sv.h"
#include "asn1/oid.h"
#include "asn1/time.h"
#include "tools/asn1_dump.h"
#include "tools/cli.h"

namespace jpki::cli {
namespace {

constexpr size_t kMaxHexBytes = 32;  // longer primitive values are abbreviated in the tree

std::string HexSummary(ByteView bytes) {
  if (bytes.size() <= kMaxHexBytes) return HexEncode(bytes);
  return absl::StrCat(HexEncode(bytes.subspan(0, kMaxHexBytes)), "... (", bytes.size(), " bytes)");
}

// Quoted UTF-8 text; quotes, backslashes and control characters escaped so one element stays on one line.
std::string Quote(std::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20 || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\x%02x", c);
      out += buf;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  out.push_back('"');
  return out;
}

}  // namespace

std::string SummarizeElement(const asn1::Element& element) {
  using namespace asn1;  // NOLINT: local readability
  const Tag tag = element.tag;
  const ByteView c = element.contents;
  if (tag.constructed()) return "";
  if (!tag.is_universal()) return c.empty() ? "" : HexSummary(c);
  switch (tag.number()) {
    case 1:
      return c.size() == 1 && c[0] == 0xFF ? "TRUE" : "FALSE";
    case 2:
    case 10: {
      std::string out = absl::StrCat("0x", HexSummary(c));
      if (!c.empty() && c.size() <= 8) {
        uint64_t v = (c[0] & 0x80) ? ~uint64_t{0} : 0;
        for (uint8_t b : c) v = (v << 8) | b;
        absl::StrAppend(&out, " (", static_cast<int64_t>(v), ")");
      }
      return out;
    }
    case 3:
      if (c.empty()) return "";
      return absl::StrCat("unused=", c[0], c.size() > 1 ? " " : "", HexSummary(c.subspan(1)));
    case 5:
      return "";
    case 6: {
      auto oid = Oid::FromDer(c);
      if (!oid.ok()) return HexSummary(c);
      const OidInfo* info = oid->info();
      std::string out = oid->ToDotted();
      if (info != nullptr) absl::StrAppend(&out, " (", internal::Absl(info->name), ")");
      return out;
    }
    case 23: {
      auto t = ParseUtcTime(c);
      return t.ok() ? FormatRfc3339(*t) : HexSummary(c);
    }
    case 24: {
      auto t = ParseGeneralizedTime(c);
      return t.ok() ? FormatRfc3339(*t) : HexSummary(c);
    }
    default:
      if (IsStringTag(tag)) return Quote(AnyString{tag, c}.Utf8());
      return HexSummary(c);
  }
}

std::string DumpTree(const asn1::DerTree& tree) {
  std::string out;
  for (const asn1::DerNode& node : tree.nodes()) {
    const asn1::Element& e = node.element;
    std::string offset = std::to_string(e.offset);
    if (offset.size() < 5) offset.insert(0, 5 - offset.size(), ' ');
    absl::StrAppend(&out, offset, ": ", std::string(node.depth * 2, ' '), e.tag.ToString(), " len=", e.contents.size());
    const std::string summary = SummarizeElement(e);
    if (!summary.empty()) absl::StrAppend(&out, " ", summary);
    out.push_back('\n');
  }
  return out;
}

namespace {

int RunAsn1Dump(const std::vector<std::string>& argv, Io& io) {
  auto args = Args::Parse(argv, {}, {"reencode"});
  if (!args.ok()) return StatusError(io, args.status());
  if (args->positional().size() != 1) return UsageError(io, "usage: jpki asn1 dump [--reencode] FILE");
  auto data = ReadInput(args->positional()[0], io);
  if (!data.ok()) return StatusError(io, data.status());
  auto der = PemOrDer(*data);
  if (!der.ok()) return StatusError(io, der.status());
  auto tree = asn1::DerTree::Parse(*der);
  if (!tree.ok()) return StatusError(io, tree.status());
  if (args->Has("reencode")) {
    auto encoded = tree->Encode();
    if (!encoded.ok()) return StatusError(io, encoded.status());
    auto written = WriteOutput("-", *encoded, io);
    if (!written.ok()) return StatusError(io, written);
    return kExitOk;
  }
  io.out << DumpTree(*tree);
  return kExitOk;
}

JPKI_REGISTER_COMMAND(Command{"asn1 dump", "show strict DER as a tree, or re-encode it (--reencode)",
                              "[--reencode] FILE\n"
                              "  FILE      DER or PEM (first block); '-' reads stdin\n"
                              "  --reencode  write the DER re-encoded from the parsed tree to stdout\n"
                              "Each line: offset, tag (class number, constructed), contents length, value.\n"
                              "Non-DER input exits 2 with 'error: ... offset N'.",
                              RunAsn1Dump});

}  // namespace
}  // namespace jpki::cli
