#include "sim/transcript/transcript.h"

#include <string>

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

void Transcript::LineCollapsed(const std::string& line) {
  TranscriptStep& step = steps_.empty() ? preamble_ : steps_.back();
  if (repeat_ > 0 && line == last_collapsible_ && !step.lines.empty() &&
      last_collapsible_index_ == step.lines.size() - 1) {
    ++repeat_;
    step.lines.back() = line + " (x" + std::to_string(repeat_) + ")";
    return;
  }
  last_collapsible_ = line;
  repeat_ = 1;
  step.lines.push_back(line);
  last_collapsible_index_ = step.lines.size() - 1;
}

void Transcript::Trace(std::string line) {
  if (!trace_) return;
  (steps_.empty() ? preamble_ : steps_.back()).trace.push_back(std::move(line));
}

}  // namespace jpki::sim
