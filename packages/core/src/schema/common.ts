/** Pieces shared by the two schemas. */
export const ID_PATTERN = "^[a-z][a-z0-9_]*$";
export const DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

export const idSchema = (description: string) => ({ type: "string", pattern: ID_PATTERN, description });

export const dateSchema = (description: string) => ({
  type: "string",
  pattern: DATE_PATTERN,
  description: `${description} (YYYY-MM-DD).`,
});
