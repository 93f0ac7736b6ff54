import { useState } from "preact/hooks";
import {
  fromLocalInput,
  presetLabels,
  presetRange,
  type RangePreset,
  toLocalInput,
  type UsageRange,
} from "./usage-range.js";

const presets: readonly RangePreset[] = ["1h", "24h", "7d", "30d", "custom"];

export interface RangePickerProps {
  range: UsageRange;
  onChange(range: UsageRange): void;
}

/** The time range: a preset, or custom from–to dates applied with a button. */
export function RangePicker({ range, onChange }: RangePickerProps) {
  const [from, setFrom] = useState(() => toLocalInput(range.from));
  const [to, setTo] = useState(() => toLocalInput(range.to));
  const [problem, setProblem] = useState<string | undefined>(undefined);

  const choose = (preset: RangePreset) => {
    setProblem(undefined);
    if (preset === "custom") {
      setFrom(toLocalInput(range.from));
      setTo(toLocalInput(range.to));
      onChange({ ...range, preset });
    } else {
      onChange(presetRange(preset));
    }
  };

  const apply = (event: Event) => {
    event.preventDefault();
    const start = fromLocalInput(from);
    const end = fromLocalInput(to);
    if (start === undefined || end === undefined) return setProblem("Enter both dates.");
    if (start >= end) return setProblem("“From” must be before “to”.");
    setProblem(undefined);
    onChange({ preset: "custom", from: start, to: end });
  };

  return (
    <div class="usage-range">
      <div class="usage-field">
        <label for="usage-range-preset">Time range</label>
        <select
          id="usage-range-preset"
          value={range.preset}
          onChange={(event) => choose(event.currentTarget.value as RangePreset)}
        >
          {presets.map((preset) => (
            <option key={preset} value={preset}>
              {presetLabels[preset]}
            </option>
          ))}
        </select>
      </div>
      {range.preset === "custom" ? (
        <form class="usage-custom-range" onSubmit={apply}>
          <label>
            From
            <input
              type="datetime-local"
              value={from}
              required
              onInput={(event) => setFrom(event.currentTarget.value)}
            />
          </label>
          <label>
            To
            <input
              type="datetime-local"
              value={to}
              required
              onInput={(event) => setTo(event.currentTarget.value)}
            />
          </label>
          <button type="submit">Apply range</button>
          {problem ? (
            <p class="notice error" role="alert">
              {problem}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
