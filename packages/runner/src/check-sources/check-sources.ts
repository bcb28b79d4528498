import type { SourceConfig } from "@kpi-as-code/connection";
import {
  collectFindings,
  compareDiagnostics,
  type Diagnostic,
  isSourceType,
  messages,
  PROJECT_FILE,
  RULES,
  type Rule,
  type Workspace,
} from "@kpi-as-code/core";
import { openSource } from "../execute/open-source.js";
import { sourceTimeoutMs } from "../execute/query-timeout.js";
import { checkSourceEnv } from "../execute/source-env.js";
import { loadWorkspace } from "../load-workspace.js";
import type { RunNotice } from "../types.js";
import { checkOpenSource } from "./check-source.js";
import { collectTargets } from "./collect-targets.js";
import type { SourceFinding, SourceToCheck } from "./types.js";

export interface CheckSourcesOptions {
  /** The workspace as loaded already (else read from `root`). */
  workspace?: Workspace;
  env?: NodeJS.ProcessEnv;
  /** The limit of each check; else each source's `timeout`, else the run's default. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Engine texts become error codes, env only in connection settings, no privileged roles. */
  untrusted?: boolean;
  /** Folders outside the workspace that file-based sources may read (never from kpi.yaml). */
  allowPaths?: readonly string[];
}

export interface SourcesCheck {
  /** `measurability/unknown-table`, `unknown-column`, `sql-error`, `source-unreachable`, positioned in the files. */
  diagnostics: Diagnostic[];
  /**
   * What concerns a source as a whole and is no finding in a file: `source/connector-missing`
   * (the command cannot run: exit 2) and `source/privileged-role`.
   */
  notices: RunNotice[];
}

/**
 * `kpi validate --sources` (spec 4.8) and the editor's Check sources command: connects to each
 * source of kpi.yaml, read-only and with the run's time limits, and asks it, without reading data,
 * whether the tables, views, columns and SQL the KPI files name exist and compile. Sources are
 * checked in parallel; one that cannot be reached is one diagnostic on its key in kpi.yaml.
 */
export async function checkSources(root: string, options: CheckSourcesOptions = {}): Promise<SourcesCheck> {
  const workspace = options.workspace ?? (await loadWorkspace(root));
  const notices: RunNotice[] = [];
  const found = await Promise.all(
    collectTargets(workspace).map((target) => checkSource(root, workspace, target, notices, options)),
  );
  return { diagnostics: toDiagnostics(workspace, found.flat()), notices };
}

async function checkSource(
  root: string,
  workspace: Workspace,
  target: SourceToCheck,
  notices: RunNotice[],
  options: CheckSourcesOptions,
): Promise<SourceFinding[]> {
  const config = workspace.sources[target.source] as SourceConfig;
  if (!isSourceType(config?.type)) return []; // the schema reports it
  const env = options.env ?? process.env;
  const untrusted = options.untrusted === true;
  const unreachable = (detail: string): SourceFinding[] => [
    {
      rule: "measurability/source-unreachable",
      file: PROJECT_FILE,
      at: { path: ["sources", target.source], target: "key" },
      message: messages["measurability/source-unreachable"]({
        source: target.source,
        detail,
        kpis: target.kpis,
      }),
    },
  ];
  const sourceEnv = checkSourceEnv(target.source, config, env, untrusted);
  if (sourceEnv.problem) return unreachable(sourceEnv.problem.error.message);
  const opened = await openSource(target.source, config, target.kpis, {
    root,
    env,
    untrusted,
    ...(options.allowPaths ? { allowPaths: options.allowPaths } : {}),
  });
  if (opened.notice) notices.push(opened.notice);
  if ("failure" in opened)
    return opened.notice?.code === "source/connector-missing" ? [] : unreachable(opened.failure);
  const connection = opened.connection;
  try {
    if (!connection.describe) return [];
    return await checkOpenSource(target, {
      connection: connection as typeof connection & Required<Pick<typeof connection, "describe">>,
      projectFile: PROJECT_FILE,
      source: target.source,
      sourceType: config.type,
      untrusted,
      secrets: sourceEnv.secrets,
      timeoutMs: sourceTimeoutMs(config, options.timeoutMs, untrusted),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } finally {
    await connection.close().catch(() => undefined);
  }
}

/**
 * Findings become diagnostics the one way every rule's do (core's collectFindings): positions from
 * the parse, severities from `policy.rules`.
 */
function toDiagnostics(workspace: Workspace, findings: readonly SourceFinding[]): Diagnostic[] {
  const rules: Rule[] = RULES.filter((rule) => findings.some((finding) => finding.rule === rule.id)).map(
    (rule) => ({
      ...rule,
      check(context) {
        for (const finding of findings)
          if (finding.rule === rule.id) context.report(finding.file, finding.at, finding.message);
      },
    }),
  );
  return collectFindings(workspace, { rules })
    .map((finding) => finding.diagnostic)
    .sort(compareDiagnostics);
}
