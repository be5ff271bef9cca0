// Over Kustomize's own test corpus (expected build outputs and kustomization files): the checks never
// throw, and API-server semantics flag only the cases that really break them. Skipped without the corpus.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildResources } from '../../scripts/resources/build.js';
import { parseStream } from '../../scripts/resources/parse.js';
import { checkFormats, validateKustomizationFiles } from '../../scripts/validate/index.js';
import { checkAllSemantics } from '../../scripts/validate/semantic/index.js';

const corpus = process.env['KCFG_KRUSTY_CORPUS'];
const cases = corpus && existsSync(join(corpus, 'cases')) ? join(corpus, 'cases') : undefined;

describe.skipIf(!cases)('krusty corpus', () => {
  it('semantic checks flag only real API-server violations', () => {
    const flagged = new Set<string>();
    for (const c of readdirSync(cases!)) {
      const file = join(cases!, c, '_expected.yaml');
      if (!existsSync(file)) continue;
      const { documents } = parseStream(readFileSync(file, 'utf8'), c);
      const { resources } = buildResources(documents, c);
      for (const r of resources) checkFormats(r);
      for (const f of checkAllSemantics(resources, { kubernetesVersion: '1.32', complete: true }))
        flagged.add(`${c} ${f.code}`);
    }
    expect([...flagged].sort()).toEqual([
      // Both Deployments have `selector: {}` after the patch; the API server rejects that.
      'basereusenameprefix__TestBaseReuseNameConflict semantic/selector-empty',
      // The patch adds a second, unnamed port.
      'multiplepatch__TestPatchAddNewServicePort semantic/service-ports',
    ]);
  });

  it('kustomization files pass the schema; only deprecations and real duplicate keys are reported', () => {
    const codes = new Set<string>();
    for (const c of readdirSync(cases!)) {
      const files = (readdirSync(join(cases!, c), { recursive: true }) as string[]).filter((f) =>
        /(?:^|\/)(?:kustomization\.ya?ml|Kustomization)$/.test(f),
      );
      for (const f of validateKustomizationFiles(
        cases!,
        files.map((f) => `${c}/${f}`),
      ))
        codes.add(f.code);
    }
    expect([...codes].sort()).toEqual(['kustomization/deprecated-field', 'yaml/duplicate-key']);
  });
});
