/**
 * Jest setup (jest.config.js `setupFilesAfterEnv`): the Pulumi SDK takes a full stack trace in every resource's
 * constructor (to record where it was declared) and another for every promise it tracks, and under jest each is
 * formatted through jest's source maps, frame by frame. No test reads those two: they are formatted here without
 * source maps (the SDK's own probes only). Every other stack trace, a failing test's included, goes through jest's
 * formatting as before.
 */
import { EventEmitter } from "events";

// A test file runs in its own realm, whose `Error.prepareStackTrace` is unset: Node then formats with the main
// realm's, where jest installed its source-mapped one. Core modules come from the main realm: its `Error` is
// reached through one of their functions.
const MainError = (EventEmitter.constructor as FunctionConstructor)("return Error")() as ErrorConstructor;

Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) => {
  const top = frames[0];
  const fn = top?.getFunctionName();
  if ((fn === "debuggablePromise" || fn === "callsites") && /[\\/]@pulumi[\\/]pulumi[\\/]/.test(top?.getFileName() ?? "")) {
    return fn === "debuggablePromise" ? "" : [String(error), ...frames.map((f) => `    at ${f.toString()}`)].join("\n");
  }
  const main = MainError.prepareStackTrace;
  return main ? main(error, frames) : [String(error), ...frames.map((f) => `    at ${f.toString()}`)].join("\n");
};
