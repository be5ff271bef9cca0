// Codes about the policy set-up itself (exemptions, the baseline) and environment parity.

import { define } from './define.js';

export const GOVERNANCE_CODES = {
  'policy/invalid-exemption': define<{ annotation: string; problem: string; advice: string }>({
    severity: 'error',
    title: 'Invalid exemption',
    why: 'An exemption annotation that names an unknown policy or container, or has no reason, exempts nothing: the finding it was meant for still fails, or a typo hides a real exemption.',
    fix: 'Write `kcfg.dev/exempt.<policy>: "<reason>"` (or `"containers=<a>,<b>; reason=<reason>"`) with a policy id `kcfg policies` lists.',
    message: (a) => `exemption ${a.annotation} ${a.problem}`,
    hint: (a) => a.advice,
  }),
  'policy/exemption-forbidden': define<{ policy: string; env: string; via: 'annotation' | 'baseline' }>({
    severity: 'error',
    title: 'Exemption of a policy that forbids them',
    why: 'Some policies may not be exempted (policies/config.yaml sets `exemptions: forbidden`, or the policy mirrors what the cluster enforces); an exemption for one suppresses nothing and hides the fact that the finding still fails.',
    fix: 'Fix the finding and remove the exemption annotation or baseline entry.',
    message: (a) =>
      `${a.via === 'annotation' ? 'exemption annotation' : 'baseline entry'} for ${a.policy} suppresses nothing: exemptions of ${a.policy} are forbidden in ${a.env}`,
    hint: (a) => `fix the ${a.policy} findings and remove the ${a.via === 'annotation' ? 'annotation' : 'entry'}`,
  }),
  'policy/baseline-stale': define<{ policy: string; resource: string; container?: string; expired?: string }>({
    severity: 'info',
    title: 'Stale baseline entry',
    why: 'A baseline entry that matches no finding is left over from a fix; removed, it cannot hide a new finding later.',
    fix: 'Remove the entry from policies/baseline.yaml.',
    message: (a) =>
      `baseline entry for ${a.policy} on ${a.resource}${a.container ? ` (container ${a.container})` : ''} matches no finding${a.expired ? ` (and expired on ${a.expired})` : ''}`,
    hint: () => 'remove the entry from the baseline',
  }),
  'policy/baseline-expired': define<{ policy: string; resource: string; container?: string; expired: string }>({
    severity: 'warning',
    title: 'Expired baseline entry',
    why: 'Baseline entries accept known findings for a limited time; once expired, the findings count again.',
    fix: 'Fix the findings, or extend the expiry date with a reason.',
    message: (a) =>
      `baseline entry for ${a.policy} on ${a.resource}${a.container ? ` (container ${a.container})` : ''} expired on ${a.expired}; its findings count again`,
    hint: () => 'fix the findings, or extend the expiry date with a reason',
  }),
  'diff/parity': define<{
    /** `only-in`: the resource exists in one environment; `differs`: a field differs. */
    issue: 'only-in' | 'differs';
    env: string;
    other: string;
    resource?: string;
    change?: string;
    allow?: string;
    file: string;
  }>({
    severity: 'error',
    title: 'Environments differ',
    why: 'Staging exists to prove what production will run; a difference policies/parity.yaml does not allow means production runs something staging never tried.',
    fix: 'Make the environments agree, or allow the difference (with a reason) in policies/parity.yaml.',
    message: (a) =>
      a.issue === 'only-in'
        ? `${a.resource} exists in ${a.env} but not in ${a.other}`
        : `${a.env} differs from ${a.other}: ${a.change}`,
    hint: (a) =>
      a.issue === 'only-in'
        ? `list it under onlyIn in ${a.file} if only ${a.env} should have it`
        : `make the environments agree, or allow ${a.allow} in ${a.file}`,
  }),
};
