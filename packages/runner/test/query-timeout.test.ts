import { DEFAULT_QUERY_TIMEOUT_MS } from "@kpi-as-code/runner";
import { describe, expect, it } from "vitest";
import { sourceTimeoutMs } from "../src/execute/query-timeout.js";

describe("sourceTimeoutMs", () => {
  it("bounds every query by default", () => {
    expect(sourceTimeoutMs({ type: "postgres" }, undefined, false)).toBe(DEFAULT_QUERY_TIMEOUT_MS);
    expect(DEFAULT_QUERY_TIMEOUT_MS).toBe(60_000);
  });

  it("takes the source's timeout (seconds) over the default, and the run's over both", () => {
    expect(sourceTimeoutMs({ type: "postgres", timeout: 5 }, undefined, false)).toBe(5_000);
    expect(sourceTimeoutMs({ type: "postgres", timeout: 600 }, undefined, false)).toBe(600_000);
    expect(sourceTimeoutMs({ type: "postgres", timeout: 5 }, 2_000, false)).toBe(2_000);
  });

  it("lets an untrusted source timeout only lower the limit", () => {
    expect(sourceTimeoutMs({ type: "postgres", timeout: 100_000 }, undefined, true)).toBe(
      DEFAULT_QUERY_TIMEOUT_MS,
    );
    expect(sourceTimeoutMs({ type: "postgres", timeout: 100_000 }, 3_000, true)).toBe(3_000);
    expect(sourceTimeoutMs({ type: "postgres", timeout: 1 }, 3_000, true)).toBe(1_000);
  });

  it("ignores a timeout that is not a positive number", () => {
    for (const timeout of [0, -1, "10", Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(sourceTimeoutMs({ type: "postgres", timeout }, undefined, false)).toBe(DEFAULT_QUERY_TIMEOUT_MS);
    }
  });
});
