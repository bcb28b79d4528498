const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text or an attribute value made safe for HTML: KPI files are user input. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/**
 * JSON for a `<script type="application/json">`: `<` escaped so that no string in the data
 * (a description holding `</script>`) can end the element early.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Inlined library code, guarded the same way: `</script` cannot appear inside a script element. */
export function scriptText(code: string): string {
  return code.replace(/<\/script/gi, "<\\/script");
}

/** An id usable in `id` attributes and fragment links. */
export function anchorId(prefix: string, id: string): string {
  return `${prefix}-${id.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
}
