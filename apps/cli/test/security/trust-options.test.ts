import { delimiter, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { isUntrusted, runnerTrust } from "../../src/trust-options.js";

describe("--untrusted and KPI_UNTRUSTED", () => {
  it("turns on with the flag, or with the variable set to 1, true or yes", () => {
    expect(isUntrusted({ untrusted: true }, {})).toBe(true);
    for (const value of ["1", "true", "TRUE", "yes", " 1 "]) {
      expect(isUntrusted({}, { KPI_UNTRUSTED: value })).toBe(true);
    }
  });

  it("stays off without the flag and with an empty, 0 or false variable", () => {
    for (const value of [undefined, "", "0", "false", "no"]) {
      expect(isUntrusted({}, value === undefined ? {} : { KPI_UNTRUSTED: value })).toBe(false);
    }
  });
});

describe("runnerTrust", () => {
  it("passes nothing when nothing is set, so a trusted run is unchanged", () => {
    expect(runnerTrust({}, {}, "/w")).toEqual({});
  });

  it("merges --allow-path and KPI_ALLOW_PATHS into absolute folders, once each", () => {
    const env = { KPI_ALLOW_PATHS: ["data", "", "/srv/tables"].join(delimiter) };
    const trust = runnerTrust({ allowPath: ["/srv/tables"], untrusted: true }, env, "/w");
    expect(trust).toEqual({ untrusted: true, allowPaths: ["/srv/tables", resolve("/w", "data")] });
    expect(trust.allowPaths?.every((dir) => dir === resolve(dir))).toBe(true);
    expect(join("/w", "data")).toBe(trust.allowPaths?.[1]);
  });
});
