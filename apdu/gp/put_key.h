#ifndef JPKICORE_APDU_GP_PUT_KEY_H_
#define JPKICORE_APDU_GP_PUT_KEY_H_

// PUT KEY for AES keys (GP CS 2.3.1 §11.8 and Amendment D): 80 D8 P1 P2 Lc data 00 where P1 is the KVN to replace
// (00 adds a new key set), P2 the first key id (|80 when several keys follow). Data:
//   new KVN, then per key: 88 (AES) Lv( clear-key length (1) || AES-CBC(DEK, IV 0, key padded with zeros to a
//   whole block) ) 03 KCV (3)
// The card answers new KVN || the KCVs. The DEK is the static DEK of the current key set (SCP03 has no session DEK).
// Zero padding of 24-byte keys follows the "clear-key length first" layout; cards differ here, check yours.

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "apdu/command_apdu.h"
#include "apdu/response_apdu.h"
#include "base/bytes.h"
#include "base/secret_bytes.h"

namespace jpki::apdu::gp {

inline constexpr uint8_t kInsPutKey = 0xD8;
inline constexpr uint8_t kKeyTypeAes = 0x88;

struct PutKeyRequest {
  uint8_t replace_kvn = 0;  // 00: add a new key set
  uint8_t new_kvn = 0;
  uint8_t first_key_id = 1;
  std::vector<const SecretBytes*> keys;  // 1..3 AES keys (ENC, MAC, DEK for a full SCP03 key set)
};

// BuildPutKey encrypts the keys under `dek` and computes their KCVs. `expected_response` (if not null) receives the
// response data the card must answer (new KVN || KCVs).
absl::StatusOr<CommandApdu> BuildPutKey(const PutKeyRequest& request, const SecretBytes& dek,
                                        Bytes* expected_response = nullptr);

// CheckPutKeyResponse compares the card's answer with the expected KVN || KCVs; kBadSignature when they differ,
// kState for a non-9000 SW.
absl::Status CheckPutKeyResponse(const ResponseApdu& response, ByteView expected);

struct PutKeyCommand {
  uint8_t replace_kvn = 0;
  uint8_t new_kvn = 0;
  uint8_t first_key_id = 0;
  bool multiple = false;
  std::vector<SecretBytes> keys;  // decrypted
  std::vector<Bytes> kcvs;
};
// ParsePutKey (card side): decrypts each AES key with `dek` and verifies its KCV (kBadSignature on mismatch);
// kMalformedInput for layout errors, kUnsupported for non-AES key types.
absl::StatusOr<PutKeyCommand> ParsePutKey(const CommandApdu& command, const SecretBytes& dek);
// EncodePutKeyResponse: new KVN || KCVs.
Bytes EncodePutKeyResponse(const PutKeyCommand& command);

}  // namespace jpki::apdu::gp

#endif  // JPKICORE_APDU_GP_PUT_KEY_H_
