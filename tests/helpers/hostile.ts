/**
 * The hostile-input suite's harness: builds a component under plain Pulumi mocks that echo inputs (as Pulumi's
 * testing guide writes them, as another team would) and reports what it threw and what reached the engine.
 *
 * A refused input must be refused at construction, with Meridian's message (component, field, value, what is
 * allowed), before anything is registered: not a `TypeError`, not an error inside an `apply` after the resources
 * went out, not a silent accept.
 */
import * as pulumi from "@pulumi/pulumi";
import { MeridianValidationError, describeValue } from "../../components/core/errors";

export interface HostileCase {
  /** What is wrong, in words: `a name with an underscore`. */
  readonly what: string;
  /** Builds the component (or components) with the bad input. */
  readonly build: () => unknown;
  /** The field the error must name, as the message gives it: `name`, `allowedCidrs[0]`, `network`. */
  readonly field: string;
}

export interface Attempt {
  readonly error: unknown;
  /** `type::name` of every resource that reached the mock engine. */
  readonly registered: string[];
}

/** Builds under echo mocks and lets every registration that was started reach the engine. */
export async function attempt(build: () => unknown, project = "meridian", stack = "test"): Promise<Attempt> {
  const registered: string[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (a) => {
        registered.push(`${a.type}::${a.name}`);
        return { id: `${a.name}-id`, state: a.inputs };
      },
      call: (a) => a.inputs,
    },
    project,
    stack,
    false,
  );
  let error: unknown;
  try {
    build();
  } catch (e) {
    error = e;
  }
  // A registration is sent after a few promise turns: give any that was started the time to arrive.
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  return { error, registered };
}

/**
 * One `it` per case: the component refuses it with a `MeridianValidationError` naming `component` and the case's
 * field, the message carries the value received and what is allowed, and nothing was registered.
 */
export function hostileInputs(component: string, cases: readonly HostileCase[]): void {
  describe(`${component} refuses hostile input before registering anything`, () => {
    it.each(cases.map((c) => [c.what, c] as const))("%s", async (_what, c) => {
      const { error, registered } = await attempt(c.build);
      if (!(error instanceof MeridianValidationError)) {
        throw new Error(`expected a MeridianValidationError, got ${error === undefined ? "no error (accepted)" : String((error as Error).stack ?? error)}`);
      }
      expect({ component: error.component, field: error.field }).toEqual({ component, field: c.field });
      expect(error.message).toContain(`${component}`);
      expect(error.message).toContain(`${c.field} must be `);
      expect(error.message).toContain(`got ${describeValue(error.value)}.`);
      expect(error.allowed.length).toBeGreaterThan(3);
      expect(registered).toEqual([]);
    });
  });
}
