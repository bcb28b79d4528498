import { isSourceType, SOURCE_TYPES, type SourceOptionInfo } from "@kpi-as-code/core";
import { SourceError } from "./errors.js";
import type { ConnectContext, SourceConfig } from "./types.js";

/**
 * A source's `options:` checked against its type's allow-list in core's registry: the engine settings
 * a connector hands to its session. The schema refuses the rest at the option's key already; this
 * holds for callers that did not validate (a settings value is never spliced unchecked). Throws a
 * config SourceError naming the option.
 */
export function sourceOptions(
  config: SourceConfig,
  context: ConnectContext,
): Record<string, string | number> {
  const raw = config.options;
  if (raw === undefined || raw === null) return {};
  const fail = (detail: string): never => {
    throw new SourceError({ kind: "config", source: context.source, sourceType: config.type, detail });
  };
  if (typeof raw !== "object" || Array.isArray(raw)) fail(`"options" must be a map of engine settings`);
  const allowed: Readonly<Record<string, SourceOptionInfo>> = isSourceType(config.type)
    ? SOURCE_TYPES[config.type].options
    : {};
  const checked: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    const option = Object.hasOwn(allowed, name) ? allowed[name] : undefined;
    if (!option) {
      const names = Object.keys(allowed);
      fail(
        `option "${name}" is not allowed for ${config.type} (${names.length > 0 ? `allowed: ${names.join(", ")}` : "it takes none"}); settings that could lift the sandbox or read-only mode never are`,
      );
      continue;
    }
    checked[name] = checkedValue(name, value, option, fail);
  }
  return checked;
}

function checkedValue(
  name: string,
  value: unknown,
  option: SourceOptionInfo,
  fail: (detail: string) => never,
): string | number {
  if (option.type === "integer") {
    if (typeof value === "number" && Number.isSafeInteger(value) && value >= 1) return value;
    return fail(`option "${name}" must be a whole number of at least 1`);
  }
  if (typeof value === "string" && (!option.pattern || new RegExp(option.pattern).test(value))) return value;
  return fail(`option "${name}" must be a text${option.pattern ? ` matching ${option.pattern}` : ""}`);
}
