/**
 * Applying standard tags to every resource of a component or a stack, including resources it does not
 * create itself (children of children, resources made by libraries it calls).
 *
 * This uses Pulumi's in-process resource transformations (`ResourceOptions.transformations` and
 * `runtime.registerStackTransformation`). The newer engine-side `transforms` need the engine to call back
 * into the program, which Pulumi's mock runtime does not support (`setMocks` sets `supportsTransforms = false`
 * in @pulumi/pulumi 3.248, runtime/mocks.js), so they would not run in the offline plan or in tests.
 * Transformations run in the program itself, identically under both engines. Their limit: they cannot see
 * inside remote (multi-language) components such as @pulumi/eks, which Meridian does not use.
 */
import * as pulumi from "@pulumi/pulumi";
import table from "./taggable-types.json";
import { ACK_TAG_PREFIX } from "./acknowledgements";
import { MeridianValidationError } from "./errors";
import { tagsForCloud, type Tags } from "./tags";

/** The cloud whose tag rules apply to a type token, or undefined for types outside AWS, GCP and Azure. */
export function cloudOfType(type: string): "aws" | "gcp" | "azure" | undefined {
  const pkg = type.slice(0, type.indexOf(":"));
  switch (pkg) {
    case "aws":
      return "aws";
    case "gcp":
      return "gcp";
    case "azure-native":
      return "azure";
    default:
      return undefined;
  }
}

const TAG_PATHS: Readonly<Record<string, string>> = (table as { types: Record<string, string> }).types;

/**
 * The input that holds a type's tags or labels (a dotted path such as `tags`, `labels` or
 * `settings.userLabels`), or undefined when the type takes none.
 */
export function tagPathOf(type: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(TAG_PATHS, type) ? TAG_PATHS[type] : undefined;
}

/** True when resources of this type take tags or labels. */
export function isTaggable(type: string): boolean {
  return tagPathOf(type) !== undefined;
}

/** The SDK versions the taggable list was generated from. */
export const TAGGABLE_TABLE_SOURCE: Readonly<Record<string, string>> = (table as { generatedFrom: Record<string, string> })
  .generatedFrom;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !pulumi.Output.isInstance(v) && !(v instanceof Promise) && !Array.isArray(v);
}

/** Merges `defaults` under whatever the input already holds (plain, Output or Promise): existing keys win. */
function mergeUnder(existing: unknown, defaults: Tags): pulumi.Input<Tags> {
  if (existing === undefined || existing === null) return defaults;
  if (isPlainObject(existing)) return { ...defaults, ...(existing as Tags) };
  return pulumi.output(existing as pulumi.Input<Tags | undefined>).apply((e) => ({ ...defaults, ...(e ?? {}) }));
}

/** Sets `defaults` under the value at `path` in `props`, returning new props (the input object is not changed). */
export function withTagsAt(props: Record<string, unknown>, path: string, defaults: Tags): Record<string, unknown> {
  const [head, ...rest] = path.split(".");
  if (head === undefined) return props;
  if (rest.length === 0) return { ...props, [head]: mergeUnder(props[head], defaults) };
  const inner = props[head];
  const restPath = rest.join(".");
  if (inner === undefined || inner === null) return { ...props, [head]: withTagsAt({}, restPath, defaults) };
  if (isPlainObject(inner)) return { ...props, [head]: withTagsAt(inner, restPath, defaults) };
  return {
    ...props,
    [head]: pulumi.output(inner as pulumi.Input<Record<string, unknown>>).apply((v) => withTagsAt(v ?? {}, restPath, defaults)),
  };
}

/**
 * A transformation that puts `tags` (normalised to each resource's cloud) under the tags or labels of every
 * taggable resource it sees. Tags a resource already has win. Non-taggable types pass unchanged.
 * Normalisation happens once per cloud, when the transformation is made, so a bad tag fails at once.
 * An acknowledgement tag (`meridian-ack-*`) is refused: it is for one resource's findings, and these tags reach
 * every resource under a component, or the whole stack.
 */
export function tagTransformation(tags: Tags): pulumi.ResourceTransformation {
  const ack = Object.keys(tags).find((k) => k.startsWith(ACK_TAG_PREFIX));
  if (ack !== undefined) {
    throw new MeridianValidationError({
      component: "meridian:core:tags",
      field: `tags.${ack}`,
      value: tags[ack],
      allowed:
        "no acknowledgement tag: tags given to a component or to the stack reach every resource under it, and an acknowledgement is for one resource's findings (set it on that resource's own tags, or in the rule's `acknowledgements` policy config by URN pattern)",
    });
  }
  const byCloud = {
    aws: tagsForCloud("aws", tags),
    gcp: tagsForCloud("gcp", tags),
    azure: tagsForCloud("azure", tags),
  };
  return (args) => {
    const tagPath = tagPathOf(args.type);
    const cloud = cloudOfType(args.type);
    if (tagPath === undefined || cloud === undefined) return undefined;
    return { props: withTagsAt(args.props as Record<string, unknown>, tagPath, byCloud[cloud]), opts: args.opts };
  };
}

/**
 * Resource options for a component that tags its whole subtree: the caller's options with the tag
 * transformation added. Use in a component constructor: `super(type, name, {}, withStandardTags(opts, tags))`.
 */
export function withStandardTags<T extends pulumi.ResourceOptions>(opts: T | undefined, tags: Tags | undefined): T {
  const base = (opts ?? {}) as T;
  if (!tags || Object.keys(tags).length === 0) return base;
  return { ...base, transformations: [...(base.transformations ?? []), tagTransformation(tags)] };
}

/** Tags every resource of the stack (call once, at the top of the program, before any resource is made). */
export function registerStackTags(tags: Tags): void {
  pulumi.runtime.registerStackTransformation(tagTransformation(tags));
}
