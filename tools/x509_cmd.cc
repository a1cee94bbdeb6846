// `jpki x509 show [--json] FILE`: the fields of one certificate (shared/spec/cli.md, x509). DER or PEM, detected
// from the content; malformed input is "error: ..." with the byte offset and exit 2.
#include <ostream>
#include <string>
#include <vector>

#include "asn1/time.h"
#include "tools/cli.h"
#include "tools/json_writer.h"
#include "tools/x509_json.h"
#include "x509/certificate.h"
#include "x509/jpki_profile.h"
#include "x509/oids.h"

namespace jpki::cli {
namespace {

constexpr char kUsage[] =
    "usage: jpki x509 show [--json] FILE\n"
    "Prints the fields of a certificate (DER or PEM; FILE may be - for stdin): version, serial, signature\n"
    "algorithm, issuer and subject (RFC 4514), validity (RFC 3339), public key, extensions, SHA-256 fingerprint\n"
    "and the JPKI classification with the holder attributes of a signing certificate.\n";

void WriteJpki(JsonWriter& j, const x509::Certificate& cert) {
  const x509::Classification c = x509::Classify(cert);
  j.Key("jpki").BeginObject();
  j.Field("kind", x509::JpkiKindName(c.kind));
  j.Field("medium", x509::JpkiMediumName(c.medium));
  absl::StatusOr<x509::HolderAttributes> holder = x509::ExtractHolderAttributes(cert);
  auto optional_field = [&j](const char* key, const std::optional<std::string>& value) {
    j.Key(key);
    if (value) {
      j.String(*value);
    } else {
      j.Null();
    }
  };
  if (holder.ok()) {
    optional_field("name", holder->name);
    // The certificate carries no kana reading (it is on the card-face AP), so name_kana is always null.
    j.Key("name_kana").Null();
    if (holder->birth_date) {
      const std::string iso = holder->birth_date->Iso();
      j.Field("birth_date", iso.empty() ? holder->birth_date->raw : iso);
    } else {
      j.Key("birth_date").Null();
    }
    j.Key("gender");
    if (holder->gender) {
      j.String(holder->GenderName());
    } else {
      j.Null();
    }
    optional_field("address", holder->address);
    optional_field("name_substitute", holder->name_substitute);
    optional_field("address_substitute", holder->address_substitute);
  } else {
    for (const char* key : {"name", "name_kana", "birth_date", "gender", "address"}) j.Key(key).Null();
  }
  j.Field("provisional", !c.kind_confirmed || !c.medium_confirmed);
  j.Field("test_hierarchy", c.test_hierarchy);
  j.EndObject();
}

void WriteJson(const x509::Certificate& cert, std::ostream& out) {
  JsonWriter j;
  j.BeginObject();
  j.Field("version", static_cast<int>(cert.version()));
  j.Field("serial", SerialHex(cert.serial()));
  j.Field("signature_algorithm", cert.signature_algorithm().Name());
  WriteSignatureParameters(j, cert.signature_algorithm());
  j.Field("issuer", cert.issuer().ToString());
  j.Field("subject", cert.subject().ToString());
  j.Field("not_before", asn1::FormatRfc3339(cert.not_before()));
  j.Field("not_after", asn1::FormatRfc3339(cert.not_after()));
  WritePublicKey(j, cert);
  j.Key("extensions").BeginArray();
  for (const x509::Extension& e : cert.extensions().list()) WriteExtension(j, e);
  j.EndArray();
  j.Key("key_usage").BeginArray();
  if (cert.key_usage()) {
    for (std::string_view name : cert.key_usage()->Names()) j.String(name);
  }
  j.EndArray();
  j.Key("basic_constraints");
  if (cert.basic_constraints()) {
    j.BeginObject().Field("ca", cert.basic_constraints()->ca).Key("path_len");
    if (cert.basic_constraints()->path_len) {
      j.Uint(*cert.basic_constraints()->path_len);
    } else {
      j.Null();
    }
    j.EndObject();
  } else {
    j.Null();
  }
  j.Key("subject_alt_names").BeginArray();
  if (cert.subject_alt_names()) {
    for (const x509::GeneralName& n : *cert.subject_alt_names()) j.String(n.ToString());
  }
  j.EndArray();
  j.Key("policies").BeginArray();
  if (cert.certificate_policies()) {
    for (const x509::PolicyInformation& p : cert.certificate_policies()->policies)
      j.String(x509::oid::ToDotted(p.policy_id));
  }
  j.EndArray();
  const auto fp = cert.Sha256Fingerprint();
  j.Field("sha256_fingerprint", HexEncode(ByteView(fp.data(), fp.size())));
  WriteJpki(j, cert);
  j.EndObject();
  out << j.str() << "\n";
}

void WriteText(const x509::Certificate& cert, std::ostream& out) {
  out << "version: " << static_cast<int>(cert.version()) << "\n";
  out << "serial: " << SerialHex(cert.serial()) << "\n";
  out << "signature_algorithm: " << cert.signature_algorithm().Name() << "\n";
  out << "issuer: " << cert.issuer().ToString() << "\n";
  out << "subject: " << cert.subject().ToString() << "\n";
  out << "not_before: " << asn1::FormatRfc3339(cert.not_before()) << "\n";
  out << "not_after: " << asn1::FormatRfc3339(cert.not_after()) << "\n";
  absl::StatusOr<x509::RsaPublicKeyInfo> rsa = cert.RsaPublicKey();
  if (rsa.ok()) {
    out << "public_key: rsaEncryption " << rsa->bits << " bits, exponent " << rsa->exponent_value << "\n";
  } else {
    out << "public_key: " << x509::oid::Display(cert.public_key().algorithm_oid) << "\n";
  }
  for (const x509::Extension& e : cert.extensions().list()) {
    out << "extension: " << ExtensionDisplayName(e.oid) << (e.critical ? " (critical)" : "") << ": "
        << ExtensionSummary(e) << "\n";
  }
  const auto fp = cert.Sha256Fingerprint();
  out << "sha256_fingerprint: " << HexEncode(ByteView(fp.data(), fp.size())) << "\n";
  const x509::Classification c = x509::Classify(cert);
  out << "jpki: " << c.Summary() << "\n";
  absl::StatusOr<x509::HolderAttributes> holder = x509::ExtractHolderAttributes(cert);
  if (holder.ok() && !holder->empty()) {
    if (holder->name) out << "jpki_name: " << *holder->name << "\n";
    if (holder->birth_date) out << "jpki_birth_date: " << holder->birth_date->raw << "\n";
    if (holder->gender) out << "jpki_gender: " << holder->GenderName() << "\n";
    if (holder->address) out << "jpki_address: " << *holder->address << "\n";
  }
}

int RunShow(const std::vector<std::string>& argv, Io& io) {
  absl::StatusOr<Args> args = Args::Parse(argv, {}, {"json", "help"});
  if (!args.ok()) return UsageError(io, std::string(args.status().message()));
  if (args->Has("help")) {
    io.out << kUsage;
    return kExitOk;
  }
  if (args->positional().size() != 1) return UsageError(io, "`jpki x509 show` takes exactly one FILE");
  const std::string& path = args->positional()[0];
  absl::StatusOr<Bytes> data = ReadInput(path, io);
  if (!data.ok()) return StatusError(io, data.status());
  absl::StatusOr<Bytes> der = PemOrDer(*data);
  if (!der.ok()) return StatusError(io, der.status());
  absl::StatusOr<x509::Certificate> cert = x509::Certificate::Parse(*std::move(der));
  if (!cert.ok()) return StatusError(io, cert.status());
  if (args->Has("json")) {
    WriteJson(*cert, io.out);
  } else {
    WriteText(*cert, io.out);
  }
  return kExitOk;
}

JPKI_REGISTER_COMMAND(Command{"x509 show", "print the fields of a certificate", kUsage, RunShow});

}  // namespace
}  // namespace jpki::cli
