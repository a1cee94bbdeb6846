#ifndef JPKICORE_SIM_CLOCK_CLOCK_H_
#define JPKICORE_SIM_CLOCK_CLOCK_H_

// The simulation's notion of time. Every role reads time from one shared Clock so that a run is reproducible and
// so that tests (and the demo's "73 hours later" step) can move time forward without sleeping.

#include <cstdint>

namespace jpki::sim {

class Clock {
 public:
  virtual ~Clock() = default;
  // NowUnix returns seconds since 1970-01-01T00:00:00Z.
  virtual int64_t NowUnix() const = 0;
};

// ManualClock only moves when told to.
class ManualClock : public Clock {
 public:
  explicit ManualClock(int64_t start_unix) : now_(start_unix) {}
  int64_t NowUnix() const override { return now_; }
  void AdvanceSeconds(int64_t seconds) { now_ += seconds; }
  void Set(int64_t unix_seconds) { now_ = unix_seconds; }

 private:
  int64_t now_;
};

inline constexpr int64_t kSecondsPerHour = 3600;
inline constexpr int64_t kSecondsPerDay = 24 * kSecondsPerHour;

}  // namespace jpki::sim

#endif  // JPKICORE_SIM_CLOCK_CLOCK_H_
