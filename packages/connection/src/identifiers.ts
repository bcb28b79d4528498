import { InvalidIdentifierError } from "./errors.js";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

/**
 * Table, column and segment names from KPI files are spliced into SQL, so they
 * must be plain names (optionally `schema.name`); anything else is rejected,
 * never escaped.
 */
export function assertIdentifier(name: string): void {
  if (typeof name !== "string" || !IDENTIFIER.test(name)) throw new InvalidIdentifierError(String(name));
}
