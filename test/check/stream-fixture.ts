// A plain manifest input of about 1 MB for the streaming tests: several batches, findings everywhere, and
// the questions that need the whole input (duplicates, a CRD after its custom resource, an autoscaler
// before its target) asked across batches.

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size: {type: integer, maximum: 10}
`;

function deployment(name: string, extra = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
spec:
  replicas: 2
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
        - name: app
          image: nginx:1.27${extra}
`;
}

/** About 1 MB: several batches, with findings everywhere and cross-document questions across batches. */
export function input(): string {
  const docs: string[] = [
    'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: big, namespace: shop}\nspec: {size: 99}\n',
    'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: late, namespace: shop}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: late}\n  minReplicas: 0\n  maxReplicas: 3\n',
    'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: none, namespace: shop}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: missing}\n  maxReplicas: 3\n',
  ];
  for (let i = 0; i < 3000; i++) {
    if (i % 3 === 0) docs.push(deployment(`App-${i}`));
    else if (i % 7 === 0) docs.push(deployment(`app-${i}`, '\n          imagePullPolicy: Sometimes'));
    else if (i % 11 === 0)
      docs.push(`apiVersion: v1\nkind: Secret\nmetadata: {name: s-${i}}\ndata:\n  token: not*base64\n`);
    else if (i % 13 === 0) docs.push(`apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: old-${i}}\n`);
    else if (i % 17 === 0) docs.push(`this: is: not: yaml\n`);
    else docs.push(deployment(`app-${i}`));
  }
  docs.push(
    deployment('app-1'),
    deployment('late'),
    CRD,
    `apiVersion: v1\nkind: List\nitems:\n  - ${deployment('app-2').replace(/\n/g, '\n    ').trimEnd()}\n`,
  );
  return docs.join('---\n');
}
