/**
 * Runs every queued suite and turns uvu's output into a report the runners can compare:
 * counts, the failure text, and the determinism checksums the suites recorded.
 */

import { exec } from 'uvu';
import { captured } from './preamble.js';
import { checksums } from './context.js';

export interface Report {
  runtime: string;
  total: number;
  passed: number;
  skipped: number;
  ok: boolean;
  /** backend -> checksum of the determinism suite's kernel outputs. */
  checksums: Record<string, string>;
  /** uvu's output without colours (failures included). */
  output: string;
}

const ANSI = /\u001b\[[0-9;]*m/g;

function count(text: string, label: string): number {
  const m = new RegExp(`${label}:\\s+(\\d+)`).exec(text);
  return m ? Number(m[1]) : -1;
}

export async function runAll(runtime: string): Promise<Report> {
  await exec();
  const output = captured.join('').replace(ANSI, '');
  const total = count(output, 'Total');
  const passed = count(output, 'Passed');
  const skipped = count(output, 'Skipped');
  return { runtime, total, passed, skipped, ok: total > 0 && total === passed && skipped === 0, checksums: { ...checksums }, output };
}
