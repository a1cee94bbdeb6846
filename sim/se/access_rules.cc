#include "sim/se/access_rules.h"

#include "apdu/ber_tlv.h"
#include "base/error.h"
#include "base/status_macros.h"

namespace jpki::sim::se {
namespace {

absl::Status Malformed(const char* what) { return MakeError(ErrorCode::kMalformedInput, "sim", what); }

absl::StatusOr<AccessRule> ParseRefArDo(const apdu::TlvNode& node) {
  if (node.tag != kTagRefArDo || node.children.size() != 2) return Malformed("access rule: bad REF-AR-DO");
  const apdu::TlvNode& ref = node.children[0];
  const apdu::TlvNode& ar = node.children[1];
  if (ref.tag != kTagRefDo || ar.tag != kTagArDo) return Malformed("access rule: REF-DO then AR-DO expected");
  AccessRule rule;
  const apdu::TlvNode* aid = ref.Find(kTagAidRefDo);
  const apdu::TlvNode* hash = ref.Find(kTagHashRefDo);
  if (aid == nullptr || hash == nullptr || ref.children.size() != 2) {
    return Malformed("access rule: REF-DO needs an AID-REF-DO and a Hash-REF-DO");
  }
  if (aid->value.size() < 5 || aid->value.size() > 16) return Malformed("access rule: bad AID length");
  if (!hash->value.empty() && hash->value.size() != 20 && hash->value.size() != 32) {
    return Malformed("access rule: bad hash length");
  }
  rule.aid = ToBytes(aid->value);
  rule.cert_hash = ToBytes(hash->value);
  const apdu::TlvNode* apdu_ar = ar.Find(kTagApduArDo);
  if (apdu_ar == nullptr || apdu_ar->value.size() != 1 || apdu_ar->value[0] > 1) {
    return Malformed("access rule: AR-DO needs a one-byte APDU-AR-DO");
  }
  rule.allow_apdu = apdu_ar->value[0] == 1;
  return rule;
}

}  // namespace

absl::StatusOr<Bytes> EncodeRefArDo(const AccessRule& rule) {
  apdu::BerTlvBuilder builder;
  builder.Open(kTagRefArDo)
      .Open(kTagRefDo)
      .Add(kTagAidRefDo, rule.aid)
      .Add(kTagHashRefDo, rule.cert_hash)
      .Close()
      .Open(kTagArDo)
      .AddByte(kTagApduArDo, rule.allow_apdu ? 1 : 0)
      .Close()
      .Close();
  return builder.Finish();
}

absl::StatusOr<Bytes> EncodeAllRules(const std::vector<AccessRule>& rules) {
  Bytes body;
  for (const AccessRule& rule : rules) {
    JPKI_ASSIGN_OR_RETURN(Bytes one, EncodeRefArDo(rule));
    Append(body, one);
  }
  return apdu::EncodeTlv(kTagResponseAllArDo, body);
}

absl::StatusOr<Bytes> EncodeStoreCommand(const AccessRule& rule) {
  JPKI_ASSIGN_OR_RETURN(Bytes one, EncodeRefArDo(rule));
  return apdu::EncodeTlv(kTagCommandStoreRefArDo, one);
}

absl::StatusOr<std::vector<AccessRule>> ParseAllRules(ByteView response) {
  JPKI_ASSIGN_OR_RETURN(auto tree, apdu::ParseBerTlvTree(response));
  if (tree.size() != 1 || tree[0].tag != kTagResponseAllArDo) return Malformed("access rules: FF40 expected");
  std::vector<AccessRule> rules;
  for (const apdu::TlvNode& child : tree[0].children) {
    JPKI_ASSIGN_OR_RETURN(AccessRule rule, ParseRefArDo(child));
    rules.push_back(std::move(rule));
  }
  return rules;
}

absl::StatusOr<AccessRule> ParseStoreCommand(ByteView payload) {
  JPKI_ASSIGN_OR_RETURN(auto tree, apdu::ParseBerTlvTree(payload));
  if (tree.size() != 1 || tree[0].tag != kTagCommandStoreRefArDo || tree[0].children.size() != 1) {
    return Malformed("access rules: F0 with one REF-AR-DO expected");
  }
  return ParseRefArDo(tree[0].children[0]);
}

AccessDecision Decide(const std::vector<AccessRule>& rules, ByteView aid, ByteView app_cert_hash) {
  const AccessRule* for_all = nullptr;
  for (const AccessRule& rule : rules) {
    if (!Equal(rule.aid, aid)) continue;
    if (!rule.cert_hash.empty() && Equal(rule.cert_hash, app_cert_hash)) {
      return rule.allow_apdu ? AccessDecision::kAllowed : AccessDecision::kDenied;
    }
    if (rule.cert_hash.empty()) for_all = &rule;
  }
  if (for_all != nullptr && for_all->allow_apdu) return AccessDecision::kAllowed;
  return AccessDecision::kDenied;
}

}  // namespace jpki::sim::se
