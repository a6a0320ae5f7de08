/**
 * `meridian/testing`: Meridian's offline engine as a unit-test kit for any Pulumi TypeScript program.
 *
 *     import { withMeridianMocks } from "meridian/testing";
 *
 *     it("encrypts the orders database", async () => {
 *       const run = await withMeridianMocks(() => new OrdersStack("orders", { ... }));
 *       expect(run.resource("aws:rds/instance:Instance", "orders-db-instance").inputs).toMatchObject({ storageEncrypted: true });
 *     });
 *
 * Under it, the program runs with Pulumi's own mock runtime and a small fake cloud: deterministic ids, and the
 * attributes a provider computes (ARNs, endpoints, addresses, DNS names) so that wiring between resources is
 * exercised; the usual invokes (availability zones, caller identity, project, region) get realistic answers. It
 * records every registration — type, name, URN, parent, inputs, options — and the stack outputs.
 */
import * as path from "path";
import { runOffline, type OfflineRunResult, type RecordedResource } from "./offline/engine";

export type { RecordedResource } from "./offline/engine";

export interface MeridianMocksOptions {
  /** @default "test" */
  readonly stack?: string;
  /** @default "test" */
  readonly project?: string;
  /** Stack config, as `pulumi config` holds it: `{ "meridian:environment": "dev", "aws:region": "us-east-1" }`. */
  readonly config?: Record<string, string>;
  /** Config keys whose values are secrets. */
  readonly secretKeys?: readonly string[];
  /** Run as a preview. @default false */
  readonly preview?: boolean;
  /** Run as the stack's first preview: every output a resource computes is unknown. @default false */
  readonly firstPreview?: boolean;
  /**
   * The directory whose `@pulumi/pulumi` the program uses (the mocks must be set on that copy).
   * @default - the current directory
   */
  readonly programDir?: string;
}

export interface MeridianMocksRun extends OfflineRunResult {
  /** The one resource of `type` named `name`; throws, listing what there is, when there is not exactly one. */
  resource(type: string, name: string): RecordedResource;
  /** Every resource of `type`. */
  resourcesOfType(type: string): RecordedResource[];
}

/**
 * Runs `program` (which creates resources and may return stack outputs) under Meridian's mocks and returns what it
 * registered. A program that throws, or whose outputs fail to resolve, rejects.
 */
export async function withMeridianMocks(program: () => unknown, options: MeridianMocksOptions = {}): Promise<MeridianMocksRun> {
  const run = await runOffline({
    program,
    programDir: path.resolve(options.programDir ?? process.cwd()),
    project: options.project ?? "test",
    stack: options.stack ?? "test",
    config: { ...options.config },
    secretKeys: options.secretKeys,
    preview: options.preview,
    firstPreview: options.firstPreview,
  });
  const resourcesOfType = (type: string) => run.resources.filter((r) => r.type === type);
  return {
    ...run,
    resourcesOfType,
    resource(type, name) {
      const found = resourcesOfType(type).filter((r) => r.name === name);
      if (found.length !== 1) {
        throw new Error(`expected one ${type} named ${name}, found ${found.length}; registered: ${run.resources.map((r) => `${r.type}::${r.name}`).join(", ")}`);
      }
      return found[0]!;
    },
  };
}
