/**
 * The analyzer's "can't run" message, for a rule that read a value unknown at preview. Its own module: the
 * `meridian` command's report reads it without loading the policy pack (and through it the Pulumi SDK).
 */

/** The start of the message the analyzer reports for a rule it could not run (a value it read was unknown at preview). */
const CANT_RUN = /^can't run policy '[^']+' from policy pack '[^']+' during preview: /;

/** Why a rule could not run, when `message` is the analyzer's "can't run" message; `undefined` for any other. */
export function cantRunReason(message: string): string | undefined {
  return CANT_RUN.test(message) ? message.replace(CANT_RUN, "") : undefined;
}
