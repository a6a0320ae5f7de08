/** The URN snapshot: what a change would delete (a rename replaces), and what it would add. */
export interface UrnDiff {
  readonly removed: string[];
  readonly added: string[];
}

/**
 * `actual` maps each URN of the new plan to the URNs its aliases stand for. A snapshot URN that a new resource
 * answers to through an alias is not removed (the engine moves the live resource to the new URN), and that new
 * resource is not added.
 */
export function diffUrns(expected: readonly string[], actual: ReadonlyMap<string, readonly string[]> | readonly string[]): UrnDiff {
  const aliasesOf: ReadonlyMap<string, readonly string[]> = Array.isArray(actual) ? new Map(actual.map((u) => [u, []])) : (actual as ReadonlyMap<string, readonly string[]>);
  const e = new Set(expected);
  const kept = new Set<string>();
  const added: string[] = [];
  for (const [urn, aliases] of aliasesOf) {
    if (e.has(urn)) {
      kept.add(urn);
      continue;
    }
    const old = aliases.find((a) => e.has(a));
    if (old === undefined) added.push(urn);
    else kept.add(old);
  }
  return { removed: expected.filter((u) => !kept.has(u)), added };
}

/** The failure message when resources would disappear: say what to do about it. */
export function explainRemoved(diff: UrnDiff): string {
  return [
    `${diff.removed.length} resource(s) of the prod stack would be deleted or replaced (their URNs changed or vanished):`,
    ...diff.removed.map((u) => `  - ${u}`),
    ...(diff.added.length ? ["and these appeared instead:", ...diff.added.map((u) => `  + ${u}`)] : []),
    "If this is a rename or a move, add an alias (opts.aliases) so the live resource is kept.",
    "If the change is intended, update the snapshot on purpose: npm run urns:update",
  ].join("\n");
}
