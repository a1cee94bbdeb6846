#ifndef JPKICORE_X509_EXTENSION_ENCODERS_H_
#define JPKICORE_X509_EXTENSION_ENCODERS_H_

// DER encoders for the extension values x509/extensions.h decodes (each returns the extnValue: the bytes that go
// inside the OCTET STRING). Inputs are owned "spec" values, or the decoded structs themselves, so that decode ->
// encode is an identity on valid DER (the extension fuzzer checks exactly that). Encoders write DER: defaults
// omitted (cA FALSE, minimum 0, PSS salt 20), named BIT STRINGs without trailing zero bits.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "base/bytes.h"
#include "x509/extensions.h"
#include "x509/general_name.h"

namespace jpki::x509 {

Bytes EncodeBasicConstraints(const BasicConstraints& value);
Bytes EncodeKeyUsage(const KeyUsage& value);
Bytes EncodeExtKeyUsage(const std::vector<Bytes>& purposes);  // OID content octets
Bytes EncodeSubjectKeyIdentifier(ByteView key_id);

struct AuthorityKeyIdentifierSpec {
  std::optional<Bytes> key_id;
  std::vector<GeneralNameSpec> issuer;
  std::optional<Bytes> serial;  // INTEGER content octets
};
Bytes EncodeAuthorityKeyIdentifier(const AuthorityKeyIdentifierSpec& value);

// PolicyQualifierSpec: a CPS URI, a user notice (explicit text as UTF8String, or raw DisplayText elements from a
// parse), or any other qualifier as raw DER.
struct PolicyQualifierSpec {
  PolicyQualifierKind kind = PolicyQualifierKind::kCps;
  std::string cps_uri;
  std::optional<Bytes> notice_ref_organization;  // a whole DisplayText element
  std::vector<Bytes> notice_numbers;             // INTEGER content octets
  std::optional<Bytes> explicit_text;            // a whole DisplayText element
  Bytes qualifier_id;                            // kOther: OID content octets
  Bytes qualifier;                               // kOther: the whole qualifier element

  static PolicyQualifierSpec Cps(std::string_view uri);
  static PolicyQualifierSpec UserNoticeText(std::string_view utf8_text);
};
struct PolicyInformationSpec {
  Bytes policy_id;
  std::vector<PolicyQualifierSpec> qualifiers;
};
Bytes EncodeCertificatePolicies(const std::vector<PolicyInformationSpec>& policies);

struct PolicyMappingSpec {
  Bytes issuer_domain_policy;
  Bytes subject_domain_policy;
};
Bytes EncodePolicyMappings(const std::vector<PolicyMappingSpec>& mappings);
Bytes EncodePolicyConstraints(const PolicyConstraints& value);
Bytes EncodeInhibitAnyPolicy(uint32_t skip_certs);
// EncodeNameConstraints: iPAddress bases carry address + mask.
Bytes EncodeNameConstraints(const std::vector<GeneralNameSpec>& permitted,
                            const std::vector<GeneralNameSpec>& excluded);
Bytes EncodeAltNames(const std::vector<GeneralNameSpec>& names);

struct DistributionPointNameSpec {
  std::vector<GeneralNameSpec> full_name;
  std::optional<Bytes> relative_name;  // the RDN SET's content octets
};
struct DistributionPointSpec {
  std::optional<DistributionPointNameSpec> name;
  std::optional<uint16_t> reasons;
  std::vector<GeneralNameSpec> crl_issuer;
};
Bytes EncodeCrlDistributionPoints(const std::vector<DistributionPointSpec>& points);

struct AccessDescriptionSpec {
  Bytes method;
  GeneralNameSpec location;
};
Bytes EncodeInfoAccess(const std::vector<AccessDescriptionSpec>& descriptions);

// CRL extensions.
Bytes EncodeCrlNumber(ByteView integer_content);  // INTEGER content octets (see CrlNumberFromUint64)
Bytes CrlNumberContent(uint64_t value);           // minimal INTEGER content for a non-negative value
struct IssuingDistributionPointSpec {
  std::optional<DistributionPointNameSpec> name;
  bool only_user_certs = false;
  bool only_ca_certs = false;
  std::optional<uint16_t> only_some_reasons;
  bool indirect_crl = false;
  bool only_attribute_certs = false;
};
Bytes EncodeIssuingDistributionPoint(const IssuingDistributionPointSpec& value);
Bytes EncodeReasonCode(RevocationReason reason);
Bytes EncodeInvalidityDate(int64_t unix_seconds);

// Conversions from decoded values (copies), for re-encoding.
AuthorityKeyIdentifierSpec ToSpec(const AuthorityKeyIdentifier& value);
std::vector<PolicyInformationSpec> ToSpec(const CertificatePolicies& value);
std::vector<PolicyMappingSpec> ToSpec(const std::vector<PolicyMapping>& value);
std::vector<GeneralNameSpec> ToSpec(const std::vector<GeneralName>& value);
DistributionPointNameSpec ToSpec(const DistributionPointName& value);
std::vector<DistributionPointSpec> ToSpec(const std::vector<DistributionPoint>& value);
std::vector<AccessDescriptionSpec> ToSpec(const std::vector<AccessDescription>& value);
IssuingDistributionPointSpec ToSpec(const IssuingDistributionPoint& value);

// ReencodeExtensionValue decodes `extension` with its typed decoder and encodes the result again. For a known
// extension whose value is valid DER the output equals extension.value; fails with the decoder's error otherwise,
// and with kNotFound for extensions without a typed decoder.
absl::StatusOr<Bytes> ReencodeExtensionValue(const Extension& extension);

}  // namespace jpki::x509

#endif  // JPKICORE_X509_EXTENSION_ENCODERS_H_
