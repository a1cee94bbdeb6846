#include "tests/apdu/gp/scp03_vectors.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace jpki::apdu::gp::testing {
namespace {

nlohmann::json Load(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  std::stringstream ss;
  ss << in.rdbuf();
  return nlohmann::json::parse(ss.str());
}

const std::string kDir = "tests/data/gp-scp03/";

}  // namespace

Bytes Hex(const std::string& hex) {
  auto b = HexDecode(hex);
  EXPECT_TRUE(b.ok()) << hex;
  return b.ok() ? *b : Bytes();
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::vector<VectorSession> LoadAllSessions() {
  std::vector<VectorSession> out;
  // The normalised file: pysim (9) and Samsung (6) sessions.
  {
    auto doc = Load(kDir + "gp-scp03/scp03_vectors.json");
    for (const auto& s : doc["sessions"]) {
      VectorSession v;
      v.id = s["id"];
      v.enc = s["static_keys"]["enc"];
      v.mac = s["static_keys"]["mac"];
      v.dek = s["static_keys"]["dek"];
      v.host_challenge = s["host_challenge"];
      v.level = Hex(s["security_level"].get<std::string>())[0];
      v.iu_cmd = s["initialize_update"]["cmd"];
      v.iu_rsp_data = s["initialize_update"]["rsp_data"];
      v.ea_cmd = s["external_authenticate"]["cmd"];
      for (const auto& st : s["steps"]) {
        VectorStep step;
        step.cmd_plain = st["cmd_plain"];
        step.cmd_wrapped = st["cmd_wrapped"];
        if (st.contains("rsp_wrapped")) {
          step.rsp_wrapped = st["rsp_wrapped"].get<std::string>();
          step.rsp_plain = st["rsp_plain"].get<std::string>();
          const Bytes sw = Hex(st["sw"].get<std::string>());
          step.sw = static_cast<uint16_t>(sw[0] << 8 | sw[1]);
        }
        v.steps.push_back(step);
      }
      const auto& d = s["derived_here"];
      v.s_enc = d["s_enc"].get<std::string>();
      v.s_mac = d["s_mac"].get<std::string>();
      v.s_rmac = d["s_rmac"].get<std::string>();
      v.host_cryptogram = d["host_cryptogram"].get<std::string>();
      out.push_back(v);
    }
  }
  // pysim's own file (the same sessions in upstream layout).
  {
    auto doc = Load(kDir + "gp-scp03-pysim/scp03_vectors.json");
    const auto& plain = doc["plain"];
    for (const auto& s : doc["sessions"]) {
      if (!s.contains("init_upd_cmd") || !doc["keysets"].contains(s["keyset"].get<std::string>())) continue;
      const std::string name = s["name"];
      if (name.rfind("AES", 0) != 0) continue;  // the SCP02 session
      VectorSession v;
      v.id = "pysim-file-" + name;
      const auto& ks = doc["keysets"][s["keyset"].get<std::string>()];
      v.enc = ks["enc"];
      v.mac = ks["mac"];
      v.dek = ks["dek"];
      v.level = Hex(name.substr(name.size() - 2))[0];
      v.iu_cmd = s["init_upd_cmd"];
      v.host_challenge = v.iu_cmd.substr(10, 16);
      v.iu_rsp_data = s["init_upd_rsp"];
      v.ea_cmd = s["ext_auth_cmd"];
      VectorStep eid;
      eid.cmd_plain = plain["get_eid_cmd_plain"];
      eid.cmd_wrapped = s["get_eid_cmd"];
      eid.rsp_wrapped = s["get_eid_rsp"].get<std::string>();
      eid.rsp_plain = plain["get_eid_rsp_plain"].get<std::string>();
      v.steps.push_back(eid);
      for (int i = 1; i <= 4; ++i) {
        const std::string k = "case_" + std::to_string(i) + "_apdu";
        VectorStep st;
        st.cmd_plain = plain[k + "_plain"];
        st.cmd_wrapped = s[k];
        v.steps.push_back(st);
      }
      out.push_back(v);
    }
  }
  // kaoh/globalplatform.
  {
    auto doc = Load(kDir + "gp-scp03-kaoh-globalplatform/scp03_vectors.json");
    for (const auto& s : doc["vectors"]) {
      VectorSession v;
      v.id = "kaoh-" + s["name"].get<std::string>();
      v.enc = s["static_enc"];
      v.mac = s["static_mac"];
      v.dek = s["static_dek"];
      v.host_challenge = s["host_challenge"];
      v.level = Hex(s["security_level"].get<std::string>())[0];
      v.iu_cmd = s["init_upd_cmd"];
      const std::string rsp = s["init_upd_rsp"];
      v.iu_rsp_data = rsp.substr(0, rsp.size() - 4);
      v.ea_cmd = s["ext_auth_cmd"];
      if (s.contains("expected_s_enc")) {
        v.s_enc = s["expected_s_enc"].get<std::string>();
        v.s_mac = s["expected_s_mac"].get<std::string>();
        v.s_rmac = s["expected_s_rmac"].get<std::string>();
      }
      if (s.contains("invoking_aid")) v.sd_aid = s["invoking_aid"].get<std::string>();
      if (s.contains("commands")) {
        for (const auto& c : s["commands"]) {
          VectorStep st;
          st.cmd_plain = c["plain"];
          st.cmd_wrapped = c["wrapped"];
          if (c.contains("response")) {
            // Level 03 has no R-MAC: the response is returned as is.
            const std::string r = c["response"];
            st.rsp_wrapped = r.substr(0, r.size() - 4);
            st.rsp_plain = st.rsp_wrapped;
            const Bytes sw = Hex(r.substr(r.size() - 4));
            st.sw = static_cast<uint16_t>(sw[0] << 8 | sw[1]);
          }
          v.steps.push_back(st);
        }
      }
      out.push_back(v);
    }
  }
  return out;
}

}  // namespace jpki::apdu::gp::testing
