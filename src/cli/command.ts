/** A CLI command: parses its own arguments and returns the process exit code. */
export interface CommandModule {
  run(args: string[]): Promise<number>;
}

/** An expected failure (bad arguments, unreadable file): printed as one line, no stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}
