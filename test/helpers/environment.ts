/**
 * Sets environment variables around each test of the calling block, as a Lambda function's
 * configuration would, and restores the previous values after each test.
 */
export function useEnvironment(variables: Readonly<Record<string, string>>): void {
  let saved: Record<string, string | undefined> = {};
  beforeEach(() => {
    saved = setEnvironment(variables);
  });
  afterEach(() => restoreEnvironment(saved));
}

/** Runs `run` with the variables set, and restores the previous values however it ends. */
export async function withEnvironment<T>(
  variables: Readonly<Record<string, string>>,
  run: () => Promise<T>,
): Promise<T> {
  const saved = setEnvironment(variables);
  try {
    return await run();
  } finally {
    restoreEnvironment(saved);
  }
}

function setEnvironment(
  variables: Readonly<Record<string, string>>,
): Record<string, string | undefined> {
  const saved = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  Object.assign(process.env, variables);
  return saved;
}

function restoreEnvironment(saved: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}
