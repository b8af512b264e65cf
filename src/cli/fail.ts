/** Ends a CLI with one line on standard error (no stack trace): 2 for bad usage, 1 for a failure. */
export function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}
