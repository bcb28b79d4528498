import type { Severity, SeveritySetting } from "../model/types.js";
import type { Workspace } from "../model/workspace.js";
import { RULES } from "./all-rules.js";
import { type Diagnostic, resolvePosition } from "./diagnostic.js";
import type { At, Rule, RuleContext } from "./rule.js";

/** A diagnostic with where its rule pointed, which can be resolved again in an edited text. */
export interface Finding {
  diagnostic: Diagnostic;
  at: At;
}

export interface CollectOptions {
  /** "Today" for the date rules (YYYY-MM-DD); the system date otherwise. */
  today?: string;
  /** The workspace at a git base, for the version rules. */
  base?: Workspace;
  /** Only report findings in these files. */
  onlyFiles?: ReadonlySet<string>;
  /** The rules to run (default: RULES). */
  rules?: readonly Rule[];
}

/**
 * The findings of the rules over a workspace, in the order the rules reported them, with the
 * severities `policy.rules` sets: the one place rules run and their findings get positions.
 */
export function collectFindings(workspace: Workspace, options: CollectOptions = {}): Finding[] {
  const today = options.today ?? todayDate();
  const overrides = severityOverrides(workspace);
  const findings: Finding[] = [];
  for (const rule of options.rules ?? RULES) {
    const setting = overrides.get(rule.id);
    if (setting === "off") continue;
    const context: RuleContext = {
      workspace,
      today,
      ...(options.base ? { base: options.base } : {}),
      report(file, at, message, severity) {
        if (options.onlyFiles && !options.onlyFiles.has(file)) return;
        const parsed =
          file === workspace.project?.file ? workspace.project.parsed : workspace.kpiInFile(file)?.parsed;
        const diagnostic: Diagnostic = {
          file,
          rule: rule.id,
          severity: setting ?? severity ?? rule.defaultSeverity,
          message,
          ...resolvePosition(parsed, at),
        };
        findings.push({ diagnostic, at });
      },
    };
    runRule(rule, context);
  }
  return findings;
}

/** Runs one rule; one rule failing never stops the others. */
export function runRule(rule: Rule, context: RuleContext): void {
  try {
    rule.check(context);
  } catch (error) {
    // A rule must never take the whole validation down; its crash is a bug worth surfacing, not hiding.
    process.emitWarning(
      `kpi: rule ${rule.id} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

export function severityOverrides(workspace: Workspace): Map<string, Severity | "off"> {
  const rules = workspace.project?.data.policy?.rules;
  const overrides = new Map<string, SeveritySetting>();
  if (rules && typeof rules === "object") {
    for (const [id, setting] of Object.entries(rules)) {
      if (setting === "error" || setting === "warning" || setting === "info" || setting === "off")
        overrides.set(id, setting);
    }
  }
  return overrides;
}

/** Today's date in the local time zone, YYYY-MM-DD. */
export function todayDate(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
