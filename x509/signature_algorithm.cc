#include "x509/signature_algorithm.h"

#include <utility>

#include "asn1/der_reader.h"
#include "asn1/der_writer.h"
#include "asn1/oid.h"
#include "base/status_macros.h"
#include "x509/internal/parse_util.h"
#include "x509/oids.h"

namespace jpki::x509 {
namespace {

using asn1::ContextSpecific;
using asn1::DerReader;
using internal::Malformed;

ByteView HashOid(HashAlgorithm hash) {
  switch (hash) {
    case HashAlgorithm::kSha256:
      return oid::kSha256;
    case HashAlgorithm::kSha384:
      return oid::kSha384;
    case HashAlgorithm::kSha512:
      return oid::kSha512;
  }
  return {};
}

// ReadHashAlgorithm reads AlgorithmIdentifier { sha-2 OID, NULL } (RFC 4055 2.1; NULL required, as every encoder
// in use writes it, so each algorithm has one encoding).
absl::StatusOr<HashAlgorithm> ReadHashAlgorithm(DerReader& r) {
  const size_t offset = r.offset();
  JPKI_ASSIGN_OR_RETURN(DerReader seq, r.ReadSequence());
  JPKI_ASSIGN_OR_RETURN(asn1::Oid id, seq.ReadOid());
  HashAlgorithm hash;
  if (Equal(id.der(), oid::kSha256)) {
    hash = HashAlgorithm::kSha256;
  } else if (Equal(id.der(), oid::kSha384)) {
    hash = HashAlgorithm::kSha384;
  } else if (Equal(id.der(), oid::kSha512)) {
    hash = HashAlgorithm::kSha512;
  } else {
    return Malformed("signature algorithm: PSS hash is not SHA-256/384/512", offset);
  }
  JPKI_RETURN_IF_ERROR(seq.ReadNull());
  JPKI_RETURN_IF_ERROR(seq.ExpectEnd());
  return hash;
}

absl::Status ParsePssParameters(asn1::Element params, PssParameters& pss) {
  if (params.tag != asn1::kSequence)
    return Malformed("signature algorithm: PSS parameters not a SEQUENCE", params.offset);
  // RSASSA-PSS-params ::= SEQUENCE { hashAlgorithm [0] HashAlgorithm DEFAULT sha1,
  //   maskGenAlgorithm [1] MaskGenAlgorithm DEFAULT mgf1SHA1, saltLength [2] INTEGER DEFAULT 20,
  //   trailerField [3] TrailerField DEFAULT trailerFieldBC }
  DerReader seq = params.reader();
  const size_t offset = seq.offset();
  JPKI_ASSIGN_OR_RETURN(std::optional<DerReader> hash, seq.ReadOptionalElement(ContextSpecific(0, true)));
  if (!hash.has_value()) return Malformed("signature algorithm: PSS with the SHA-1 default hash", offset);
  JPKI_ASSIGN_OR_RETURN(pss.hash, ReadHashAlgorithm(*hash));
  JPKI_RETURN_IF_ERROR(hash->ExpectEnd());

  const size_t mgf_offset = seq.offset();
  JPKI_ASSIGN_OR_RETURN(std::optional<DerReader> mgf, seq.ReadOptionalElement(ContextSpecific(1, true)));
  if (!mgf.has_value()) return Malformed("signature algorithm: PSS with the MGF1-SHA-1 default", mgf_offset);
  // MaskGenAlgorithm ::= AlgorithmIdentifier { id-mgf1, HashAlgorithm }
  JPKI_ASSIGN_OR_RETURN(DerReader mgf_seq, mgf->ReadSequence());
  JPKI_RETURN_IF_ERROR(mgf->ExpectEnd());
  JPKI_ASSIGN_OR_RETURN(asn1::Oid mgf_id, mgf_seq.ReadOid());
  if (!Equal(mgf_id.der(), oid::kMgf1))
    return Malformed("signature algorithm: PSS mask generation is not MGF1", mgf_offset);
  JPKI_ASSIGN_OR_RETURN(pss.mgf1_hash, ReadHashAlgorithm(mgf_seq));
  JPKI_RETURN_IF_ERROR(mgf_seq.ExpectEnd());

  pss.salt_length = 20;
  const size_t salt_offset = seq.offset();
  JPKI_ASSIGN_OR_RETURN(std::optional<DerReader> salt, seq.ReadOptionalElement(ContextSpecific(2, true)));
  if (salt.has_value()) {
    JPKI_ASSIGN_OR_RETURN(uint64_t length, salt->ReadUint64());
    JPKI_RETURN_IF_ERROR(salt->ExpectEnd());
    if (length == 20)
      return Malformed("signature algorithm: PSS salt length 20 encoded (DER omits the default)", salt_offset);
    if (length > 1024) return Malformed("signature algorithm: PSS salt length unreasonable", salt_offset);
    pss.salt_length = static_cast<uint32_t>(length);
  }
  // trailerField: DER omits the default 1, and no other value is defined, so nothing may follow.
  if (!seq.empty())
    return Malformed("signature algorithm: PSS trailerField present (must be the default 1, omitted)", seq.offset());
  return absl::OkStatus();
}

}  // namespace

std::string_view HashAlgorithmName(HashAlgorithm hash) {
  switch (hash) {
    case HashAlgorithm::kSha256:
      return "sha256";
    case HashAlgorithm::kSha384:
      return "sha384";
    case HashAlgorithm::kSha512:
      return "sha512";
  }
  return "unknown";
}

size_t HashLength(HashAlgorithm hash) {
  switch (hash) {
    case HashAlgorithm::kSha256:
      return 32;
    case HashAlgorithm::kSha384:
      return 48;
    case HashAlgorithm::kSha512:
      return 64;
  }
  return 0;
}

crypto::SignatureHash ToCryptoHash(HashAlgorithm hash) {
  switch (hash) {
    case HashAlgorithm::kSha384:
      return crypto::SignatureHash::kSha384;
    case HashAlgorithm::kSha512:
      return crypto::SignatureHash::kSha512;
    case HashAlgorithm::kSha256:
      break;
  }
  return crypto::SignatureHash::kSha256;
}

SignatureAlgorithm DetachedSignatureAlgorithm(const SignatureAlgorithm& algorithm) {
  SignatureAlgorithm detached;
  detached.kind = algorithm.kind;
  detached.hash = algorithm.hash;
  detached.pss = algorithm.pss;
  return detached;
}

std::string SignatureAlgorithm::Name() const {
  switch (kind) {
    case SignatureAlgorithmKind::kRsaPkcs1Sha256:
      return "sha256WithRSAEncryption";
    case SignatureAlgorithmKind::kRsaPkcs1Sha384:
      return "sha384WithRSAEncryption";
    case SignatureAlgorithmKind::kRsaPkcs1Sha512:
      return "sha512WithRSAEncryption";
    case SignatureAlgorithmKind::kRsaPss:
      return "rsassaPss";
    case SignatureAlgorithmKind::kUnknown:
      break;
  }
  return oid::Display(oid);
}

SignatureAlgorithm SignatureAlgorithm::RsaPkcs1(HashAlgorithm hash) {
  SignatureAlgorithm a;
  a.hash = hash;
  switch (hash) {
    case HashAlgorithm::kSha256:
      a.kind = SignatureAlgorithmKind::kRsaPkcs1Sha256;
      a.oid = oid::kSha256WithRsa;
      break;
    case HashAlgorithm::kSha384:
      a.kind = SignatureAlgorithmKind::kRsaPkcs1Sha384;
      a.oid = oid::kSha384WithRsa;
      break;
    case HashAlgorithm::kSha512:
      a.kind = SignatureAlgorithmKind::kRsaPkcs1Sha512;
      a.oid = oid::kSha512WithRsa;
      break;
  }
  static constexpr uint8_t kNull[] = {0x05, 0x00};
  a.parameters = kNull;
  return a;
}

SignatureAlgorithm SignatureAlgorithm::RsaPss(HashAlgorithm hash, uint32_t salt_length) {
  SignatureAlgorithm a;
  a.kind = SignatureAlgorithmKind::kRsaPss;
  a.hash = hash;
  a.pss = PssParameters{hash, hash, salt_length};
  a.oid = oid::kRsaSsaPss;
  return a;
}

absl::StatusOr<SignatureAlgorithm> ParseSignatureAlgorithm(ByteView der, const SignatureAlgorithmParseOptions& options,
                                                           size_t base_offset) {
  SignatureAlgorithm a;
  a.der = der;
  DerReader outer(der, base_offset, 0);
  // AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY DEFINED BY algorithm OPTIONAL }
  JPKI_ASSIGN_OR_RETURN(DerReader seq, outer.ReadSequence());
  JPKI_RETURN_IF_ERROR(outer.ExpectEnd());
  JPKI_ASSIGN_OR_RETURN(asn1::Oid id, seq.ReadOid());
  a.oid = id.der();
  const size_t params_offset = seq.offset();
  std::optional<asn1::Element> params;
  if (!seq.empty()) {
    JPKI_ASSIGN_OR_RETURN(asn1::Element e, seq.ReadAnyElement());
    params = e;
    a.parameters = e.raw;
  }
  JPKI_RETURN_IF_ERROR(seq.ExpectEnd());

  auto pkcs1 = [&](SignatureAlgorithmKind kind, HashAlgorithm hash) -> absl::Status {
    a.kind = kind;
    a.hash = hash;
    if (!params.has_value()) {
      if (options.allow_missing_rsa_null_parameters) return absl::OkStatus();
      return Malformed("signature algorithm: RSA parameters absent (NULL required)", params_offset);
    }
    if (params->tag != asn1::kNull || !params->contents.empty()) {
      return Malformed("signature algorithm: RSA parameters are not NULL", params_offset);
    }
    return absl::OkStatus();
  };
  if (Equal(a.oid, oid::kSha256WithRsa)) {
    JPKI_RETURN_IF_ERROR(pkcs1(SignatureAlgorithmKind::kRsaPkcs1Sha256, HashAlgorithm::kSha256));
  } else if (Equal(a.oid, oid::kSha384WithRsa)) {
    JPKI_RETURN_IF_ERROR(pkcs1(SignatureAlgorithmKind::kRsaPkcs1Sha384, HashAlgorithm::kSha384));
  } else if (Equal(a.oid, oid::kSha512WithRsa)) {
    JPKI_RETURN_IF_ERROR(pkcs1(SignatureAlgorithmKind::kRsaPkcs1Sha512, HashAlgorithm::kSha512));
  } else if (Equal(a.oid, oid::kRsaSsaPss)) {
    a.kind = SignatureAlgorithmKind::kRsaPss;
    if (!params.has_value()) return Malformed("signature algorithm: PSS parameters absent", params_offset);
    JPKI_RETURN_IF_ERROR(ParsePssParameters(*params, a.pss));
    a.hash = a.pss.hash;
  } else {
    a.kind = SignatureAlgorithmKind::kUnknown;
  }
  return a;
}

Bytes EncodeSignatureAlgorithm(const SignatureAlgorithm& algorithm) {
  if (algorithm.kind == SignatureAlgorithmKind::kUnknown) return ToBytes(algorithm.der);
  asn1::DerWriter w;
  auto write_hash = [](asn1::DerWriter& out, HashAlgorithm hash) {
    out.AddSequence([&](asn1::DerWriter& seq) {
      seq.AddPrimitive(asn1::kObjectIdentifier, HashOid(hash));
      seq.AddNull();
    });
  };
  w.AddSequence([&](asn1::DerWriter& seq) {
    if (algorithm.kind == SignatureAlgorithmKind::kRsaPss) {
      seq.AddPrimitive(asn1::kObjectIdentifier, oid::kRsaSsaPss);
      seq.AddSequence([&](asn1::DerWriter& params) {
        params.AddExplicit(0, [&](asn1::DerWriter& h) { write_hash(h, algorithm.pss.hash); });
        params.AddExplicit(1, [&](asn1::DerWriter& m) {
          m.AddSequence([&](asn1::DerWriter& mgf) {
            mgf.AddPrimitive(asn1::kObjectIdentifier, oid::kMgf1);
            write_hash(mgf, algorithm.pss.mgf1_hash);
          });
        });
        if (algorithm.pss.salt_length != 20) {
          params.AddExplicit(2, [&](asn1::DerWriter& s) { s.AddUint64(algorithm.pss.salt_length); });
        }
      });
      return;
    }
    const HashAlgorithm hash = algorithm.kind == SignatureAlgorithmKind::kRsaPkcs1Sha384   ? HashAlgorithm::kSha384
                               : algorithm.kind == SignatureAlgorithmKind::kRsaPkcs1Sha512 ? HashAlgorithm::kSha512
                                                                                           : HashAlgorithm::kSha256;
    const SignatureAlgorithm canonical = SignatureAlgorithm::RsaPkcs1(hash);
    seq.AddPrimitive(asn1::kObjectIdentifier, canonical.oid);
    // Absent parameters survive only from a lenient parse (allow_missing_rsa_null_parameters).
    if (!(algorithm.parameters.empty() && !algorithm.der.empty())) seq.AddNull();
  });
  absl::StatusOr<Bytes> out = w.Finish();
  return out.ok() ? *std::move(out) : Bytes();
}

}  // namespace jpki::x509
