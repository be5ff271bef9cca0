// The display stream: resources re-serialised after build annotations were stripped and Secrets redacted, in
// Kustomize's layout, and `render --out` files written from it.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsYaml from 'js-yaml';
import type { RenderedEnvironment } from '../core/rendered.js';
import type { Resource, SourceDocument } from '../core/resource.js';
import { writeFileAtomic } from '../core/fs.js';

export const RENDER_FAILED = 'render/failed' as const;

// Strings that a YAML 1.1 reader (kubectl, Go yaml.v2) would take for something else must stay quoted.
const YAML11_SCALAR = new jsYaml.Type('tag:kcfg,2024:yaml11-scalar', {
  kind: 'scalar',
  resolve: (s: string | null) =>
    s !== null &&
    /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?0[0-7_]+|[-+]?0b[01_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|[-+]?[0-9][0-9_]*_[0-9_]*(?:\.[0-9_]*)?|=)$/.test(
      s,
    ),
  construct: (s: string) => s,
});
const DUMP_SCHEMA = jsYaml.DEFAULT_SCHEMA.extend({ implicit: [YAML11_SCALAR] });

export function dumpResource(resource: Pick<Resource, 'object'>): string {
  return jsYaml.dump(resource.object, {
    schema: DUMP_SCHEMA,
    lineWidth: -1,
    noRefs: true,
    noArrayIndent: true,
    quotingType: '"',
  });
}

const SEPARATOR = '---\n';

/** Serialise `resources` as one stream, one document each; `starts[i]` is the offset of document `i`. */
export function displayStreamText(resources: readonly Pick<Resource, 'object'>[]): {
  output: string;
  starts: number[];
} {
  const starts: number[] = [];
  let output = '';
  resources.forEach((r, i) => {
    if (i > 0) output += SEPARATOR;
    starts.push(output.length);
    output += dumpResource(r);
  });
  return { output, starts };
}

/** The documents of a stream made by `displayStreamText`, without searching it for separators. */
export function streamDocuments(output: string, starts: readonly number[], file: string): SourceDocument[] {
  const docs: SourceDocument[] = [];
  let line = 1;
  let counted = 0;
  starts.forEach((start, index) => {
    for (let nl = output.indexOf('\n', counted); nl >= 0 && nl < start; nl = output.indexOf('\n', nl + 1)) line++;
    counted = start;
    const end = index + 1 < starts.length ? starts[index + 1] - SEPARATOR.length : output.length;
    docs.push({ file, text: output, start, end, line, index });
  });
  return docs;
}

/**
 * One `<name>.yaml` per environment in `outDir`, each written atomically. With `check`, nothing is written:
 * files whose content differs (or that are missing) are returned as stale.
 */
export function writeRenderOutput(
  rendered: readonly RenderedEnvironment[],
  outDir: string,
  opts: { check: boolean },
): { written: string[]; stale: string[] } {
  const written: string[] = [];
  const stale: string[] = [];
  for (const r of rendered) {
    // A failed render has no output; keep whatever the last good render wrote.
    if (r.findings.some((f) => f.code === RENDER_FAILED)) continue;
    const file = join(outDir, `${fileName(r.env.name)}.yaml`);
    const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (current === r.output) continue;
    if (opts.check) {
      stale.push(file);
      continue;
    }
    writeFileAtomic(file, r.output);
    written.push(file);
  }
  return { written, stale };
}

/** Ad-hoc environments are named after their directory; keep the output flat. */
function fileName(env: string): string {
  return env === '.' ? 'root' : env.replace(/[\\/]+/g, '_');
}
