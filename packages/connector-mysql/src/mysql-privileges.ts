import type { RolePrivileges } from "@kpi-as-code/connection";
import type mysql from "mysql2/promise";

// FILE reads and writes the server's files (LOAD_FILE, INTO OUTFILE); SUPER lifts every limit.
// ALL PRIVILEGES on *.* lists both.
const POWERS = ["FILE", "SUPER"];

// The session's own account, spelled as information_schema spells grantees: 'user'@'host'.
const PRIVILEGES_SQL = `SELECT CURRENT_USER() AS role, PRIVILEGE_TYPE AS privilege
FROM information_schema.USER_PRIVILEGES
WHERE GRANTEE = CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''', SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')`;

/** The account's global privileges that reach the server's files or lift its limits. */
export async function readRolePrivileges(pool: mysql.Pool): Promise<RolePrivileges> {
  const [rows] = await pool.query<mysql.RowDataPacket[]>(PRIVILEGES_SQL);
  const granted = new Set(rows.map((row) => String(row.privilege).toUpperCase()));
  const [first] = await pool.query<mysql.RowDataPacket[]>("SELECT CURRENT_USER() AS role");
  return { role: String(first[0]?.role ?? ""), powers: POWERS.filter((power) => granted.has(power)) };
}
