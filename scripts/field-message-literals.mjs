#!/usr/bin/env node
// Lists the Chinese string literals of the validation code (every file under lib/
// that imports zod): the source text of field messages, which
// messages/en/field-messages.json translates for the English UI
// (lib/i18n/field-messages.ts). Used by its unit test; run it to see what is missing.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const CJK = /[\u4e00-\u9fff]/;
const LITERAL = /'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\$]|\\.|\$(?!\{))*)`|"((?:[^"\\\n]|\\.)*)"/g;

function* files(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (/\.tsx?$/.test(e.name)) yield p;
  }
}

export function fieldMessageLiterals() {
  const found = new Map();
  for (const file of files(path.join(root, 'lib'))) {
    const src = fs.readFileSync(file, 'utf8');
    // Files of zod schemas, and the zod-free ones whose messages the schemas report (marked @field-messages).
    if (!/from 'zod'/.test(src) && !src.includes('@field-messages')) continue;
    for (const line of src.split('\n')) {
      const code = line.trim();
      if (code.startsWith('//') || code.startsWith('*') || code.startsWith('/*')) continue;
      for (const m of code.matchAll(LITERAL)) {
        const text = m[1] ?? m[2] ?? m[3];
        if (text && CJK.test(text) && !found.has(text)) found.set(text, path.relative(root, file));
      }
    }
  }
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dict = JSON.parse(fs.readFileSync(path.join(root, 'messages/en/field-messages.json'), 'utf8'));
  const all = fieldMessageLiterals();
  const missing = [...all].filter(([t]) => !(t in dict.exact));
  if (process.argv.includes('--all')) for (const [t, f] of all) console.log(`${f}\t${t}`);
  else for (const [t, f] of missing) console.log(`${f}\t${t}`);
}
