/** Checks shared by the database components. */
import type { Validator } from "../../core/shared";

/** A PostgreSQL identifier as these components accept it: lower case, starting with a letter, at most 63 bytes. */
export const PG_IDENTIFIER = /^[a-z][a-z0-9_]{0,62}$/;

export function checkPgIdentifier(check: Validator, field: string, value: string): void {
  check.pattern(field, value, PG_IDENTIFIER, "a PostgreSQL identifier: a lower-case letter, then lower-case letters, digits or _ (at most 63)");
}
