import { InvalidIdentifierError } from "./errors.js";

const PART = "[A-Za-z_][A-Za-z0-9_]*";
const IDENTIFIER = new RegExp(`^${PART}(\\.${PART}){0,2}$`);

/**
 * Table, column and segment names from KPI files are spliced into SQL, so they must be plain names,
 * optionally dotted (`schema.table`, `database.schema.table`: at most `maxParts` parts); anything
 * else is rejected, never escaped.
 */
export function assertIdentifier(name: string, maxParts = 3): void {
  if (typeof name !== "string" || !IDENTIFIER.test(name) || name.split(".").length > maxParts)
    throw new InvalidIdentifierError(String(name), maxParts);
}
