import { type FormulaParseResult, formulaIdentifiers } from "../formula/index.js";
import type { ParsedFile, Span } from "../parse/parsed-file.js";
import type { SchemaProblem } from "../schema/index.js";
import { insertInFileOrder, removeFileItems } from "./file-ordered-list.js";
import { type SymbolKind, type SymbolRef, SymbolTable } from "./symbols.js";
import type { KpiFile, ProjectFile } from "./types.js";

export { isKpiFileName, PROJECT_FILE } from "../document/file-names.js";
export { kpiEntry, projectEntry } from "./entries.js";

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
 * resolvable both ways. One KPI file can be replaced, added or removed without a rebuild
 * (see `setKpi`), which keeps an edit in a 10,000-KPI workspace cheap.
 */
export class Workspace {
  readonly kpis: KpiEntry[] = [];
  private readonly kpisById = new Map<string, KpiEntry[]>();
  private readonly kpisByFile = new Map<string, KpiEntry>();
  private readonly definitionsOf = new SymbolTable();
  private readonly referencesOf = new SymbolTable();
  private readonly symbolsByFile = new Map<string, SymbolRef[]>();
  /** Set while `setKpi` re-indexes one file: its symbols go to their place in file order. */
  private inserting = false;

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

  /** Every id that more than one KPI file declares. */
  duplicatedKpiIds(): string[] {
    const ids: string[] = [];
    for (const [id, twins] of this.kpisById) if (twins.length > 1) ids.push(id);
    return ids;
  }

  kpi(id: string): KpiEntry | undefined {
    return this.kpisById.get(id)?.[0];
  }

  /** The KPI entry of a file, if the workspace has one. */
  kpiInFile(file: string): KpiEntry | undefined {
    return this.kpisByFile.get(file);
  }

  definitions(kind: SymbolKind, id: string, scope?: string): readonly SymbolRef[] {
    return this.definitionsOf.get(kind, id, scope) ?? [];
  }

  references(kind: SymbolKind, id: string, scope?: string): readonly SymbolRef[] {
    return this.referencesOf.get(kind, id, scope) ?? [];
  }

  /** The distinct ids referenced for a kind, e.g. every owner id named anywhere. */
  referencedIds(kind: SymbolKind): string[] {
    return this.referencesOf.groups(kind).map((references) => (references[0] as SymbolRef).id);
  }

  /** Every reference of a kind, grouped by the id referenced. */
  referencesOfKind(kind: SymbolKind): SymbolRef[][] {
    return this.referencesOf.groups(kind);
  }

  /** Every definition and reference written in one file, in no particular order. */
  symbolsIn(file: string): readonly SymbolRef[] {
    return this.symbolsByFile.get(file) ?? [];
  }

  /**
   * This workspace seen through some of its KPI files only: `kpis` lists just those, every lookup
   * still sees the whole workspace. Rules whose findings in a file depend on that file alone run
   * over such a view to recheck only the files that changed.
   */
  restrictedTo(kpis: KpiEntry[]): Workspace {
    return Object.create(this, { kpis: { value: kpis } }) as Workspace;
  }

  /**
   * Adds a KPI file, or replaces the entry of its file, indexing it where a rebuild from files in
   * name order would. Only for workspaces whose KPIs were given in file-name order.
   */
  setKpi(entry: KpiEntry): void {
    const replaced = this.removeKpi(entry.file);
    this.inserting = true;
    try {
      this.addKpi(entry, replaced);
    } finally {
      this.inserting = false;
    }
  }

  /** Removes a KPI file and everything it defined or referenced; returns where it was in `kpis`. */
  removeKpi(file: string): number | undefined {
    const entry = this.kpisByFile.get(file);
    if (!entry) return undefined;
    const project = this.project?.file;
    const at = this.kpis.indexOf(entry);
    this.kpis.splice(at, 1);
    this.kpisByFile.delete(file);
    if (entry.id !== undefined) {
      const twins = this.kpisById.get(entry.id) ?? [];
      removeFileItems(twins, file, fileOfEntry, project);
      if (twins.length === 0) this.kpisById.delete(entry.id);
    }
    for (const symbol of this.symbolsByFile.get(file) ?? []) {
      for (const table of [this.definitionsOf, this.referencesOf]) {
        const list = table.get(symbol.kind, symbol.id, symbol.scope);
        if (!list) continue;
        removeFileItems(list, file, fileOfSymbol, project);
        if (list.length === 0) table.delete(symbol.kind, symbol.id, symbol.scope);
      }
    }
    this.symbolsByFile.delete(file);
    return at;
  }

  private indexProject(project: ProjectEntry): void {
    const file = project.file;
    const symbols: SymbolRef[] = [];
    for (const kind of ["owner", "goal", "source"] as const) {
      for (const id of Object.keys(asRecord(project.data[`${kind}s`]))) {
        this.define(symbols, { kind, id, location: { file, path: [`${kind}s`, id], target: "key" } });
      }
    }
    // A source's views (scoped by the source): measures' `from` refers to them.
    for (const [sourceId, source] of Object.entries(asRecord(project.data.sources))) {
      for (const view of Object.keys(asRecord(asRecord(source).views))) {
        const path = ["sources", sourceId, "views", view];
        this.define(symbols, {
          kind: "view",
          id: view,
          scope: sourceId,
          location: { file, path, target: "key" },
        });
      }
    }
    for (const [goalId, goal] of Object.entries(asRecord(project.data.goals))) {
      const owner = asRecord(goal).owner;
      if (typeof owner === "string") {
        this.refer(symbols, {
          kind: "owner",
          id: owner,
          location: { file, path: ["goals", goalId, "owner"], target: "value" },
        });
      }
    }
    this.indexFunnels(symbols, file, asRecord(project.data.funnels));
    this.symbolsByFile.set(file, symbols);
  }

  /** A funnel's steps refer to KPIs (go-to-definition, rename, unknown ids) and its goal to a goal. */
  private indexFunnels(symbols: SymbolRef[], file: string, funnels: Record<string, unknown>): void {
    for (const [funnelId, funnel] of Object.entries(funnels)) {
      const { goal, steps } = asRecord(funnel);
      if (typeof goal === "string") {
        const path = ["funnels", funnelId, "goal"];
        this.refer(symbols, { kind: "goal", id: goal, location: { file, path, target: "value" } });
      }
      if (!Array.isArray(steps)) continue;
      steps.forEach((step, index) => {
        if (typeof step !== "string") return;
        const path = ["funnels", funnelId, "steps", index];
        this.refer(symbols, { kind: "kpi", id: step, location: { file, path, target: "value" } });
      });
    }
  }

  /** `at`: where a replaced entry was, so a same-name replacement needs no search. */
  private addKpi(entry: KpiEntry, at?: number): void {
    const project = this.project?.file;
    if (!this.inserting) this.kpis.push(entry);
    else if (at !== undefined) this.kpis.splice(at, 0, entry);
    else insertInFileOrder(this.kpis, entry, fileOfEntry, project);
    this.kpisByFile.set(entry.file, entry);
    const { file, data, id } = entry;
    if (id === undefined) return;
    // A new list holds exactly its one entry: an empty one grows room for 17 at its first push.
    const list = this.kpisById.get(id);
    if (!list) this.kpisById.set(id, [entry]);
    else if (this.inserting) insertInFileOrder(list, entry, fileOfEntry, project);
    else list.push(entry);
    // The file's symbols, collected here and stored once.
    const symbols: SymbolRef[] = [];
    this.define(symbols, { kind: "kpi", id, location: { file, path: KPI_PATH, target: "value" } });
    if (typeof data.owner === "string") {
      this.refer(symbols, {
        kind: "owner",
        id: data.owner,
        location: { file, path: OWNER_PATH, target: "value" },
      });
    }
    if (typeof data.goal === "string") {
      this.refer(symbols, {
        kind: "goal",
        id: data.goal,
        location: { file, path: GOAL_PATH, target: "value" },
      });
    }
    if (Array.isArray(data.action_plan)) {
      data.action_plan.forEach((step, index) => {
        const owner = asRecord(step).owner;
        if (typeof owner !== "string") return;
        this.refer(symbols, {
          kind: "owner",
          id: owner,
          location: { file, path: ["action_plan", index, "owner"], target: "value" },
        });
      });
    }
    const measures = asRecord(data.measures);
    for (const measureId in measures) {
      if (!Object.hasOwn(measures, measureId)) continue;
      this.define(symbols, {
        kind: "measure",
        id: measureId,
        scope: id,
        location: { file, path: ["measures", measureId], target: "key" },
      });
      const { source, from } = asRecord(measures[measureId]);
      if (typeof source === "string") {
        const path = ["measures", measureId, "source"];
        this.refer(symbols, { kind: "source", id: source, location: { file, path, target: "value" } });
        // `from` names a table or one of the source's views; only a view has a definition to go to.
        if (typeof from === "string") {
          const location = { file, path: ["measures", measureId, "from"], target: "value" as const };
          this.refer(symbols, { kind: "view", id: from, scope: source, location });
        }
      }
    }
    this.indexFormula(symbols, entry, id, measures);
    this.symbolsByFile.set(file, symbols);
  }

  /** Formula identifiers refer to a measure of the same KPI or, failing that, to another KPI. */
  private indexFormula(
    symbols: SymbolRef[],
    entry: KpiEntry,
    kpiId: string,
    measures: Record<string, unknown>,
  ): void {
    if (!entry.formula?.ok) return;
    for (const identifier of formulaIdentifiers(entry.formula.ast)) {
      const location = {
        file: entry.file,
        path: FORMULA_PATH,
        target: "value" as const,
        inner: identifier.span,
      };
      if (Object.hasOwn(measures, identifier.name)) {
        this.refer(symbols, { kind: "measure", id: identifier.name, scope: kpiId, location });
      } else {
        this.refer(symbols, { kind: "kpi", id: identifier.name, location });
      }
    }
  }

  private define(symbols: SymbolRef[], symbol: SymbolRef): void {
    this.add(this.definitionsOf, symbols, symbol);
  }

  private refer(symbols: SymbolRef[], symbol: SymbolRef): void {
    this.add(this.referencesOf, symbols, symbol);
  }

  private add(table: SymbolTable, symbols: SymbolRef[], symbol: SymbolRef): void {
    const list = table.add(symbol);
    if (list && this.inserting) insertInFileOrder(list, symbol, fileOfSymbol, this.project?.file);
    else list?.push(symbol);
    symbols.push(symbol);
  }
}

// Paths every KPI file shares, one array each (paths are read-only).
const KPI_PATH = ["kpi"] as const;
const OWNER_PATH = ["owner"] as const;
const GOAL_PATH = ["goal"] as const;
const FORMULA_PATH = ["formula"] as const;

const fileOfEntry = (entry: KpiEntry) => entry.file;
const fileOfSymbol = (symbol: SymbolRef) => symbol.location.file;

export function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
