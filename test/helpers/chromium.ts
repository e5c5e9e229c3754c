import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM = process.env.PYJAMAS_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Loads a page in headless Chromium and returns the DOM after its scripts ran. Chromium comes
 * from Debian (`apt-get install chromium`, done by .ci/run); without it the test fails saying so.
 */
export async function renderedDom(url: string): Promise<string> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `headless Chromium is not at ${CHROMIUM}: install it with apt-get install chromium (or set PYJAMAS_CHROMIUM)`,
    );
  const profile = await mkdtemp(join(tmpdir(), 'pyjamas-chromium-'));
  // The flags keep Chromium off the network (this machine has none) and out of the sandbox,
  // which needs privileges a CI container lacks.
  const flags = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${profile}`,
    '--dump-dom',
    url,
  ];
  try {
    return await new Promise((resolve, reject) => {
      execFile(
        CHROMIUM,
        flags,
        { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) =>
          error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
      );
    });
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
