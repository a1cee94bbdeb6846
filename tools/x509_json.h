#ifndef JPKICORE_TOOLS_X509_JSON_H_
#define JPKICORE_TOOLS_X509_JSON_H_

// Rendering of x509 values for `jpki x509 show` and `jpki crl show`: serials, signature algorithms, public keys and
// every extension jpkicore decodes, as JSON (JsonWriter) and as one-line text summaries.

#include <string>
#include <string_view>

#include "base/bytes.h"
#include "tools/json_writer.h"
#include "x509/certificate.h"
#include "x509/extensions.h"
#include "x509/signature_algorithm.h"

namespace jpki::cli {

// SerialHex renders INTEGER content octets as lowercase hex of the value: the 0x00 sign octet dropped, a
// negative value (allowed only by a lenient parse) as "-" and its magnitude.
std::string SerialHex(ByteView integer_content);

// WriteSignatureParameters adds "signature_parameters" {hash, mgf1_hash, salt_length} for RSASSA-PSS; nothing
// for other algorithms.
void WriteSignatureParameters(JsonWriter& j, const x509::SignatureAlgorithm& algorithm);

// WritePublicKey adds "public_key" {algorithm, bits, exponent} (bits/exponent null for non-RSA keys).
void WritePublicKey(JsonWriter& j, const x509::Certificate& cert);

// WriteExtension adds one {oid, name, critical, ...decoded fields} object; unknown extensions get "value" (hex).
void WriteExtension(JsonWriter& j, const x509::Extension& extension);

// ExtensionDisplayName: the RFC 5280 name, or the dotted OID.
std::string ExtensionDisplayName(ByteView oid);
// ExtensionSummary: one line of text for the decoded value (hex for unknown extensions).
std::string ExtensionSummary(const x509::Extension& extension);

}  // namespace jpki::cli

#endif  // JPKICORE_TOOLS_X509_JSON_H_
