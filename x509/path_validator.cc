#include "x509/path_validator.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "asn1/time.h"
#include "base/error.h"
#include "x509/name_constraints.h"
#include "x509/oids.h"
#include "x509/policy_tree.h"
#include "x509/revocation.h"

namespace jpki::x509 {
namespace {

// Failure ranks: when every path fails, the error reported is the one from the path that got furthest. A complete
// path that failed a check outranks a signature that did not verify, which outranks a missing issuer.
enum Rank { kRankNone = 0, kRankNoIssuer = 1, kRankSignature = 2, kRankPathCheck = 3 };

struct Node {
  const Certificate* certificate;
  const VerificationKey* key;  // may be null (unusable key)
  absl::Status key_status;
  const TrustAnchor* anchor;  // non-null for the top of a complete path
};

std::string Subject(const Certificate& c) {
  std::string s = c.subject().ToString();
  return s.empty() ? "(empty subject)" : s;
}

ValidationResult Fail(ValidationCode code, std::string detail) {
  ValidationResult r;
  r.code = code;
  r.detail = std::move(detail);
  return r;
}

// Extensions the validator processes (or that carry no constraint a validator must enforce). Anything else that is
// critical makes the certificate unacceptable (RFC 5280 4.2, 6.1.4 (o)).
bool IsProcessedExtension(ByteView oid) {
  static const ByteView kProcessed[] = {
      ByteView(oid::kBasicConstraints),
      ByteView(oid::kKeyUsage),
      ByteView(oid::kExtKeyUsage),
      ByteView(oid::kSubjectKeyIdentifier),
      ByteView(oid::kAuthorityKeyIdentifier),
      ByteView(oid::kSubjectAltName),
      ByteView(oid::kIssuerAltName),
      ByteView(oid::kCertificatePolicies),
      ByteView(oid::kPolicyMappings),
      ByteView(oid::kPolicyConstraints),
      ByteView(oid::kInhibitAnyPolicy),
      ByteView(oid::kNameConstraints),
      ByteView(oid::kCrlDistributionPoints),
      ByteView(oid::kAuthorityInfoAccess),
      ByteView(oid::kFreshestCrl),
  };
  for (ByteView known : kProcessed) {
    if (Equal(known, oid)) return true;
  }
  return false;
}

bool IsCa(const Certificate& c) { return c.basic_constraints() && c.basic_constraints()->ca; }

ValidationResult CheckValidity(const Certificate& c, int64_t time) {
  if (time < c.not_before()) {
    return Fail(ValidationCode::kNotYetValid,
                absl::StrCat(Subject(c), " is not valid before ", asn1::FormatRfc3339(c.not_before())));
  }
  if (time > c.not_after()) {
    return Fail(ValidationCode::kExpired, absl::StrCat(Subject(c), " expired at ", asn1::FormatRfc3339(c.not_after())));
  }
  return ValidationResult{ValidationCode::kOk, "", {}};
}

ValidationResult CheckCriticalExtensions(const Certificate& c) {
  for (const Extension& ext : c.extensions().list()) {
    if (ext.critical && !IsProcessedExtension(ext.oid)) {
      return Fail(ValidationCode::kUnhandledCriticalExtension,
                  absl::StrCat(Subject(c), " has the unhandled critical extension ", oid::Display(ext.oid)));
    }
  }
  return ValidationResult{ValidationCode::kOk, "", {}};
}

ValidationResult CheckLeafPurpose(const Certificate& leaf, const ValidationOptions& options) {
  if (const auto& ku = leaf.key_usage()) {
    if (options.purpose == Purpose::kSigning && !ku->Has(KeyUsageBit::kNonRepudiation)) {
      return Fail(ValidationCode::kKeyUsage,
                  absl::StrCat(Subject(leaf), ": keyUsage lacks nonRepudiation, required for a signing certificate"));
    }
    if (options.purpose == Purpose::kAuthentication && !ku->Has(KeyUsageBit::kDigitalSignature)) {
      return Fail(ValidationCode::kKeyUsage, absl::StrCat(Subject(leaf),
                                                          ": keyUsage lacks digitalSignature, required for an "
                                                          "authentication certificate"));
    }
  }
  if (const auto& eku = leaf.ext_key_usage()) {
    for (const Bytes& want : options.required_ext_key_usages) {
      if (!eku->Has(want) && !eku->Has(ByteView(oid::kAnyExtendedKeyUsage))) {
        return Fail(ValidationCode::kKeyUsage,
                    absl::StrCat(Subject(leaf), ": extKeyUsage does not allow ", oid::Display(want)));
      }
    }
  }
  return ValidationResult{ValidationCode::kOk, "", {}};
}

// CheckPath runs RFC 5280 6.1 over path[0] = leaf ... path.back() = anchor (signatures already verified).
ValidationResult CheckPath(const std::vector<Node>& path, absl::Span<const Crl> crls, const ValidationOptions& options,
                           CrlSignatureCache* crl_cache) {
  const size_t n = path.size() - 1;  // certificates below the anchor
  const Certificate& anchor = *path.back().certificate;

  // The anchor: valid now, a CA allowed to sign certificates. RFC 5280 leaves the anchor's own constraints to
  // the relying party; jpkicore applies its validity, basicConstraints and keyUsage (as OpenSSL and the JPKI
  // verifiers do) and its pathLenConstraint.
  if (ValidationResult r = CheckValidity(anchor, options.time); !r.ok()) return r;
  if (anchor.version() == Version::kV3 && !IsCa(anchor)) {
    return Fail(ValidationCode::kNotACa, absl::StrCat("trust anchor ", Subject(anchor), " is not a CA"));
  }
  if (anchor.key_usage() && !anchor.key_usage()->Has(KeyUsageBit::kKeyCertSign)) {
    return Fail(ValidationCode::kKeyUsage, absl::StrCat("trust anchor ", Subject(anchor), " lacks keyCertSign"));
  }
  size_t max_path_length = n;
  if (anchor.basic_constraints() && anchor.basic_constraints()->path_len) {
    // The anchor's pathLenConstraint is applied as if it were certificate 0 of the path (6.1.4 (m)).
    max_path_length = std::min<size_t>(max_path_length, *anchor.basic_constraints()->path_len);
  }

  PolicyTree policy(n, options.initial_policy_set, options.initial_explicit_policy,
                    options.initial_policy_mapping_inhibit, options.initial_any_policy_inhibit,
                    options.max_policy_nodes);
  std::vector<const NameConstraints*> name_constraints;
  if (anchor.name_constraints()) name_constraints.push_back(&*anchor.name_constraints());

  // i counts from the top: certificate i (1-based) is path[n - i].
  for (size_t i = 1; i <= n; ++i) {
    const Certificate& c = *path[n - i].certificate;
    const bool is_leaf = i == n;
    if (ValidationResult r = CheckValidity(c, options.time); !r.ok()) return r;
    // (b), (c): name constraints, except for self-issued intermediates.
    if (is_leaf || !c.IsSelfIssued()) {
      for (const NameConstraints* nc : name_constraints) {
        absl::Status s = CheckNameConstraints(c, *nc);
        if (!s.ok()) {
          return Fail(GetErrorCode(s) == ErrorCode::kMalformedInput ? ValidationCode::kMalformed
                                                                    : ValidationCode::kNameMismatch,
                      std::string(s.message()));
        }
      }
    }
    // (d) - (f)
    if (absl::Status s = policy.ProcessCertificate(c, i); !s.ok()) {
      return Fail(ValidationCode::kPolicy, std::string(s.message()));
    }
    if (ValidationResult r = CheckCriticalExtensions(c); !r.ok()) return r;
    if (is_leaf) break;

    // 6.1.4: preparation for certificate i + 1.
    if (absl::Status s = policy.PrepareNext(c, i); !s.ok()) {
      return Fail(ValidationCode::kPolicy, std::string(s.message()));
    }
    if (c.name_constraints()) name_constraints.push_back(&*c.name_constraints());
    // (k)
    if (!IsCa(c)) {
      return Fail(ValidationCode::kNotACa,
                  absl::StrCat(Subject(c), " issues certificates but basicConstraints does not mark it a CA"));
    }
    // (l), (m)
    if (!c.IsSelfIssued()) {
      // (l): max_path_length counts the non-self-issued CA certificates that may still appear, this one included.
      if (max_path_length == 0) {
        return Fail(ValidationCode::kPathLengthExceeded,
                    absl::StrCat("path length constraint exceeded at ", Subject(c)));
      }
      --max_path_length;
    }
    if (const auto& pl = c.basic_constraints()->path_len; pl && *pl < max_path_length) max_path_length = *pl;
    // (n)
    if (c.key_usage() && !c.key_usage()->Has(KeyUsageBit::kKeyCertSign)) {
      return Fail(ValidationCode::kKeyUsage, absl::StrCat(Subject(c), " lacks keyCertSign in keyUsage"));
    }
  }
  // 6.1.5
  const Certificate& leaf = *path[0].certificate;
  if (absl::Status s = policy.WrapUp(leaf); !s.ok()) return Fail(ValidationCode::kPolicy, std::string(s.message()));
  if (ValidationResult r = CheckLeafPurpose(leaf, options); !r.ok()) return r;

  // 6.3: revocation of every certificate below the anchor, leaf first.
  const bool check_revocation = !crls.empty();
  if (check_revocation) {
    for (size_t k = 0; k < n; ++k) {
      const Node& issuer = path[k + 1];
      RevocationStatus rs =
          CheckRevocation(*path[k].certificate, *issuer.certificate, *issuer.key, crls, options.time, crl_cache);
      if (rs.code != ValidationCode::kOk) return Fail(rs.code, std::move(rs.detail));
    }
  }

  ValidationResult ok;
  ok.code = ValidationCode::kOk;
  for (const Node& node : path) ok.path.chain.push_back(*node.certificate);
  ok.path.anchor = path.back().anchor;
  ok.path.valid_policies = policy.ValidPolicies();
  ok.path.revocation_checked = check_revocation;
  return ok;
}

// Builder is one ValidatePath call's search state.
class Builder {
 public:
  Builder(const CertificateSet& intermediates, const TrustStore& store, absl::Span<const Crl> crls,
          const ValidationOptions& options)
      : intermediates_(intermediates), store_(store), crls_(crls), options_(options) {}

  ValidationResult Run(const Certificate& leaf) {
    path_.push_back(Node{&leaf, nullptr, absl::OkStatus(), nullptr});
    if (Extend()) return std::move(success_);
    if (best_rank_ == kRankNone) {
      return Fail(ValidationCode::kUnknownIssuer, absl::StrCat("no trust anchor or intermediate found for issuer ",
                                                               leaf.issuer().ToString(), " of ", Subject(leaf)));
    }
    return std::move(best_);
  }

 private:
  struct Candidate {
    const Certificate* certificate;
    const VerificationKey* key;
    absl::Status key_status;
    const TrustAnchor* anchor;
    int priority;  // 0: key identifiers match, 1: no identifiers to compare, 2: identifiers differ
  };

  void Record(Rank rank, ValidationResult result) {
    if (rank > best_rank_) {
      best_rank_ = rank;
      best_ = std::move(result);
    }
  }

  bool OnPath(const Certificate& c) const {
    for (const Node& node : path_) {
      if (node.certificate->SameBytes(c) || (Equal(node.certificate->subject_der(), c.subject_der()) &&
                                             Equal(node.certificate->spki_der(), c.spki_der()))) {
        return true;
      }
    }
    return false;
  }

  static int Priority(const Certificate& child, const Certificate& issuer) {
    const auto& aki = child.authority_key_id();
    const auto& ski = issuer.subject_key_id();
    if (!aki || !aki->key_id || !ski) return 1;
    return Equal(*aki->key_id, *ski) ? 0 : 2;
  }

  std::vector<Candidate> Candidates(const Certificate& child) const {
    std::vector<Candidate> out;
    for (const TrustAnchor* anchor : store_.FindBySubject(child.issuer())) {
      out.push_back(
          {&anchor->certificate, anchor->key.get(), absl::OkStatus(), anchor, Priority(child, anchor->certificate)});
    }
    for (const CertificateSet::Entry& entry : intermediates_.entries()) {
      if (!entry.certificate.subject().ByteEquals(child.issuer()) &&
          !entry.certificate.subject().Equals(child.issuer())) {
        continue;
      }
      if (OnPath(entry.certificate)) continue;  // loop
      out.push_back(
          {&entry.certificate, entry.key.get(), entry.key_status, nullptr, Priority(child, entry.certificate)});
    }
    // Anchors before intermediates within a priority class (shorter paths first), matching identifiers first.
    std::stable_sort(out.begin(), out.end(),
                     [](const Candidate& a, const Candidate& b) { return a.priority < b.priority; });
    return out;
  }

  // Extend tries to complete path_ from its last certificate. Returns true on success (success_ is set).
  bool Extend() {
    const Certificate& child = *path_.back().certificate;
    std::vector<Candidate> candidates = Candidates(child);
    if (candidates.empty()) {
      Record(kRankNoIssuer,
             Fail(ValidationCode::kUnknownIssuer,
                  absl::StrCat("no issuer found for ", Subject(child), " (issuer ", child.issuer().ToString(), ")")));
      return false;
    }
    for (const Candidate& candidate : candidates) {
      if (exhausted_) return false;
      // Length: path_ plus this candidate must stay within max_path_length certificates.
      if (path_.size() + 1 > options_.max_path_length) {
        Record(kRankPathCheck, Fail(ValidationCode::kPathLengthExceeded,
                                    absl::StrCat("no path within ", options_.max_path_length, " certificates")));
        return false;
      }
      if (candidate.key == nullptr) {
        const ValidationCode code = GetErrorCode(candidate.key_status) == ErrorCode::kPolicyViolation
                                        ? ValidationCode::kPolicy
                                        : ValidationCode::kBadSignature;
        Record(kRankSignature, Fail(code, absl::StrCat("issuer ", Subject(*candidate.certificate),
                                                       " has an unusable key: ", candidate.key_status.message())));
        continue;
      }
      if (++signature_checks_ > options_.max_signature_checks) {
        exhausted_ = true;
        Record(kRankPathCheck, Fail(ValidationCode::kUnknownIssuer, "path building gave up: too many candidates"));
        return false;
      }
      absl::Status sig = candidate.key->Verify(child.signature_algorithm(), child.tbs_der(), child.signature());
      if (!sig.ok()) {
        const bool unsupported = GetErrorCode(sig) == ErrorCode::kUnsupported;
        Record(kRankSignature,
               Fail(unsupported ? ValidationCode::kMalformed : ValidationCode::kBadSignature,
                    unsupported ? absl::StrCat(Subject(child), ": ", sig.message())
                                : absl::StrCat("signature of ", Subject(child), " does not verify under ",
                                               Subject(*candidate.certificate))));
        continue;
      }
      path_.push_back(Node{candidate.certificate, candidate.key, absl::OkStatus(), candidate.anchor});
      if (candidate.anchor != nullptr) {
        if (++paths_ > options_.max_paths) exhausted_ = true;
        ValidationResult result = CheckPath(path_, crls_, options_, &crl_cache_);
        if (result.ok()) {
          success_ = std::move(result);
          return true;
        }
        Record(kRankPathCheck, std::move(result));
      } else if (Extend()) {
        return true;
      }
      path_.pop_back();
    }
    return false;
  }

  const CertificateSet& intermediates_;
  const TrustStore& store_;
  absl::Span<const Crl> crls_;
  const ValidationOptions& options_;
  std::vector<Node> path_;
  CrlSignatureCache crl_cache_;
  size_t signature_checks_ = 0;
  size_t paths_ = 0;
  bool exhausted_ = false;
  Rank best_rank_ = kRankNone;
  ValidationResult best_;
  ValidationResult success_;
};

}  // namespace

std::string_view PurposeName(Purpose purpose) {
  switch (purpose) {
    case Purpose::kSigning:
      return "signing";
    case Purpose::kAuthentication:
      return "authentication";
    case Purpose::kAny:
      break;
  }
  return "any";
}

std::optional<Purpose> ParsePurpose(std::string_view name) {
  if (name == "any") return Purpose::kAny;
  if (name == "signing") return Purpose::kSigning;
  if (name == "authentication") return Purpose::kAuthentication;
  return std::nullopt;
}

CertificateSet::CertificateSet(absl::Span<const Certificate> certificates, size_t min_rsa_bits) {
  entries_.reserve(certificates.size());
  for (const Certificate& c : certificates) Add(c, min_rsa_bits);
}

void CertificateSet::Add(const Certificate& certificate, size_t min_rsa_bits) {
  absl::StatusOr<std::shared_ptr<const VerificationKey>> key =
      VerificationKey::FromCertificateCached(certificate, min_rsa_bits);
  Entry entry{certificate, nullptr, absl::OkStatus()};
  if (key.ok()) {
    entry.key = *std::move(key);
  } else {
    entry.key_status = key.status();
  }
  entries_.push_back(std::move(entry));
}

absl::Status ValidationResult::ToStatus() const {
  if (ok()) return absl::OkStatus();
  return ValidationError(code, detail);
}

ValidationResult ValidatePath(const Certificate& leaf, const CertificateSet& intermediates,
                              const TrustStore& trust_store, absl::Span<const Crl> crls,
                              const ValidationOptions& options) {
  Builder builder(intermediates, trust_store, crls, options);
  return builder.Run(leaf);
}

ValidationResult ValidatePath(const Certificate& leaf, absl::Span<const Certificate> intermediates,
                              const TrustStore& trust_store, absl::Span<const Crl> crls,
                              const ValidationOptions& options) {
  CertificateSet set(intermediates, options.min_rsa_bits);
  return ValidatePath(leaf, set, trust_store, crls, options);
}

}  // namespace jpki::x509
