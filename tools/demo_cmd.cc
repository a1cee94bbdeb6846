// `jpki demo [--seed N] [--json] [--trace]`: the whole smartphone JPKI flow (sim/demo), printed step by step.
#include <cstdlib>
#include <optional>
#include <ostream>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "sim/demo/demo.h"
#include "tools/cli.h"
#include "tools/json_writer.h"

namespace jpki::cli {
namespace {

constexpr char kUsage[] =
    "usage: jpki demo [--seed N] [--json] [--trace] [--fault NAME]\n"
    "  Runs the smartphone JPKI flow end to end: JPKI CA and My Number Card, GP-SE with SEI-TSM and SP-TSM over\n"
    "  SCP03, on-SE key generation, issuance, login (PIN, biometric, 72-hour rule, app whitelist), document\n"
    "  signature (smartphone and card), model change with revocation. Exit 0 only if every step behaved.\n"
    "  --seed N   reproducible run   --json   one JSON object   --trace   every APDU, wrapped and unwrapped\n"
    "  --fault NAME  inject a fault to see a protection stop the flow (exit 1): wrong-scp03-key, tampered-apdu,\n"
    "                blocked-pin, revoked-certificate, expired-crl\n";

std::optional<sim::demo::Fault> FaultFromName(const std::string& name) {
  if (name == "wrong-scp03-key") return sim::demo::Fault::kWrongScp03Key;
  if (name == "tampered-apdu") return sim::demo::Fault::kTamperedApdu;
  if (name == "blocked-pin") return sim::demo::Fault::kBlockedPin;
  if (name == "revoked-certificate") return sim::demo::Fault::kRevokedCertificate;
  if (name == "expired-crl") return sim::demo::Fault::kExpiredCrl;
  return std::nullopt;
}

void PrintText(const sim::demo::DemoResult& result, const sim::demo::DemoOptions& options, Io& io) {
  io.out << "jpki demo: the smartphone JPKI flow on jpkicore";
  if (options.seed) io.out << " (seed " << *options.seed << ")";
  io.out << "\n";
  for (const sim::TranscriptStep& step : result.transcript.steps()) {
    io.out << absl::StrFormat("\n[%d/%d] %s  (%.0f ms) %s\n", step.number, sim::demo::kDemoSteps, step.title,
                              step.millis, step.ok ? "ok" : "FAILED");
    for (const std::string& line : step.lines) io.out << "      " << line << "\n";
    for (const std::string& line : step.trace) io.out << "        | " << line << "\n";
  }
  if (result.ok) {
    io.out << absl::StrFormat("\nall %d steps behaved as expected (%.0f ms)\n", sim::demo::kDemoSteps,
                              result.total_millis);
  }
}

void PrintJson(const sim::demo::DemoResult& result, const sim::demo::DemoOptions& options, Io& io) {
  JsonWriter json;
  json.BeginObject();
  json.Field("ok", result.ok);
  if (options.seed) json.Field("seed", static_cast<uint64_t>(*options.seed));
  json.Key("total_ms").Int(static_cast<int64_t>(result.total_millis));
  if (!result.ok) {
    json.Field("failed_step", result.failed_step);
    json.Field("error", result.error);
  }
  json.Key("steps").BeginArray();
  for (const sim::TranscriptStep& step : result.transcript.steps()) {
    json.BeginObject();
    json.Field("number", step.number);
    json.Field("title", step.title);
    json.Field("ok", step.ok);
    json.Key("ms").Int(static_cast<int64_t>(step.millis));
    if (!step.ok) json.Field("error", step.error);
    json.Key("facts").BeginObject();
    for (const auto& [key, value] : step.facts) json.Field(key, value);
    json.EndObject();
    json.Key("events").BeginArray();
    for (const std::string& line : step.lines) json.String(line);
    json.EndArray();
    if (!step.trace.empty()) {
      json.Key("apdus").BeginArray();
      for (const std::string& line : step.trace) json.String(line);
      json.EndArray();
    }
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  io.out << json.str() << "\n";
}

int RunDemoCommand(const std::vector<std::string>& argv, Io& io) {
  auto args = Args::Parse(argv, {"seed", "fault"}, {"json", "trace", "help"});
  if (!args.ok()) return UsageError(io, std::string(args.status().message()));
  if (args->Has("help")) {
    io.out << kUsage;
    return kExitOk;
  }
  if (!args->positional().empty()) return UsageError(io, "`jpki demo` takes no positional arguments");
  sim::demo::DemoOptions options;
  if (auto seed = args->Get("seed")) {
    uint64_t value = 0;
    if (!absl::SimpleAtoi(*seed, &value)) return UsageError(io, "--seed wants a non-negative integer");
    options.seed = value;
  }
  options.trace = args->Has("trace");
  if (auto fault = args->Get("fault")) {
    auto parsed = FaultFromName(*fault);
    if (!parsed) return UsageError(io, "unknown --fault " + *fault);
    options.fault = *parsed;
  }
  const sim::demo::DemoResult result = sim::demo::RunDemo(options);
  if (args->Has("json")) {
    PrintJson(result, options, io);
  } else {
    PrintText(result, options, io);
  }
  if (!result.ok) {
    // A step that did not behave is a failed check (exit 1), named by its number and title.
    return Rejected(io, "step " + std::to_string(result.failed_step) + " (" +
                            result.transcript.steps()[result.failed_step - 1].title + "): " + result.error);
  }
  return kExitOk;
}

JPKI_REGISTER_COMMAND(Command{"demo", "run the whole smartphone JPKI flow end to end", kUsage, RunDemoCommand});

}  // namespace
}  // namespace jpki::cli
