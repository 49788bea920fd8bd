/** Runs one classic-CLI command in its isolated HOME, as a user would, while the in-process emulator answers. */
import { spawn } from 'node:child_process';

export interface CliEnvironment {
  readonly script: string;
  readonly home: string;
  readonly caFile: string;
}

export interface CliRun {
  readonly exitCode: number;
  readonly output: string;
}

/** Asynchronous on purpose: the emulator runs in this process and must keep answering while the CLI waits. */
export function runCli(env: CliEnvironment, args: readonly string[], timeoutMs = 120_000): Promise<CliRun> {
  const childEnv: NodeJS.ProcessEnv = { PATH: process.env['PATH'], HOME: env.home, AZURE_NON_INTERACTIVE_MODE: '1', NODE_EXTRA_CA_CERTS: env.caFile, NODE_NO_WARNINGS: '1' };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [env.script, ...args], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    const timer = setTimeout(() => { output += `\nerror: timed out after ${timeoutMs} ms`; child.kill('SIGKILL'); }, timeoutMs);
    child.on('close', (code) => { clearTimeout(timer); resolve({ exitCode: code ?? 1, output }); });
  });
}
