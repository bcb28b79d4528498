import { dialects } from "@kpi-as-code/connection";
import type { Workspace } from "@kpi-as-code/core";
import type { KpiDefinition } from "../plan/kpi-definition.js";
import { planRun, type RunPlan, type RunRequest } from "../plan/plan-run.js";
import type { QueryPlan } from "../plan/types.js";
import { type CompiledStatement, compileQuery } from "./compile-query.js";
import type { SourceViews } from "./views.js";

export interface CompiledQuery {
  plan: QueryPlan;
  source: string;
  dialect: string;
  /** The source's views (kpi.yaml), for recompiling parts of a failed batch. */
  views: SourceViews;
  /** The SQL and its parameters, or why it could not be compiled (a read-only violation). */
  statement: CompiledStatement | { error: string };
}

export interface CompiledRun extends RunPlan {
  compiled: CompiledQuery[];
}

/** Plans a run and compiles every query to its source's dialect, without connecting to anything. */
export function compileWorkspace(
  workspace: Workspace,
  request: RunRequest,
  definitions?: Map<string, KpiDefinition>,
): CompiledRun {
  const plan = planRun(workspace, request, definitions);
  const compiled = plan.queries.map((query) => compilePlannedQuery(workspace, query));
  return { ...plan, compiled };
}

function compilePlannedQuery(workspace: Workspace, query: QueryPlan): CompiledQuery {
  const source = workspace.sources[query.source] as { type: keyof typeof dialects; views?: SourceViews };
  const type = source.type;
  const dialect = dialects[type];
  const views = source.views ?? {};
  try {
    return {
      plan: query,
      source: query.source,
      dialect: dialect.name,
      views,
      statement: compileQuery(query, dialect, views),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { plan: query, source: query.source, dialect: dialect.name, views, statement: { error: message } };
  }
}
