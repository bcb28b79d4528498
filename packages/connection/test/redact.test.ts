import { redactSecrets, redactUrl, urlSecrets } from "@kpi-as-code/connection";
import { describe, expect, it } from "vitest";

// A small seeded generator: the same tricky passwords on every run, no flaky cases.
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function passwords(alphabet: string, count = 50): string[] {
  const random = generator(alphabet.length * 7919);
  return Array.from({ length: count }, () => {
    const length = 6 + Math.floor(random() * 14);
    // A letter first and last keeps each password distinct from the text around it.
    let text = "Q";
    for (let index = 0; index < length; index++) text += alphabet[Math.floor(random() * alphabet.length)];
    return `${text}Z`;
  });
}

const LETTERS = "abcXYZ0189";
const URL_TRICKY = `${LETTERS}/@: ;'"=&?#%{}\\!$`;
const LIBPQ_QUOTED_TRICKY = `${LETTERS}/@: ;"=&?#%{}!$`;
const ODBC_BRACED_TRICKY = `${LETTERS}/@: ;'"=&?#%{!$`;
const UNQUOTED_TRICKY = `${LETTERS}/@:'"=?#%}!$`;

describe("redactSecrets", () => {
  it.each(passwords(URL_TRICKY))("hides URL password %j and keeps the host", (password) => {
    for (const scheme of ["postgres", "postgresql", "mysql", "mariadb"]) {
      const text = `could not connect to ${scheme}://kpi:${password}@db.example.com:5432/wh (timeout)`;
      const redacted = redactSecrets(text);
      expect(redacted).not.toContain(password);
      expect(redacted).toContain("db.example.com:5432/wh");
      expect(urlSecrets(`${scheme}://kpi:${password}@db.example.com/wh`)).toContain(password);
    }
  });

  it.each(passwords(LIBPQ_QUOTED_TRICKY))("hides a quoted libpq password %j", (password) => {
    const quoted = `'${password.replaceAll("'", "\\'")}'`;
    const redacted = redactSecrets(`host=db.example.com password=${quoted} dbname=wh`);
    expect(redacted).not.toContain(password);
    expect(redacted).toContain("host=db.example.com");
  });

  it.each(passwords(`${LETTERS}'`))("hides PASSWORD='…' with doubled quotes %j", (password) => {
    const redacted = redactSecrets(`PASSWORD='${password.replaceAll("'", "''")}' USER=kpi`);
    expect(redacted).not.toContain(password);
  });

  it.each(passwords(ODBC_BRACED_TRICKY))("hides an ODBC Pwd={…} %j", (password) => {
    const braced = `{${password.replaceAll("}", "}}")}}`;
    const redacted = redactSecrets(`Driver={PostgreSQL};Server=db;Uid=kpi;Pwd=${braced};Database=wh`);
    expect(redacted).not.toContain(password);
    expect(redacted).toContain("Database=wh");
  });

  it.each(passwords(UNQUOTED_TRICKY))(
    "hides an unquoted password= %j in libpq and ODBC forms",
    (password) => {
      for (const text of [
        `host=db password=${password} dbname=wh`,
        `Server=db;Uid=kpi;Pwd=${password};Database=wh`,
        `failed: passwd = ${password}`,
      ]) {
        expect(redactSecrets(text), text).not.toContain(password);
      }
    },
  );

  it.each(passwords(`${LETTERS}/@:'"!$%`))("hides query-string secrets %j", (password) => {
    const encoded = encodeURIComponent(password);
    for (const name of ["password", "token", "api_key", "client_secret", "sig"]) {
      const redacted = redactUrl(`https://host/db?sslmode=require&${name}=${encoded}&application_name=kpi`);
      expect(redacted).not.toContain(encoded);
      expect(redacted).toContain("application_name=kpi");
    }
  });

  it("hides ODBC values with spaces up to the ';'", () => {
    expect(redactSecrets("Server=db;Pwd=a b c;Database=wh")).toBe("Server=db;Pwd=***;Database=wh");
  });

  it("leaves text without credentials alone", () => {
    for (const text of [
      "mysql://root@localhost/shop",
      "postgres://db.example.com:5432/wh",
      'column "effort" does not exist',
      "select count(*) from t where a = 1",
    ]) {
      expect(redactSecrets(text)).toBe(text);
    }
  });

  it("cuts out given literal secrets, longest first", () => {
    expect(redactSecrets("user analytics_ro on analytics", ["analytics", "analytics_ro"])).toBe(
      "user *** on ***",
    );
  });
});

describe("redactSecrets on long hostile texts", () => {
  // Each of these made a backtracking pattern rescan the text from every position (minutes).
  it.each([
    ["a long word", `password=${"a".repeat(200_000)} b`],
    ["a long word then a newline", `pwd=${"ab".repeat(100_000)}\n`],
    ["many short words", `password=${"a ".repeat(100_000)}`],
    ["many URL fragments", "postgres://u:p@".repeat(20_000)],
  ])("stays linear on %s", (_name, text) => {
    // Not a timing assertion: the test runner's timeout is the bound, the result is checked.
    const redacted = redactSecrets(text);
    expect(redacted).toContain("***");
    expect(redacted.length).toBeLessThan(text.length);
  });
});
