// `kcfg <command> --help`: one screen per command. The common flags are listed once, in the main usage.

const COMMON = `
Common flags: -C DIR, -f/--format, -o/--output, -q, -v, --no-cache, --color/--no-color (see \`kcfg help\`).
Exit codes: 0 clean, 1 error-severity findings, 2 usage, configuration or engine error, or an environment
that did not render (nothing in it was checked).
`;

const HELP: Record<string, string> = {
  check: `kcfg check [env|dir]...  render, validate and police environments (all of them by default)

  --changed             only environments whose inputs changed (working tree against HEAD)
  --staged              with --changed: only what is staged (a plain git hook)
  --base REF            with --changed: changes since the merge base with REF (pull requests)
  --files FILE...       only environments that read one of these files (pre-commit passes them);
                        a change to kcfg.yaml, policies/ or schemas/ checks every environment
  --shard i/n           this CI job's share of the environments
  --diff A,B            add the diff of two environments to reports that show it (HTML)
`,
  policy: `kcfg policy [env|dir]...  house policies only (no schema validation)

  Takes the same flags as \`kcfg check\`.
`,
  render: `kcfg render [env|dir]...  print environments as they will be applied (Secret values redacted)

  --out DIR             write one file per environment into DIR, atomically
  --check               with --out: exit 1 when those files differ from a fresh render
`,
  validate: `kcfg validate [env|dir|file|-]...  schemas and API-server checks only

  Files and standard input (-) are validated as plain manifests; a kind: List is checked item by item.
  --kubernetes-version V       target version for files and stdin (default: kcfg.yaml's, else 1.32)
  --allow-unknown-kinds KIND   let KIND pass without a schema (repeatable)
`,
  policies: `kcfg policies [env]...  list every policy with its severity in each environment

  --kinds               list the kinds whose pods the policies read, and where; renders the environments
                        and lists any resource that runs containers no policy reads (then exits 1)
  --format text|json
`,
  codes: `kcfg codes [area/ | code]...  list every finding code kcfg can emit (schema/, format/, semantic/,
  api/, yaml/, input/, render/, resource/, kustomization/, diff/, policy/) with its default severity and title

  Change a code's severity per environment under codes: in policies/config.yaml, as for policies.
  --format text|json
`,
  diff: `kcfg diff ENV_A ENV_B [--parity]  |  kcfg diff --base REF [env]...

  ENV_A ENV_B           semantic diff of two environments' rendered output
  --parity              differences not allowed by policies/parity.yaml are findings (exit 1)
  --base REF            what the working tree changes in each environment since REF
  --ignore PATTERN      JSON pointer pattern to ignore (repeatable; * one segment, ** any)
  --exit-code           exit 1 when there are differences
  --format text|json|markdown
`,
  merge: `kcfg merge RESULT.json...  combine the JSON or SARIF results of sharded runs into one report

  --format and --output as for check.
`,
  init: `kcfg init  write kcfg.yaml listing the environments found in this repository

  Environments are the kustomizations no other kustomization includes, Components excepted, named by
  convention (overlays/production → production). The engine version found on this machine is pinned.
  --force               replace an existing kcfg.yaml
`,
  schemas: `kcfg schemas import FILE...  copy CustomResourceDefinitions into the repository

  FILE is \`kubectl get crd -o yaml\` output, an operator's release manifests (other documents are skipped) or
  - for standard input. Each CRD is written to schemas/crds/<name>.yaml without cluster state; list them under
  schemas.crds in kcfg.yaml so their custom resources are validated offline.
  --out DIR             where to write them (default schemas/crds, inside the repository)
`,
  version: `kcfg version  print kcfg's version
`,
};

/** The help text of `command`, or undefined when it has none. */
export function commandHelp(command: string): string | undefined {
  const text = HELP[command];
  return text === undefined ? undefined : text + COMMON;
}

/** `--help` or `-h` anywhere before a `--` asks for help instead of running the command. */
export function wantsHelp(argv: readonly string[]): boolean {
  for (const a of argv) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}
