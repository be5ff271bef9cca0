// Turn an engine's stderr into one clear sentence naming the file, without klog prefixes, Go type noise or
// the layer our wrapper kustomization adds.

import { readFileSync, realpathSync } from 'node:fs';
import type { SourceLocation } from '../core/diagnostic.js';
import { createRequire } from 'node:module';
import { locateEntry, type Kustomization } from '../workspace/kustomization.js';
import { absolute } from '../workspace/paths.js';
import { badLiteral, scrubGeneratorError, secretInputs } from './scrub.js';

export interface EngineFailure {
  message: string;
  source?: SourceLocation;
  hint?: string;
}

interface FailureContext {
  root: string;
  wrapperDir: string;
  /** The environment's closure, to find the file behind errors Kustomize reports without one. */
  files: readonly string[];
  kustomizations: ReadonlyMap<string, Kustomization>;
  /** The environment's own kustomization: the place to look when nothing more precise is known. */
  overlay?: Kustomization;
}

/** The error text inside kubectl's klog line (`err="..."` or the multi-line `err=<` form), or kustomize's `Error: ...`. */
export function extractError(stderr: string): string {
  const quoted = /"command failed" err="((?:[^"\\]|\\.)*)"/.exec(stderr);
  if (quoted) return quoted[1].replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
  const block = /"command failed" err=<\n([\s\S]*?)\n\s*>/.exec(stderr);
  if (block)
    return block[1]
      .split('\n')
      .map((l) => l.replace(/^\t/, ''))
      .join('\n');
  const lines = stderr.split('\n').filter((l) => l.trim() && !/^\s*(Usage:|Flags:|Examples:)/.test(l));
  const at = lines.findIndex((l) => /^(Error|error):/.test(l));
  if (at < 0) return lines[0] ?? 'the engine failed without a message';
  // A plain kubectl (not behind klog) prints a multi-line error to the end of its output.
  return lines
    .slice(at)
    .join('\n')
    .replace(/^(Error|error):\s*/, '');
}

export function explainFailure(stderr: string, ctx: FailureContext): EngineFailure {
  let text = extractError(stderr);
  text = dropWrapperLayer(text, ctx);
  text = text
    .replace(/map\[string\]interface \{\}\(nil\): /g, '')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
  text = relativise(text, ctx);
  text = withoutDumps(simplify(text));
  const literal = /invalid literal source/.test(text) ? badLiteral(ctx.kustomizations.values()) : undefined;
  text = scrubGeneratorError(text, secretInputs(ctx.kustomizations.values()));

  const source = literal ?? findSource(text, ctx);
  const hint = HINTS.find(([re]) => re.test(text))?.[1];
  return { message: text, ...(source ? { source } : {}), ...(hint ? { hint } : {}) };
}

const HINTS: [RegExp, string][] = [
  [
    /security; file .* is not in or below/,
    'with the RootOnly load restrictor a kustomization may only read files in or below its directory; move the file or refer to its directory as a resource',
  ],
  [
    /--enable-helm/,
    'kcfg never enables Helm: render the chart with `helm template`, commit the manifests and list them as resources',
  ],
  [
    /--enable-(alpha-plugins|exec)|plugin/i,
    'kcfg never enables Kustomize plugins or exec functions; use built-in generators and transformers',
  ],
  [
    /unknown field/,
    'check the field name against the Kustomization reference; deprecated fields have modern replacements',
  ],
];

/** Our wrapper adds `accumulating resources from '<overlay>': '<overlay>' must resolve to a file': recursed accumulation of path '<overlay>': ...`. */
function dropWrapperLayer(text: string, ctx: FailureContext): string {
  const m =
    /^accumulating resources: accumulation err='accumulating resources from '[^']*': '[^']*' must resolve to a file': (?:recursed accumulation of path '[^']*': )?/.exec(
      text,
    );
  const out = m ? text.slice(m[0].length) : text;
  let result = out;
  for (const dir of spellings(ctx.wrapperDir)) result = result.split(dir + '/').join('');
  return result;
}

/** Absolute paths inside the repository become repository-relative. */
function relativise(text: string, ctx: FailureContext): string {
  let out = text;
  for (const root of spellings(ctx.root))
    out = out
      .split(root + '/')
      .join('')
      .split(`'${root}'`)
      .join("'.'");
  return out;
}

/** A path as given and as Kustomize prints it: symlinks resolved (macOS's /var is /private/var). */
function spellings(path: string): string[] {
  try {
    const real = realpathSync(path);
    return real === path ? [path] : [real, path];
  } catch {
    return [path];
  }
}

/**
 * Kustomize tries each resource as a file, then as a directory, and reports both attempts. Keep the attempt
 * that explains the problem.
 */
function simplify(text: string): string {
  const missing =
    /accumulating resources from '([^']+)': evalsymlink failure on '[^']*' : lstat [^:]+: no such file or directory/.exec(
      text,
    );
  if (missing) return `resource '${missing[1]}' not found: no such file or directory`;
  const both =
    /^(.*?)accumulation err='accumulating resources from '([^']+)': (.*?)': must build at directory: (?:not a valid directory: .*|'[^']*': file is not directory)$/.exec(
      text,
    );
  if (both) return `${both[1]}resource '${both[2]}': ${both[3]}`.replace(/^accumulating resources: /, '');
  return text.replace(/^accumulating resources: (accumulating resources from '[^']*': )?(MalformedYAMLError: )?/, '');
}

/**
 * Some errors append whole resources (the referrer and every possible referral). They are unreadable on one
 * line and may include a Secret's data, so they are dropped; the ids before them say what is ambiguous.
 */
function withoutDumps(text: string): string {
  const dump = text.search(/\s*\*{4} Too many possible referral targets/);
  let cut = dump >= 0 ? text.slice(0, dump) : text;
  // Go's %#v of a whole object (`map[string]interface {}{...}`) may hold a Secret and can be megabytes long.
  const goMap = cut.indexOf('map[string]interface {}{');
  if (goMap >= 0) {
    const end = cut.lastIndexOf('}');
    cut = `${cut.slice(0, goMap)}(object omitted)${end > goMap ? cut.slice(end + 1) : ''}`;
  }
  if (cut.length > MAX_MESSAGE) cut = `${cut.slice(0, MAX_MESSAGE)}… (cut)`;
  const secret = /\bkind: Secret\b/.exec(cut);
  if (!secret) return cut;
  const start = cut.lastIndexOf('apiVersion: ', secret.index);
  return `${cut.slice(0, start >= 0 ? start : secret.index).trimEnd()} (resource contents omitted)`;
}

/** Longer engine messages are cut: one finding is one readable sentence. */
const MAX_MESSAGE = 600;

const require = createRequire(import.meta.url);

/** Features kcfg never enables, and the kustomization field that asked for them. */
const REFUSED_FEATURES: [RegExp, string[]][] = [
  [/--enable-helm|helm/i, ['helmCharts', 'helmGlobals', 'helmChartInflationGenerator']],
  [/--enable-(alpha-plugins|exec)|plugin|exec/i, ['generators', 'transformers', 'validators']],
];

function findSource(text: string, ctx: FailureContext): SourceLocation | undefined {
  for (const [re, fields] of REFUSED_FEATURES) {
    if (!re.test(text)) continue;
    for (const k of ctx.kustomizations.values()) {
      for (const field of fields) {
        if (k.data[field] === undefined) continue;
        const at = keyPosition(k, field);
        if (at) return at;
      }
    }
  }
  // YAML errors from Kustomize name a line but not the file: find the closure file that fails to parse.
  if (/yaml: |mapping key|did not find expected|could not find expected/.test(text)) {
    const bad = firstYamlProblem(ctx);
    if (bad) return bad;
  }
  const quoted = [...text.matchAll(/(?:^|[\s(])'([^']+)'/g)].map((m) => m[1]);
  // An entry a kustomization names (a missing resource, a patch path): point at that line.
  for (const q of quoted) {
    for (const k of ctx.kustomizations.values()) {
      // Kustomize names generator and patch files by repository path; the kustomization lists them by its own.
      const own = k.dir !== '.' && q.startsWith(`${k.dir}/`) ? q.slice(k.dir.length + 1) : undefined;
      const at = locateEntry(k, q) ?? (own ? locateEntry(k, own) : undefined);
      if (at) return at;
    }
  }
  const field = /unknown field "([^"]+)"/.exec(text)?.[1];
  for (const q of quoted) {
    const k = ctx.kustomizations.get(q);
    if (k) return (field && keyPosition(k, field)) || { file: k.file, line: 1, column: 1 };
  }
  for (const k of ctx.kustomizations.values()) if (text.includes(k.file)) return { file: k.file, line: 1, column: 1 };
  return ctx.overlay ? { file: ctx.overlay.file, line: 1, column: 1 } : undefined;
}

function keyPosition(k: Kustomization, key: string): SourceLocation | undefined {
  const m = new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\t ]*:`, 'm').exec(k.text);
  return m ? { file: k.file, line: k.text.slice(0, m.index).split('\n').length, column: 1 } : undefined;
}

function firstYamlProblem(ctx: FailureContext): SourceLocation | undefined {
  const { parseAllDocuments, LineCounter } = require('yaml') as typeof import('yaml');
  for (const file of ctx.files) {
    if (!/\.(ya?ml)$|(^|\/)Kustomization$/.test(file)) continue;
    let text: string;
    try {
      text = readFileSync(absolute(ctx.root, file), 'utf8');
    } catch {
      continue;
    }
    const lines = new LineCounter();
    const docs = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
    const list = Array.isArray(docs) ? docs : [];
    for (const d of list) {
      const err = d.errors[0];
      if (err) {
        const pos = lines.linePos(err.pos[0]);
        return { file, line: pos.line, column: pos.col };
      }
    }
  }
  return undefined;
}
