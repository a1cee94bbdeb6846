#include "sim/sei_tsm/sei_tsm.h"

#include "absl/strings/str_cat.h"
#include "apdu/gp/install.h"
#include "apdu/gp/put_key.h"
#include "apdu/gp/registry_types.h"
#include "base/status_macros.h"
#include "sim/se/ara_m.h"
#include "sim/se/registry.h"
#include "sim/tsm/session.h"

namespace jpki::sim::sei_tsm {

namespace gp = apdu::gp;

absl::Status SeiTsm::CreateServiceProviderDomain(apdu::Transport& se, ByteView ssd_aid,
                                                 const apdu::gp::Scp03Keys& sp_keys, const se::AccessRule& rule) {
  JPKI_ASSIGN_OR_RETURN(auto session,
                        tsm::TsmSession::Open(se, isd_aid_, isd_keys_, apdu::gp::SecurityLevel::kCMacCDecRMacREnc, rng_,
                                              transcript_, "SEI-TSM"));
  const gp::Privileges privileges =
      gp::Privileges().Add(gp::Privilege::kSecurityDomain).Add(gp::Privilege::kAuthorizedManagement);
  JPKI_ASSIGN_OR_RETURN(auto install,
                        gp::BuildInstallForInstall(kSdPackageAid, kSdModuleAid, ssd_aid, privileges, {}, true));
  JPKI_RETURN_IF_ERROR(session->Send(install, absl::StrCat("(SP security domain ", HexEncode(ssd_aid), ")")).status());
  JPKI_ASSIGN_OR_RETURN(auto perso, gp::BuildInstallForPersonalization(ssd_aid));
  JPKI_RETURN_IF_ERROR(session->Send(perso, "(SP security domain)").status());
  gp::PutKeyRequest request;
  request.new_kvn = sp_keys.kvn;
  request.keys = {&sp_keys.enc, &sp_keys.mac, &sp_keys.dek};
  Bytes expected;
  JPKI_ASSIGN_OR_RETURN(auto put_key, gp::BuildPutKey(request, isd_keys_.dek, &expected));
  JPKI_ASSIGN_OR_RETURN(auto put_key_response, session->Send(put_key, "(SP key set, KVN 01, keys under the ISD DEK)"));
  // The card answers with the KVN and the key check values: the keys arrived intact.
  JPKI_RETURN_IF_ERROR(gp::CheckPutKeyResponse(put_key_response, expected));
  // The whitelist: the ARA-M belongs to the ISD, so the SEI-TSM stores the SP's rule for it.
  JPKI_ASSIGN_OR_RETURN(auto ara_perso,
                        gp::BuildInstallForPersonalization(ByteView(se::kAraMAid, sizeof(se::kAraMAid))));
  JPKI_RETURN_IF_ERROR(session->Send(ara_perso, "(ARA-M)").status());
  JPKI_ASSIGN_OR_RETURN(Bytes store, se::EncodeStoreCommand(rule));
  JPKI_ASSIGN_OR_RETURN(auto store_data, tsm::StoreDataBlock(store, 0, true, false));
  JPKI_RETURN_IF_ERROR(session->Send(store_data, "(access rule: JPKI AP for the allow-listed app)").status());
  return absl::OkStatus();
}

}  // namespace jpki::sim::sei_tsm
