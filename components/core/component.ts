import * as pulumi from "@pulumi/pulumi";
import type { Validator } from "./errors";

type DependsOn = pulumi.ResourceOptions["dependsOn"];

/**
 * Options for a component's direct children: parented to it (so they inherit its providers, protection and
 * tag transformations) and waiting on whatever the component was told to wait on, plus `extra` options.
 * A component's own `dependsOn` does not hold its children back by itself; without this, a network could be
 * created before the API it needs is enabled.
 */
export function childOptions(parent: pulumi.Resource, opts: pulumi.ComponentResourceOptions, extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions {
  const dependsOn = mergeDependsOn(opts.dependsOn, extra.dependsOn);
  return { ...extra, parent, ...(dependsOn === undefined ? {} : { dependsOn }) };
}

function isList(d: DependsOn): d is pulumi.Input<pulumi.Resource>[] {
  return Array.isArray(d);
}

function mergeDependsOn(a: DependsOn, b: DependsOn): DependsOn {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const asList = (d: DependsOn): pulumi.Input<pulumi.Resource>[] => {
    if (isList(d)) return d;
    if (pulumi.Resource.isInstance(d)) return [d];
    // An Output or Promise of a list cannot be merged without waiting for it.
    throw new Error("dependsOn given as an Output or Promise of a list cannot be combined with a component's own dependencies; pass a list");
  };
  return [...asList(a), ...asList(b)];
}

/**
 * A slot for what a component holds that is not data — another component, a provider — kept off the instance's
 * fields. The multi-language schema (`PulumiPlugin.yaml`) lists a component's fields as its outputs, and such a
 * value cannot cross to another language; a getter backed by this slot keeps it for TypeScript programs only.
 */
export class OffSchema<C extends object, V> {
  private readonly values = new WeakMap<C, V>();

  set(component: C, value: V): V {
    this.values.set(component, value);
    return value;
  }

  get(component: C): V {
    if (!this.values.has(component)) throw new Error("OffSchema.get: read before the component's constructor set it");
    return this.values.get(component) as V;
  }
}

/**
 * Whether a component's stateful children (`STATEFUL_TYPES`) are protected. Pulumi's way is the component's own
 * `protect` option; a component's `protect` argument says the same for its stateful children only. When both are
 * given they must agree (`{ protect: true }` with `protect: false` in the arguments is refused, not silently lost).
 */
export function resolveProtect(check: Validator, opts: pulumi.ComponentResourceOptions, arg: unknown, field = "protect"): boolean {
  check.bool(field, arg);
  if (arg !== undefined && opts.protect !== undefined && arg !== opts.protect) {
    check.fail(field, arg, `the same as the component's protect option (${String(opts.protect)}), or unset`);
  }
  return (arg as boolean | undefined) ?? opts.protect ?? false;
}

/**
 * Options for a stateful child: as `childOptions`, and protected when `protect` (from `resolveProtect`). When it is
 * false, `protect` is left unset, so the child still inherits protection from the component's own ancestors (a
 * wrapper component given `{ protect: true }` protects the database inside it).
 */
export function statefulOptions(parent: pulumi.Resource, opts: pulumi.ComponentResourceOptions, protect: boolean, extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions {
  return childOptions(parent, opts, protect ? { ...extra, protect: true } : extra);
}
