// `jpki x509 verify`: path validation of a leaf certificate against --roots, through --intermediate, with --crl
// revocation, at --at, for --purpose (shared/spec/cli.md, x509). Prints "ok: <chain>; <classification>" and exits
// 0, or "rejected: CODE: detail" on stderr and exits 1; unreadable or malformed input is "error: ..." and exit 2.
#include <ctime>
#include <ostream>
#include <string>
#include <vector>

#include "asn1/time.h"
#include "tools/cli.h"
#include "x509/certificate.h"
#include "x509/crl.h"
#include "x509/jpki_profile.h"
#include "x509/path_validator.h"
#include "x509/trust_store.h"
#include "x509/validation_code.h"

namespace jpki::cli {
namespace {

constexpr char kUsage[] =
    "usage: jpki x509 verify --roots FILE [--roots FILE ...] [--intermediate FILE ...] [--crl FILE ...]\n"
    "                        [--at RFC3339] [--purpose signing|authentication|any] [--allow-test-roots] LEAF\n"
    "Validates LEAF (DER or PEM) up to one of the roots (RFC 5280 section 6). Files may hold several PEM\n"
    "certificates. With --crl, every certificate below the root must be covered by a current CRL from its issuer.\n"
    "--allow-test-roots accepts roots of the J-LIS test hierarchy (O=JPKI-TEST).\n";

absl::StatusOr<std::vector<x509::Certificate>> ReadCertificates(const std::string& path, Io& io) {
  absl::StatusOr<Bytes> data = ReadInput(path, io);
  if (!data.ok()) return data.status();
  absl::StatusOr<std::vector<x509::Certificate>> certs = x509::DecodeCertificates(*data);
  if (!certs.ok()) return absl::Status(certs.status().code(), path + ": " + std::string(certs.status().message()));
  return certs;
}

int RunVerify(const std::vector<std::string>& argv, Io& io) {
  absl::StatusOr<Args> args =
      Args::Parse(argv, {"roots", "intermediate", "crl", "at", "purpose"}, {"allow-test-roots", "help"});
  if (!args.ok()) return UsageError(io, std::string(args.status().message()));
  if (args->Has("help")) {
    io.out << kUsage;
    return kExitOk;
  }
  if (args->positional().size() != 1) return UsageError(io, "`jpki x509 verify` takes exactly one LEAF file");
  const std::vector<std::string> roots = args->GetAll("roots");
  if (roots.empty()) return UsageError(io, "at least one --roots FILE is required");

  x509::ValidationOptions options = x509::ValidationOptions::AtTime(static_cast<int64_t>(std::time(nullptr)));
  if (std::optional<std::string> at = args->Get("at")) {
    absl::StatusOr<int64_t> t = asn1::ParseRfc3339(*at);
    if (!t.ok()) return UsageError(io, "--at wants an RFC 3339 time such as 2025-01-02T03:04:05Z");
    options.time = *t;
  }
  if (std::optional<std::string> purpose = args->Get("purpose")) {
    std::optional<x509::Purpose> p = x509::ParsePurpose(*purpose);
    if (!p) return UsageError(io, "--purpose must be signing, authentication or any");
    options.purpose = *p;
  }

  x509::TrustStoreOptions store_options;
  store_options.allow_test_hierarchy = args->Has("allow-test-roots");
  x509::TrustStore store(store_options);
  for (const std::string& path : roots) {
    absl::StatusOr<std::vector<x509::Certificate>> certs = ReadCertificates(path, io);
    if (!certs.ok()) return StatusError(io, certs.status());
    for (const x509::Certificate& cert : *certs) {
      if (absl::Status s = store.Add(cert, path); !s.ok()) return StatusError(io, s);
    }
  }
  std::vector<x509::Certificate> intermediates;
  for (const std::string& path : args->GetAll("intermediate")) {
    absl::StatusOr<std::vector<x509::Certificate>> certs = ReadCertificates(path, io);
    if (!certs.ok()) return StatusError(io, certs.status());
    intermediates.insert(intermediates.end(), certs->begin(), certs->end());
  }
  std::vector<x509::Crl> crls;
  for (const std::string& path : args->GetAll("crl")) {
    absl::StatusOr<Bytes> data = ReadInput(path, io);
    if (!data.ok()) return StatusError(io, data.status());
    absl::StatusOr<Bytes> der = PemOrDer(*data);
    if (!der.ok()) return StatusError(io, der.status());
    absl::StatusOr<x509::Crl> crl = x509::Crl::Parse(*std::move(der));
    if (!crl.ok()) return UsageError(io, path + ": " + std::string(crl.status().message()));
    crls.push_back(*std::move(crl));
  }
  absl::StatusOr<std::vector<x509::Certificate>> leaf = ReadCertificates(args->positional()[0], io);
  if (!leaf.ok()) return StatusError(io, leaf.status());
  if (leaf->size() != 1) return UsageError(io, "LEAF must hold exactly one certificate");

  const x509::ValidationResult result = x509::ValidatePath(leaf->front(), intermediates, store, crls, options);
  if (!result.ok()) {
    return Rejected(io, std::string(x509::ValidationCodeName(result.code)) + ": " + result.detail);
  }
  std::string chain;
  for (const x509::Certificate& cert : result.path.chain) {
    if (!chain.empty()) chain += " <- ";
    chain += "\"" + cert.subject().ToString() + "\"";
  }
  const x509::Classification classification = x509::Classify(leaf->front());
  io.out << "ok: " << chain << "; jpki: " << classification.Summary();
  if (!result.path.revocation_checked) io.out << "; revocation not checked (no --crl)";
  io.out << "\n";
  return kExitOk;
}

JPKI_REGISTER_COMMAND(Command{"x509 verify", "validate a certificate path (RFC 5280) to trusted roots", kUsage,
                              RunVerify});

}  // namespace
}  // namespace jpki::cli
