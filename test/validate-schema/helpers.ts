import { buildResources } from '../../scripts/resources/build.js';
import { parseStream } from '../../scripts/resources/parse.js';
import type { Resource } from '../../scripts/core/resource.js';

export function resources(yamlText: string): Resource[] {
  const parsed = parseStream(yamlText, 'test.yaml');
  if (parsed.findings.length > 0) throw new Error(parsed.findings.map((f) => f.message).join('\n'));
  const built = buildResources(parsed.documents, 'test');
  if (built.findings.length > 0) throw new Error(built.findings.map((f) => f.message).join('\n'));
  return built.resources;
}

export function one(yamlText: string): Resource {
  const [r] = resources(yamlText);
  return r!;
}

export const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels:
    app.kubernetes.io/name: web
  creationTimestamp: null
spec:
  replicas: 2
  selector:
    matchLabels:
      app.kubernetes.io/name: web
  strategy:
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 1
  template:
    metadata:
      labels:
        app.kubernetes.io/name: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 8080
              name: http
          resources:
            requests:
              cpu: 100m
              memory: 64Mi
            limits:
              cpu: 1
`;
