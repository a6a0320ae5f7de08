/** Starts a Pulumi host process the way the CLI's language host does, and waits for the gRPC port it prints. */
import { spawn, type ChildProcess } from "child_process";

export interface Host {
  readonly child: ChildProcess;
  readonly port: string;
}

/** Runs `node <script> ...args` in `cwd`; resolves with the port the host prints on its first line of stdout. */
export async function startHost(script: string, args: readonly string[], cwd: string): Promise<Host> {
  const child = spawn(process.execPath, [script, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const port = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /^(\d+)\s*$/m.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on("exit", (code) => reject(new Error(`${script} exited (${code}) before listening: ${stderr}`)));
  });
  return { child, port };
}

/** Stops the host and waits for it to be gone, so its pipes do not hold the jest worker open. */
export async function stopHost(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill();
  await exited;
}
