/**
 * The app and the API reach their database with no password in plain text: each workload gets the address, the
 * user and a reference to the secret; its own identity may read that secret and no other.
 */
import * as pulumi from "@pulumi/pulumi";
import { Provider } from "@pulumi/kubernetes/provider";
import { CloudSqlPostgres, RdsPostgres, type DatabaseConnection } from "../../../components/database";
import { EksPodIdentity, GkeWorkloadIdentity, KubernetesApp, validateEksPodIdentityArgs, validateKubernetesAppArgs } from "../../../components/kubernetes";
import { AwsFunction, CloudRunService, validateAwsFunctionArgs, validateCloudRunServiceArgs } from "../../../components/serverless";
import { resource, runProgram } from "../../helpers/offline";
import { awsNetwork, gcpNetwork as network } from "../../helpers/fixtures";

const SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1";
const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/k";
const aws: DatabaseConnection = { cloud: "aws", host: "db.example.internal", port: 5432, databaseName: "app", userName: "meridian_admin", passwordSecret: SECRET_ARN, passwordFormat: "rds-managed-json", passwordKmsKeyArn: KEY_ARN };
const gcp: DatabaseConnection = { cloud: "gcp", host: "10.30.0.5", port: 5432, databaseName: "app", userName: "app", passwordSecret: "projects/p-123456/secrets/db-password", passwordFormat: "plain" };
const subnet = { networkId: network.networkId, subnetworkId: network.subnetworkId };
const image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1";

describe("a database connection given to a workload", () => {
  it.each<[string, () => unknown, string]>([
    [
      "a password where the secret reference goes",
      () => validateAwsFunctionArgs("api", { imageUri: image, network: awsNetwork, database: { ...aws, passwordSecret: "hunter2-correct-horse" } }),
      `meridian:serverless:AwsFunction 'api': database.passwordSecret must be a Secrets Manager secret ARN: a reference to the secret, never the password itself; got "<a string that is not a secret reference>".`,
    ],
    [
      "a database of another cloud",
      () => validateCloudRunServiceArgs("api", { region: "us-central1", image: "us-docker.pkg.dev/p/r/api:1", network: subnet, database: aws }),
      `meridian:serverless:CloudRunService 'api': database.cloud must be "gcp": the workload runs on gcp and reads the password from gcp's secret store with its own identity; got "aws".`,
    ],
    [
      "a function outside the database's network",
      () => validateAwsFunctionArgs("api", { imageUri: image, database: aws }),
      `meridian:serverless:AwsFunction 'api': network must be the network whose private subnets the function runs in: the database is private; got undefined.`,
    ],
    [
      "a Cloud Run service with no way into the VPC",
      () => validateCloudRunServiceArgs("api", { region: "us-central1", image: "us-docker.pkg.dev/p/r/api:1", database: gcp }),
      `meridian:serverless:CloudRunService 'api': network must be the network to reach the database's private IP through (Direct VPC egress); got undefined.`,
    ],
    [
      "an app variable the connection sets",
      () => validateKubernetesAppArgs("web", { image: "ghcr.io/acme/web:1.0.0", database: aws, environment: { PGPASSWORD: "x" } }),
      `meridian:kubernetes:KubernetesApp 'web': environment must be names other than PGHOST, PGPORT, PGDATABASE, PGUSER, PGSSLMODE, PGPASSWORD, DB_PASSWORD_SECRET, DB_AUTH_FORMAT (database sets those); got "PGPASSWORD".`,
    ],
    [
      "a GKE app with no identity to read the secret as",
      () => validateKubernetesAppArgs("web", { image: "ghcr.io/acme/web:1.0.0", database: gcp }),
      `meridian:kubernetes:KubernetesApp 'web': workloadIdentity must be the Google service account the pods read the password as (GkeWorkloadIdentity.email), with a database on gcp; got undefined.`,
    ],
    [
      "an app whose identity and database are on different clouds",
      () => validateKubernetesAppArgs("web", { image: "ghcr.io/acme/web:1.0.0", database: aws, workloadIdentity: { cloud: "gcp", serviceAccountEmail: "a@p.iam.gserviceaccount.com" } }),
      `meridian:kubernetes:KubernetesApp 'web': database.cloud must be "gcp": the workload runs on gcp`,
    ],
    [
      "an app on Azure with a database",
      () => validateKubernetesAppArgs("web", { image: "ghcr.io/acme/web:1.0.0", database: aws, workloadIdentity: { cloud: "azure", clientId: "c" } }),
      `meridian:kubernetes:KubernetesApp 'web': workloadIdentity.cloud must be "aws" or "gcp" with a database (the clouds whose secret stores apps read with their own identity); got "azure".`,
    ],
    [
      "a pod identity for a service account that is not a DNS label",
      () => validateEksPodIdentityArgs("id", { clusterName: "c", namespace: "web", serviceAccount: "Web_App", secrets: { db: SECRET_ARN } }),
      `meridian:kubernetes:EksPodIdentity 'id': serviceAccount must be a Kubernetes service account name`,
    ],
    [
      "a pod identity with no secret",
      () => validateEksPodIdentityArgs("id", { clusterName: "c", namespace: "web", serviceAccount: "web", secrets: {} }),
      `meridian:kubernetes:EksPodIdentity 'id': secrets must be a map of at least one stable key to a secret reference; got {}.`,
    ],
  ])("fails on %s", (_what, run, message) => {
    expect(run).toThrow(message);
  });
});

describe("the databases' connections", () => {
  it("point at RDS's own managed secret and Cloud SQL's password in Secret Manager", async () => {
    let conns: Promise<unknown> = Promise.resolve();
    const result = await runProgram(() => {
      const rds = new RdsPostgres("pg", { network: awsNetwork });
      const sql = new CloudSqlPostgres("sql", { network, region: "us-central1", project: "p-123456", protect: true });
      const a = rds.connection();
      const g = sql.connection();
      conns = new Promise((resolve) => pulumi.all([a.host, a.passwordSecret, a.passwordKmsKeyArn, g.host, g.passwordSecret]).apply(resolve));
      return {};
    });
    const [host, secretArn, keyArn, sqlHost, secretId] = (await conns) as string[];
    expect(host).toMatch(/\.rds\.amazonaws\.com$/);
    expect(secretArn).toMatch(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-/);
    expect(keyArn).toMatch(/^arn:aws:kms:/);
    expect(sqlHost).toMatch(/^10\./);
    const secret = resource(result, "gcp:secretmanager/secret:Secret", "sql-password");
    expect(secretId).toBe(`projects/p-123456/secrets/${secret.inputs["secretId"]}`);
    expect(secret.protect).toBe(true);
    expect(secret.inputs).toMatchObject({ replication: { auto: {} } });
    // The version holds the generated password, as a secret.
    expect(resource(result, "gcp:secretmanager/secretVersion:SecretVersion", "sql-password").maskedInputs["secretData"]).toBe("[secret]");
  });
});

describe("workloads given a database", () => {
  it("a Lambda gets PG* variables and the secret's ARN, and a role that may read that secret and its key only", async () => {
    const result = await runProgram(() => new AwsFunction("api", { imageUri: image, network: awsNetwork, database: aws, environment: { MODE: "prod" } }));
    const fn = resource(result, "aws:lambda/function:Function", "api-function");
    expect(fn.inputs["environment"]).toEqual({
      variables: { MODE: "prod", PGHOST: "db.example.internal", PGPORT: "5432", PGDATABASE: "app", PGUSER: "meridian_admin", PGSSLMODE: "require", DB_PASSWORD_SECRET: SECRET_ARN, DB_AUTH_FORMAT: "rds-managed-json" },
    });
    const statements = JSON.parse(resource(result, "aws:iam/rolePolicy:RolePolicy", "api-policy").inputs["policy"] as string).Statement;
    expect(statements).toContainEqual({ Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: [SECRET_ARN] });
    // Decrypt through Secrets Manager only: the same key encrypts the database's storage.
    expect(statements).toContainEqual({ Effect: "Allow", Action: ["kms:Decrypt"], Resource: [KEY_ARN], Condition: { StringEquals: { "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com" } } });
  });

  it("Cloud Run injects PGPASSWORD from Secret Manager as the service's account, which may read that secret only", async () => {
    const result = await runProgram(() => new CloudRunService("api", { region: "us-central1", image: "us-docker.pkg.dev/p/r/api:1", network: subnet, database: gcp }));
    const service = resource(result, "gcp:cloudrunv2/service:Service", "api-service");
    const envs = (service.inputs as { template: { containers: Array<{ envs: Array<Record<string, unknown>> }> } }).template.containers[0]!.envs;
    expect(envs).toContainEqual({ name: "PGPASSWORD", valueSource: { secretKeyRef: { secret: gcp.passwordSecret, version: "latest" } } });
    expect(envs).toContainEqual({ name: "PGHOST", value: "10.30.0.5" });
    expect(envs.filter((e) => e["name"] === "PGPASSWORD" && "value" in e)).toEqual([]);
    const grant = resource(result, "gcp:secretmanager/secretIamMember:SecretIamMember", "api-db-password");
    expect(grant.inputs).toEqual({ secretId: gcp.passwordSecret, role: "roles/secretmanager.secretAccessor", member: expect.stringMatching(/^serviceAccount:run-api/) });
    expect(service.dependsOn).toContain(grant.urn);
  });

  it("an EKS app reads its password through EKS Pod Identity: a role for its service account that may read its secret only", async () => {
    const result = await runProgram(() => {
      new EksPodIdentity("web-identity", { clusterName: "eks-prod", namespace: "web", serviceAccount: "web", secrets: { "db-password": SECRET_ARN }, kmsKeyArns: [KEY_ARN] });
      new KubernetesApp("web", { image: "ghcr.io/acme/web:1.0.0", database: aws }, { providers: [new Provider("k", { kubeconfig: "{}" })] });
    });
    const role = resource(result, "aws:iam/role:Role", "web-identity-role");
    expect(JSON.parse(role.inputs["assumeRolePolicy"] as string).Statement).toEqual([{ Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }]);
    expect(JSON.parse(resource(result, "aws:iam/rolePolicy:RolePolicy", "web-identity-secrets").inputs["policy"] as string).Statement).toEqual([
      { Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: [SECRET_ARN] },
      { Effect: "Allow", Action: ["kms:Decrypt"], Resource: [KEY_ARN], Condition: { StringEquals: { "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com" } } },
    ]);
    expect(resource(result, "aws:eks/podIdentityAssociation:PodIdentityAssociation", "web-identity-association").inputs).toMatchObject({ clusterName: "eks-prod", namespace: "web", serviceAccount: "web" });
    const container = (resource(result, "kubernetes:apps/v1:Deployment", "web-deployment").inputs as { spec: { template: { spec: { containers: Array<{ env: Array<{ name: string; value?: unknown }> }> } } } }).spec.template.spec.containers[0]!;
    expect(Object.fromEntries(container.env.map((e) => [e.name, e.value]))).toEqual({
      PGHOST: "db.example.internal",
      PGPORT: "5432",
      PGDATABASE: "app",
      PGUSER: "meridian_admin",
      PGSSLMODE: "require",
      DB_PASSWORD_SECRET: SECRET_ARN,
      DB_AUTH_FORMAT: "rds-managed-json",
    });
    // EKS Pod Identity mounts its own token: the Kubernetes API token stays unmounted.
    expect(resource(result, "kubernetes:core/v1:ServiceAccount", "web-sa").inputs["automountServiceAccountToken"]).toBe(false);
    // Out: DNS, the pod identity agent and HTTPS (Secrets Manager), nothing else.
    expect((resource(result, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "web-netpol").inputs["spec"] as { egress: unknown[] }).egress).toEqual([
      { ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }] },
      { to: [{ ipBlock: { cidr: "169.254.170.23/32" } }], ports: [{ protocol: "TCP", port: 80 }] },
      { to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ protocol: "TCP", port: 443 }] },
    ]);
  });

  it("a GKE app reads its password as a Google service account bound through Workload Identity, with access to its secret only", async () => {
    const result = await runProgram(() => {
      const identity = new GkeWorkloadIdentity("web-identity", { project: "p-123456", namespace: "web", serviceAccount: "web", secrets: { "db-password": gcp.passwordSecret } });
      new KubernetesApp("web", { image: "ghcr.io/acme/web:1.0.0", database: gcp, workloadIdentity: { cloud: "gcp", serviceAccountEmail: identity.email } }, { providers: [new Provider("k", { kubeconfig: "{}" })] });
    });
    const sa = resource(result, "gcp:serviceaccount/account:Account", "web-identity-sa");
    expect(resource(result, "gcp:serviceaccount/iAMMember:IAMMember", "web-identity-binding").inputs).toMatchObject({ role: "roles/iam.workloadIdentityUser", member: "serviceAccount:p-123456.svc.id.goog[web/web]" });
    expect(resource(result, "gcp:secretmanager/secretIamMember:SecretIamMember", "web-identity-db-password").inputs).toEqual({ secretId: gcp.passwordSecret, role: "roles/secretmanager.secretAccessor", member: `serviceAccount:${sa.inputs["accountId"]}@p-123456.iam.gserviceaccount.com` });
    expect(resource(result, "kubernetes:core/v1:ServiceAccount", "web-sa").inputs).toMatchObject({ metadata: { annotations: { "iam.gke.io/gcp-service-account": expect.stringMatching(/^wi-web-identity/) } } });
    const egress = (resource(result, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "web-netpol").inputs["spec"] as { egress: Array<{ to?: Array<{ ipBlock: { cidr: string } }> }> }).egress;
    expect(egress.flatMap((e) => (e.to ?? []).map((t) => t.ipBlock.cidr))).toEqual(["169.254.169.252/32", "169.254.169.254/32", "0.0.0.0/0"]);
  });
});
