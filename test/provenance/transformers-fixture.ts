// Builtin transformer configurations listed under `transformers`: a single-document file, a multi-document
// file, an inline string (listed last, yet Kustomize runs it before the files), patch transformers, a
// directory entry that provenance does not follow, and an outer layer overriding the inner configurations.

export const TRANSFORMED: Record<string, string> = {
  'base/kustomization.yaml': `resources:
  - app.yaml
`,
  'base/app.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    tier: frontend
spec:
  replicas: 1
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.25
          env:
            - name: PEER
              value: placeholder
          resources:
            limits:
              memory: 128Mi
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
`,
  'inner/kustomization.yaml': `resources:
  - ../base
namePrefix: in-
configMapGenerator:
  - name: settings
    literals:
      - MODE=standard
replicas:
  - name: web
    count: 2
transformers:
  - replicas.yaml
  - many.yaml
  - patches.yaml
  - extra
  - |-
    apiVersion: builtin
    kind: LabelTransformer
    metadata:
      name: inline-labels
    labels:
      team: payments
    fieldSpecs:
      - path: metadata/labels
        create: true
    ---
    apiVersion: builtin
    kind: NamespaceTransformer
    metadata:
      name: inline-namespace
      namespace: team-a
    ---
    apiVersion: builtin
    kind: PatchTransformer
    metadata:
      name: inline-patch
    target:
      kind: Deployment
    patch: |-
      - op: add
        path: /spec/minReadySeconds
        value: 5
`,
  'inner/replicas.yaml': `apiVersion: builtin
kind: ReplicaCountTransformer
metadata:
  name: scale
replica:
  name: web
  count: 3
fieldSpecs:
  - path: spec/replicas
    create: true
    kind: Deployment
`,
  'inner/many.yaml': `apiVersion: builtin
kind: LabelTransformer
metadata:
  name: labels
labels:
  team: payments
fieldSpecs:
  - path: metadata/labels
    create: true
  - path: spec/template/metadata/labels
    kind: Deployment
    create: true
---
apiVersion: builtin
kind: AnnotationsTransformer
metadata:
  name: annotations
annotations:
  owner: platform
fieldSpecs:
  - path: metadata/annotations
    create: true
---
apiVersion: builtin
kind: ImageTagTransformer
metadata:
  name: images
imageTag:
  name: nginx
  newName: registry.local/nginx
  newTag: "1.27"
---
apiVersion: builtin
kind: PrefixSuffixTransformer
metadata:
  name: affixes
prefix: pay-
fieldSpecs:
  - path: metadata/name
---
apiVersion: builtin
kind: PatchTransformer
metadata:
  name: grace
target:
  kind: Deployment
  name: pay-in-web
patch: |-
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: any
  spec:
    template:
      spec:
        terminationGracePeriodSeconds: 20
---
apiVersion: builtin
kind: PatchTransformer
metadata:
  name: elsewhere
target:
  kind: Deployment
  labelSelector: tier=backend
patch: |-
  - op: replace
    path: /spec/revisionHistoryLimit
    value: 9
`,
  'inner/patches.yaml': `apiVersion: builtin
kind: PatchStrategicMergeTransformer
metadata:
  name: strategic
paths:
  - memory.yaml
patches: |-
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    progressDeadlineSeconds: 120
---
apiVersion: builtin
kind: PatchJson6902Transformer
metadata:
  name: json
target:
  group: apps
  version: v1
  kind: Deployment
  name: web
jsonOp: '[{"op": "add", "path": "/spec/template/spec/hostNetwork", "value": false}]'
---
apiVersion: builtin
kind: ReplacementTransformer
metadata:
  name: peer
replacements:
  - source:
      kind: Service
      fieldPath: metadata.name
    targets:
      - select:
          kind: Deployment
        fieldPaths:
          - spec.template.spec.containers.[name=web].env.[name=PEER].value
`,
  'inner/memory.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          resources:
            limits:
              memory: 256Mi
`,
  'inner/extra/kustomization.yaml': `resources:
  - annotate.yaml
`,
  'inner/extra/annotate.yaml': `apiVersion: builtin
kind: AnnotationsTransformer
metadata:
  name: from-a-directory
annotations:
  reviewed: "yes"
fieldSpecs:
  - path: metadata/annotations
    create: true
`,
  'outer/kustomization.yaml': `resources:
  - ../inner
replicas:
  - name: pay-in-web
    count: 6
images:
  - name: registry.local/nginx
    digest: sha256:0000000000000000000000000000000000000000000000000000000000000002
transformers:
  - outer.yaml
`,
  'outer/outer.yaml': `apiVersion: builtin
kind: LabelTransformer
metadata:
  name: relabel
labels:
  team: checkout
fieldSpecs:
  - path: metadata/labels
    create: true
---
apiVersion: builtin
kind: SuffixTransformer
metadata:
  name: version
suffix: -v2
fieldSpecs:
  - path: metadata/name
`,
};
