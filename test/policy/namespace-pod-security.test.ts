import policy from '../../policies/namespace-pod-security.js';
import { policyTable } from './inline.js';

const ns = (labels: Record<string, string>) =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n${
    Object.keys(labels).length
      ? `  labels:\n${Object.entries(labels)
          .map(([k, v]) => `    ${k}: ${v}\n`)
          .join('')}`
      : ''
  }---\n`;
const all = (level: string) => ({
  'pod-security.kubernetes.io/enforce': level,
  'pod-security.kubernetes.io/audit': level,
  'pod-security.kubernetes.io/warn': level,
});

policyTable(
  'namespace-pod-security',
  policy,
  [
    { name: 'restricted everywhere', yaml: ns(all('restricted')) },
    { name: 'baseline allowed by options', yaml: ns(all('baseline')), options: { level: 'baseline' } },
    {
      name: 'only configured modes required',
      yaml: ns({ 'pod-security.kubernetes.io/enforce': 'restricted' }),
      options: { modes: ['enforce'] },
    },
  ],
  [
    {
      name: 'no labels',
      yaml: ns({}),
      findings: [
        'Namespace/shop /metadata/labels',
        'Namespace/shop /metadata/labels',
        'Namespace/shop /metadata/labels',
      ],
      messages: [/no pod-security.kubernetes.io\/enforce label/],
    },
    {
      name: 'baseline when restricted is required',
      yaml: ns(all('baseline')),
      findings: ['enforce', 'audit', 'warn'].map(
        (m) => `Namespace/shop /metadata/labels/pod-security.kubernetes.io~1${m}`,
      ),
      messages: [/is "baseline"; at least "restricted"/],
    },
    {
      name: 'privileged is below baseline',
      yaml: ns({ ...all('baseline'), 'pod-security.kubernetes.io/enforce': 'privileged' }),
      options: { level: 'baseline' },
      findings: ['Namespace/shop /metadata/labels/pod-security.kubernetes.io~1enforce'],
    },
    {
      name: 'unknown level',
      yaml: ns({ ...all('restricted'), 'pod-security.kubernetes.io/warn': 'strict' }),
      findings: ['Namespace/shop /metadata/labels/pod-security.kubernetes.io~1warn'],
    },
  ],
);
