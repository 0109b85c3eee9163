// `entra-provisioning`: the command-line face of the same core the extension uses.
// Each command lives in ./commands and is loaded only when it runs, so `--help` stays instant.
import { CliError, type CommandModule } from './command';

const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  sandbox: {
    summary: 'Run the sandbox tenant: Microsoft Graph + token service on 127.0.0.1, seeded with "Contoso (sandbox)".',
    load: () => import('./commands/sandbox'),
  },
  eval: {
    summary: 'Evaluate an attribute-mapping expression against a source object and print the result as JSON.',
    load: () => import('./commands/eval'),
  },
  lint: {
    summary: 'Check provisioning job schemas (JSON Schema, expressions, attributes, matching, scoping); exit 1 on errors.',
    load: () => import('./commands/lint'),
  },
  preview: {
    summary: 'Apply a job schema\'s attribute mappings to a user or group and print the SCIM request provisioning would send.',
    load: () => import('./commands/preview'),
  },
  migrate: {
    summary: 'Move a provisioning job to another template (e.g. Workplace SCIM 1.0 → 2.0) keeping its customizations; plan, apply, resume, roll back.',
    load: () => import('./commands/migrate'),
  },
};

function usage(): string {
  const lines = ['Usage: entra-provisioning <command> [options]', '', 'Commands:'];
  for (const [name, { summary }] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(10)} ${summary}`);
  lines.push('', 'Run `entra-provisioning <command> --help` for the options of a command.');
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`entra-provisioning: unknown command '${name}'.\n\n${usage()}\n`);
    return 2;
  }
  try {
    const loaded = await command.load();
    return await loaded.run(rest);
  } catch (err) {
    if (err instanceof CliError) {
      process.stderr.write(`entra-provisioning ${name}: ${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`entra-provisioning: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
