// Temporary directory trees for workspace, config and render tests.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface Tree {
  root: string;
  write(rel: string, text: string): void;
  remove(): void;
}

export function makeTree(files: Record<string, string>): Tree {
  const root = mkdtempSync(join(tmpdir(), 'kcfg-test-'));
  const write = (rel: string, text: string): void => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  for (const [rel, text] of Object.entries(files)) write(rel, text);
  return { root, write, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export const CONFIGMAP = (name: string): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  key: value\n`;
