// The 10,000-resource benchmark input: Kustomize's own expected build outputs (the krusty corpus, found
// through KCFG_KRUSTY_CORPUS) cycled until large enough, or this repository's golden renders when the
// corpus is absent.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitDocuments } from '../resources/parse.js';

export interface BenchCorpus {
  text: string;
  documents: number;
  source: string;
}

export function buildCorpus(root: string, target = 10_000, env: NodeJS.ProcessEnv = process.env): BenchCorpus {
  const { docs, source } = seedDocuments(root, env);
  if (docs.length === 0) throw new Error('no seed documents for the benchmark corpus');
  const out: string[] = [];
  // Separate krusty cases reuse names, so every copy gets a unique suffix: one file must hold no duplicates.
  for (let cycle = 0; out.length < target; cycle++) {
    docs.forEach((d, i) => {
      if (out.length < target) out.push(d.replace(/^( {2}name: )(\S+)$/m, `$1$2-${cycle}x${i}`));
    });
  }
  return { text: out.map((d) => (d.endsWith('\n') ? d : d + '\n')).join('---\n'), documents: out.length, source };
}

function seedDocuments(root: string, env: NodeJS.ProcessEnv): { docs: string[]; source: string } {
  const corpus = env['KCFG_KRUSTY_CORPUS'];
  const files: string[] = [];
  let source: string;
  if (corpus && existsSync(join(corpus, 'cases'))) {
    for (const c of readdirSync(join(corpus, 'cases')).sort()) {
      const f = join(corpus, 'cases', c, '_expected.yaml');
      if (existsSync(f)) files.push(f);
    }
    source = 'krusty expected outputs';
  } else {
    for (const f of ['test/golden/staging.yaml', 'test/golden/production.yaml']) files.push(join(root, f));
    source = 'golden renders of this repository (set KCFG_KRUSTY_CORPUS for the krusty corpus)';
  }
  const docs: string[] = [];
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (const d of splitDocuments(text, f)) {
      const body = text.slice(d.start, d.end).replace(/^---[^\n]*\n/, '');
      if (/^kind:/m.test(body) && /^metadata:/m.test(body)) docs.push(body);
    }
  }
  return { docs, source };
}
