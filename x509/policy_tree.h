#ifndef JPKICORE_X509_POLICY_TREE_H_
#define JPKICORE_X509_POLICY_TREE_H_

// The valid_policy_tree of RFC 5280 6.1.2 (a), 6.1.3 (d)-(f), 6.1.4 (a)-(b), (h)-(j) and 6.1.5 (g), with the state
// variables explicit_policy, policy_mapping and inhibit_anyPolicy. The tree is bounded: when processing would grow
// it past `max_nodes` the path is rejected (the classic policy-tree blow-up with many mappings is a denial of
// service, CVE-2023-0464).
//
// Views: policy OIDs are ByteViews into the certificates and into the initial policy set, which must outlive the
// PolicyTree.

#include <cstddef>
#include <string>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "absl/types/span.h"
#include "base/bytes.h"
#include "x509/certificate.h"

namespace jpki::x509 {

class PolicyTree {
 public:
  // `path_length` is n, the number of certificates below the anchor; initial_policy_set empty means {anyPolicy}.
  PolicyTree(size_t path_length, absl::Span<const Bytes> initial_policy_set, bool initial_explicit_policy,
             bool initial_policy_mapping_inhibit, bool initial_any_policy_inhibit, size_t max_nodes);

  // ProcessCertificate runs 6.1.3 (d)-(f) for certificate i (1-based; i == n is the leaf). Fails with
  // kCertificateRejected when explicit_policy is 0 and the tree became NULL, kResourceLimit when the tree would
  // exceed max_nodes.
  absl::Status ProcessCertificate(const Certificate& certificate, size_t i);
  // PrepareNext runs 6.1.4 (a)-(b) and (h)-(j) after certificate i (i < n). Fails with kCertificateRejected for a
  // mapping to or from anyPolicy.
  absl::Status PrepareNext(const Certificate& certificate, size_t i);
  // WrapUp runs 6.1.5 (a), (b) and (g) for the leaf. Fails when explicit_policy is 0 and the intersection is NULL.
  absl::Status WrapUp(const Certificate& leaf);

  // ValidPolicies returns the dotted valid policies at the leaf after WrapUp (anyPolicy included when present).
  std::vector<std::string> ValidPolicies() const;
  bool null() const { return null_; }

 private:
  struct Node {
    ByteView policy;
    absl::InlinedVector<ByteView, 2> expected;
    int parent = -1;  // index in the previous level
    int children = 0;
    bool alive = true;
  };
  absl::Status AddNode(size_t depth, Node node);
  void Kill(size_t depth, size_t index);
  void Prune(size_t below_depth);
  bool HasChildWithPolicy(size_t depth, size_t parent, ByteView policy) const;
  bool InInitialSet(ByteView policy) const;

  size_t n_;
  std::vector<ByteView> initial_;  // empty = anyPolicy
  size_t explicit_policy_;
  size_t policy_mapping_;
  size_t inhibit_any_policy_;
  size_t max_nodes_;
  size_t node_count_ = 0;
  bool null_ = false;
  std::vector<std::vector<Node>> levels_;
};

}  // namespace jpki::x509

#endif  // JPKICORE_X509_POLICY_TREE_H_
