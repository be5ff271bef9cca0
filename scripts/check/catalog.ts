// Every finding code kcfg can emit, described: the registry's codes (scripts/codes) and one `policy/<id>` per
// built-in policy. `kcfg codes` lists it; reporters that describe rules (SARIF, HTML) receive it.

import { codeInfo, CODES, type CodeId, type CodeInfo } from '../codes/index.js';

export type { CodeInfo };

export async function loadCatalog(): Promise<Map<string, CodeInfo>> {
  const { POLICY_LIST } = await import('../../policies/index.js');
  const out = new Map<string, CodeInfo>();
  for (const code of Object.keys(CODES) as CodeId[]) out.set(code, codeInfo(code));
  for (const p of POLICY_LIST) {
    out.set(`policy/${p.meta.id}`, {
      id: `policy/${p.meta.id}`,
      title: p.meta.title,
      defaultSeverity: p.meta.defaultSeverity,
      description: p.meta.rationale,
      remediation: p.meta.remediation,
      docs: p.meta.docs,
    });
  }
  return out;
}
