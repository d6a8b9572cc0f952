/**
 * The first import of every test entry, evaluated before uvu loads: uvu reads UVU_DEFER,
 * UVU_QUEUE and UVU_INDEX when it loads and binds its writer to console.log (browsers, workerd)
 * or process.stdout.write (Node, Deno, Bun) at that moment, so both are wrapped here to capture
 * the report. With UVU_DEFER set, suites queue up and run when the entry calls exec(); workerd
 * forbids the setTimeout uvu would otherwise schedule at global scope.
 */

const g = globalThis as Record<string, unknown>;
g.UVU_DEFER = 1;
g.UVU_QUEUE = [['simdnum']];
g.UVU_INDEX = 0;

/** Everything uvu wrote, in order. */
export const captured: string[] = [];

const log = console.log.bind(console);
console.log = (...args: unknown[]) => {
  captured.push(args.map(String).join(' ') + '\n');
  log(...args);
};

const proc = (g.process as { stdout?: { write?: (chunk: string) => boolean } } | undefined);
if (proc?.stdout?.write) {
  const write = proc.stdout.write.bind(proc.stdout);
  proc.stdout.write = (chunk: string) => {
    captured.push(String(chunk));
    return write(chunk);
  };
}
