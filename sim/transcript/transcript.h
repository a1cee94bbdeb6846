#ifndef JPKICORE_SIM_TRANSCRIPT_TRANSCRIPT_H_
#define JPKICORE_SIM_TRANSCRIPT_TRANSCRIPT_H_

// Transcript collects what the roles do, step by step, for `jpki demo` to print (as text or JSON) and for tests to
// assert on: free-text lines, named facts (key/value), and, with tracing on, every APDU exchanged.

#include <string>
#include <utility>
#include <vector>

namespace jpki::sim {

struct TranscriptStep {
  int number = 0;
  std::string title;
  bool ok = true;
  std::string error;  // set when the step did not behave as expected
  double millis = 0;
  std::vector<std::string> lines;
  std::vector<std::pair<std::string, std::string>> facts;
  std::vector<std::string> trace;
};

class Transcript {
 public:
  explicit Transcript(bool trace = false) : trace_(trace) {}

  TranscriptStep& BeginStep(int number, std::string title);
  // Line adds a line to the current step; Fact a key/value (also shown as a line by the text renderer).
  void Line(std::string line);
  void Fact(std::string key, std::string value);
  void Trace(std::string line);
  // LineCollapsed adds `line`, or, when the previous line of the step was the same text, counts it there instead
  // ("... (x3)"): long runs of identical commands (LOAD blocks, STORE DATA) stay readable.
  void LineCollapsed(const std::string& line);
  bool tracing() const { return trace_; }

  TranscriptStep* current() { return steps_.empty() ? nullptr : &steps_.back(); }
  const std::vector<TranscriptStep>& steps() const { return steps_; }
  std::vector<TranscriptStep>& mutable_steps() { return steps_; }

 private:
  bool trace_;
  std::vector<TranscriptStep> steps_;
  TranscriptStep preamble_;  // lines logged before the first step
  std::string last_collapsible_;
  int repeat_ = 0;
  size_t last_collapsible_index_ = 0;
};

}  // namespace jpki::sim

#endif  // JPKICORE_SIM_TRANSCRIPT_TRANSCRIPT_H_
