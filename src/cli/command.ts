import { parseArgs, type ParseArgsConfig } from 'node:util';

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

/**
 * node:util parseArgs for one command, its failures (unknown option, missing value) worded as a CliError that names
 * the command's --help.
 */
export function parseCommandArgs<T extends ParseArgsConfig>(command: string, config: T, exitCode?: number): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    throw new CliError(`${(err as Error).message.split('\n')[0]} Run 'entra-provisioning ${command} --help' for the options.`, exitCode);
  }
}
