/** Writes the prod architecture diagram into README.md from the prod plan: `npm run diagram:generate`. A test keeps it current. */
import * as fs from "fs";
import * as path from "path";
import { renderPathsMermaid, withDiagram } from "./diagram";
import { plan } from "./plan";

async function main(): Promise<void> {
  const root = path.resolve(__dirname, "..");
  const report = await plan({ stack: "prod", programDir: root });
  const readme = path.join(root, "README.md");
  fs.writeFileSync(readme, withDiagram(fs.readFileSync(readme, "utf8"), renderPathsMermaid(report)));
  console.log(`wrote the prod diagram into ${path.relative(process.cwd(), readme)}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
