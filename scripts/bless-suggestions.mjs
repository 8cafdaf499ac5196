// Puts the suggestions a blessing run wrote beside each vector (`*.got`, from
// `NEXTTIER_BLESS=1 cargo test --test suggest`) into the vector, keeping its keys' order, and
// removes the `.got` files. Check every change by hand before committing it.
import { readdirSync, readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL('../tests/vectors/suggestions/', import.meta.url).pathname;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.got'))) {
  const vector = join(dir, file.replace(/\.got$/, '.json'));
  const v = JSON.parse(readFileSync(vector, 'utf8'));
  v.suggestions = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  writeFileSync(vector, `${JSON.stringify(v, null, 2)}\n`);
  unlinkSync(join(dir, file));
  console.log(`blessed ${vector}`);
}
