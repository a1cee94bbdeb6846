// `jpki crl show [--json] FILE`: issuer, this_update, next_update, crl_number, the number of entries and (with
// --json) every revoked entry {serial, revocation_date, reason} (shared/spec/cli.md, x509).
#include <ostream>
#include <string>
#include <vector>

#include "asn1/time.h"
#include "tools/cli.h"
#include "tools/json_writer.h"
#include "tools/x509_json.h"
#include "x509/crl.h"

namespace jpki::cli {
namespace {

constexpr char kUsage[] =
    "usage: jpki crl show [--json] FILE\n"
    "Prints a CRL (DER or PEM; FILE may be - for stdin): issuer, this_update, next_update, crl_number, the count\n"
    "of revoked certificates and, with --json, each entry's serial, revocation date and reason.\n";

int RunShow(const std::vector<std::string>& argv, Io& io) {
  absl::StatusOr<Args> args = Args::Parse(argv, {}, {"json", "help"});
  if (!args.ok()) return UsageError(io, std::string(args.status().message()));
  if (args->Has("help")) {
    io.out << kUsage;
    return kExitOk;
  }
  if (args->positional().size() != 1) return UsageError(io, "`jpki crl show` takes exactly one FILE");
  absl::StatusOr<Bytes> data = ReadInput(args->positional()[0], io);
  if (!data.ok()) return StatusError(io, data.status());
  absl::StatusOr<Bytes> der = PemOrDer(*data);
  if (!der.ok()) return StatusError(io, der.status());
  absl::StatusOr<x509::Crl> crl = x509::Crl::Parse(*std::move(der));
  if (!crl.ok()) return StatusError(io, crl.status());

  const std::string next = crl->next_update() ? asn1::FormatRfc3339(*crl->next_update()) : "";
  const std::string number = crl->crl_number() ? SerialHex(*crl->crl_number()) : "";
  if (!args->Has("json")) {
    io.out << "version: " << crl->version() << "\n";
    io.out << "signature_algorithm: " << crl->signature_algorithm().Name() << "\n";
    io.out << "issuer: " << crl->issuer().ToString() << "\n";
    io.out << "this_update: " << asn1::FormatRfc3339(crl->this_update()) << "\n";
    io.out << "next_update: " << (next.empty() ? "(none)" : next) << "\n";
    io.out << "crl_number: " << (number.empty() ? "(none)" : number) << "\n";
    for (const x509::Extension& e : crl->extensions().list()) {
      io.out << "extension: " << ExtensionDisplayName(e.oid) << (e.critical ? " (critical)" : "") << ": "
             << ExtensionSummary(e) << "\n";
    }
    io.out << "count: " << crl->revoked_count() << "\n";
    return kExitOk;
  }
  JsonWriter j;
  j.BeginObject();
  j.Field("version", crl->version());
  j.Field("signature_algorithm", crl->signature_algorithm().Name());
  WriteSignatureParameters(j, crl->signature_algorithm());
  j.Field("issuer", crl->issuer().ToString());
  j.Field("this_update", asn1::FormatRfc3339(crl->this_update()));
  j.Key("next_update");
  if (next.empty()) {
    j.Null();
  } else {
    j.String(next);
  }
  j.Key("crl_number");
  if (number.empty()) {
    j.Null();
  } else {
    j.String(number);
  }
  j.Key("extensions").BeginArray();
  for (const x509::Extension& e : crl->extensions().list()) WriteExtension(j, e);
  j.EndArray();
  j.Field("count", static_cast<uint64_t>(crl->revoked_count()));
  j.Key("revoked").BeginArray();
  for (const x509::RevokedEntry& e : crl->RevokedInEncodingOrder()) {
    j.BeginObject();
    j.Field("serial", SerialHex(e.serial));
    j.Field("revocation_date", asn1::FormatRfc3339(e.revocation_date));
    j.Key("reason");
    if (e.reason) {
      j.String(x509::RevocationReasonName(*e.reason));
    } else {
      j.Null();
    }
    if (e.invalidity_date) j.Field("invalidity_date", asn1::FormatRfc3339(*e.invalidity_date));
    j.EndObject();
  }
  j.EndArray();
  j.EndObject();
  io.out << j.str() << "\n";
  return kExitOk;
}

JPKI_REGISTER_COMMAND(Command{"crl show", "print a CRL's fields and revoked entries", kUsage, RunShow});

}  // namespace
}  // namespace jpki::cli
