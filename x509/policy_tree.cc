#include "x509/policy_tree.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "base/error.h"
#include "x509/oids.h"

namespace jpki::x509 {
namespace {

const ByteView kAny(oid::kAnyPolicy, sizeof(oid::kAnyPolicy));

bool IsAny(ByteView policy) { return Equal(policy, kAny); }

absl::Status PolicyError(std::string_view what) { return MakeError(ErrorCode::kCertificateRejected, "x509", what); }

}  // namespace

PolicyTree::PolicyTree(size_t path_length, absl::Span<const Bytes> initial_policy_set, bool initial_explicit_policy,
                       bool initial_policy_mapping_inhibit, bool initial_any_policy_inhibit, size_t max_nodes)
    : n_(path_length),
      explicit_policy_(initial_explicit_policy ? 0 : path_length + 1),
      policy_mapping_(initial_policy_mapping_inhibit ? 0 : path_length + 1),
      inhibit_any_policy_(initial_any_policy_inhibit ? 0 : path_length + 1),
      max_nodes_(max_nodes) {
  for (const Bytes& p : initial_policy_set) {
    if (IsAny(p)) {
      initial_.clear();
      break;
    }
    initial_.push_back(ByteView(p));
  }
  // 6.1.2 (a): a single node of depth 0, valid_policy anyPolicy, expected_policy_set {anyPolicy}.
  Node root;
  root.policy = kAny;
  root.expected.push_back(kAny);
  levels_.push_back({root});
  node_count_ = 1;
}

absl::Status PolicyTree::AddNode(size_t depth, Node node) {
  if (++node_count_ > max_nodes_) {
    return MakeError(ErrorCode::kResourceLimit, "x509", absl::StrCat("policy tree exceeds ", max_nodes_, " nodes"));
  }
  if (levels_.size() <= depth) levels_.resize(depth + 1);
  if (node.parent >= 0) ++levels_[depth - 1][node.parent].children;
  levels_[depth].push_back(std::move(node));
  return absl::OkStatus();
}

void PolicyTree::Kill(size_t depth, size_t index) {
  Node& node = levels_[depth][index];
  if (!node.alive) return;
  node.alive = false;
  if (node.parent >= 0) --levels_[depth - 1][node.parent].children;
  if (depth + 1 < levels_.size()) {
    for (size_t j = 0; j < levels_[depth + 1].size(); ++j) {
      if (levels_[depth + 1][j].parent == static_cast<int>(index)) Kill(depth + 1, j);
    }
  }
}

void PolicyTree::Prune(size_t below_depth) {
  for (size_t d = std::min(below_depth, levels_.size()); d-- > 0;) {
    for (size_t j = 0; j < levels_[d].size(); ++j) {
      if (levels_[d][j].alive && levels_[d][j].children == 0) Kill(d, j);
    }
  }
  if (!levels_[0][0].alive) null_ = true;
}

bool PolicyTree::HasChildWithPolicy(size_t depth, size_t parent, ByteView policy) const {
  if (depth >= levels_.size()) return false;
  for (const Node& node : levels_[depth]) {
    if (node.alive && node.parent == static_cast<int>(parent) && Equal(node.policy, policy)) return true;
  }
  return false;
}

bool PolicyTree::InInitialSet(ByteView policy) const {
  if (initial_.empty()) return true;
  for (ByteView p : initial_) {
    if (Equal(p, policy)) return true;
  }
  return false;
}

absl::Status PolicyTree::ProcessCertificate(const Certificate& certificate, size_t i) {
  const auto& policies = certificate.certificate_policies();
  if (!policies) {
    null_ = true;  // 6.1.3 (e)
  } else if (!null_) {
    levels_.resize(i + 1);
    const std::vector<Node>& parents = levels_[i - 1];
    bool has_any = false;
    // (d)(1): each policy other than anyPolicy.
    for (const PolicyInformation& info : policies->policies) {
      const ByteView p = info.policy_id;
      if (IsAny(p)) {
        has_any = true;
        continue;
      }
      bool matched = false;
      for (size_t j = 0; j < parents.size(); ++j) {
        const Node& parent = levels_[i - 1][j];
        if (!parent.alive) continue;
        if (std::any_of(parent.expected.begin(), parent.expected.end(), [&](ByteView e) { return Equal(e, p); })) {
          Node child;
          child.policy = p;
          child.expected.push_back(p);
          child.parent = static_cast<int>(j);
          if (absl::Status s = AddNode(i, std::move(child)); !s.ok()) return s;
          matched = true;
        }
      }
      if (!matched) {
        for (size_t j = 0; j < levels_[i - 1].size(); ++j) {
          const Node& parent = levels_[i - 1][j];
          if (!parent.alive || !IsAny(parent.policy)) continue;
          Node child;
          child.policy = p;
          child.expected.push_back(p);
          child.parent = static_cast<int>(j);
          if (absl::Status s = AddNode(i, std::move(child)); !s.ok()) return s;
        }
      }
    }
    // (d)(2): anyPolicy in the certificate, when not inhibited (self-issued intermediates are exempt).
    if (has_any && (inhibit_any_policy_ > 0 || (i < n_ && certificate.IsSelfIssued()))) {
      for (size_t j = 0; j < levels_[i - 1].size(); ++j) {
        if (!levels_[i - 1][j].alive) continue;
        const auto expected = levels_[i - 1][j].expected;  // copy: AddNode may reallocate nothing here, but be safe
        for (ByteView e : expected) {
          if (HasChildWithPolicy(i, j, e)) continue;
          Node child;
          child.policy = e;
          child.expected.push_back(e);
          child.parent = static_cast<int>(j);
          if (absl::Status s = AddNode(i, std::move(child)); !s.ok()) return s;
        }
      }
    }
    // (d)(3): prune childless nodes above depth i.
    Prune(i);
  }
  // (f)
  if (explicit_policy_ == 0 && null_) {
    return PolicyError(
        absl::StrCat("no valid certificate policy at certificate ", i, " and an explicit policy is required"));
  }
  return absl::OkStatus();
}

absl::Status PolicyTree::PrepareNext(const Certificate& certificate, size_t i) {
  if (const auto& mappings = certificate.policy_mappings()) {
    // (a)
    for (const PolicyMapping& m : *mappings) {
      if (IsAny(m.issuer_domain_policy) || IsAny(m.subject_domain_policy)) {
        return PolicyError("policy mapping to or from anyPolicy");
      }
    }
    // (b)
    if (!null_ && levels_.size() > i) {
      std::vector<ByteView> done;
      for (const PolicyMapping& m : *mappings) {
        const ByteView idp = m.issuer_domain_policy;
        if (std::any_of(done.begin(), done.end(), [&](ByteView d) { return Equal(d, idp); })) continue;
        done.push_back(idp);
        absl::InlinedVector<ByteView, 2> mapped;
        for (const PolicyMapping& m2 : *mappings) {
          if (Equal(m2.issuer_domain_policy, idp)) mapped.push_back(m2.subject_domain_policy);
        }
        if (policy_mapping_ > 0) {
          bool found = false;
          for (Node& node : levels_[i]) {
            if (node.alive && Equal(node.policy, idp)) {
              node.expected = mapped;
              found = true;
            }
          }
          if (!found) {
            for (size_t j = 0; j < levels_[i].size(); ++j) {
              const Node& any_node = levels_[i][j];
              if (!any_node.alive || !IsAny(any_node.policy)) continue;
              Node child;
              child.policy = idp;
              child.expected = mapped;
              child.parent = any_node.parent;
              if (absl::Status s = AddNode(i, std::move(child)); !s.ok()) return s;
              break;
            }
          }
        } else {
          for (size_t j = 0; j < levels_[i].size(); ++j) {
            if (levels_[i][j].alive && Equal(levels_[i][j].policy, idp)) Kill(i, j);
          }
          Prune(i);
        }
      }
    }
  }
  // (h)
  if (!certificate.IsSelfIssued()) {
    if (explicit_policy_ > 0) --explicit_policy_;
    if (policy_mapping_ > 0) --policy_mapping_;
    if (inhibit_any_policy_ > 0) --inhibit_any_policy_;
  }
  // (i)
  if (const auto& pc = certificate.policy_constraints()) {
    if (pc->require_explicit_policy && *pc->require_explicit_policy < explicit_policy_) {
      explicit_policy_ = *pc->require_explicit_policy;
    }
    if (pc->inhibit_policy_mapping && *pc->inhibit_policy_mapping < policy_mapping_) {
      policy_mapping_ = *pc->inhibit_policy_mapping;
    }
  }
  // (j)
  if (const auto& iap = certificate.inhibit_any_policy(); iap && *iap < inhibit_any_policy_) {
    inhibit_any_policy_ = *iap;
  }
  return absl::OkStatus();
}

absl::Status PolicyTree::WrapUp(const Certificate& leaf) {
  // (a), (b)
  if (explicit_policy_ > 0) --explicit_policy_;
  if (const auto& pc = leaf.policy_constraints(); pc && pc->require_explicit_policy == 0u) explicit_policy_ = 0;
  // (g)
  if (!null_ && !initial_.empty()) {
    // (ii): nodes whose parent is anyPolicy and whose policy is neither anyPolicy nor in the initial set.
    for (size_t d = 1; d < levels_.size(); ++d) {
      for (size_t j = 0; j < levels_[d].size(); ++j) {
        Node& node = levels_[d][j];
        if (!node.alive || IsAny(node.policy) || InInitialSet(node.policy)) continue;
        if (IsAny(levels_[d - 1][node.parent].policy)) Kill(d, j);
      }
    }
    // (iii): replace an anyPolicy leaf by the initial policies it stands for.
    if (levels_.size() > n_) {
      for (size_t j = 0; j < levels_[n_].size(); ++j) {
        const Node any_node = levels_[n_][j];
        if (!any_node.alive || !IsAny(any_node.policy)) continue;
        for (ByteView p : initial_) {
          bool present = false;
          for (size_t d = 1; d < levels_.size() && !present; ++d) {
            for (const Node& node : levels_[d]) {
              if (node.alive && Equal(node.policy, p) && IsAny(levels_[d - 1][node.parent].policy)) present = true;
            }
          }
          if (present) continue;
          Node child;
          child.policy = p;
          child.expected.push_back(p);
          child.parent = any_node.parent;
          if (absl::Status s = AddNode(n_, std::move(child)); !s.ok()) return s;
        }
        Kill(n_, j);
        break;
      }
    }
    // (iv)
    Prune(n_);
  }
  if (explicit_policy_ == 0 && (null_ || ValidPolicies().empty())) {
    return PolicyError(
        "no certificate policy acceptable to the initial policy set, and an explicit policy is required");
  }
  return absl::OkStatus();
}

std::vector<std::string> PolicyTree::ValidPolicies() const {
  std::vector<std::string> out;
  if (null_ || levels_.size() <= n_) return out;
  for (const Node& node : levels_[n_]) {
    if (!node.alive) continue;
    std::string dotted = oid::ToDotted(node.policy);
    if (std::find(out.begin(), out.end(), dotted) == out.end()) out.push_back(std::move(dotted));
  }
  return out;
}

}  // namespace jpki::x509
