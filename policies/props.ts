/**
 * Reading a resource's inputs as the analyzer hands them over: behind `unknownCheckingProxy`, where a value not known
 * yet at preview throws `UnknownValueError` when read. The rules, the exposure rules' policy reader and the
 * acknowledgement lookup all read through these.
 */
import { UnknownValueError } from "@pulumi/policy";

/** The value at a dotted path, or undefined. */
export function at(obj: unknown, path: string): any {
  let cur: any = obj;
  for (const seg of path.split(".")) {
    if (cur === null || cur === undefined || typeof cur !== "object") return undefined;
    cur = cur[seg];
  }
  return cur;
}

/** `read()`, or `fallback` when it reads a value not known at preview. */
export function known<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof UnknownValueError) return fallback;
    throw err;
  }
}

/**
 * True when `key` holds a value: a truthy one, or one not known yet at preview (an ARN or id another resource of
 * the program will compute is certainly set, even before it can be read). Reading it plainly would make the
 * analyzer report "can't run" instead of deciding.
 */
export function isSet(p: Record<string, unknown>, key: string): boolean {
  return known(() => Boolean(p[key]), true);
}
