import type { RolePrivileges } from "@kpi-as-code/connection";
import type pg from "pg";

// Each predefined role that reaches the server's files or programs, guarded by its existence
// (they came in PostgreSQL 11; pg_has_role fails on a role that does not exist).
const FILE_ROLES = ["pg_read_server_files", "pg_write_server_files", "pg_execute_server_program"] as const;

const PRIVILEGES_SQL = `SELECT current_user AS role, r.rolsuper AS superuser,
${FILE_ROLES.map(
  (name) =>
    `  CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${name}') THEN pg_has_role(current_user, '${name}', 'MEMBER') ELSE false END AS ${name}`,
).join(",\n")}
FROM pg_roles r WHERE r.rolname = current_user`;

/** What the session's role can do beyond reading: superuser, or a member of a server-file role. */
export async function readRolePrivileges(client: pg.PoolClient): Promise<RolePrivileges> {
  const { rows } = await client.query<Record<string, unknown>>(PRIVILEGES_SQL);
  const row = rows[0] ?? {};
  const powers: string[] = [];
  if (row.superuser === true) powers.push("superuser");
  for (const name of FILE_ROLES) if (row[name] === true) powers.push(name);
  return { role: String(row.role ?? ""), powers };
}
