// Documentation links every user can open: kcfg's docs at the version that produced the report, never a path
// that exists only in kcfg's own repository (a consumer's repository has no docs/policies/).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../core/package-root.js';

interface PackageJson {
  version?: string;
  repository?: string | { url?: string };
  homepage?: string;
}

/**
 * The base URL documentation paths (`docs/policies/x.md`) are joined to: KCFG_DOCS_URL, else kcfg.yaml's
 * `docsUrl`, else the package's repository (or homepage) at the tag of the installed version.
 */
export function docsBase(configured: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const given = env['KCFG_DOCS_URL'] || configured;
  if (given) return given.replace(/\/+$/, '');
  let pkg: PackageJson;
  try {
    pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as PackageJson;
  } catch {
    return undefined;
  }
  const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  const web = repo ? repositoryWebUrl(repo) : pkg.homepage?.replace(/#.*$/, '').replace(/\/+$/, '');
  if (!web) return undefined;
  return /^https:\/\/(github\.com|gitlab\.com)\//.test(web) ? `${web}/blob/v${pkg.version ?? '0.0.0'}` : web;
}

/** `git+https://github.com/o/r.git`, `git@github.com:o/r.git`, `github:o/r` → `https://github.com/o/r`. */
function repositoryWebUrl(url: string): string | undefined {
  const short = /^(github|gitlab):([^/]+\/[^/]+)$/.exec(url);
  if (short) return `https://${short[1]}.com/${short[2].replace(/\.git$/, '')}`;
  const ssh = /^git@([^:]+):(.+?)(\.git)?$/.exec(url);
  if (ssh) return `https://${ssh[1]}/${ssh[2]}`;
  const m = /^(?:git\+)?(https?:\/\/.+?)(\.git)?\/?$/.exec(url);
  return m?.[1];
}

/** A documentation path as a link: absolute URLs stay, package paths join the base. */
export function docsLink(path: string | undefined, base: string | undefined): string | undefined {
  if (!path) return undefined;
  if (/^[a-z]+:\/\//i.test(path)) return path;
  return base ? `${base}/${path}` : path;
}
