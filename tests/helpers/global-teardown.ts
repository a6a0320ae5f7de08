/** jest global teardown: removes the run's shared reference plans. */
import * as fs from "node:fs";

export default function globalTeardown(): void {
  const dir = process.env["MERIDIAN_TEST_PLANS"];
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
