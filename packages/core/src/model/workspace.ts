import type { ParsedFile, Span } from "../document/parsed-file.js";
import { type FormulaParseResult, formulaIdentifiers, parseFormula } from "../formula/index.js";
import type { SchemaProblem } from "../schema/index.js";
import { type SymbolKind, type SymbolRef, symbolKey } from "./symbols.js";
import type { KpiFile, ProjectFile } from "./types.js";

export const PROJECT_FILE = "kpi.yaml";

export function isKpiFileName(file: string): boolean {
  return file.endsWith(".kpi.yaml") || file.endsWith(".kpi.yml");
}

/** A file as the rules see it: parsed, with its value trusted only as far as the schema allowed. */
export interface WorkspaceFile {
  file: string;
  parsed: ParsedFile;
  /** Whether the file parsed and passed the schema, so its fields have their declared types. */
  valid: boolean;
  schemaProblems: readonly SchemaProblem[];
}

export interface DuplicateId {
  kind: "owner" | "goal" | "source";
  id: string;
  span: Span;
}

export interface ProjectEntry extends WorkspaceFile {
  data: Partial<ProjectFile>;
  /** Ids declared twice under owners, goals or sources (YAML reports them as duplicate keys). */
  duplicateIds: readonly DuplicateId[];
}

export interface KpiEntry extends WorkspaceFile {
  data: Partial<KpiFile>;
  /** The KPI's id when the file names a usable one. */
  id: string | undefined;
  formula: FormulaParseResult | undefined;
}

/**
 * The model of one workspace: the project file, the KPI files, and every symbol
 * (owners, goals, sources, KPIs, measures) with its definitions and references,
 * resolvable both ways.
 */
export class Workspace {
  readonly kpis: KpiEntry[] = [];
  private readonly kpisById = new Map<string, KpiEntry[]>();
  private readonly definitionsByKey = new Map<string, SymbolRef[]>();
  private readonly referencesByKey = new Map<string, SymbolRef[]>();
  private readonly symbolsByFile = new Map<string, SymbolRef[]>();

  constructor(
    readonly project: ProjectEntry | undefined,
    kpis: KpiEntry[],
  ) {
    if (project) this.indexProject(project);
    for (const entry of kpis) this.addKpi(entry);
  }

  get owners(): Record<string, unknown> {
    return asRecord(this.project?.data.owners);
  }

  get goals(): Record<string, unknown> {
    return asRecord(this.project?.data.goals);
  }

  get sources(): Record<string, unknown> {
    return asRecord(this.project?.data.sources);
  }

  /** KPI entries with this id (more than one is an `id/duplicate`). */
  kpisWithId(id: string): readonly KpiEntry[] {
    return this.kpisById.get(id) ?? [];
  }

  kpi(id: string): KpiEntry | undefined {
    return this.kpisById.get(id)?.[0];
  }

  definitions(kind: SymbolKind, id: string, scope?: string): readonly SymbolRef[] {
    return this.definitionsByKey.get(symbolKey(kind, id, scope)) ?? [];
  }

  references(kind: SymbolKind, id: string, scope?: string): readonly SymbolRef[] {
    return this.referencesByKey.get(symbolKey(kind, id, scope)) ?? [];
  }

  /** The distinct ids referenced for a kind, e.g. every owner id named anywhere. */
  referencedIds(kind: SymbolKind): string[] {
    const prefix = `${kind}:`;
    const ids: string[] = [];
    for (const [key, references] of this.referencesByKey) {
      if (key.startsWith(prefix) && references[0]) ids.push(references[0].id);
    }
    return ids;
  }

  /** Every definition and reference written in one file, in no particular order. */
  symbolsIn(file: string): readonly SymbolRef[] {
    return this.symbolsByFile.get(file) ?? [];
  }

  private indexProject(project: ProjectEntry): void {
    const file = project.file;
    for (const kind of ["owner", "goal", "source"] as const) {
      for (const id of Object.keys(asRecord(project.data[`${kind}s`]))) {
        this.define({ kind, id, location: { file, path: [`${kind}s`, id], target: "key" } });
      }
    }
    for (const [goalId, goal] of Object.entries(asRecord(project.data.goals))) {
      const owner = asRecord(goal).owner;
      if (typeof owner === "string") {
        this.refer({
          kind: "owner",
          id: owner,
          location: { file, path: ["goals", goalId, "owner"], target: "value" },
        });
      }
    }
  }

  private addKpi(entry: KpiEntry): void {
    this.kpis.push(entry);
    const { file, data, id } = entry;
    if (id === undefined) return;
    const list = this.kpisById.get(id) ?? [];
    list.push(entry);
    this.kpisById.set(id, list);
    this.define({ kind: "kpi", id, location: { file, path: ["kpi"], target: "value" } });
    if (typeof data.owner === "string") {
      this.refer({ kind: "owner", id: data.owner, location: { file, path: ["owner"], target: "value" } });
    }
    if (typeof data.goal === "string") {
      this.refer({ kind: "goal", id: data.goal, location: { file, path: ["goal"], target: "value" } });
    }
    if (Array.isArray(data.action_plan)) {
      data.action_plan.forEach((step, index) => {
        const owner = asRecord(step).owner;
        if (typeof owner !== "string") return;
        this.refer({
          kind: "owner",
          id: owner,
          location: { file, path: ["action_plan", index, "owner"], target: "value" },
        });
      });
    }
    for (const [measureId, measure] of Object.entries(asRecord(data.measures))) {
      this.define({
        kind: "measure",
        id: measureId,
        scope: id,
        location: { file, path: ["measures", measureId], target: "key" },
      });
      const source = asRecord(measure).source;
      if (typeof source === "string") {
        const path = ["measures", measureId, "source"];
        this.refer({ kind: "source", id: source, location: { file, path, target: "value" } });
      }
    }
    this.indexFormula(entry, id);
  }

  /** Formula identifiers refer to a measure of the same KPI or, failing that, to another KPI. */
  private indexFormula(entry: KpiEntry, kpiId: string): void {
    if (!entry.formula?.ok) return;
    const measures = asRecord(entry.data.measures);
    for (const identifier of formulaIdentifiers(entry.formula.ast)) {
      const location = {
        file: entry.file,
        path: ["formula"],
        target: "value" as const,
        inner: identifier.span,
      };
      if (Object.hasOwn(measures, identifier.name)) {
        this.refer({ kind: "measure", id: identifier.name, scope: kpiId, location });
      } else {
        this.refer({ kind: "kpi", id: identifier.name, location });
      }
    }
  }

  private define(symbol: SymbolRef): void {
    push(this.definitionsByKey, symbolKey(symbol.kind, symbol.id, symbol.scope), symbol);
    push(this.symbolsByFile, symbol.location.file, symbol);
  }

  private refer(symbol: SymbolRef): void {
    push(this.referencesByKey, symbolKey(symbol.kind, symbol.id, symbol.scope), symbol);
    push(this.symbolsByFile, symbol.location.file, symbol);
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Builds a KPI entry from a parsed, schema-checked file. */
export function kpiEntry(parsed: ParsedFile, schemaProblems: readonly SchemaProblem[]): KpiEntry {
  const data = asRecord(parsed.value) as Partial<KpiFile>;
  const id = typeof data.kpi === "string" && /^[a-z][a-z0-9_]*$/.test(data.kpi) ? data.kpi : undefined;
  const formula = typeof data.formula === "string" ? parseFormula(data.formula) : undefined;
  return {
    file: parsed.file,
    parsed,
    valid: typesHold(parsed, schemaProblems),
    schemaProblems,
    data,
    id,
    formula,
  };
}

export function projectEntry(parsed: ParsedFile, schemaProblems: readonly SchemaProblem[]): ProjectEntry {
  const duplicateIds = (["owner", "goal", "source"] as const).flatMap((kind) =>
    parsed
      .duplicateKeysUnder([`${kind}s`])
      .map((duplicate) => ({ kind, id: duplicate.key, span: duplicate.span })),
  );
  const data = asRecord(parsed.value) as Partial<ProjectFile>;
  return {
    file: parsed.file,
    parsed,
    valid: typesHold(parsed, schemaProblems),
    schemaProblems,
    data,
    duplicateIds,
  };
}

/**
 * Whether the rules may trust the file's declared types. An unknown key does not break that
 * (rules never read it), so one typo does not silence every other check of the file.
 */
function typesHold(parsed: ParsedFile, schemaProblems: readonly SchemaProblem[]): boolean {
  return parsed.valueIsSound && schemaProblems.every((problem) => problem.keyword === "additionalProperties");
}
