// Reads the golden vectors shared by the native, Node and browser tests.
import { readFileSync, readdirSync } from 'node:fs';

const dir = new URL('../vectors/', import.meta.url);

/** Every vector: { name, how, config (object), cart, quote?, errors? }. */
export function vectors() {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const vector = JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
      if (typeof vector.config === 'string') {
        vector.configText = readFileSync(new URL(vector.config, dir), 'utf8');
        vector.config = JSON.parse(vector.configText);
      }
      return vector;
    });
}
