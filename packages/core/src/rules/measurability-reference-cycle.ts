import type { SymbolRef } from "../model/symbols.js";
import type { Workspace } from "../model/workspace.js";
import { messages } from "./messages.js";
import type { Rule } from "./rule.js";

export const measurabilityReferenceCycle: Rule = {
  id: "measurability/reference-cycle",
  scope: "workspace",
  defaultSeverity: "error",
  summary: "KPI formulas reference each other in a cycle.",
  why: "A KPI defined through itself has no value: the runner cannot order the computation.",
  example: "# ltv.kpi.yaml\nformula: arpu / churn\n# arpu.kpi.yaml\nformula: ltv * churn\n",
  fix: "Break the cycle: compute one of the KPIs from measures instead of from the other KPI.",
  check(context) {
    for (const cycle of findKpiCycles(context.workspace)) {
      const ids = cycle.map((edge) => edge.from);
      for (const edge of cycle) {
        context.report(
          edge.reference.location.file,
          edge.reference.location,
          messages["measurability/reference-cycle"]({ cycle: [...rotate(ids, edge.from), edge.from] }),
        );
      }
    }
  },
};

interface Edge {
  from: string;
  reference: SymbolRef;
}

/** Each cycle of KPI-to-KPI formula references once (Tarjan's strongly connected components). */
export function findKpiCycles(workspace: Workspace): Edge[][] {
  // Only formula identifiers naming an existing KPI are edges; a KPI without any cannot be in a cycle.
  const edges = new Map<string, Edge[]>();
  for (const references of workspace.referencesOfKind("kpi")) {
    const target = references[0]?.id;
    if (target === undefined || workspace.kpisWithId(target).length === 0) continue;
    for (const reference of references) {
      const from = workspace.kpiInFile(reference.location.file)?.id;
      if (from === undefined) continue;
      const out = edges.get(from);
      if (out) out.push({ from, reference });
      else edges.set(from, [{ from, reference }]);
    }
  }
  const cycles: Edge[][] = [];
  for (const component of stronglyConnected(edges)) {
    const members = new Set(component);
    const inside = component.flatMap((id) =>
      (edges.get(id) ?? []).filter((edge) => members.has(edge.reference.id)),
    );
    if (component.length > 1 || inside.length > 0) cycles.push(inside);
  }
  return cycles;
}

function stronglyConnected(edges: Map<string, Edge[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const result: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const edge of edges.get(node) ?? []) {
      const next = edge.reference.id;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      result.push(component);
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return result;
}

function rotate(ids: string[], first: string): string[] {
  const unique = [...new Set(ids)].sort();
  const at = unique.indexOf(first);
  return [...unique.slice(at), ...unique.slice(0, at)];
}
