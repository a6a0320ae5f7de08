/**
 * A consumer's own unit tests, written the way Pulumi's testing guide shows (every resource's state is its inputs,
 * every invoke answers with its arguments), must not crash inside Meridian: no component may read an attribute
 * only a cloud computes without allowing for its absence. The fixture builds the prod and dev stacks and every
 * component no stack uses, in its own process (an error inside an apply is an unhandled rejection).
 */
import { spawnSync } from "child_process";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");

describe("every component under echo-style mocks", () => {
  it("builds, and every output settles, with no error", () => {
    const fixture = path.join(ROOT, "tests", "fixtures", "echo-mocks", "every-component.ts");
    const script = `require(${JSON.stringify(path.join(ROOT, "cli", "ts-loader.js"))}).register(); require(${JSON.stringify(fixture)});`;
    const r = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8", timeout: 180_000 });
    expect({ status: r.status, stderr: r.stderr.trim() }).toEqual({ status: 0, stderr: "" });
    // The prod and dev stacks' components and the ones no stack builds, each with its outputs.
    expect(Number(/^ok (\d+)$/m.exec(r.stdout)?.[1])).toBeGreaterThan(100);
  });
});
