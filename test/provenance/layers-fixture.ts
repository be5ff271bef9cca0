// Two overlays stacked on a base: the outer one must win, targets match as Kustomize matches them, and
// replacements, deletions and wholesale replacements point where the value is really decided.

export const LAYERED: Record<string, string> = {
  'base/kustomization.yaml': `resources:
  - app.yaml
  - list.yaml
configMapGenerator:
  - name: files
    files:
      - app.properties
      - custom=extra.conf
    options:
      labels:
        generated: "yes"
generatorOptions:
  annotations:
    note: from-generator
`,
  'base/app.properties': 'color=blue\n',
  'base/extra.conf': 'x=1\n',
  'base/app.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    tier: frontend
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      securityContext:
        runAsUser: 1000
        fsGroup: 2000
      containers:
        - name: web
          image: nginx:1.25
          args: ["--verbose"]
          env:
            - name: SVC
              value: placeholder
          livenessProbe:
            tcpSocket:
              port: 80
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
  'base/list.yaml': `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ServiceAccount
    metadata:
      name: web
  - apiVersion: v1
    kind: ServiceAccount
    metadata:
      name: batch
    automountServiceAccountToken: false
`,
  'mid/kustomization.yaml': `resources:
  - ../base
nameSuffix: -v2
commonLabels:
  tier: frontend
replicas:
  - name: web
    count: 2
images:
  - name: nginx
    newName: registry.local/nginx
patchesJson6902:
  - target:
      group: apps
      version: v1
      kind: Deployment
      name: web
    path: ops.yaml
patches:
  - target:
      kind: Deployment
      name: web-v2
    patch: |-
      - op: add
        path: /spec/minReadySeconds
        value: 7
`,
  'mid/ops.yaml': `- op: remove
  path: /spec/template/spec/containers/0/args
- op: add
  path: /spec/template/spec/containers/0/imagePullPolicy
  value: Always
`,
  'top/kustomization.yaml': `resources:
  - ../mid
replicas:
  - name: web
    count: 4
images:
  - name: registry.local/nginx
    digest: sha256:0000000000000000000000000000000000000000000000000000000000000001
labels:
  - pairs:
      env: top
    includeSelectors: true
patches:
  - target:
      kind: Deployment
      labelSelector: tier=frontend
    patch: |-
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: any
      spec:
        template:
          spec:
            securityContext:
              $patch: replace
              runAsNonRoot: true
            containers:
              - name: web
                livenessProbe: null
replacements:
  - source:
      kind: Service
      name: web
      fieldPath: metadata.name
    targets:
      - select:
          kind: Deployment
        fieldPaths:
          - spec.template.spec.containers.[name=web].env.[name=SVC].value
`,
};
