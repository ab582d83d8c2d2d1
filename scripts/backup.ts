/**
 * Backup and restore of the database and the bucket (README "Backup and restore").
 *
 *   npx tsx scripts/backup.ts backup  <dir>   database (pg_dump, custom format) + every object of the bucket
 *   npx tsx scripts/backup.ts restore <dir>   into an EMPTY database and bucket (refuses otherwise)
 *   npx tsx scripts/backup.ts verify  <dir>   compares the configured database and bucket with the backup
 *
 * The database and bucket are the app's: DATABASE_URL and S3_ENDPOINT, S3_BUCKET,
 * S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY (S3_REGION, S3_FORCE_PATH_STYLE).
 *
 * Consistency: the dump is taken inside one REPEATABLE READ transaction whose
 * snapshot pg_dump shares (--snapshot), and the row count and a checksum of
 * every table are read in that same snapshot into manifest.json; the bucket
 * is copied after it. Objects are written before the rows that name them and
 * are never rewritten (new versions get new keys), so every object a dumped
 * row names is in the copy. Each object's SHA-256 is in the manifest; `verify`
 * recomputes both sides and checks that every stored file a row names
 * (documents, photos, certificates' PDFs) is there with its size.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, HeadBucketCommand, CreateBucketCommand } from '@aws-sdk/client-s3';
import postgres from 'postgres';

type TableSum = { rows: number; md5: string };
type ObjectSum = { key: string; size: number; sha256: string; contentType?: string };
type Manifest = { createdAt: string; database: string; bucket: string; tables: Record<string, TableSum>; objects: ObjectSum[] };

const need = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
};

function s3() {
  const client = new S3Client({
    endpoint: need('S3_ENDPOINT'),
    region: process.env.S3_REGION ?? 'us-east-1',
    forcePathStyle: (process.env.S3_FORCE_PATH_STYLE ?? 'true') !== 'false',
    credentials: { accessKeyId: need('S3_ACCESS_KEY_ID'), secretAccessKey: need('S3_SECRET_ACCESS_KEY') },
  });
  return { client, bucket: process.env.S3_BUCKET ?? 'accredit' };
}

async function listKeys(client: S3Client, bucket: string): Promise<Array<{ key: string; size: number }>> {
  const out: Array<{ key: string; size: number }> = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const o of page.Contents ?? []) if (o.Key) out.push({ key: o.Key, size: Number(o.Size ?? 0) });
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return out.sort((a, b) => (a.key < b.key ? -1 : 1));
}

async function getObject(client: S3Client, bucket: string, key: string): Promise<{ body: Buffer; contentType?: string }> {
  const r = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return { body: Buffer.from(await r.Body!.transformToByteArray()), contentType: r.ContentType };
}

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

/** Row count and checksum of every table of the app's schemas, in the transaction's snapshot. */
async function tableSums(sql: postgres.Sql | postgres.TransactionSql): Promise<Record<string, TableSum>> {
  const tables = await sql<{ schema: string; name: string }[]>`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema in ('public', 'drizzle') order by 1, 2`;
  const out: Record<string, TableSum> = {};
  for (const t of tables) {
    const q = `select count(*)::int as rows, coalesce(md5(string_agg(x::text, E'\\n' order by x::text)), '') as md5 from "${t.schema}"."${t.name}" x`;
    const [r] = await sql.unsafe<{ rows: number; md5: string }[]>(q);
    out[`${t.schema}.${t.name}`] = { rows: Number(r.rows), md5: r.md5 };
  }
  return out;
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}`))));
  });
}

async function backup(dir: string) {
  const url = need('DATABASE_URL');
  fs.mkdirSync(path.join(dir, 'objects'), { recursive: true });
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const started = Date.now();
  let tables: Record<string, TableSum> = {};
  try {
    // One snapshot for the dump and the counts: the transaction stays open while pg_dump runs.
    await sql.begin('isolation level repeatable read read only', async (tx) => {
      const [{ snapshot }] = await tx<{ snapshot: string }[]>`select pg_export_snapshot() as snapshot`;
      tables = await tableSums(tx);
      await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${snapshot}`, `--file=${path.join(dir, 'db.dump')}`, `--dbname=${url}`]);
    });
  } finally {
    await sql.end();
  }
  const { client, bucket } = s3();
  const objects: ObjectSum[] = [];
  for (const { key } of await listKeys(client, bucket)) {
    const { body, contentType } = await getObject(client, bucket, key);
    const file = path.join(dir, 'objects', key);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, body);
    objects.push({ key, size: body.length, sha256: sha256(body), ...(contentType ? { contentType } : {}) });
  }
  const manifest: Manifest = { createdAt: new Date().toISOString(), database: new URL(url).pathname.slice(1), bucket, tables, objects };
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 1));
  const rows = Object.values(tables).reduce((n, t) => n + t.rows, 0);
  console.log(`backup: ${Object.keys(tables).length} tables, ${rows} rows, ${objects.length} objects (${objects.reduce((n, o) => n + o.size, 0)} bytes) → ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function restore(dir: string) {
  const url = need('DATABASE_URL');
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from information_schema.tables where table_schema in ('public', 'drizzle')`;
    if (n > 0) throw new Error(`the database ${new URL(url).pathname.slice(1)} is not empty (${n} tables): restore into an empty one`);
  } finally {
    await sql.end();
  }
  const { client, bucket } = s3();
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  }
  const existing = await listKeys(client, bucket);
  if (existing.length > 0) throw new Error(`the bucket ${bucket} is not empty (${existing.length} objects): restore into an empty one`);
  const started = Date.now();
  await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${url}`, path.join(dir, 'db.dump')]);
  for (const o of manifest.objects) {
    const body = fs.readFileSync(path.join(dir, 'objects', o.key));
    if (sha256(body) !== o.sha256) throw new Error(`the backup's copy of ${o.key} does not match its checksum`);
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: o.key, Body: body, ContentType: o.contentType }));
  }
  console.log(`restore: database and ${manifest.objects.length} objects restored in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Compares the configured database and bucket with a backup's manifest; exits 1 on any difference. */
async function verify(dir: string) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const problems: string[] = [];
  const sql = postgres(need('DATABASE_URL'), { max: 1, onnotice: () => {} });
  let stored: Array<{ key: string; size: number | null }> = [];
  let tables: Record<string, TableSum>;
  try {
    tables = await tableSums(sql);
    stored = await sql<{ key: string; size: number | null }[]>`
      select storage_key as key, size::bigint::float8 as size from documents
      union all select original_key, null from candidate_photos union all select processed_key, null from candidate_photos
      union all select pdf_key, null from certificates where pdf_key is not null`;
  } finally {
    await sql.end();
  }
  for (const [name, want] of Object.entries(manifest.tables)) {
    const got = tables[name];
    if (!got) problems.push(`table ${name} is missing`);
    else if (got.rows !== want.rows) problems.push(`table ${name}: ${got.rows} rows, the backup has ${want.rows}`);
    else if (got.md5 !== want.md5) problems.push(`table ${name}: same ${got.rows} rows but different contents`);
  }
  for (const name of Object.keys(tables)) if (!manifest.tables[name]) problems.push(`table ${name} is not in the backup`);
  const { client, bucket } = s3();
  const keys = await listKeys(client, bucket);
  const byKey = new Map(keys.map((k) => [k.key, k.size]));
  if (keys.length !== manifest.objects.length) problems.push(`${keys.length} objects in the bucket, the backup has ${manifest.objects.length}`);
  for (const o of manifest.objects) {
    if (!byKey.has(o.key)) {
      problems.push(`object ${o.key} is missing`);
      continue;
    }
    const { body } = await getObject(client, bucket, o.key);
    if (sha256(body) !== o.sha256) problems.push(`object ${o.key}: checksum differs`);
  }
  let files = 0;
  for (const s of stored) {
    if (!byKey.has(s.key)) {
      // A photo row may name a processed key not stored yet (never, once confirmed); documents always have theirs.
      problems.push(`a row names ${s.key}, which is not in the bucket`);
      continue;
    }
    files++;
    if (s.size !== null && byKey.get(s.key) !== s.size) problems.push(`${s.key}: ${byKey.get(s.key)} bytes, its row says ${s.size}`);
  }
  const rows = Object.values(tables).reduce((n, t) => n + t.rows, 0);
  const pick = (t: string) => tables[`public.${t}`]?.rows ?? 0;
  console.log(
    `verify: ${Object.keys(tables).length} tables, ${rows} rows (applications ${pick('applications')}, documents ${pick('documents')}, orders ${pick('orders')}, payments ${pick('payments')}, certificates ${pick('certificates')}, users ${pick('users')}); ${keys.length} objects; ${files} stored files named by rows found with their sizes — ${problems.length ? `${problems.length} PROBLEM(S)` : 'identical to the backup'}`,
  );
  if (problems.length) {
    for (const p of problems.slice(0, 30)) console.error(`  - ${p}`);
    process.exit(1);
  }
}

async function main() {
  const [cmd, dir] = process.argv.slice(2);
  if (!dir || !['backup', 'restore', 'verify'].includes(cmd)) {
    console.error('usage: tsx scripts/backup.ts backup|restore|verify <dir>');
    process.exit(2);
  }
  const abs = path.resolve(dir);
  if (cmd === 'backup') await backup(abs);
  else if (cmd === 'restore') await restore(abs);
  else await verify(abs);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
