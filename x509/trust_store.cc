#include "x509/trust_store.h"

#include <fstream>
#include <sstream>
#include <string_view>
#include <utility>

#include "absl/strings/str_cat.h"
#include "base/error.h"
#include "base/status_macros.h"
#include "crypto/pem.h"
#include "x509/jpki_profile.h"

namespace jpki::x509 {
namespace {

absl::StatusOr<Bytes> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, "x509", absl::StrCat("cannot read ", path));
  std::ostringstream text;
  text << in.rdbuf();
  const std::string s = text.str();
  return Bytes(s.begin(), s.end());
}

}  // namespace

absl::StatusOr<std::vector<Certificate>> DecodeCertificates(ByteView der_or_pem, const ParseOptions& options) {
  std::vector<Certificate> out;
  if (!crypto::LooksLikePem(der_or_pem)) {
    JPKI_ASSIGN_OR_RETURN(Certificate cert, Certificate::ParseView(der_or_pem, options));
    out.push_back(std::move(cert));
    return out;
  }
  // PemDecode reads the first block; walk the text block by block. Anything between blocks must be whitespace
  // (PemDecode enforces that for the text before each block).
  constexpr std::string_view kEnd = "-----END ";
  ByteView rest = der_or_pem;
  while (true) {
    JPKI_ASSIGN_OR_RETURN(crypto::PemBlock block, crypto::PemDecode(rest));
    if (block.label != "CERTIFICATE") {
      return MakeError(ErrorCode::kMalformedInput, "x509",
                       absl::StrCat("expected a CERTIFICATE PEM block, found ", block.label));
    }
    JPKI_ASSIGN_OR_RETURN(Certificate cert, Certificate::ParseView(block.body.view(), options));
    out.push_back(std::move(cert));
    const std::string_view text(reinterpret_cast<const char*>(rest.data()), rest.size());
    const size_t end = text.find(kEnd);
    const size_t eol = end == std::string_view::npos ? std::string_view::npos : text.find('\n', end);
    if (eol == std::string_view::npos) break;
    rest = rest.subspan(eol + 1);
    bool only_space = true;
    for (uint8_t c : rest) only_space = only_space && (c == ' ' || c == '\t' || c == '\r' || c == '\n');
    if (only_space) break;
  }
  return out;
}

absl::Status TrustStore::Add(const Certificate& certificate, std::string label, bool test_hierarchy) {
  if (FindSame(certificate) != nullptr) return absl::OkStatus();
  const bool is_test = test_hierarchy || ProfileTable::BuiltIn().IssuerIsTestHierarchy(certificate.subject());
  if (is_test && !options_.allow_test_hierarchy) {
    return MakeError(ErrorCode::kPolicyViolation, "x509",
                     absl::StrCat("trust anchor ", certificate.subject().ToString(),
                                  " belongs to a test hierarchy; this store accepts production anchors only"));
  }
  absl::StatusOr<std::shared_ptr<const VerificationKey>> key =
      VerificationKey::FromCertificate(certificate, options_.min_rsa_bits);
  if (!key.ok()) {
    return MakeError(GetErrorCode(key.status()), "x509",
                     absl::StrCat("trust anchor ", certificate.subject().ToString(), ": ", key.status().message()));
  }
  auto anchor = std::make_unique<TrustAnchor>(TrustAnchor{certificate, *std::move(key), std::move(label), is_test});
  anchors_.push_back(std::move(anchor));
  return absl::OkStatus();
}

absl::Status TrustStore::AddEncoded(ByteView der_or_pem, std::string label, bool test_hierarchy) {
  JPKI_ASSIGN_OR_RETURN(std::vector<Certificate> certs, DecodeCertificates(der_or_pem, options_.parse_options));
  for (const Certificate& cert : certs) JPKI_RETURN_IF_ERROR(Add(cert, label, test_hierarchy));
  return absl::OkStatus();
}

absl::Status TrustStore::AddFile(const std::string& path, bool test_hierarchy) {
  JPKI_ASSIGN_OR_RETURN(Bytes data, ReadFile(path));
  absl::Status status = AddEncoded(data, path, test_hierarchy);
  if (!status.ok()) return MakeError(GetErrorCode(status), "x509", absl::StrCat(path, ": ", status.message()));
  return absl::OkStatus();
}

absl::StatusOr<TrustStore> TrustStore::FromFiles(const std::vector<std::string>& paths, TrustStoreOptions options) {
  TrustStore store(options);
  for (const std::string& path : paths) JPKI_RETURN_IF_ERROR(store.AddFile(path));
  return store;
}

std::vector<std::string> TrustStore::JlisRootFileNames() {
  return {"sign_ca_2015.der", "sign_ca_2023.der", "auth_ca_2015.der", "auth_ca_2023.der"};
}

absl::Status TrustStore::AddJlisRoots(const std::string& directory) {
  size_t added = 0;
  for (const std::string& name : JlisRootFileNames()) {
    const std::string path = absl::StrCat(directory, "/", name);
    absl::Status status = AddFile(path);
    if (GetErrorCode(status) == ErrorCode::kNotFound) continue;
    JPKI_RETURN_IF_ERROR(status);
    ++added;
  }
  if (added == 0) {
    return MakeError(ErrorCode::kNotFound, "x509", absl::StrCat("no J-LIS root certificate found in ", directory));
  }
  return absl::OkStatus();
}

std::vector<const TrustAnchor*> TrustStore::FindBySubject(const Name& name) const {
  std::vector<const TrustAnchor*> out;
  for (const auto& anchor : anchors_) {
    if (anchor->certificate.subject().ByteEquals(name) || anchor->certificate.subject().Equals(name)) {
      out.push_back(anchor.get());
    }
  }
  return out;
}

const TrustAnchor* TrustStore::FindSame(const Certificate& certificate) const {
  for (const auto& anchor : anchors_) {
    if (anchor->certificate.SameBytes(certificate)) return anchor.get();
  }
  return nullptr;
}

}  // namespace jpki::x509
