#include "sim/transcript/transcript.h"

namespace jpki::sim {

TranscriptStep& Transcript::BeginStep(int number, std::string title) {
  TranscriptStep step;
  step.number = number;
  step.title = std::move(title);
  steps_.push_back(std::move(step));
  return steps_.back();
}

void Transcript::Line(std::string line) {
  (steps_.empty() ? preamble_ : steps_.back()).lines.push_back(std::move(line));
}

void Transcript::Fact(std::string key, std::string value) {
  (steps_.empty() ? preamble_ : steps_.back()).facts.emplace_back(std::move(key), std::move(value));
}

void Transcript::Trace(std::string line) {
  if (!trace_) return;
  (steps_.empty() ? preamble_ : steps_.back()).trace.push_back(std::move(line));
}

}  // namespace jpki::sim
