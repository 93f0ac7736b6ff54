import { describe, expect, it } from "vitest";
import { parsePrometheusText, sampleValue } from "./prometheus-text.js";

describe("parsePrometheusText", () => {
  it("parses families, labels with escapes, special values and histogram suffixes", () => {
    const families = parsePrometheusText(
      [
        "# HELP a_total Things \\\\ done.\\nReally.",
        "# TYPE a_total counter",
        'a_total{kind="x\\"y",path="a\\\\b\\nc"} 3',
        "a_total 1.5e3 1700000000000",
        "# TYPE g gauge",
        "g NaN",
        "# TYPE h histogram",
        'h_bucket{le="+Inf"} 2',
        "h_sum 4",
        "h_count 2",
        "",
      ].join("\n"),
    );
    const a = families.get("a_total");
    expect(a?.type).toBe("counter");
    expect(a?.help).toBe("Things \\ done.\nReally.");
    expect(a?.samples[0]?.labels).toEqual({ kind: 'x"y', path: "a\\b\nc" });
    expect(sampleValue(families, "a_total")).toBe(1503);
    expect(Number.isNaN(families.get("g")?.samples[0]?.value)).toBe(true);
    expect(families.get("h")?.samples).toHaveLength(3);
  });

  it.each([
    ["no final newline", "a 1"],
    ["bad name", "1a 1\n"],
    ["bad value", "a one\n"],
    ["unterminated label", 'a{x="1} 1\n'],
    ["bad escape", 'a{x="\\t"} 1\n'],
    ["duplicate label", 'a{x="1",x="2"} 1\n'],
    ["duplicate series", "a 1\na 2\n"],
    ["type after samples", "a 1\n# TYPE a counter\n"],
    ["unknown type", "# TYPE a thing\n"],
    ["split family", 'a 1\nb 1\na{x="1"} 2\n'],
    ["missing value", "a\n"],
  ])("rejects %s", (_, text) => {
    expect(() => parsePrometheusText(text)).toThrow();
  });
});
