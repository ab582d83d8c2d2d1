import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { applications, documents, siteSettings } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createOrgAccount } from '@/db/seed/factories';
import { pdfIssuer, renderPdf, type ApplicationFormProps, type DecisionLetterProps } from '@/lib/platform/pdf/registry';
import { storeGeneratedPdf } from '@/lib/platform/pdf/store';
import { ISSUED_FORM_SLOT, verifyDocumentNumber } from '@/lib/platform/pdf/verify';
import { AppError } from '@/lib/platform/errors';
import { createTestDb } from '../helpers/db';
import { pdfText, squash } from '../helpers/pdf-text';
import { createTestStorage } from '../helpers/storage';

const pageCount = (pdf: Uint8Array) => (Buffer.from(pdf).toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
const fontNames = (pdf: Uint8Array) => [...Buffer.from(pdf).toString('latin1').matchAll(/\/FontName \/([^\s/<>[\]()]+)/g)].map((m) => m[1]);

const NUMBER = 'KY2026000123';
const DATE = new Date('2026-11-23T02:00:00Z');
const letter: DecisionLetterProps = {
  number: NUMBER,
  title: '认可决定书',
  recipient: '杭州华测检测有限公司',
  paragraphs: [
    '你单位于2026年10月8日提交的实验室认可申请，经文件评审、现场评审及评定，符合《检测和校准实验室能力认可准则》（CNAS-CL01:2018，等同采用ISO/IEC 17025:2017）的要求。',
    '根据《中华人民共和国认证认可条例》和认可规则的有关规定，决定授予你单位实验室认可资格，认可有效期自2026年11月23日至2032年11月22日。',
  ],
  date: DATE,
};
const form: ApplicationFormProps = {
  number: NUMBER,
  title: '实验室认可预申请表',
  date: DATE,
  sections: [
    {
      title: '一、机构基本信息',
      fields: [
        { label: '机构名称', value: '杭州华测检测有限公司', wide: true },
        { label: '统一社会信用代码', value: '91330100MA2AXXXX1K' },
        { label: '法定代表人', value: '王小明' },
        { label: '通讯地址', value: '浙江省杭州市西湖区文三路123号华测大厦5楼', wide: true },
        { label: '申请类型', value: ['实验室', '检验机构'] },
      ],
    },
    { title: '二、联系人', fields: [{ label: '联系人', value: '李四' }, { label: '备注', value: null }] },
  ],
};


describe('PDF templates (real Chinese text, embedded font subset)', () => {
  it('decision-letter: letterhead, recipient, body, date, seal placeholder and page numbers are extractable Chinese text', async () => {
    const pdf = await renderPdf('decision-letter', letter, { issuer: '中国合格评定国家认可委员会' });
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const text = squash(await pdfText(pdf));
    for (const s of [
      '中国合格评定国家认可委员会',
      '认可决定书',
      `编号：${NUMBER}`,
      '日期：2026年11月23日',
      '杭州华测检测有限公司：',
      ...letter.paragraphs, // whole paragraphs: wrapping inserted no hyphens and lost no characters
      '印章位置',
      '扫码核验',
      `核验网址：http://localhost:3000/verify/${NUMBER}`,
      '第1页/共1页',
    ]) {
      expect(text, s).toContain(squash(s));
    }
    expect(pageCount(pdf)).toBe(1);
    // Subset-embedded: a six-letter tag before the PostScript name, and only a few KB per page.
    const fonts = fontNames(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toMatch(/^[A-Z]{6}\+NotoSansSC-(Regular|Bold)$/);
    expect(pdf.byteLength).toBeLessThan(60 * 1024);
  });

  it('application-form: sections, labelled values, empty values and the stamp and signature boxes', async () => {
    const pdf = await renderPdf('application-form', form);
    const text = squash(await pdfText(pdf));
    for (const s of [
      '认证认可一站式服务平台', // the default issuer: the platform's name
      '实验室认可预申请表',
      '一、机构基本信息',
      '统一社会信用代码',
      '91330100MA2AXXXX1K',
      '浙江省杭州市西湖区文三路123号华测大厦5楼',
      '实验室、检验机构',
      '二、联系人',
      '申请单位（盖章）',
      '法定代表人或授权人（签字）',
      '日期：',
      '第1页/共1页',
    ]) {
      expect(text, s).toContain(squash(s));
    }
    // An empty value prints a dash in its cell, on the row of its label.
    expect(await pdfText(pdf, { layout: true })).toMatch(/联系人\s+李四\s+备注\s+—/);
    expect(pdf.byteLength).toBeLessThan(60 * 1024);
  });

  it('a long letter flows onto more pages, each numbered with the total and the running head', async () => {
    const paragraphs = Array.from({ length: 14 }, (_, i) => `第${i + 1}段：${letter.paragraphs[1]}请在有效期内持续符合认可要求，并按规定接受监督评审。`);
    const pdf = await renderPdf('decision-letter', { ...letter, paragraphs });
    const n = pageCount(pdf);
    expect(n).toBeGreaterThanOrEqual(2);
    const text = squash(await pdfText(pdf));
    for (let p = 1; p <= n; p++) expect(text).toContain(`第${p}页/共${n}页`);
    expect(text).toContain(squash(`认证认可一站式服务平台 · ${NUMBER}`));
    expect(text).toContain(squash(paragraphs[13]));
  });

  it("English when locale is 'en'", async () => {
    const pdf = await renderPdf('application-form', { ...form, title: undefined, sections: [{ title: 'Applicant', fields: [{ label: 'Name', value: 'Hangzhou Testing Co., Ltd.' }] }] }, { locale: 'en' });
    const text = await pdfText(pdf);
    for (const s of ['Application form', `No. ${NUMBER}`, 'Date: November 23, 2026', 'Applicant (official seal)', 'Hangzhou Testing Co., Ltd.', 'Page 1 of 1']) {
      expect(squash(text), s).toContain(squash(s));
    }
    expect(text).not.toMatch(/[\u4e00-\u9fff]/); // the default issuer is the English platform name too
  });
});

describe('stored generated PDFs and verification', () => {
  let h: DbHandle;
  let s: Awaited<ReturnType<typeof createTestStorage>>;
  beforeAll(async () => {
    [h, s] = await Promise.all([createTestDb(), createTestStorage()]);
  });
  afterAll(async () => {
    await h?.close();
    await s?.close();
  });

  async function newApplication(applicantName = '杭州华测检测有限公司') {
    const { user, org } = await createOrgAccount(h.db);
    const number = `KY2026${crypto.randomInt(100000, 999999)}`;
    const [app] = await h.db
      .insert(applications)
      .values({ kind: 'accreditationPreApplication', module: 'accreditation', number, status: 'pending', applicantUserId: user.id, orgId: org.id, applicantName })
      .returning();
    return { app, user };
  }
  const objectFiles = () => (fs.readdirSync(s.dir, { recursive: true }) as string[]).filter((f) => f.includes('generated') && !f.endsWith('metadata.json'));

  it('puts the object under a server-chosen key and inserts a current row; a new version replaces it', async () => {
    const { app, user } = await newApplication();
    const v1 = await renderPdf('application-form', { ...form, number: app.number });
    const first = await storeGeneratedPdf(h.db, s.storage, { applicationId: app.id, slot: 'application_form', fileName: `实验室认可预申请表-${app.number}.pdf`, buffer: v1, uploadedBy: user.id });
    expect(first).toMatchObject({
      applicationId: app.id,
      orgId: app.orgId,
      slot: 'application_form',
      source: 'generated',
      contentType: 'application/pdf',
      size: v1.byteLength,
      sha256: crypto.createHash('sha256').update(v1).digest('hex'),
      version: 1,
      status: 'current',
      uploadedBy: user.id,
    });
    expect(first.storageKey).toMatch(new RegExp(`^generated/${app.id}/[0-9a-f-]{36}\\.pdf$`));
    expect(await s.storage.head(first.storageKey)).toMatchObject({ size: v1.byteLength, contentType: 'application/pdf' });
    expect(Buffer.from((await s.storage.get(first.storageKey))!)).toEqual(Buffer.from(v1));

    // Inside a caller's transaction, as a workflow effect would call it.
    const v2 = await renderPdf('application-form', { ...form, number: app.number, sections: [{ title: '更正', fields: [{ label: '联系人', value: '王五' }] }] });
    const second = await h.db.transaction((tx) => storeGeneratedPdf(tx, s.storage, { applicationId: app.id, slot: 'application_form', fileName: 'x.pdf', buffer: v2 }));
    expect(second).toMatchObject({ version: 2, status: 'current', uploadedBy: null });
    expect(second.storageKey).not.toBe(first.storageKey);

    const rows = await h.db.select().from(documents).where(and(eq(documents.applicationId, app.id), eq(documents.slot, 'application_form'))).orderBy(asc(documents.version));
    expect(rows.map((r) => [r.version, r.status])).toEqual([
      [1, 'replaced'],
      [2, 'current'],
    ]);
    expect(rows[0].replacedAt).toBeInstanceOf(Date);
    // The old version stays readable: the record shows every version.
    expect(await s.storage.head(first.storageKey)).not.toBeNull();

    // Another slot of the same application has its own versions.
    const other = await storeGeneratedPdf(h.db, s.storage, { applicationId: app.id, slot: 'decision_letter', fileName: 'd.pdf', buffer: v1 });
    expect(other).toMatchObject({ version: 1, status: 'current' });
  });

  it('concurrent generations into one slot take distinct versions and leave exactly one current', async () => {
    const { app } = await newApplication();
    const pdf = await renderPdf('decision-letter', { ...letter, number: app.number });
    const rows = await Promise.all(
      Array.from({ length: 4 }, (_, i) => storeGeneratedPdf(h.db, s.storage, { applicationId: app.id, slot: 'decision_letter', fileName: `d${i}.pdf`, buffer: pdf })),
    );
    expect(rows.map((r) => r.version).sort()).toEqual([1, 2, 3, 4]);
    const all = await h.db.select().from(documents).where(and(eq(documents.applicationId, app.id), eq(documents.slot, 'decision_letter')));
    expect(all.filter((r) => r.status === 'current').map((r) => r.version)).toEqual([4]);
  });

  it('an unknown application stores nothing: no row and the object is removed again', async () => {
    const pdf = await renderPdf('decision-letter', letter);
    const before = objectFiles().length;
    const missing = crypto.randomUUID();
    await expect(storeGeneratedPdf(h.db, s.storage, { applicationId: missing, slot: 'decision_letter', fileName: 'd.pdf', buffer: pdf })).rejects.toMatchObject({ code: 'NOT_FOUND' } satisfies Partial<AppError>);
    expect(await h.db.select().from(documents).where(eq(documents.applicationId, missing))).toHaveLength(0);
    expect(objectFiles().length).toBe(before);
  });

  it('refuses bytes that are not a PDF', async () => {
    const { app } = await newApplication();
    await expect(storeGeneratedPdf(h.db, s.storage, { applicationId: app.id, slot: 'x', fileName: 'x.pdf', buffer: new TextEncoder().encode('<html>') })).rejects.toThrow(/not a PDF/);
  });

  it('verification by number shows kind, status and the masked applicant once the form is issued; an unknown number finds nothing', async () => {
    const { app } = await newApplication('杭州华测检测有限公司');
    // Not before its form was issued (issue #15.9: numbers are sequential).
    expect(await verifyDocumentNumber(h.db, app.number)).toBeNull();
    const issued = await renderPdf('application-form', { ...form, number: app.number });
    await storeGeneratedPdf(h.db, s.storage, { applicationId: app.id, slot: ISSUED_FORM_SLOT, fileName: `f-${app.number}.pdf`, buffer: issued });
    expect(await verifyDocumentNumber(h.db, ` ${app.number} `)).toEqual({
      number: app.number,
      kind: 'accreditationPreApplication',
      status: 'pending',
      applicantMasked: '杭州**检测有限公司',
    });
    expect(await verifyDocumentNumber(h.db, 'KY2026000000X')).toBeNull();
    expect(await verifyDocumentNumber(h.db, '')).toBeNull();
  });

  it("the issuer is the site setting 'site.name' when set, per locale or one for both, else the platform's name", async () => {
    expect(await pdfIssuer(h.db)).toBe('认证认可一站式服务平台');
    await h.db.insert(siteSettings).values({ key: 'site.name', value: { 'zh-CN': '中国合格评定国家认可委员会', en: 'CNAS' } });
    expect(await pdfIssuer(h.db, 'zh-CN')).toBe('中国合格评定国家认可委员会');
    expect(await pdfIssuer(h.db, 'en')).toBe('CNAS');
    await h.db.update(siteSettings).set({ value: '某认证中心' }).where(eq(siteSettings.key, 'site.name'));
    expect(await pdfIssuer(h.db, 'en')).toBe('某认证中心');
  });
});
