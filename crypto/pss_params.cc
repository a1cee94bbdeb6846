#include "crypto/pss_params.h"

#include <optional>
#include <string>
#include <string_view>

#include "asn1/der_reader.h"
#include "asn1/der_writer.h"
#include "asn1/oid.h"
#include "base/error.h"
#include "base/status_macros.h"

namespace jpki::crypto {
namespace {

using asn1::ContextSpecific;
using asn1::DerReader;

absl::Status ParamsError(ErrorCode code, std::string_view what, size_t offset) {
  return MakeError(code, "rsa", "PSS parameters: " + std::string(what) + " at offset " + std::to_string(offset));
}

// ReadHash reads HashAlgorithm ::= AlgorithmIdentifier { OID, NULL or absent } from `r`.
absl::StatusOr<HashAlgorithm> ReadHash(DerReader& r, const PssParamsParseOptions& options) {
  const size_t offset = r.offset();
  JPKI_ASSIGN_OR_RETURN(DerReader seq, r.ReadSequence());
  JPKI_ASSIGN_OR_RETURN(asn1::Oid id, seq.ReadOid());
  const std::optional<HashAlgorithm> hash = HashFromOidDer(id.der());
  if (!hash.has_value()) {
    return ParamsError(ErrorCode::kUnsupported, "hash " + id.ToDotted() + " unknown", offset);
  }
  if (!seq.empty() || options.require_null_hash_parameters) {
    JPKI_RETURN_IF_ERROR(seq.ReadNull());
  }
  JPKI_RETURN_IF_ERROR(seq.ExpectEnd());
  return *hash;
}

void WriteHash(asn1::DerWriter& out, HashAlgorithm hash) {
  out.AddSequence([&](asn1::DerWriter& seq) {
    seq.AddPrimitive(asn1::kObjectIdentifier, HashOidDer(hash));
    seq.AddNull();
  });
}

}  // namespace

absl::StatusOr<PssParams> ParsePssParams(ByteView element, size_t base_offset, const PssParamsParseOptions& options) {
  DerReader outer(element, base_offset, 0);
  // RSASSA-PSS-params ::= SEQUENCE { hashAlgorithm [0] HashAlgorithm DEFAULT sha1,
  //   maskGenAlgorithm [1] MaskGenAlgorithm DEFAULT mgf1SHA1, saltLength [2] INTEGER DEFAULT 20,
  //   trailerField [3] TrailerField DEFAULT trailerFieldBC }
  JPKI_ASSIGN_OR_RETURN(DerReader seq, outer.ReadSequence());
  JPKI_RETURN_IF_ERROR(outer.ExpectEnd());
  PssParams params;

  const size_t hash_offset = seq.offset();
  JPKI_ASSIGN_OR_RETURN(std::optional<DerReader> hash, seq.ReadOptionalElement(ContextSpecific(0, true)));
  if (hash.has_value()) {
    JPKI_ASSIGN_OR_RETURN(params.hash, ReadHash(*hash, options));
    JPKI_RETURN_IF_ERROR(hash->ExpectEnd());
    if (params.hash == HashAlgorithm::kSha1) {
      return ParamsError(ErrorCode::kMalformedInput, "hash SHA-1 encoded (DER omits the default)", hash_offset);
    }
  }

  const size_t mgf_offset = seq.offset();
  JPKI_ASSIGN_OR_RETURN(std::optional<DerReader> mgf, seq.ReadOptionalElement(ContextSpecific(1, true)));
  if (mgf.has_value()) {
    // MaskGenAlgorithm ::= AlgorithmIdentifier { id-mgf1, HashAlgorithm }
    JPKI_ASSIGN_OR_RETURN(DerReader mgf_seq, mgf->ReadSequence());
    JPKI_RETURN_IF_ERROR(mgf->ExpectEnd());
    JPKI_ASSIGN_OR_RETURN(asn1::Oid mgf_id, mgf_seq.ReadOid());
    if (!mgf_id.Is(asn1::KnownOid::kMgf1)) {
      return ParamsError(ErrorCode::kUnsupported, "mask generation " + mgf_id.ToDotted() + " is not MGF1", mgf_offset);
    }
    JPKI_ASSIGN_OR_RETURN(params.mgf1_hash, ReadHash(mgf_seq, options));
    JPKI_RETURN_IF_ERROR(mgf_seq.ExpectEnd());
    if (params.mgf1_hash == HashAlgorithm::kSha1) {
      return ParamsError(ErrorCode::kMalformedInput, "MGF1 with SHA-1 encoded (DER omits the default)", mgf_offset);
    }
  }

  const size_t salt_offset = seq.offset();
  JPKI_ASSIGN_OR_RETURN(std::optional<DerReader> salt, seq.ReadOptionalElement(ContextSpecific(2, true)));
  if (salt.has_value()) {
    JPKI_ASSIGN_OR_RETURN(uint64_t length, salt->ReadUint64());
    JPKI_RETURN_IF_ERROR(salt->ExpectEnd());
    if (length == 20) {
      return ParamsError(ErrorCode::kMalformedInput, "salt length 20 encoded (DER omits the default)", salt_offset);
    }
    if (length > kMaxPssSaltLength) {
      return ParamsError(ErrorCode::kMalformedInput, "salt length " + std::to_string(length) + " unreasonable",
                         salt_offset);
    }
    params.salt_length = static_cast<size_t>(length);
  }
  // trailerField: DER omits the default 1, and no other value is defined (RFC 8017 A.2.3), so nothing may follow.
  if (!seq.empty()) {
    return ParamsError(ErrorCode::kMalformedInput, "trailerField present (must be the default 1, omitted)",
                       seq.offset());
  }
  return params;
}

Bytes EncodePssParams(const PssParams& params) {
  asn1::DerWriter w;
  w.AddSequence([&](asn1::DerWriter& seq) {
    if (params.hash != HashAlgorithm::kSha1) {
      seq.AddExplicit(0, [&](asn1::DerWriter& h) { WriteHash(h, params.hash); });
    }
    if (params.mgf1_hash != HashAlgorithm::kSha1) {
      seq.AddExplicit(1, [&](asn1::DerWriter& m) {
        m.AddSequence([&](asn1::DerWriter& mgf) {
          mgf.AddOid(asn1::Oid::Known(asn1::KnownOid::kMgf1));
          WriteHash(mgf, params.mgf1_hash);
        });
      });
    }
    if (params.salt_length != 20) {
      seq.AddExplicit(2, [&](asn1::DerWriter& s) { s.AddUint64(params.salt_length); });
    }
  });
  return w.Finish().value();  // cannot fail: a fixed structure of well-formed pieces
}

}  // namespace jpki::crypto
