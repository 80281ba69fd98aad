// Event-time windows, Spark's semantics:
//   window(ts, duration[, slide[, start]]) -> STRUCT<start: TIMESTAMP, end: TIMESTAMP>, the
//     half-open [start, end) tumbling window holding ts. A sliding window (slide < duration)
//     puts a row in several windows; the analyzer rewrites such calls into the generator
//     __time_windows below, so the scalar only ever computes one window per row.
//     `ts` may also be a window struct (chained window aggregations): its window_time is used.
//   window_time(window) -> window.end - 1 microsecond.
//   session_window(ts, gap): only valid as a grouping expression; the analyzer plans it as a
//     Sessionize node, so the scalar only reports misuse.
// Durations are constant STRINGs ('10 minutes') or INTERVALs; see window_duration.h.
#include "function/registry.h"
#include "function/scalar/definition.h"
#include "function/scalar/kernel_columns.h"
#include "function/scalar/window_duration.h"

namespace runnel::function {

using type::DataTypePtr;
using type::TypeId;
using vector::Column;
using vector::ColumnPtr;

namespace {

DataTypePtr WindowType() {
  static const DataTypePtr type = type::Struct(
      {{"start", type::Timestamp(), true}, {"end", type::Timestamp(), true}});
  return type;
}

bool IsWindowStruct(const DataTypePtr& t) {
  return t->id() == TypeId::kStruct && t->num_fields() == 2 &&
         t->fields()[0].type->id() == TypeId::kTimestamp &&
         t->fields()[1].type->id() == TypeId::kTimestamp;
}

// The event time of row i: the timestamp, or window_time of a window struct; nullopt if NULL.
std::optional<int64_t> EventTime(const Column& input, int64_t i) {
  if (input.IsNull(i)) return std::nullopt;
  if (input.type_id() == TypeId::kTimestamp) return input.values<int64_t>()[i];
  const Column& end = *input.child(1);
  if (end.IsNull(i)) return std::nullopt;
  return end.values<int64_t>()[i] - 1;
}

// A window STRUCT column from start/end per row; a row with no window is NULL.
ColumnPtr MakeWindowColumn(std::vector<int64_t> starts, std::vector<int64_t> ends,
                           const std::vector<uint8_t>& validity) {
  int64_t n = static_cast<int64_t>(starts.size());
  int64_t nulls = 0;
  vector::BufferPtr bits = vector::PackValidity(validity, &nulls);
  ColumnPtr start = vector::MakeFixedColumn(type::Timestamp(), std::move(starts), validity);
  ColumnPtr end = vector::MakeFixedColumn(type::Timestamp(), std::move(ends), validity);
  return std::make_shared<Column>(WindowType(), n, nulls, std::vector<vector::BufferPtr>{bits},
                                  std::vector<ColumnPtr>{start, end});
}

// The argument at `i` as a constant duration, or `fallback` when absent.
Result<int64_t> ConstantDuration(const BindArgs& args, size_t i, const char* what,
                                 int64_t fallback) {
  if (i >= args.types.size()) return fallback;
  if (!args.constants[i]) {
    return Status::Analysis(std::string(what) + " of " + args.name +
                            "() must be a constant such as '10 minutes'.");
  }
  return WindowDurationMicros(*args.constants[i], what);
}

Result<BoundScalar> BindWindow(const BindArgs& args) {
  if (args.types[0]->id() != TypeId::kTimestamp && !IsWindowStruct(args.types[0])) {
    return Status::Analysis("Function 'window' needs a TIMESTAMP (or a window struct) as "
                            "argument 1, got " + args.types[0]->ToString() + ".");
  }
  RUNNEL_ASSIGN_OR_RAISE(TimeWindowSpec spec, BindTimeWindowSpec(args));
  if (spec.slide != spec.duration) {
    return Status::Analysis("A sliding window(" + std::to_string(spec.duration) + "us, " +
                            std::to_string(spec.slide) + "us) is only supported in a SELECT "
                            "list or a GROUP BY, where each row can be repeated per window.");
  }
  std::vector<DataTypePtr> arg_types = args.types;
  auto kernel = [spec](const std::vector<ColumnPtr>& in, int64_t n,
                       const KernelContext&) -> Result<ColumnPtr> {
    std::vector<int64_t> starts(static_cast<size_t>(n)), ends(static_cast<size_t>(n));
    std::vector<uint8_t> validity(static_cast<size_t>(n), 1);
    for (int64_t i = 0; i < n; ++i) {
      std::optional<int64_t> ts = EventTime(*in[0], i);
      if (!ts) {
        validity[static_cast<size_t>(i)] = 0;
        continue;
      }
      size_t row = static_cast<size_t>(i);
      starts[row] = LatestWindowStart(*ts, spec.slide, spec.start);
      ends[row] = starts[row] + spec.duration;
    }
    return MakeWindowColumn(std::move(starts), std::move(ends), validity);
  };
  return MakeBoundScalar(WindowType(), arg_types, kernel);
}

Result<BoundScalar> BindWindowTime(const BindArgs& args) {
  if (!IsWindowStruct(args.types[0])) {
    return Status::Analysis("Function 'window_time' needs a window struct (the result of "
                            "window() or session_window()), got " + args.types[0]->ToString() +
                            ".");
  }
  auto kernel = [](const std::vector<ColumnPtr>& in, int64_t n,
                   const KernelContext&) -> Result<ColumnPtr> {
    return MapToFixed<int64_t>(in, n, type::Timestamp(),
                               [&](int64_t i) { return EventTime(*in[0], i); });
  };
  return MakeBoundScalar(type::Timestamp(), args.types, kernel, true);
}

// __time_windows(ts, duration_us, slide_us, start_us) -> window: every window of the given
// shape that contains ts (Spark's TimeWindowing: ceil(duration / slide) candidates, keeping
// those whose [start, end) holds ts). A NULL ts yields no row, as Spark filters it out.
Result<GeneratorOutput> TimeWindows(const std::vector<ColumnPtr>& in, int64_t n) {
  GeneratorOutput out;
  std::vector<int64_t> starts, ends;
  const int64_t* duration = in[1]->values<int64_t>();
  const int64_t* slide = in[2]->values<int64_t>();
  const int64_t* offset = in[3]->values<int64_t>();
  for (int64_t i = 0; i < n; ++i) {
    std::optional<int64_t> ts = EventTime(*in[0], i);
    if (!ts || slide[i] <= 0) continue;
    int64_t last = LatestWindowStart(*ts, slide[i], offset[i]);
    int64_t candidates = (duration[i] + slide[i] - 1) / slide[i];
    for (int64_t k = candidates - 1; k >= 0; --k) {
      int64_t start = last - k * slide[i];
      if (start <= *ts && *ts < start + duration[i]) {
        starts.push_back(start);
        ends.push_back(start + duration[i]);
        out.source_rows.push_back(static_cast<int32_t>(i));
      }
    }
  }
  std::vector<uint8_t> all_valid(starts.size(), 1);
  out.columns.push_back(MakeWindowColumn(std::move(starts), std::move(ends), all_valid));
  return out;
}

Result<BoundGenerator> BindTimeWindows(const BindArgs& args) {
  if (args.types[0]->id() != TypeId::kTimestamp && !IsWindowStruct(args.types[0])) {
    return Status::Analysis("__time_windows needs a TIMESTAMP as argument 1, got " +
                            args.types[0]->ToString() + ".");
  }
  BoundGenerator out;
  out.output_fields = {{"window", WindowType(), true}};
  out.arg_types = {args.types[0], type::BigInt(), type::BigInt(), type::BigInt()};
  out.kernel = TimeWindows;
  return out;
}

Result<BoundScalar> BindSessionWindow(const BindArgs&) {
  return Status::Analysis("session_window() is only supported as a grouping expression: "
                          "groupBy(session_window(ts, '5 minutes'), key) or GROUP BY "
                          "session_window(ts, '5 minutes'), key.");
}

}  // namespace

Result<TimeWindowSpec> BindTimeWindowSpec(const BindArgs& args) {
  TimeWindowSpec spec;
  RUNNEL_ASSIGN_OR_RAISE(spec.duration, ConstantDuration(args, 1, "The window duration", 0));
  RUNNEL_ASSIGN_OR_RAISE(spec.slide,
                         ConstantDuration(args, 2, "The slide duration", spec.duration));
  RUNNEL_ASSIGN_OR_RAISE(spec.start, ConstantDuration(args, 3, "The start time", 0));
  if (spec.duration <= 0) {
    return Status::Analysis("The window duration must be greater than 0, got " +
                            std::to_string(spec.duration) + " microseconds.");
  }
  if (spec.slide <= 0 || spec.slide > spec.duration) {
    return Status::Analysis("The slide duration must be greater than 0 and at most the window "
                            "duration (" + std::to_string(spec.duration) + " us), got " +
                            std::to_string(spec.slide) + " us.");
  }
  if (spec.start >= spec.slide || -spec.start >= spec.slide) {
    return Status::Analysis("The absolute value of the start time must be less than the slide "
                            "duration (" + std::to_string(spec.slide) + " us), got " +
                            std::to_string(spec.start) + " us.");
  }
  return spec;
}

void RegisterTimeWindowFunctions(FunctionRegistry& registry) {
  registry.AddScalar(DefineScalar(
      "window", "window(ts, duration[, slide[, start]])",
      "The [start, end) event-time window holding ts, as STRUCT<start, end>.", 2, 4, BindWindow));
  registry.AddScalar(DefineScalar("window_time", "window_time(window)",
                                  "The event time of a window: its end minus 1 microsecond.", 1,
                                  1, BindWindowTime));
  registry.AddScalar(DefineScalar(
      "session_window", "session_window(ts, gap)",
      "The session (gap-separated burst of events per key) holding ts; GROUP BY only.", 2, 2,
      BindSessionWindow));
  registry.AddGenerator({"__time_windows", "__time_windows(ts, duration_us, slide_us, start_us)",
                         "Every window holding ts (internal: sliding window() rewrite).", 4, 4,
                         BindTimeWindows});
}

std::optional<int64_t> SessionGapMicros(const vector::Column& gap, int64_t row) {
  if (gap.IsNull(row)) return std::nullopt;
  int64_t micros = 0;
  if (gap.type_id() == type::TypeId::kInterval) {
    micros = gap.values<int64_t>()[row];
  } else {
    auto parsed = ParseDurationText(gap.GetString(row));
    if (!parsed.ok() || !parsed->has_value()) return std::nullopt;
    micros = **parsed;
  }
  if (micros <= 0) return std::nullopt;
  return micros;
}

ColumnPtr SessionColumn(const DataTypePtr& type, std::vector<int64_t> starts, std::vector<int64_t> ends) {
  int64_t n = static_cast<int64_t>(starts.size());
  return std::make_shared<Column>(type, n, 0, std::vector<vector::BufferPtr>{nullptr},
                                  std::vector<ColumnPtr>{vector::MakeFixedColumn(type::Timestamp(), std::move(starts)),
                                                         vector::MakeFixedColumn(type::Timestamp(), std::move(ends))});
}

}  // namespace runnel::function
