// One line describing the machine and runtime a benchmark ran on.

import { cpus, totalmem } from 'node:os';

export function machine() {
  const cpu = cpus()[0]?.model?.trim() ?? 'unknown CPU';
  return `${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}
