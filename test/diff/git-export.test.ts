import { describe, expect, it } from 'vitest';
import { rootOnlyFilter, type TreeEntry } from '../../scripts/diff/git-export.js';

const entry = (path: string): TreeEntry => ({ mode: '100644', sha: '0'.repeat(40), path });

describe('rootOnlyFilter', () => {
  it('keeps the configuration and every file under a kustomization directory, nothing else', () => {
    const all = [
      'kcfg.yaml',
      'README.md',
      'schemas/big.json',
      'base/kustomization.yaml',
      'base/config/app.env',
      'overlays/prod/Kustomization',
      'overlays/prod/patch.yaml',
      'overlays/notes.md',
      'docs/base/kustomization.md',
    ].map(entry);
    const keep = all.filter(rootOnlyFilter(all, ['kcfg.yaml'])).map((e) => e.path);
    expect(keep).toEqual([
      'kcfg.yaml',
      'base/kustomization.yaml',
      'base/config/app.env',
      'overlays/prod/Kustomization',
      'overlays/prod/patch.yaml',
    ]);
  });

  it('keeps everything when the repository root is itself a kustomization', () => {
    const all = ['kustomization.yaml', 'docs/x.md', 'a/b.yaml'].map(entry);
    expect(all.filter(rootOnlyFilter(all, []))).toHaveLength(3);
  });
});
