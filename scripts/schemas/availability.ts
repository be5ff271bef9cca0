// Which Kubernetes releases serve each group/version/kind: a group-version file that disappears in a later
// release is a removed API, and a kind missing from a release's file is not served there.

import { apiVersionOf, compareVersions, listReleases, readRelease, servedKinds } from './kubernetes.js';
import { KUBERNETES_PIN } from './pins.js';

export interface ApiAvailability {
  'x-kcfg-source': { upstream: string; pin: string; path: string };
  /** Releases the table covers, oldest first. */
  releases: string[];
  /** `<apiVersion>/<Kind>` → first and last release (inclusive) that serves it. */
  kinds: Record<string, { first: string; last: string }>;
}

export function buildApiAvailability(upstreamDir: string, from = '1.23', to = '1.35'): ApiAvailability {
  const releases = listReleases(upstreamDir).filter((r) => compareVersions(r, from) >= 0 && compareVersions(r, to) <= 0);
  const kinds: Record<string, { first: string; last: string }> = {};
  for (const release of releases) {
    for (const gv of readRelease(upstreamDir, release)) {
      for (const { kind } of servedKinds(gv)) {
        if (kind.endsWith('List')) continue;
        const key = `${apiVersionOf(gv.group, gv.version)}/${kind}`;
        const seen = kinds[key];
        if (seen) seen.last = release;
        else kinds[key] = { first: release, last: release };
      }
    }
  }
  return {
    'x-kcfg-source': { ...KUBERNETES_PIN, pin: KUBERNETES_PIN.pin.replace('<version>', `{${from}..${to}}`), path: `kubernetes/${from}..${to}` },
    releases,
    kinds,
  };
}
