// Codes about the files themselves: YAML that cannot be read safely, inputs kcfg refuses, documents that are
// not Kubernetes objects, kustomization files, and environments that did not render.

import { define } from './define.js';

const refused = (a: { path?: string; detail: string }, code: string): string =>
  a.path !== undefined ? `${a.path} ${a.detail}; kcfg did not read it (${code})` : `file ${a.detail}`;

export const FILE_CODES = {
  'yaml/syntax': define<{ detail: string }>({
    severity: 'error',
    title: 'YAML syntax error',
    why: 'Kustomize and kubectl cannot parse the file, so nothing in it is applied.',
    fix: 'Fix the YAML at the reported line (indentation, an unclosed quote or bracket, a tab).',
    message: (a) => a.detail,
  }),
  'yaml/duplicate-key': define<{ key?: string; detail?: string }>({
    severity: 'error',
    title: 'Duplicate mapping key',
    why: 'YAML keeps only one of the values of a repeated key, and which one depends on the reader: the setting that wins is not the one a reviewer sees.',
    fix: 'Remove or merge the duplicate key.',
    message: (a) =>
      a.detail ??
      (a.key !== undefined
        ? `mapping key ${JSON.stringify(a.key)} appears more than once`
        : 'a mapping key appears more than once'),
    hint: (a) =>
      a.detail === undefined ? 'YAML keeps only one of the values; remove or merge the duplicate' : undefined,
  }),
  'yaml/alias-bomb': define<{ detail: string }>({
    severity: 'error',
    title: 'Alias expansion refused',
    why: 'A few lines of YAML aliases can expand to gigabytes (the "billion laughs" attack); kcfg refuses to expand them rather than exhaust memory.',
    fix: 'Write the values out instead of nesting aliases.',
    message: (a) => a.detail,
  }),
  'yaml/yaml11-value': define<{ text: string; read: string }>({
    severity: 'error',
    title: 'Value that YAML 1.1 reads as another type',
    why: 'kubectl decodes manifests with a YAML 1.1 reader: an unquoted yes, no, on, off, y or n is a boolean there, and 1:30 or 0755 a number. kcfg and most YAML 1.2 tools read them as strings, so a plain manifest applied with kubectl apply -f passes review and the API server refuses it because the field wants a string. (Kustomize quotes such strings when it writes its output, so an environment rendered by kubectl apply -k is safe from the booleans; values it turns into numbers are reported as schema/type.)',
    fix: 'Quote the value ("yes", "0755") so every YAML version reads the string you meant.',
    message: (a) =>
      `${a.text} is a string to YAML 1.2, but kubectl's YAML 1.1 reader sends ${a.read}, which this field refuses`,
    hint: (a) => `quote it: "${a.text}"`,
  }),
  'yaml/too-deep': define<{ detail: string }>({
    severity: 'error',
    title: 'Nesting too deep',
    why: 'A document nested hundreds of levels deep is an attack on the parser, not a Kubernetes object; kcfg does not check it.',
    fix: 'Flatten the structure; no Kubernetes object needs this depth.',
    message: (a) => a.detail,
    hint: () => 'flatten the structure; no Kubernetes object needs this depth',
  }),
  'input/outside-root': define<{ path: string; real: string }>({
    severity: 'error',
    title: 'Input outside the repository',
    why: 'A kustomization (or a symbolic link) that reaches outside the repository could make kcfg read any file of the machine it runs on, such as a CI runner’s credentials.',
    fix: 'Refer only to files inside the repository; a symbolic link may point only within it.',
    message: (a) =>
      refused({ path: a.path, detail: `resolves to ${a.real}, outside the repository root` }, 'input/outside-root'),
    hint: () => 'refer only to files inside the repository; a symbolic link may point only within it',
  }),
  'input/not-a-file': define<{ path: string }>({
    severity: 'error',
    title: 'Input is not a regular file',
    why: 'Reading a device, socket or pipe can block forever or return endless data.',
    fix: 'Refer only to regular files.',
    message: (a) =>
      refused({ path: a.path, detail: 'is not a regular file (a device, socket or pipe)' }, 'input/not-a-file'),
    hint: () => 'refer only to regular files',
  }),
  'input/too-large': define<{ path?: string; sizeMiB: string; limitMiB: number }>({
    severity: 'error',
    title: 'Input too large',
    why: 'A file above the size limit is refused before it is parsed, so one huge input cannot exhaust the memory of a shared CI runner.',
    fix: 'Split the file, or raise the limit with KCFG_MAX_FILE_MB.',
    message: (a) =>
      refused({ path: a.path, detail: `is ${a.sizeMiB} MiB, above the ${a.limitMiB} MiB limit` }, 'input/too-large'),
    hint: () => 'split the file, or raise the limit with KCFG_MAX_FILE_MB',
  }),
  'input/invalid-utf8': define<Record<string, never>>({
    severity: 'error',
    title: 'Not UTF-8',
    why: 'Kustomize and the API server read manifests as UTF-8; other bytes are mangled or rejected.',
    fix: 'Save the file as UTF-8; binary content belongs in a ConfigMap binaryData or Secret data field, base64-encoded.',
    message: () => 'the file is not valid UTF-8, so neither Kustomize nor the API server can read it',
    hint: () =>
      'save the file as UTF-8; binary content belongs in a ConfigMap binaryData or Secret data field, base64-encoded',
  }),
  'render/failed': define<{ detail: string; advice?: string }>({
    severity: 'error',
    title: 'Environment did not render',
    fixedSeverity: true,
    why: 'Kustomize could not build the environment, so `kubectl apply -k` fails and nothing in it was checked (kcfg exits 2).',
    fix: 'Fix the kustomization entry or file the message names; run `kubectl kustomize <dir>` to see the engine’s own output.',
    message: (a) => a.detail,
    hint: (a) => a.advice,
  }),
  'resource/malformed': define<{ problem: string }>({
    severity: 'error',
    title: 'Not a Kubernetes object',
    why: 'A document without apiVersion, kind or metadata.name cannot be applied.',
    fix: 'Give the document apiVersion, kind and metadata.name, or remove it.',
    message: (a) => a.problem,
  }),
  'resource/duplicate': define<{ resource: string; where: string; line: number }>({
    severity: 'error',
    title: 'Object defined twice',
    why: 'Two objects with the same identity overwrite each other on apply: only the last one survives.',
    fix: 'Remove one, or give them different names or namespaces.',
    message: (a) => `${a.resource} is defined more than once (first in ${a.where}, line ${a.line})`,
    hint: () => 'remove one, or give them different names or namespaces',
  }),
  'kustomization/schema': define<{ detail: string }>({
    severity: 'error',
    title: 'Invalid kustomization field',
    why: 'Kustomize rejects a kustomization with an unknown or mistyped field, and every environment built from it fails.',
    fix: 'Correct the field name or value (the SchemaStore kustomization schema lists them).',
    message: (a) => a.detail,
  }),
  'kustomization/patch-matches-nothing': define<{ entry: string; selector: string; near?: string }>({
    severity: 'error',
    title: 'Patch or replacement target matches nothing',
    why: 'Kustomize skips a patch, or a replacement target, whose selector matches no resource without a word: the build succeeds and the change its author meant never ships. It happens after a rename, a typo, or a namePrefix/nameSuffix changed in a lower layer (selectors match the names as their own layer sees them).',
    fix: 'Correct the selector (kind, name, namespace, labels) so it matches the resource as this kustomization sees it, or remove the entry.',
    message: (a) => `${a.entry} ${a.selector} selects no resource; it changes nothing`,
    hint: (a) => (a.near ? `did you mean ${a.near}?` : 'check the kind, name and namespace as this layer sees them'),
  }),
  'kustomization/image-matches-nothing': define<{ image: string }>({
    severity: 'warning',
    title: 'Image entry matches no container',
    why: 'An images entry whose name no container uses changes nothing, silently: the tag or digest it sets never ships.',
    fix: 'Use the image name exactly as the containers write it (registry and repository, without tag), or remove the entry.',
    message: (a) => `images entry ${a.image} matches no image in the render; it changes nothing`,
    hint: () => 'write the name as the containers do, registry included',
  }),
  'kustomization/entry-changes-nothing': define<{ entry: string }>({
    severity: 'warning',
    title: 'Kustomization entry changes nothing',
    why: 'A patch, images or replicas entry whose every value is already what the resources have leaves the build exactly as it would be without it (Kustomize does not say so). It is dead configuration at best; at worst the change it was written for was made somewhere else, or was meant for another field or resource.',
    fix: 'Remove the entry, or correct it so it sets the value this environment needs (check the field path and the resource it targets).',
    message: (a) => `${a.entry} changes nothing: every value it sets is already there`,
    hint: () => 'remove it, or make it set what this environment needs',
  }),
  'kustomization/deprecated-field': define<{ field: string; modern: string; advice: string }>({
    severity: 'warning',
    title: 'Deprecated kustomization field',
    why: 'Kustomize still reads the field but warns on every build and drops it in a future version; `kustomize edit fix` rewrites most of them.',
    fix: 'Move the entries to the field the message names.',
    message: (a) => `${a.field} is deprecated; use ${a.modern}`,
    hint: (a) => a.advice,
  }),
};
