/** The URN snapshot: what a change would delete (a rename replaces), and what it would add. */
export interface UrnDiff {
  readonly removed: string[];
  readonly added: string[];
}

export function diffUrns(expected: readonly string[], actual: readonly string[]): UrnDiff {
  const a = new Set(actual);
  const e = new Set(expected);
  return { removed: expected.filter((u) => !a.has(u)), added: actual.filter((u) => !e.has(u)) };
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
