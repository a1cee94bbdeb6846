#include "x509/crl_builder.h"

#include <utility>

#include "asn1/der_writer.h"
#include "base/error.h"
#include "base/status_macros.h"
#include "crypto/signer.h"
#include "x509/oids.h"

namespace jpki::x509 {
namespace {

using asn1::DerWriter;

absl::Status Missing(const char* what) {
  return MakeError(ErrorCode::kInvalidArgument, "x509", std::string("CRL builder: missing ") + what);
}

absl::StatusOr<Bytes> Assemble(ByteView tbs_der, ByteView algorithm_der, ByteView signature) {
  // CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue BIT STRING }
  DerWriter w;
  w.AddSequence([&](DerWriter& crl) {
    crl.AddRaw(tbs_der);
    crl.AddRaw(algorithm_der);
    crl.AddBitString(signature);
  });
  return w.Finish();
}

void WriteExtension(DerWriter& list, ByteView oid, bool critical, ByteView value) {
  list.AddSequence([&](DerWriter& ext) {
    ext.AddPrimitive(asn1::kObjectIdentifier, oid);
    if (critical) ext.AddBoolean(true);
    ext.AddOctetString(value);
  });
}

}  // namespace

Bytes CrlBuilder::SerialContent(ByteView magnitude) {
  size_t start = 0;
  while (start + 1 < magnitude.size() && magnitude[start] == 0) ++start;
  Bytes content;
  if (magnitude.empty() || (magnitude[start] & 0x80)) content.push_back(0);
  content.insert(content.end(), magnitude.begin() + start, magnitude.end());
  return content;
}

Bytes CrlBuilder::SerialContent(uint64_t serial) {
  uint8_t be[8];
  for (int i = 0; i < 8; ++i) be[i] = static_cast<uint8_t>(serial >> (56 - 8 * i));
  return SerialContent(ByteView(be, 8));
}

CrlBuilder& CrlBuilder::SetVersion(int version) {
  version_ = version;
  return *this;
}
CrlBuilder& CrlBuilder::SetSignatureAlgorithm(const SignatureAlgorithm& algorithm) {
  algorithm_der_ = EncodeSignatureAlgorithm(algorithm);
  algorithm_ = DetachedSignatureAlgorithm(algorithm);
  return *this;
}
CrlBuilder& CrlBuilder::SetIssuer(ByteView name_der) {
  issuer_ = ToBytes(name_der);
  return *this;
}
CrlBuilder& CrlBuilder::SetThisUpdate(int64_t t) {
  this_update_ = t;
  return *this;
}
CrlBuilder& CrlBuilder::SetNextUpdate(int64_t t) {
  next_update_ = t;
  return *this;
}
CrlBuilder& CrlBuilder::Reserve(size_t count) {
  revoked_.reserve(count);
  return *this;
}
CrlBuilder& CrlBuilder::AddRevoked(RevokedEntrySpec entry) {
  revoked_.push_back(std::move(entry));
  return *this;
}
CrlBuilder& CrlBuilder::AddRevoked(ByteView serial_content, int64_t revocation_date,
                                   std::optional<RevocationReason> reason) {
  RevokedEntrySpec entry;
  entry.serial = ToBytes(serial_content);
  entry.revocation_date = revocation_date;
  entry.reason = reason;
  return AddRevoked(std::move(entry));
}
CrlBuilder& CrlBuilder::AddExtension(ByteView oid, bool critical, ByteView value) {
  extensions_.push_back(RawExtension{ToBytes(oid), critical, ToBytes(value)});
  return *this;
}
CrlBuilder& CrlBuilder::AddCrlNumber(uint64_t number) {
  return AddExtension(oid::kCrlNumber, false, EncodeCrlNumber(CrlNumberContent(number)));
}
CrlBuilder& CrlBuilder::AddDeltaCrlIndicator(uint64_t base_crl_number) {
  return AddExtension(oid::kDeltaCrlIndicator, true, EncodeCrlNumber(CrlNumberContent(base_crl_number)));
}
CrlBuilder& CrlBuilder::AddAuthorityKeyIdentifier(ByteView key_id) {
  AuthorityKeyIdentifierSpec spec;
  spec.key_id = ToBytes(key_id);
  return AddExtension(oid::kAuthorityKeyIdentifier, false, EncodeAuthorityKeyIdentifier(spec));
}
CrlBuilder& CrlBuilder::AddIssuingDistributionPoint(const IssuingDistributionPointSpec& value) {
  return AddExtension(oid::kIssuingDistributionPoint, true, EncodeIssuingDistributionPoint(value));
}

absl::StatusOr<Bytes> CrlBuilder::BuildTbs() const {
  if (!algorithm_) return Missing("signature algorithm");
  if (!issuer_) return Missing("issuer");
  if (!this_update_) return Missing("thisUpdate");
  if (version_ != 1 && version_ != 2) return MakeError(ErrorCode::kInvalidArgument, "x509", "CRL builder: bad version");
  if (version_ == 1) {
    bool entry_extensions = false;
    for (const RevokedEntrySpec& e : revoked_) {
      entry_extensions |= e.reason || e.invalidity_date || !e.extra_extensions.empty() || e.extensions_der;
    }
    if (!extensions_.empty() || entry_extensions) {
      return MakeError(ErrorCode::kInvalidArgument, "x509", "CRL builder: extensions need v2");
    }
  }
  DerWriter w;
  // TBSCertList ::= SEQUENCE { version OPTIONAL, signature, issuer, thisUpdate, nextUpdate OPTIONAL,
  //   revokedCertificates SEQUENCE OF SEQUENCE { userCertificate, revocationDate, crlEntryExtensions OPTIONAL }
  //   OPTIONAL, crlExtensions [0] EXPLICIT Extensions OPTIONAL }
  w.AddSequence([&](DerWriter& tbs) {
    if (version_ == 2) tbs.AddUint64(1);
    tbs.AddRaw(algorithm_der_);
    tbs.AddRaw(*issuer_);
    tbs.AddTime(*this_update_);
    if (next_update_) tbs.AddTime(*next_update_);
    if (!revoked_.empty()) {
      tbs.AddSequence([&](DerWriter& list) {
        for (const RevokedEntrySpec& e : revoked_) {
          list.AddSequence([&](DerWriter& entry) {
            entry.AddInteger(e.serial);
            entry.AddTime(e.revocation_date);
            if (e.extensions_der) {
              entry.AddRaw(*e.extensions_der);
              return;
            }
            if (!e.reason && !e.invalidity_date && e.extra_extensions.empty()) return;
            entry.AddSequence([&](DerWriter& exts) {
              if (e.reason) WriteExtension(exts, oid::kReasonCode, false, EncodeReasonCode(*e.reason));
              if (e.invalidity_date) {
                WriteExtension(exts, oid::kInvalidityDate, false, EncodeInvalidityDate(*e.invalidity_date));
              }
              for (const Bytes& raw : e.extra_extensions) exts.AddRaw(raw);
            });
          });
        }
      });
    }
    if (!extensions_.empty()) {
      tbs.AddExplicit(0, [&](DerWriter& x) {
        x.AddSequence([&](DerWriter& list) {
          for (const RawExtension& e : extensions_) WriteExtension(list, e.oid, e.critical, e.value);
        });
      });
    }
  });
  return w.Finish();
}

absl::StatusOr<Bytes> CrlBuilder::Sign(const crypto::Signer& signer) const {
  JPKI_ASSIGN_OR_RETURN(Bytes tbs, BuildTbs());
  JPKI_ASSIGN_OR_RETURN(Bytes signature, signer.Sign(tbs));
  return Assemble(tbs, algorithm_der_, signature);
}

absl::StatusOr<Bytes> CrlBuilder::SignExternal(std::shared_ptr<const crypto::ExternalSigner> signer) const {
  if (!algorithm_) return Missing("signature algorithm");
  crypto::SignatureHash hash;
  switch (algorithm_->kind) {
    case SignatureAlgorithmKind::kRsaPkcs1Sha256:
      hash = crypto::SignatureHash::kSha256;
      break;
    case SignatureAlgorithmKind::kRsaPkcs1Sha384:
      hash = crypto::SignatureHash::kSha384;
      break;
    case SignatureAlgorithmKind::kRsaPkcs1Sha512:
      hash = crypto::SignatureHash::kSha512;
      break;
    default:
      return MakeError(ErrorCode::kInvalidArgument, "x509", "external signing needs sha*WithRSAEncryption");
  }
  JPKI_ASSIGN_OR_RETURN(std::unique_ptr<crypto::Signer> adapted, crypto::NewExternalRsaPkcs1Signer(signer, hash));
  return Sign(*adapted);
}

absl::StatusOr<Bytes> AssembleCrl(ByteView tbs_der, const SignatureAlgorithm& algorithm, ByteView signature) {
  return Assemble(tbs_der, EncodeSignatureAlgorithm(algorithm), signature);
}

absl::StatusOr<Bytes> ReencodeCrl(const Crl& crl) {
  CrlBuilder b;
  b.SetVersion(crl.version())
      .SetSignatureAlgorithm(crl.signature_algorithm())
      .SetIssuer(EncodeName(crl.issuer()))
      .SetThisUpdate(crl.this_update());
  if (crl.next_update()) b.SetNextUpdate(*crl.next_update());
  std::vector<RevokedEntry> entries = crl.RevokedInEncodingOrder();
  b.Reserve(entries.size());
  for (const RevokedEntry& e : entries) {
    RevokedEntrySpec spec;
    spec.serial = ToBytes(e.serial);
    spec.revocation_date = e.revocation_date;
    if (!e.extensions_der.empty()) spec.extensions_der = ToBytes(e.extensions_der);
    b.AddRevoked(std::move(spec));
  }
  for (const Extension& e : crl.extensions().list()) b.AddExtension(e.oid, e.critical, e.value);
  JPKI_ASSIGN_OR_RETURN(Bytes tbs, b.BuildTbs());
  return AssembleCrl(tbs, crl.signature_algorithm(), crl.signature());
}

}  // namespace jpki::x509
