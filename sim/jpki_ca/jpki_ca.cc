#include "sim/jpki_ca/jpki_ca.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "asn1/oid.h"
#include "base/error.h"
#include "base/status_macros.h"
#include "crypto/hash.h"
#include "crypto/signer.h"
#include "x509/certificate_builder.h"
#include "x509/crl_builder.h"
#include "x509/extension_encoders.h"
#include "x509/general_name.h"
#include "x509/name.h"
#include "x509/oids.h"
#include "x509/signature_algorithm.h"

namespace jpki::sim::ca {

const char kSmartphoneAuthProfileRow[] =
    "policy | 1.2.392.200149.8.5.1.3.40 | authentication | provisional | smartphone | provisional | production | "
    "jpkicore simulation: the demo CA's smartphone authentication policy (no public J-LIS OID)\n";

namespace {

constexpr int64_t kCaValidity = 20LL * 365 * kSecondsPerDay;
constexpr int64_t kLeafValidity = 5LL * 365 * kSecondsPerDay;
constexpr int64_t kCrlValidity = kSecondsPerDay;
constexpr char kSigningPolicyCard[] = "1.2.392.200149.8.5.1.1.20";
constexpr char kSigningPolicySmartphone[] = "1.2.392.200149.8.5.1.1.40";
constexpr char kAuthPolicyCard[] = "1.2.392.200149.8.5.1.3.30";
constexpr char kAuthPolicySmartphone[] = "1.2.392.200149.8.5.1.3.40";

x509::KeyUsage Usage(std::initializer_list<x509::KeyUsageBit> bits) {
  x509::KeyUsage usage;
  for (auto bit : bits) usage.bits |= static_cast<uint16_t>(1u << static_cast<int>(bit));
  return usage;
}

absl::StatusOr<Bytes> KeyId(const crypto::RsaPublicKey& key) {
  // RFC 7093 method 1: the leftmost 160 bits of the SHA-256 of the subjectPublicKey.
  JPKI_ASSIGN_OR_RETURN(Bytes digest, crypto::Hash(crypto::HashAlgorithm::kSha256, key.Pkcs1Der()));
  digest.resize(20);
  return digest;
}

absl::StatusOr<Bytes> CaName(const std::string& unit, const std::string& level) {
  return x509::NameBuilder()
      .Country("JP")
      .Organization("JPKI")
      .OrganizationalUnit(unit)
      .OrganizationalUnit(absl::StrCat("jpkicore simulation ", level))
      .Build();
}

absl::StatusOr<Bytes> PolicyOid(const char* dotted) {
  JPKI_ASSIGN_OR_RETURN(asn1::Oid oid, asn1::Oid::FromDotted(dotted));
  return ToBytes(oid.der());
}

}  // namespace

absl::StatusOr<std::unique_ptr<JpkiCa>> JpkiCa::Create(const Clock& clock, crypto::RandomSource& rng) {
  std::unique_ptr<JpkiCa> ca(new JpkiCa(clock, rng));
  JPKI_RETURN_IF_ERROR(ca->Setup());
  return ca;
}

absl::Status JpkiCa::Setup() {
  const int64_t now = clock_.NowUnix();
  const auto sha256 = x509::SignatureAlgorithm::RsaPkcs1(x509::HashAlgorithm::kSha256);
  struct Plan {
    std::unique_ptr<Authority>* root;
    std::unique_ptr<Authority>* issuing;
    const char* unit;
  };
  for (const Plan& plan : {Plan{&signing_root_, &signing_, "JPKI for digital signature"},
                           Plan{&auth_root_, &auth_, "JPKI for user authentication"}}) {
    for (bool is_root : {true, false}) {
      JPKI_ASSIGN_OR_RETURN(crypto::RsaPrivateKey key, crypto::RsaPrivateKey::Generate(2048, 65537, rng_));
      JPKI_ASSIGN_OR_RETURN(Bytes name, CaName(plan.unit, is_root ? "root CA" : "issuing CA"));
      JPKI_ASSIGN_OR_RETURN(Bytes key_id, KeyId(key.public_key()));
      auto authority =
          std::make_unique<Authority>(Authority{std::move(key), std::move(name), std::move(key_id), {}, {}, 0});
      const Authority& issuer = is_root ? *authority : **plan.root;
      x509::CertificateBuilder builder;
      builder.SetSerialUint64(next_serial_++)
          .SetSignatureAlgorithm(sha256)
          .SetIssuer(issuer.name_der)
          .SetSubject(authority->name_der)
          .SetValidity(now - kSecondsPerDay, now + kCaValidity)
          .SetSubjectPublicKeyInfo(authority->key.public_key().SpkiDer())
          .AddBasicConstraints(x509::BasicConstraints{true, is_root ? std::optional<uint32_t>() : 0})
          .AddKeyUsage(Usage({x509::KeyUsageBit::kKeyCertSign, x509::KeyUsageBit::kCrlSign}))
          .AddSubjectKeyIdentifier(authority->key_id);
      if (!is_root) builder.AddAuthorityKeyIdentifier(issuer.key_id);
      JPKI_ASSIGN_OR_RETURN(auto signer, crypto::NewRsaPkcs1Signer(issuer.key, crypto::SignatureHash::kSha256));
      JPKI_ASSIGN_OR_RETURN(Bytes der, builder.Sign(*signer));
      JPKI_ASSIGN_OR_RETURN(x509::Certificate certificate, x509::Certificate::Parse(std::move(der)));
      (is_root ? roots_ : intermediates_).push_back(std::move(certificate));
      (is_root ? *plan.root : *plan.issuing) = std::move(authority);
    }
  }
  return absl::OkStatus();
}

const x509::Certificate& JpkiCa::issuing_certificate(Hierarchy hierarchy) const {
  return intermediates_[hierarchy == Hierarchy::kSigning ? 0 : 1];
}

absl::StatusOr<x509::Certificate> JpkiCa::IssueLeaf(Hierarchy hierarchy, ByteView spki_der, ByteView subject_der,
                                                    const HolderIdentity* holder, Medium medium) {
  // The key must be a usable RSA key (the CA never certifies a key it cannot parse).
  JPKI_ASSIGN_OR_RETURN(crypto::RsaPublicKey key, crypto::RsaPublicKey::ParseSpkiDer(spki_der));
  JPKI_ASSIGN_OR_RETURN(Bytes key_id, KeyId(key));
  Authority& issuer = IssuerOf(hierarchy);
  const bool signing = hierarchy == Hierarchy::kSigning;
  const bool phone = medium == Medium::kSmartphone;
  JPKI_ASSIGN_OR_RETURN(Bytes policy, PolicyOid(signing ? (phone ? kSigningPolicySmartphone : kSigningPolicyCard)
                                                        : (phone ? kAuthPolicySmartphone : kAuthPolicyCard)));
  const int64_t now = clock_.NowUnix();
  x509::CertificateBuilder builder;
  builder.SetSerialUint64(next_serial_++)
      .SetSignatureAlgorithm(x509::SignatureAlgorithm::RsaPkcs1(x509::HashAlgorithm::kSha256))
      .SetIssuer(issuer.name_der)
      .SetSubject(subject_der)
      .SetValidity(now - 60, now + kLeafValidity)
      .SetSubjectPublicKeyInfo(spki_der)
      .AddKeyUsage(signing ? Usage({x509::KeyUsageBit::kDigitalSignature, x509::KeyUsageBit::kNonRepudiation})
                           : Usage({x509::KeyUsageBit::kDigitalSignature}))
      .AddCertificatePolicies({x509::PolicyInformationSpec{policy, {}}}, signing)
      .AddSubjectKeyIdentifier(key_id)
      .AddAuthorityKeyIdentifier(issuer.key_id);
  if (holder != nullptr) {
    builder.AddSubjectAltNames({
        x509::GeneralNameSpec::OtherNameUtf8(x509::oid::kJpkiName, holder->name),
        x509::GeneralNameSpec::OtherNameUtf8(x509::oid::kJpkiGender, holder->gender),
        x509::GeneralNameSpec::OtherNameUtf8(x509::oid::kJpkiBirthDate, holder->birth_date),
        x509::GeneralNameSpec::OtherNameUtf8(x509::oid::kJpkiAddress, holder->address),
    });
  }
  JPKI_ASSIGN_OR_RETURN(auto signer, crypto::NewRsaPkcs1Signer(issuer.key, crypto::SignatureHash::kSha256));
  JPKI_ASSIGN_OR_RETURN(Bytes der, builder.Sign(*signer));
  return x509::Certificate::Parse(std::move(der));
}

absl::StatusOr<x509::Certificate> JpkiCa::IssueSigning(ByteView spki_der, const HolderIdentity& holder, Medium medium) {
  // Subject as on real signing certificates: C=JP, L=<prefecture>, L=<municipality>, CN=<issuance identifier>.
  JPKI_ASSIGN_OR_RETURN(Bytes subject, x509::NameBuilder()
                                           .Country("JP")
                                           .Locality(holder.prefecture)
                                           .Locality(holder.municipality)
                                           .CommonName(absl::StrFormat("SIM%020d", ++holder_counter_))
                                           .Build());
  return IssueLeaf(Hierarchy::kSigning, spki_der, subject, &holder, medium);
}

absl::StatusOr<x509::Certificate> JpkiCa::IssueAuthentication(ByteView spki_der, Medium medium) {
  // The authentication certificate carries no personal data: CN=<23-character identifier> only.
  JPKI_ASSIGN_OR_RETURN(Bytes subject,
                        x509::NameBuilder().CommonName(absl::StrFormat("SIMAUTH%016d", ++holder_counter_)).Build());
  return IssueLeaf(Hierarchy::kAuthentication, spki_der, subject, nullptr, medium);
}

absl::Status JpkiCa::Revoke(const x509::Certificate& certificate, x509::RevocationReason reason) {
  for (Authority* authority : {signing_.get(), auth_.get()}) {
    if (Equal(certificate.issuer_der(), authority->name_der)) {
      authority->revoked.emplace_back(ToBytes(certificate.serial()), clock_.NowUnix());
      authority->reasons.push_back(reason);
      return absl::OkStatus();
    }
  }
  return MakeError(ErrorCode::kNotFound, "sim", "CA: not a certificate of an issuing CA");
}

absl::StatusOr<std::vector<x509::Crl>> JpkiCa::PublishCrls() {
  std::vector<x509::Crl> crls;
  const int64_t now = clock_.NowUnix();
  for (Authority* authority : {signing_root_.get(), signing_.get(), auth_root_.get(), auth_.get()}) {
    x509::CrlBuilder builder;
    builder.SetSignatureAlgorithm(x509::SignatureAlgorithm::RsaPkcs1(x509::HashAlgorithm::kSha256))
        .SetIssuer(authority->name_der)
        .SetThisUpdate(now - 60)
        .SetNextUpdate(now + kCrlValidity)
        .AddCrlNumber(++authority->crl_number)
        .AddAuthorityKeyIdentifier(authority->key_id);
    for (size_t i = 0; i < authority->revoked.size(); ++i) {
      builder.AddRevoked(authority->revoked[i].first, authority->revoked[i].second, authority->reasons[i]);
    }
    JPKI_ASSIGN_OR_RETURN(auto signer, crypto::NewRsaPkcs1Signer(authority->key, crypto::SignatureHash::kSha256));
    JPKI_ASSIGN_OR_RETURN(Bytes der, builder.Sign(*signer));
    JPKI_ASSIGN_OR_RETURN(x509::Crl crl, x509::Crl::Parse(std::move(der)));
    crls.push_back(std::move(crl));
  }
  return crls;
}

}  // namespace jpki::sim::ca
