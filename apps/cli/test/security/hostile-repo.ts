import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir, writeWorkspace } from "../cli/run-cli.js";

/** Texts that must never appear in any output: each marks one secret an attacker goes after. */
export const CANARY = {
  /** A file next to the repository, outside the workspace. */
  file: "canary-file-3c91d0e7b2",
  /** The checkout's .git/config, where actions/checkout leaves the job's token. */
  git: "canary-git-9e14aa20c5",
  /** A variable of the job's environment (a database password, a token). */
  env: "canary-env-7f3a52b8d1",
} as const;

export const CANARY_ENV = { KPI_CANARY: CANARY.env };

export interface HostileRepo {
  /** Holds `outside/` and `repo/`. */
  top: string;
  /** A folder beside the repository with the canary file and the targets of `.kpi` links. */
  outside: string;
  repo: string;
  /** The workspace, `repo/kpis`. */
  root: string;
}

export function kpiText(id: string, formula: string, measures: string, name = id): string {
  return `kpi: ${id}
version: 2
name: ${name}
description: A KPI of the hostile-workspace suite.
owner: growth
goal: grow
indicator: leading
unit: count
direction: increase
cadence: monthly
formula: ${formula}
measures:
${measures}`;
}

const CLEAN_PROJECT = `project: hostile
owners: { growth: { name: Growth } }
goals: { grow: { statement: Grow, owner: growth } }
sources:
  app: { type: duckdb, tables: { users: data/users.csv } }
`;

/** The pull request's kpi.yaml: each hostile table in a source of its own, so each fails alone. */
function hostileProject(outside: string): string {
  const env = ["$", "{env:KPI_CANARY}"].join("");
  return `${CLEAN_PROJECT}  via_link: { type: duckdb, tables: { stolen: data/stolen.csv } }
  via_parent: { type: duckdb, tables: { config: ../.git/config } }
  via_absolute: { type: duckdb, tables: { secret: "${join(outside, "secret.csv")}" } }
  via_env: { type: duckdb, tables: { leak: "data/${env}.csv" } }
  via_db_path: { type: duckdb, path: "data/${env}.duckdb" }
  via_pg_user: { type: postgres, url: "postgres://${env}@127.0.0.1:5432/postgres" }
`;
}

const USERS = "id,name,active\n1,ada,1\n2,bob,0\n3,cy,1\n";
const COUNT_USERS = "  n: { source: app, from: users, aggregate: count }\n";
/** Reads a whole table into a cast error: the engine's message would quote every row. */
const dump = (source: string, table: string) =>
  `  n: { source: ${source}, sql: "select cast(string_agg(t::varchar, '|') as int) from ${table} t" }\n`;

/**
 * A git repository whose base commit is a clean workspace and whose working tree is a hostile pull
 * request: symlinks to .git/config and to a file outside, table paths leaving the workspace, an
 * `${env:...}` in a table path and a where clause, raw SQL reading files directly, and ANSI escapes in
 * a name and in an engine error.
 */
export function hostileRepo(): HostileRepo {
  const top = tempDir("kpi-hostile-");
  const outside = join(top, "outside");
  const repo = join(top, "repo");
  const root = join(repo, "kpis");
  writeWorkspace({ "secret.csv": `id,name\n1,${CANARY.file}\n`, "dotkpi/.keep": "" }, outside);
  mkdirSync(repo);
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, stdio: "pipe" });
  git("init", "-q", "-b", "main");
  git("config", "user.email", "test@example.com");
  git("config", "user.name", "Test");
  git("config", "http.https://github.com/.extraheader", `AUTHORIZATION: basic ${CANARY.git}`);
  writeWorkspace(
    {
      "kpi.yaml": CLEAN_PROJECT,
      "data/users.csv": USERS,
      "users_total.kpi.yaml": kpiText("users_total", "n", COUNT_USERS),
      "leaky.kpi.yaml": kpiText("leaky", "n", COUNT_USERS),
      "doubled.kpi.yaml": kpiText("doubled", "n", COUNT_USERS),
    },
    root,
  );
  git("add", "-A");
  git("commit", "-qm", "base");

  const env = ["$", "{env:KPI_CANARY}"].join("");
  writeWorkspace(
    {
      "kpi.yaml": hostileProject(outside),
      // Meaning changed to raw SQL over a linked file: kpi diff --values would compute it.
      "leaky.kpi.yaml": kpiText("leaky", "n", dump("via_link", "stolen")).replace("version: 2", "version: 3"),
      // Meaning changed without new SQL: its values are still computed in untrusted mode.
      "doubled.kpi.yaml": kpiText("doubled", "n * 2", COUNT_USERS).replace("version: 2", "version: 3"),
      "from_parent.kpi.yaml": kpiText("from_parent", "n", dump("via_parent", "config")),
      "from_absolute.kpi.yaml": kpiText("from_absolute", "n", dump("via_absolute", "secret")),
      "from_env_table.kpi.yaml": kpiText("from_env_table", "n", dump("via_env", "leak")),
      // \${env:...} in connection settings is expanded even untrusted: the value must still never show.
      "from_env_db_path.kpi.yaml": kpiText(
        "from_env_db_path",
        "n",
        '  n: { source: via_db_path, sql: "select 1" }\n',
      ),
      "from_env_pg_user.kpi.yaml": kpiText(
        "from_env_pg_user",
        "n",
        '  n: { source: via_pg_user, sql: "select 1" }\n',
      ),
      "read_text.kpi.yaml": kpiText(
        "read_text",
        "n",
        `  n: { source: app, sql: "select cast(string_agg(content, '|') as int) from read_text(['../.git/config', '${join(outside, "secret.csv")}'])" }\n`,
      ),
      "env_where.kpi.yaml": kpiText(
        "env_where",
        "n",
        `  n: { source: app, from: users, aggregate: count, where: "name = '${env}' or cast('${env}' as int) = 1" }\n`,
      ),
      "ansi.kpi.yaml": kpiText(
        "ansi",
        "n",
        `  n: { source: app, sql: "select cast(chr(27) || '[31mred' || chr(155) || '2J' as int)" }\n`,
        '"Ansi \\e[31mred\\e[0m \\e]0;title\\a"',
      ),
      // A diagnostic quotes this value (unknown owner): validate's formats print it.
      "ansi_owner.kpi.yaml": kpiText("ansi_owner", "n", COUNT_USERS).replace(
        "owner: growth",
        'owner: "\\e[31mgrowth\\e]0;title\\a"',
      ),
    },
    root,
  );
  symlinkSync("../../outside/secret.csv", join(root, "data/stolen.csv"));
  symlinkSync("../.git/config", join(root, "c.kpi.yaml"));
  return { top, outside, repo, root };
}

/** Replaces `.kpi` by a link to a folder outside, as a pull request can commit it. */
export function linkDotKpiOutside(hostile: HostileRepo): string {
  const target = join(hostile.outside, "dotkpi");
  symlinkSync(target, join(hostile.root, ".kpi"));
  return target;
}

/** Commits `.kpi/history/<kpi>.jsonl` as a link to a script outside, which a history append would extend. */
export function linkHistoryOutside(hostile: HostileRepo, kpi: string): string {
  const script = join(hostile.outside, "deploy.sh");
  writeFileSync(script, "#!/bin/sh\necho deploy\n");
  mkdirSync(join(hostile.root, ".kpi/history"), { recursive: true });
  symlinkSync(script, join(hostile.root, `.kpi/history/${kpi}.jsonl`));
  return script;
}
