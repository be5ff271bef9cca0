// Content-addressed cache of an environment's validation and policy findings. The key covers everything the
// findings depend on: the rendered output and origins, the source files of the closure, the policy
// configuration, baseline and rules, the target version, today's date (baselines expire) and the kcfg build.
// A hit skips schema compilation, CEL and every policy; locations are still computed fresh from the files.

import { userCrdFiles } from '../validate/crd-files.js';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config/types.js';
import { writeFileAtomic } from '../core/fs.js';
import { seal, unseal } from '../core/machine-key.js';
import type { RenderedEnvironment } from '../core/rendered.js';
import type { Finding, Resource } from '../core/resource.js';

// 2: findings may carry a position inside their string (within).
const FORMAT = 'kcfg-check-2';

/** Changes whenever kcfg is rebuilt or upgraded, so results of older code are never reused. */
const BUILD_STAMP = (() => {
  try {
    return String(statSync(fileURLToPath(import.meta.url)).mtimeMs);
  } catch {
    return 'unknown';
  }
})();

type StoredFinding = Omit<Finding, 'subject'> & { subject?: number };

export interface CachedCheck {
  findings: Finding[];
  suppressed: number;
  skippedRules: string[];
}

interface Stored {
  findings: StoredFinding[];
  suppressed: number;
  skippedRules: string[];
}

const crdGlobs = new WeakMap<Config, string[]>();

/** kcfg.yaml `schemas.crds` expanded once per run, not once per environment. */
function crdFilesOf(config: Config): string[] {
  if (config.schemas.crds.length === 0) return [];
  let files = crdGlobs.get(config);
  if (!files) crdGlobs.set(config, (files = userCrdFiles(config.root, config.schemas.crds)));
  return files;
}

export function checkCacheKey(config: Config, r: RenderedEnvironment, stages: string, today: string): string {
  const h = createHash('sha256');
  const add = (s: string | Buffer): void => {
    h.update(s).update('\u0000');
  };
  add(FORMAT);
  add(BUILD_STAMP);
  add(stages);
  add(today);
  add(JSON.stringify([r.env, config.schemas.allowUnknownKinds, config.schemas.crds]));
  add(r.output);
  add(JSON.stringify(r.resources.map((x) => x.origin ?? null)));
  const crdFiles = crdFilesOf(config);
  for (const f of [...r.closure, ...siblingYaml(config.root, r.closure), ...policyFiles(config.root), ...crdFiles]) {
    add(f);
    add(readOrEmpty(join(config.root, f)));
  }
  return h.digest('hex');
}

export function readCheckCache(config: Config, key: string, resources: readonly Resource[]): CachedCheck | undefined {
  const file = cacheFile(config, key);
  if (!existsSync(file)) return undefined;
  // Sealed: a flipped bit would otherwise move a finding to another file, or drop it.
  const text = unseal(file);
  if (text === undefined) return undefined;
  try {
    const stored = JSON.parse(text) as Stored;
    const findings = stored.findings.map(({ subject, ...rest }) => {
      if (subject === undefined) return rest;
      const resource = resources[subject];
      if (!resource) throw new Error('stale entry');
      return { ...rest, subject: resource };
    });
    return { findings, suppressed: stored.suppressed, skippedRules: stored.skippedRules };
  } catch {
    return undefined;
  }
}

export function writeCheckCache(config: Config, key: string, resources: readonly Resource[], value: CachedCheck): void {
  const index = new Map(resources.map((r, i) => [r, i]));
  const stored: Stored = {
    findings: value.findings.map(({ subject, ...rest }) =>
      subject && index.has(subject) ? { ...rest, subject: index.get(subject)! } : rest,
    ),
    suppressed: value.suppressed,
    skippedRules: value.skippedRules,
  };
  try {
    writeFileAtomic(cacheFile(config, key), seal(JSON.stringify(stored)));
  } catch {
    // A read-only or full cache directory only costs speed.
  }
}

function cacheFile(config: Config, key: string): string {
  return join(config.cacheDir, 'check', `${key}.json`);
}

/** YAML files beside the build's files that the build does not use: the source-secret scan reads them. */
function siblingYaml(root: string, closure: readonly string[]): string[] {
  const inBuild = new Set(closure);
  const out: string[] = [];
  for (const dir of new Set(closure.map((f) => (f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '.')))) {
    let names: string[];
    try {
      names = readdirSync(join(root, dir));
    } catch {
      continue;
    }
    for (const n of names.sort()) {
      const file = dir === '.' ? n : `${dir}/${n}`;
      if (/\.ya?ml$/.test(n) && !inBuild.has(file)) out.push(file);
    }
  }
  return out;
}

/** Files of policies/ that change findings: configuration, baseline, declarative rules. */
function policyFiles(root: string): string[] {
  const out = ['policies/config.yaml', 'policies/baseline.yaml'];
  const rules = join(root, 'policies', 'rules');
  if (existsSync(rules)) for (const f of readdirSync(rules).sort()) out.push(`policies/rules/${f}`);
  return out;
}

function readOrEmpty(path: string): Buffer | string {
  try {
    return readFileSync(path);
  } catch {
    return '';
  }
}
