/** The message of anything thrown, for logs and error codes (never a stack trace). */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
