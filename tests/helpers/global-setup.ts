/** jest global setup: a directory for this run's shared reference plans (tests/helpers/reference-plans.ts). */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export default function globalSetup(): void {
  // Set here, before jest starts its workers: they inherit the environment.
  process.env["MERIDIAN_TEST_PLANS"] = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-plans-"));
}
