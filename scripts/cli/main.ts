// `kcfg`: parse the command, call the library, render the result, return the exit code.

import { EXIT, KcfgError, formatError } from '../core/errors.js';
import { commandHelp, wantsHelp } from './help.js';
import { allowYoungGenerationCap } from '../core/young-generation.js';

export const USAGE = `kcfg — render, validate, police and diff Kustomize environments offline

Usage:
  kcfg check    [env|dir]...          render + validate + policies (what CI and pre-commit run)
                [--changed [--staged | --base REF]] [--shard i/n] [--diff A,B]
  kcfg render   [env|dir]... [--out DIR [--check]]
  kcfg validate [env|dir|file|-]...   schemas and API-server checks; files and stdin work too
  kcfg policy   [env|dir]...          house policies only
  kcfg policies                       list policies and their severities per environment
  kcfg codes    [area/]...            list every finding code with its severity and doc page
  kcfg diff     ENV_A ENV_B [--parity] | --base REF [env]...
  kcfg merge    RESULT.json...        combine JSON/SARIF results of sharded runs (--format as for check)
  kcfg init                           write kcfg.yaml listing the environments found here
  kcfg schemas import FILE...         copy the CRDs of a file into schemas/crds/ (for kcfg.yaml schemas.crds)
  kcfg version

\`kcfg <command> --help\` describes one command. kcfg.yaml is found by walking up from the working
directory; without one, the root is the git top level and every kustomization that nothing includes
(Components excepted) is an environment.

Common flags:
  -C, --cwd DIR             kcfg root (default: nearest kcfg.yaml above, else the git top level)
  -f, --format FORMAT       text (default), json, sarif, github, github-summary, junit, markdown, html;
                            repeat with --output for several reports
  -o, --output FILE         write the report of the matching --format to FILE (atomically)
  -q, --quiet               errors only        -v, --verbose   more detail
      --no-cache            render without the content-hash cache
      --color / --no-color  force colours on or off (default: only on a terminal)

Exit codes: 0 clean, 1 error-severity findings (or differences, for diff --exit-code), 2 usage, config or engine
error, or an environment that did not render (nothing in it was checked).
`;

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  check: async () => (await import('./commands/check.js')).checkCommand,
  validate: async () => (await import('./commands/validate.js')).validateCommand,
  policy: async () => (await import('./commands/check.js')).policyCommand,
  render: async () => (await import('./commands/render.js')).renderCommand,
  policies: async () => (await import('./commands/policies.js')).policiesCommand,
  codes: async () => (await import('./commands/codes.js')).codesCommand,
  diff: async () => (await import('./commands/diff.js')).diffCommand,
  version: async () => (await import('./commands/version.js')).versionCommand,
  merge: async () => (await import('./commands/merge.js')).mergeCommand,
  init: async () => (await import('./commands/init.js')).initCommand,
  schemas: async () => (await import('./commands/schemas.js')).schemasCommand,
};

export async function main(argv: string[]): Promise<number> {
  allowYoungGenerationCap();
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(USAGE);
    return name === undefined ? EXIT.error : EXIT.ok;
  }
  if (name === '--version') return main(['version']);
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`kcfg: unknown command '${name}'\n  hint: run \`kcfg help\` for the list of commands\n`);
    return EXIT.error;
  }
  if (wantsHelp(rest)) {
    process.stdout.write(commandHelp(name) ?? USAGE);
    return EXIT.ok;
  }
  try {
    return await (
      await load()
    )(rest);
  } catch (e) {
    return reportFailure(e);
  }
}

function reportFailure(e: unknown): number {
  if (e instanceof KcfgError) {
    process.stderr.write(formatError(e) + '\n');
    return e.exitCode;
  }
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(
    `kcfg: internal error: ${message}\n  hint: this is a bug in kcfg; rerun with KCFG_DEBUG=1 for details\n`,
  );
  if (process.env['KCFG_DEBUG'] && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
  return EXIT.error;
}
