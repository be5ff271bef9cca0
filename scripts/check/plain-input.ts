// `kcfg check FILE|-` and `kcfg policy FILE|-`: rendered manifests from a file or standard input (as
// `helm template … | kcfg check -`), validated like `kcfg validate FILE` and policed like an environment,
// with the settings of the environment `--env` names. Findings point at the input's own lines.

import type { Readable } from 'node:stream';
import type { Diagnostic } from '../core/diagnostic.js';
import type { Environment, Finding, Resource } from '../core/resource.js';
import { applyCodeSeverities, runPolicies, type PolicyConfig } from '../policy/index.js';
import { buildResources } from '../resources/build.js';
import { parseStream } from '../resources/parse.js';
import { declaresSecret } from '../resources/secret-text.js';
import { expandLists } from '../resources/expand-lists.js';
import { ExcerptLines } from '../resources/excerpt-lines.js';
import { fileLocator, toDiagnostic } from './locate.js';
import { readWholeInput, validateText } from './stream-input.js';

export interface PlainInputOptions {
  validate: boolean;
  /** The environment whose policy settings, code severities, Kubernetes version and Pod Security defaults apply. */
  env: Environment;
  /** The kcfg root (policies/ and its configuration live there). */
  root: string;
  policyConfig: PolicyConfig;
  allowUnknownKinds: string[];
  /** CRDs from kcfg.yaml `schemas.crds`. */
  crds: readonly Resource[];
  cacheDir: string;
  /** Keep the lines around findings for code frames (text and HTML reports). */
  excerpts: boolean;
  today?: Date;
}

export interface PlainInputResult {
  file: string;
  kubernetesVersion: string;
  diagnostics: Diagnostic[];
  resources: number;
  suppressed: number;
  skippedRules: string[];
  /** Input lines code frames may show; never a Secret's. */
  lines: ExcerptLines;
}

export async function checkPlainInput(
  cwd: string,
  arg: string,
  opts: PlainInputOptions,
  stdin: () => Readable = () => process.stdin,
): Promise<PlainInputResult> {
  // Policies need every resource at once, so the input is read whole (standard input only once).
  const input = await readWholeInput(cwd, arg, stdin);
  const empty = {
    file: input.file,
    kubernetesVersion: opts.env.kubernetesVersion,
    resources: 0,
    suppressed: 0,
    skippedRules: [],
    lines: new ExcerptLines(),
  };
  if ('refused' in input) return { ...empty, diagnostics: [input.refused] };
  const { file, text } = input;

  const diagnostics: Diagnostic[] = [];
  let lines = new ExcerptLines();
  const skippedRules: string[] = [];
  if (opts.validate) {
    const validated = await validateText(file, text, {
      kubernetesVersion: opts.env.kubernetesVersion,
      allowUnknownKinds: opts.allowUnknownKinds,
      cacheDir: opts.cacheDir,
      excerpts: opts.excerpts,
      crds: opts.crds,
    });
    diagnostics.push(...applyCodeSeverities(opts.policyConfig, opts.env.name, validated.diagnostics));
    lines = validated.lines;
    skippedRules.push(...validated.skippedRules);
  }

  const parsed = parseStream(text, file);
  const built = buildResources(expandLists(parsed.documents), file);
  // Without validation nothing else reports a document that cannot be read.
  const unreadable: Finding[] = opts.validate ? [] : [...parsed.findings, ...built.findings];
  const policies = runPolicies({
    env: opts.env,
    resources: built.resources,
    config: opts.policyConfig,
    root: opts.root,
    ...(opts.today ? { today: opts.today } : {}),
  });
  for (const f of applyCodeSeverities(opts.policyConfig, opts.env.name, [...unreadable, ...policies.findings])) {
    diagnostics.push(toDiagnostic(f, file, fileLocator));
    if (opts.excerpts && f.subject && !declaresSecret(text.slice(f.subject.rendered.start, f.subject.rendered.end))) {
      const doc = f.subject.rendered;
      lines.add(doc.line, text.slice(doc.start, doc.end));
    }
  }
  return {
    file,
    kubernetesVersion: opts.env.kubernetesVersion,
    diagnostics,
    resources: built.resources.length,
    suppressed: policies.suppressed.length,
    skippedRules,
    lines,
  };
}
