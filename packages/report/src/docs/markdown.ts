/** Text for a markdown table cell: pipes escaped, line breaks folded, never empty. */
export function cell(text: string | number | boolean | null | undefined): string {
  if (text === null || text === undefined || text === "") return "—";
  return String(text)
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/\s*\n\s*/g, " ");
}

export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Inline code that survives backticks in the text. */
export function code(text: string): string {
  const fence = text.includes("`") ? "``" : "`";
  return `${fence}${fence === "``" ? ` ${text} ` : text}${fence}`;
}

/** A page: blank-line separated blocks, empty ones dropped, one trailing newline. */
export function page(blocks: readonly (string | undefined | false)[]): string {
  return `${blocks.filter((block): block is string => typeof block === "string" && block !== "").join("\n\n")}\n`;
}
