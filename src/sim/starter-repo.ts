// The repository free play starts from: one small web app (a Deployment, its Service and a
// ConfigMap), the shape most GitOps tutorials begin with.

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 3
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
          image: web:1.0
          ports:
            - containerPort: 8080
          envFrom:
            - configMapRef:
                name: web-config
          resources:
            requests:
              cpu: 100m
              memory: 64Mi
`;

const service = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: 8080
`;

const config = `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  GREETING: hello
  LOG_LEVEL: info
`;

export const STARTER_FILES: Readonly<Record<string, string>> = {
  'apps/web/deployment.yaml': deployment,
  'apps/web/service.yaml': service,
  'apps/web/configmap.yaml': config,
};
