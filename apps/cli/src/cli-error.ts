/** Exit codes of every command (spec section 3). */
export const EXIT = { ok: 0, failed: 1, cannotRun: 2 } as const;

/** An error the user caused or can fix: printed as one clear line, never as a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.cannotRun,
  ) {
    super(message);
  }
}
