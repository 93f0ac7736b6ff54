import { describe, expect, it } from "vitest";
import { parsePrometheusText, sampleValue } from "#test-support/prometheus-text.js";
import { MetricsRegistry } from "./metrics-registry.js";

describe("MetricsRegistry", () => {
  it("renders counters, gauges and collectors as parseable exposition text", () => {
    const metrics = new MetricsRegistry();
    const requests = metrics.counter("req_total", "Requests.\nAll of them.", ["route"]);
    metrics.gauge("depth", "Queue depth.", () => 7);
    metrics.gauge("by_kind", "By kind.", () => [
      { labels: { kind: 'a"b\\c\nd' }, value: 1 },
      { labels: { kind: "e" }, value: Number.POSITIVE_INFINITY },
    ]);
    requests.inc({ route: "/x/:id" });
    requests.inc({ route: "/x/:id" }, 2);
    requests.inc({ route: "/y" });

    const families = parsePrometheusText(metrics.render());
    expect(families.get("req_total")?.type).toBe("counter");
    expect(families.get("req_total")?.help).toBe("Requests.\nAll of them.");
    expect(sampleValue(families, "req_total", { route: "/x/:id" })).toBe(3);
    expect(sampleValue(families, "req_total", { route: "/y" })).toBe(1);
    expect(sampleValue(families, "depth")).toBe(7);
    expect(families.get("by_kind")?.samples.map((sample) => sample.labels.kind)).toEqual([
      'a"b\\c\nd',
      "e",
    ]);
    expect(families.get("by_kind")?.samples[1]?.value).toBe(Number.POSITIVE_INFINITY);
  });

  it("accepts collectors added after the first scrape, and removes them", () => {
    const metrics = new MetricsRegistry();
    expect(metrics.render()).toBe("");
    const remove = metrics.collect(() => [
      {
        name: "tasks",
        help: "Tasks.",
        type: "gauge",
        samples: [{ labels: { status: "pending" }, value: 2 }],
      },
    ]);
    expect(sampleValue(parsePrometheusText(metrics.render()), "tasks", { status: "pending" })).toBe(
      2,
    );
    remove();
    expect(metrics.render()).toBe("");
  });

  it("refuses invalid or duplicate names, wrong labels and decrements", () => {
    const metrics = new MetricsRegistry();
    const counter = metrics.counter("a_total", "A.", ["x"]);
    expect(() => metrics.counter("a_total", "again")).toThrow(/already registered/);
    expect(() => metrics.gauge("a_total", "again", () => 1)).toThrow(/already registered/);
    expect(() => metrics.counter("1bad", "bad")).toThrow(/invalid metric name/);
    expect(() => metrics.counter("ok_total", "bad label", ["__x"])).toThrow(/invalid label/);
    expect(() => counter.inc({})).toThrow(/missing label/);
    expect(() => counter.inc({ x: "1", y: "2" })).toThrow(/exactly/);
    expect(() => counter.inc({ x: "1" }, -1)).toThrow(/only go up/);
    metrics.collect(() => [{ name: "a_total", help: "", type: "gauge", samples: [] }]);
    expect(() => metrics.render()).toThrow(/duplicate/);
  });
});
