#include "sim/sp_tsm/sp_tsm.h"

#include "absl/strings/str_cat.h"
#include "apdu/ber_tlv.h"
#include "apdu/gp/get_status.h"
#include "apdu/gp/install.h"
#include "apdu/gp/load.h"
#include "apdu/gp/registry_types.h"
#include "apdu/jpki/jpki_files.h"
#include "base/error.h"
#include "base/status_macros.h"
#include "crypto/hash.h"
#include "sim/jpki_applet/jpki_applet.h"
#include "sim/tsm/session.h"

namespace jpki::sim::sp_tsm {
namespace {

namespace ap = apdu::jpki_ap;
namespace gp = apdu::gp;

Bytes Fid(uint16_t fid) { return Bytes{static_cast<uint8_t>(fid >> 8), static_cast<uint8_t>(fid)}; }

// The STORE DATA payloads that write `content` into EF `fid`, in chunks that fit short APDUs after SCP03 padding.
absl::StatusOr<std::vector<Bytes>> EfWrites(uint16_t fid, ByteView content) {
  constexpr size_t kChunk = 200;
  std::vector<Bytes> out;
  for (size_t offset = 0; offset < content.size(); offset += kChunk) {
    Bytes value = Fid(fid);
    Append(value, Fid(static_cast<uint16_t>(offset)));
    Append(value, content.subspan(offset, std::min(kChunk, content.size() - offset)));
    JPKI_ASSIGN_OR_RETURN(Bytes tlv, apdu::EncodeTlv(jpki_applet::kTagWriteEf, value));
    out.push_back(std::move(tlv));
  }
  return out;
}

}  // namespace

absl::StatusOr<GeneratedKeys> SpTsm::InstallApplet(apdu::Transport& se, std::string_view auth_pin,
                                                   std::string_view signing_password) {
  JPKI_ASSIGN_OR_RETURN(auto session,
                        tsm::TsmSession::Open(se, ssd_aid_, sp_keys_, apdu::gp::SecurityLevel::kCMacCDecRMacREnc, rng_,
                                              transcript_, "SP-TSM"));
  // The load file: its bytes stand for the applet's CAP file (the SE runs the matching built-in code).
  const Bytes image = ToBytes(AsBytes("jpkicore simulation: JPKI applet package, version 1"));
  JPKI_ASSIGN_OR_RETURN(Bytes hash, crypto::Hash(crypto::HashAlgorithm::kSha256, image));
  JPKI_ASSIGN_OR_RETURN(auto for_load, gp::BuildInstallForLoad(kJpkiPackageAid, ssd_aid_, hash));
  JPKI_RETURN_IF_ERROR(session->Send(for_load, "(JPKI package, SHA-256 of the load file)").status());
  JPKI_ASSIGN_OR_RETURN(Bytes load_file, gp::EncodeLoadFileDataBlock(image));
  JPKI_ASSIGN_OR_RETURN(auto loads, gp::BuildLoadCommands(load_file, 32));
  for (const auto& load : loads) JPKI_RETURN_IF_ERROR(session->Send(load, "(load file block)").status());
  JPKI_ASSIGN_OR_RETURN(auto install, gp::BuildInstallForInstall(kJpkiPackageAid, ap::kJpkiAid, ap::kJpkiAid,
                                                                 gp::Privileges(), {}, true));
  JPKI_RETURN_IF_ERROR(session->Send(install, "(JPKI AP d392f000260100000001)").status());
  JPKI_ASSIGN_OR_RETURN(auto perso, gp::BuildInstallForPersonalization(ap::kJpkiAid));
  JPKI_RETURN_IF_ERROR(session->Send(perso, "(JPKI AP)").status());
  JPKI_ASSIGN_OR_RETURN(Bytes pins, apdu::EncodeTlv(jpki_applet::kTagAuthPin, AsBytes(auth_pin)));
  JPKI_ASSIGN_OR_RETURN(Bytes password, apdu::EncodeTlv(jpki_applet::kTagSigningPassword, AsBytes(signing_password)));
  Append(pins, password);
  JPKI_ASSIGN_OR_RETURN(auto store_pins, tsm::StoreDataBlock(pins, 0, false, false));
  JPKI_RETURN_IF_ERROR(session->Send(store_pins, "(PIN and signing password)").status());
  GeneratedKeys keys;
  uint8_t block = 1;
  for (uint16_t fid : {ap::kEfAuthenticationKey, ap::kEfSigningKey}) {
    JPKI_ASSIGN_OR_RETURN(Bytes generate, apdu::EncodeTlv(jpki_applet::kTagGenerateKey, Fid(fid)));
    JPKI_ASSIGN_OR_RETURN(auto store, tsm::StoreDataBlock(generate, block, block == 2, true));
    JPKI_ASSIGN_OR_RETURN(auto response, session->Send(store, fid == ap::kEfAuthenticationKey
                                                                  ? "(generate authentication key pair in EF 0017)"
                                                                  : "(generate signing key pair in EF 001A)"));
    (fid == ap::kEfAuthenticationKey ? keys.authentication_spki : keys.signing_spki) = response.data;
    ++block;
  }
  // Read back the registry as the SE reports it (GET STATUS, applications): the applet must be there, SELECTABLE
  // and associated with this security domain.
  gp::GetStatusRequest request;
  request.scope = gp::StatusScope::kApplications;
  JPKI_ASSIGN_OR_RETURN(auto get_status, gp::BuildGetStatus(request));
  JPKI_ASSIGN_OR_RETURN(auto status, session->Send(get_status, "(applications)"));
  JPKI_ASSIGN_OR_RETURN(auto entries, gp::ParseGetStatusResponse(status.data));
  bool found = false;
  for (const gp::RegistryEntry& entry : entries) {
    if (!Equal(entry.aid, ap::kJpkiAid)) continue;
    if (entry.life_cycle != static_cast<uint8_t>(gp::ApplicationLifeCycle::kSelectable) ||
        !entry.associated_sd_aid.has_value() || !Equal(*entry.associated_sd_aid, ssd_aid_)) {
      return MakeError(ErrorCode::kState, "sim", "SP-TSM: the JPKI applet is not SELECTABLE under the SP's domain");
    }
    found = true;
    transcript_.Line(absl::StrCat("SP-TSM: registry says JPKI AP ", HexEncode(entry.aid), " life cycle ",
                                  gp::ApplicationLifeCycleName(entry.life_cycle), ", associated security domain ",
                                  HexEncode(*entry.associated_sd_aid)));
  }
  if (!found) return MakeError(ErrorCode::kNotFound, "sim", "SP-TSM: the JPKI applet is missing from GET STATUS");
  return keys;
}

absl::Status SpTsm::WriteCertificates(apdu::Transport& se, const x509::Certificate& signing,
                                      const x509::Certificate& signing_ca, const x509::Certificate& authentication,
                                      const x509::Certificate& authentication_ca) {
  JPKI_ASSIGN_OR_RETURN(auto session,
                        tsm::TsmSession::Open(se, ssd_aid_, sp_keys_, apdu::gp::SecurityLevel::kCMacCDecRMacREnc, rng_,
                                              transcript_, "SP-TSM"));
  JPKI_ASSIGN_OR_RETURN(auto perso, gp::BuildInstallForPersonalization(ap::kJpkiAid));
  JPKI_RETURN_IF_ERROR(session->Send(perso, "(JPKI AP)").status());
  std::vector<Bytes> payloads;
  for (auto [fid, certificate] : {std::pair<uint16_t, const x509::Certificate*>{ap::kEfSigningCertificate, &signing},
                                  {ap::kEfSigningCaCertificate, &signing_ca},
                                  {ap::kEfAuthenticationCertificate, &authentication},
                                  {ap::kEfAuthenticationCaCertificate, &authentication_ca}}) {
    JPKI_ASSIGN_OR_RETURN(auto writes, EfWrites(fid, certificate->der()));
    for (auto& w : writes) payloads.push_back(std::move(w));
  }
  for (size_t i = 0; i < payloads.size(); ++i) {
    JPKI_ASSIGN_OR_RETURN(auto store,
                          tsm::StoreDataBlock(payloads[i], static_cast<uint8_t>(i), i + 1 == payloads.size(), false));
    JPKI_RETURN_IF_ERROR(session->Send(store, "(certificate EF block)").status());
  }
  return absl::OkStatus();
}

}  // namespace jpki::sim::sp_tsm
