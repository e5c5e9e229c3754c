import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { packageRoot } from '../package-root';

/** A running moto_server on 127.0.0.1, owned by this process. */
export interface MotoServer {
  readonly port: number;
  /** Process id of moto_server, for benchmarks that count the CPU time it spends answering. */
  readonly pid: number | undefined;
  /** `http://127.0.0.1:<port>`, for `AWS_ENDPOINT_URL`. */
  readonly endpoint: string;
  /** Environment that points the AWS SDK (and the `pyjamas` CLI) at this server. */
  readonly env: Readonly<Record<string, string>>;
  /** Drops every resource in every account and region (POST /moto-api/reset). */
  reset(): Promise<void>;

  stop(): Promise<void>;
}

/** Options for {@link startMotoServer}. */
export interface MotoServerOptions {
  /**
   * Extra environment for the moto process.
   *
   * @default - AWS-managed IAM policies loaded, moto's built-in AMIs not loaded
   */
  readonly env?: Readonly<Record<string, string>>;
  /** @default 30000 */
  readonly startTimeoutMs?: number;
  /**
   * Makes moto check IAM: the first `unauthenticatedRequests` requests are let through, then
   * every request must be signed by a user or assumed role of the account and be allowed by its
   * identity policies (moto's INITIAL_NO_AUTH_ACTION_COUNT). What moto checks and what it does
   * not is written down in `test/helpers/moto-iam.ts`.
   *
   * @default - IAM is not checked
   */
  readonly iamEnforcement?: { readonly unauthenticatedRequests: number };
}

const INSTALL_HINT = "install it with: pip install 'moto[server]'";
const LAUNCHER = join(packageRoot(), 'lib', 'emulator', 'moto-launcher.py');
const running = new Set<ChildProcess>();

process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * The Python interpreter that can import moto's server, or an error saying how to install it.
 * PYJAMAS_MOTO_PYTHON names the one interpreter to use instead of python3/python.
 */
export function findMotoPython(): string {
  const candidates = process.env.PYJAMAS_MOTO_PYTHON
    ? [process.env.PYJAMAS_MOTO_PYTHON]
    : ['python3', 'python'];
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import moto.server, flask'], { stdio: 'ignore' });
    if (probe.status === 0) return python;
  }
  throw new Error(
    `moto_server is not available (no Python interpreter can import moto.server); ${INSTALL_HINT}`,
  );
}

/** True when moto's server can be started on this machine. */
export function isMotoAvailable(): boolean {
  try {
    findMotoPython();
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts moto_server on a free loopback port and waits until it answers.
 *
 * @throws when moto is not installed, with the command that installs it
 */
export async function startMotoServer(options: MotoServerOptions = {}): Promise<MotoServer> {
  const python = findMotoPython();
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(python, [LAUNCHER, '-H', '127.0.0.1', '-p', String(port)], {
    env: {
      ...process.env,
      MOTO_IAM_LOAD_MANAGED_POLICIES: 'true',
      MOTO_EC2_LOAD_DEFAULT_AMIS: 'false',
      ...(options.iamEnforcement
        ? {
            INITIAL_NO_AUTH_ACTION_COUNT: String(options.iamEnforcement.unauthenticatedRequests),
          }
        : {}),
      ...options.env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.add(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  child.once('exit', () => running.delete(child));

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(
        `moto_server exited with code ${child.exitCode} before answering on ${endpoint}:\n${stderr}`,
      );
    }
    if (await answers(`${endpoint}/moto-api/`)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `moto_server did not answer on ${endpoint} within ${options.startTimeoutMs ?? 30_000} ms:\n${stderr}`,
      );
    }
    await sleep(100);
  }

  return {
    port,
    pid: child.pid,
    endpoint,
    env: {
      AWS_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_REGION: 'us-east-1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    async reset() {
      const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (!response.ok) throw new Error(`moto reset failed with HTTP ${response.status}`);
    },

    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return response.status < 500;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
