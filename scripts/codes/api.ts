// Codes of API versions: deprecated and removed group-versions at the target Kubernetes version.

import { define } from './define.js';

export const API_CODES = {
  'api/crd-version-removed': define<{
    apiVersion: string;
    kind: string;
    project: string;
    pin: string;
    use: readonly string[];
    removedIn?: string;
  }>({
    severity: 'error',
    title: 'Removed operator API version',
    why: 'The operator no longer serves this version of its API: its CRD lists other versions, so `kubectl apply` fails with "no matches for kind" once the operator is upgraded (or already).',
    fix: 'Change apiVersion to a served version and check the field changes in the operator’s upgrade notes.',
    message: (a) =>
      `${a.apiVersion} ${a.kind} is not served by ${a.project} ${a.pin}${a.removedIn ? ` (removed in ${a.removedIn})` : ''}; use ${a.use.join(' or ')}`,
    hint: (a) => `change apiVersion to ${a.use[0]}`,
  }),
  'api/removed': define<{
    apiVersion: string;
    kind: string;
    removedIn: string;
    /** The Kubernetes version checked against; absent for APIs removed before the oldest pinned release. */
    target?: string;
    replacement?: string;
  }>({
    severity: 'error',
    title: 'Removed API version',
    why: 'The target Kubernetes version does not serve this API version: `kubectl apply` fails with "no matches for kind", and the rest of the apply may be left half done.',
    fix: 'Change apiVersion to the replacement the message names and check the field changes between the versions (the Kubernetes deprecation guide lists them).',
    message: (a) =>
      a.target === undefined
        ? `${a.apiVersion} ${a.kind} was removed in Kubernetes ${a.removedIn}; use ${a.replacement}`
        : `${a.apiVersion} ${a.kind} is not served by Kubernetes ${a.target} (removed in ${a.removedIn})${a.replacement ? `; use ${a.replacement}` : '; no replacement API exists'}`,
    hint: (a) =>
      a.target === undefined
        ? `change apiVersion to ${a.replacement} (check the field changes in the Kubernetes deprecation guide)`
        : a.replacement
          ? `change apiVersion to ${a.replacement}`
          : undefined,
  }),
  'api/deprecated': define<{
    apiVersion: string;
    kind: string;
    /** A served, stable replacement that the API server already prefers. */
    preferred?: string;
    removedIn?: string;
    replacement?: string;
  }>({
    severity: 'warning',
    title: 'Deprecated API version',
    why: 'The API version still works at the target Kubernetes version but is removed in a later one; moving before the upgrade avoids a failed deploy on upgrade day.',
    fix: 'Change apiVersion to the replacement the message names.',
    message: (a) =>
      a.preferred !== undefined
        ? `${a.apiVersion} ${a.kind} is deprecated in favour of ${a.preferred}${a.removedIn ? `; it is removed in ${a.removedIn}` : ''}`
        : `${a.apiVersion} ${a.kind} is removed in Kubernetes ${a.removedIn}${a.replacement ? `; use ${a.replacement}` : ''}`,
    hint: (a) =>
      a.preferred !== undefined
        ? `change apiVersion to ${a.preferred}`
        : a.replacement
          ? `change apiVersion to ${a.replacement} before upgrading`
          : undefined,
  }),
};
