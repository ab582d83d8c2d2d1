#!/usr/bin/env node
// Builds lib/reference/data/provinces.json from the region tree
// (lib/reference/data/regions.json and regions-en.json): the 34 province-level
// entries with their Chinese and English names and whether they have
// subdivisions (or only placeholder cities: a municipality), plus the data version (a hash of both files) that the region
// route's URLs carry, so a browser's cached answer is dropped when the data
// changes. The client bundles this small file instead of the tree
// (components/forms/region-picker.tsx). Run after changing the tree:
//   node scripts/region-provinces.mjs
// tests/unit/reference/provinces.test.ts fails while the file is stale.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dataDir = path.join(root, 'lib/reference/data');

export function buildProvinces() {
  const treeText = fs.readFileSync(path.join(dataDir, 'regions.json'), 'utf8');
  const enText = fs.readFileSync(path.join(dataDir, 'regions-en.json'), 'utf8');
  const tree = JSON.parse(treeText);
  const en = JSON.parse(enText);
  const version = crypto.createHash('sha256').update(treeText).update('\0').update(enText).digest('hex').slice(0, 12);
  const placeholders = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
  const provinces = tree.map((p) => {
    const kids = p.children ?? [];
    // leaf: no subdivisions (台湾, 香港, 澳门); municipality: only placeholder cities (北京, 天津, 上海, 重庆), so the picker shows no city select.
    return { code: p.code, name: p.name, nameEn: en[p.code] ?? p.name, leaf: kids.length === 0, municipality: kids.length > 0 && kids.every((c) => placeholders.has(c.name)) };
  });
  return { version, provinces };
}

export function provincesJson() {
  const { version, provinces } = buildProvinces();
  // One province a line: small diffs when a name changes.
  return `{\n  "version": ${JSON.stringify(version)},\n  "provinces": [\n${provinces.map((p) => `    ${JSON.stringify(p)}`).join(',\n')}\n  ]\n}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  fs.writeFileSync(path.join(dataDir, 'provinces.json'), provincesJson());
  console.log('wrote lib/reference/data/provinces.json');
}
