import { describe } from 'vitest';
import policy from '../../policies/pods-visible.js';
import { table } from './harness.js';

describe('pods-visible', () => {
  table(policy, {
    valid: [
      {
        name: 'a Deployment',
        yaml: `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  template:\n    spec: { containers: [{ name: app, image: x:1 }] }\n`,
      },
      {
        name: 'an unlisted custom kind with a template at spec.template is read',
        yaml: `apiVersion: example.com/v1\nkind: Worker\nmetadata: { name: w }\nspec:\n  template:\n    spec: { containers: [{ name: app, image: x:1 }] }\n`,
      },
      {
        name: 'a Rollout running the pods of the Deployment it refers to',
        yaml: `apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: { name: r }\nspec:\n  workloadRef: { apiVersion: apps/v1, kind: Deployment, name: web }\n`,
      },
      {
        name: 'a ConfigMap whose data mentions containers',
        yaml: `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata: { containers: "[]" }\n`,
      },
      {
        name: 'a custom resource without containers',
        yaml: `apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: { name: c }\nspec: { secretName: tls }\n`,
      },
    ],
    invalid: [
      {
        name: 'an Argo Workflow runs containers in its templates',
        yaml: `apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: { name: wf }\nspec:\n  templates:\n    - name: main\n      container: { image: alpine:3, command: [sh] }\n`,
        findings: [
          {
            pointer: '/spec/templates/0/container',
            message: 'Workflow wf (argoproj.io/v1alpha1) declares containers at /spec/templates/0/container',
          },
        ],
      },
      {
        name: 'a Tekton Task runs steps',
        yaml: `apiVersion: tekton.dev/v1\nkind: Task\nmetadata: { name: t }\nspec:\n  steps: [{ name: build, image: golang:1.22 }]\n`,
        findings: [{ pointer: '/spec/steps' }],
      },
      {
        name: 'a Rollout with neither a template nor a workloadRef',
        yaml: `apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: { name: r }\nspec: { replicas: 2 }\n`,
        findings: [{ pointer: '/spec/template', message: 'has no pod template at /spec/template' }],
      },
    ],
  });
});
