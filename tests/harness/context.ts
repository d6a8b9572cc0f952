/**
 * What a test entry tells the suites about where they run, and what the suites hand back.
 */

export type Runtime = 'node' | 'deno' | 'bun' | 'chromium' | 'chromium-worker' | 'workerd';

interface TestContext {
  runtime: Runtime;
  /** Error code of an API call made before init(), or null if it initialised synchronously. */
  preInitError: string | null;
}

export const context: TestContext = { runtime: 'node', preInitError: null };

/** backend -> checksum, filled by the determinism suite. */
export const checksums: Record<string, string> = {};
