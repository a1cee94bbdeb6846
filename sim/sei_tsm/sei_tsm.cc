#include "sim/sei_tsm/sei_tsm.h"

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "sim/se/ara_m.h"
#include "sim/se/registry.h"
#include "sim/tsm/gp_commands.h"
#include "sim/tsm/session.h"

namespace jpki::sim::sei_tsm {

absl::Status SeiTsm::CreateServiceProviderDomain(apdu::Transport& se, ByteView ssd_aid,
                                                 const apdu::gp::Scp03Keys& sp_keys, const se::AccessRule& rule) {
  JPKI_ASSIGN_OR_RETURN(auto session,
                        tsm::TsmSession::Open(se, isd_aid_, isd_keys_, apdu::gp::SecurityLevel::kCMacCDecRMacREnc, rng_,
                                              transcript_, "SEI-TSM"));
  JPKI_ASSIGN_OR_RETURN(auto install,
                        tsm::InstallForInstall(kSdPackageAid, kSdModuleAid, ssd_aid,
                                               se::kPrivSecurityDomain | se::kPrivAuthorizedManagement, {}, true));
  JPKI_RETURN_IF_ERROR(session->Send(install, absl::StrCat("(SP security domain ", HexEncode(ssd_aid), ")")).status());
  JPKI_ASSIGN_OR_RETURN(auto perso, tsm::InstallForPersonalization(ssd_aid));
  JPKI_RETURN_IF_ERROR(session->Send(perso, "(SP security domain)").status());
  JPKI_ASSIGN_OR_RETURN(auto put_key, tsm::PutKeySet(sp_keys, isd_keys_.dek));
  JPKI_RETURN_IF_ERROR(session->Send(put_key, "(SP key set, KVN 01, keys under the ISD DEK)").status());
  // The whitelist: the ARA-M belongs to the ISD, so the SEI-TSM stores the SP's rule for it.
  JPKI_ASSIGN_OR_RETURN(auto ara_perso, tsm::InstallForPersonalization(ByteView(se::kAraMAid, sizeof(se::kAraMAid))));
  JPKI_RETURN_IF_ERROR(session->Send(ara_perso, "(ARA-M)").status());
  JPKI_ASSIGN_OR_RETURN(Bytes store, se::EncodeStoreCommand(rule));
  JPKI_RETURN_IF_ERROR(
      session->Send(tsm::StoreData(store, 0, true, false), "(access rule: JPKI AP for the allow-listed app)").status());
  return absl::OkStatus();
}

}  // namespace jpki::sim::sei_tsm
