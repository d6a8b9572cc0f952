import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** A binary installed by npm (node_modules/.bin). */
export const bin = (name) => join(root, 'node_modules/.bin', name);
