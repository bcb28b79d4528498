import {
  MissingEnvError,
  redactSecrets,
  redactUrl,
  SourceError,
  substituteEnv,
  urlSecrets,
} from "@kpi-as-code/connection";
import { describe, expect, it } from "vitest";

// The ${env:NAME} syntax under test looks like a template placeholder to the linter.
const ref = (name: string) => `$\{env:${name}}`;

describe("substituteEnv", () => {
  it("replaces env references from the given environment", () => {
    expect(substituteEnv(`postgres://${ref("PGUSER")}@db/${ref("DB")}`, { PGUSER: "kpi", DB: "wh" })).toBe(
      "postgres://kpi@db/wh",
    );
  });

  it("throws MissingEnvError naming an unset or empty variable", () => {
    for (const env of [{}, { WAREHOUSE_URL: "" }]) {
      let caught: unknown;
      try {
        substituteEnv(ref("WAREHOUSE_URL"), env);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(MissingEnvError);
      expect((caught as MissingEnvError).variable).toBe("WAREHOUSE_URL");
    }
  });
});

describe("redaction", () => {
  it("masks URL passwords, including ones with an unencoded '@'", () => {
    expect(redactUrl("postgres://kpi:s3cr@t@db.example:5432/wh")).toBe(
      "postgres://kpi:***@db.example:5432/wh",
    );
    expect(redactUrl("mysql://root@localhost/shop")).toBe("mysql://root@localhost/shop");
  });

  it("masks secret query parameters and password= settings in free text", () => {
    const text = "failed: postgres://db/wh?sslmode=require&password=hunter2 (password=hunter2 user=x)";
    expect(redactSecrets(text)).not.toContain("hunter2");
  });

  it("masks given literal secrets wherever they appear", () => {
    expect(redactSecrets("auth failed for p%40ss and p@ss", urlSecrets("mysql://u:p%40ss@h/db"))).not.toMatch(
      /p%40ss|p@ss/,
    );
  });

  it("keeps secrets out of SourceError messages", () => {
    const error = new SourceError({
      kind: "connect",
      source: "warehouse",
      sourceType: "postgres",
      detail: "connect to postgres://kpi:topsecret@10.0.0.1/wh failed",
    });
    expect(error.message).not.toContain("topsecret");
    expect(error.message).toContain("warehouse");
    expect(error.kind).toBe("connect");
  });
});
