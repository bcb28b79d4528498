import type { Path, SymbolKind } from "@kpi-as-code/core";
import type { FileKind } from "./schema-at.js";

/** Which kind of id a value at `path` names, mirroring how the workspace model indexes references. */
export function referenceKindAt(kind: FileKind, path: Path): SymbolKind | "formula" | undefined {
  const [first, second, third] = path;
  if (kind === "project") {
    if (first === "goals" && third === "owner" && path.length === 3) return "owner";
    // A funnel's goal, and its steps: KPI ids (spec 5.5).
    if (first === "funnels" && third === "goal" && path.length === 3) return "goal";
    if (first === "funnels" && third === "steps" && path.length === 4) return "kpi";
    return undefined;
  }
  if (path.length === 1 && (first === "owner" || first === "goal" || first === "formula")) return first;
  if (first === "action_plan" && third === "owner" && path.length === 3) return "owner";
  if (first === "measures" && typeof second === "string" && third === "source" && path.length === 3) {
    return "source";
  }
  return undefined;
}
