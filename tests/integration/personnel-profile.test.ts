import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { auditLog, personnelProfiles, users } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual, createOrgAccount } from '@/db/seed/factories';
import { personnelHome } from '@/lib/modules/personnel/home';
import { loadPersonnelProfile, requireCompleteProfile, savePersonnelProfileDef } from '@/lib/modules/personnel/services/profile';
import { findMajor, majorOfOldOption, majors, oldMajorOptions } from '@/lib/reference/majors';
import { requestUpload } from '@/lib/platform/documents/services/request-upload';
import { actorOf } from '../helpers/actors';
import { createTestDb } from '../helpers/db';
import { gate, profileInput, uploadPhoto } from '../helpers/personnel';
import { createTestStorage } from '../helpers/storage';

let h: DbHandle;
let s: Awaited<ReturnType<typeof createTestStorage>>;
beforeAll(async () => {
  [h, s] = await Promise.all([createTestDb(), createTestStorage()]);
});
afterAll(async () => {
  await h.close();
  await s.close();
});

const call = (...a: Parameters<ReturnType<typeof gate>>) => gate(h.db, s.storage)(...a);

async function person(over: Parameters<typeof createIndividual>[1] = {}) {
  const user = await createIndividual(h.db, over);
  return { user, actor: await actorOf(h.db, user.id) };
}

describe('the major catalog (新旧专业对照)', () => {
  it('ships a substantial set of 理学 and 工学 majors with their old names; an old name leads to its new major', () => {
    expect(majors.length).toBeGreaterThanOrEqual(150);
    expect(new Set(majors.map((m) => m.code)).size).toBe(majors.length);
    expect(majors.some((m) => m.discipline === '理学') && majors.some((m) => m.discipline === '工学')).toBe(true);
    // 给水排水工程 (1998, 080705) is 给排水科学与工程 (2012, 081003).
    const old = oldMajorOptions.find((o) => o.oldName === '给水排水工程')!;
    expect(old).toMatchObject({ oldCode: '080705', code: '081003', name: '给排水科学与工程' });
    expect(majorOfOldOption(old.key)?.name).toBe('给排水科学与工程');
    expect(findMajor('080206')?.name).toBe('过程装备与控制工程');
    // A split old major appears once per new major.
    expect(oldMajorOptions.filter((o) => o.oldName === '资源环境与城乡规划管理').map((o) => o.name).sort()).toEqual(['人文地理与城乡规划', '自然地理与资源环境']);
  });
});

describe('personnel profile (人员注册信息 / 基本信息修改)', () => {
  it('saves the photo, education, a catalog major by its code (the catalog name is stored), employer, title and years; the home shows it complete', async () => {
    const { user, actor } = await person();
    const t = (k: string) => k;
    expect((await personnelHome({ db: h.db, actor, t }))[0].action?.href).toBe('/portal/personnel/profile');
    const photo = await uploadPhoto(h.db, s.storage, actor);
    const r = await call(savePersonnelProfileDef, actor, profileInput(photo.id, { majorCode: '081003', majorName: '随便写的' }));
    expect(r).toMatchObject({ ok: true, data: { majorName: '给排水科学与工程' } });
    const view = await loadPersonnelProfile(h.db, user.id);
    expect(view).toMatchObject({ complete: true, profile: { majorType: 'science', majorCode: '081003', majorName: '给排水科学与工程', employer: '浙江省特种设备检验研究院', yearsOfWork: 8, photoDocumentId: photo.id }, photo: { id: photo.id } });
    expect((await personnelHome({ db: h.db, actor, t }))[0].action).toBeUndefined();
    await expect(requireCompleteProfile(h.db, user.id)).resolves.toMatchObject({ photoDocumentId: photo.id });
    expect((await h.db.select().from(auditLog).where(eq(auditLog.action, 'personnel.profile_created'))).some((a) => a.actorId === user.id)).toBe(true);
  });

  it('a major outside 理工科 is typed; a 理工科 major must come from the catalog', async () => {
    const { actor, user } = await person();
    const photo = await uploadPhoto(h.db, s.storage, actor);
    expect(await call(savePersonnelProfileDef, actor, profileInput(photo.id, { majorCode: '999999' }))).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { majorCode: ['理工科专业请从专业目录中选择（专业名称或原专业名称）'] } });
    expect(await call(savePersonnelProfileDef, actor, profileInput(photo.id, { majorType: 'other', majorCode: undefined, majorName: '' }))).toMatchObject({ ok: false, fieldErrors: { majorName: ['请输入所学专业'] } });
    expect(await h.db.select().from(personnelProfiles).where(eq(personnelProfiles.userId, user.id))).toEqual([]);
    expect(await call(savePersonnelProfileDef, actor, profileInput(photo.id, { majorType: 'other', majorCode: undefined, majorName: '工商管理' }))).toMatchObject({ ok: true, data: { majorName: '工商管理' } });
  });

  it('edits everything but ID type, number and birth date: sending them is refused next to the field and nothing changes', async () => {
    const { actor, user } = await person({ gender: 'male' });
    const photo = await uploadPhoto(h.db, s.storage, actor);
    expect(await call(savePersonnelProfileDef, actor, profileInput(photo.id))).toMatchObject({ ok: true });
    const [before] = await h.db.select().from(users).where(eq(users.id, user.id));
    const [profileBefore] = await h.db.select().from(personnelProfiles).where(eq(personnelProfiles.userId, user.id));
    for (const field of ['idNumber', 'idType', 'birthDate'] as const) {
      const r = await call(savePersonnelProfileDef, actor, profileInput(photo.id, { employer: '别的单位', [field]: field === 'birthDate' ? '1990-01-01' : field === 'idType' ? 'passport' : '110101199001011234' }));
      expect(r).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { [field]: ['证件类型、证件号码和出生日期不能修改'] } });
    }
    expect((await h.db.select().from(users).where(eq(users.id, user.id)))[0]).toEqual(before);
    expect((await h.db.select().from(personnelProfiles).where(eq(personnelProfiles.userId, user.id)))[0]).toEqual(profileBefore);
    // The rest changes; a resident ID keeps the gender its number says.
    expect(await call(savePersonnelProfileDef, actor, profileInput(photo.id, { name: '王改名', gender: 'female', employer: '新单位', yearsOfWork: '9' }))).toMatchObject({ ok: true });
    const [after] = await h.db.select().from(users).where(eq(users.id, user.id));
    expect(after).toMatchObject({ name: '王改名', gender: 'male', idNumber: before.idNumber, idType: before.idType, birthDate: before.birthDate });
  });

  it("the photo: required, one's own, current, and large enough (checked on the server); nothing is saved otherwise", async () => {
    const { actor, user } = await person();
    const other = await person();
    const othersPhoto = await uploadPhoto(h.db, s.storage, other.actor);
    const tiny = new Uint8Array(await sharp({ create: { width: 120, height: 160, channels: 3, background: '#eeeeee' } }).jpeg().toBuffer());
    const small = await uploadPhoto(h.db, s.storage, actor, tiny);
    expect(await call(savePersonnelProfileDef, actor, profileInput(''))).toMatchObject({ ok: false, fieldErrors: { photoDocumentId: ['请上传照片'] } });
    expect(await call(savePersonnelProfileDef, actor, profileInput(othersPhoto.id))).toMatchObject({ ok: false, fieldErrors: { photoDocumentId: ['请上传照片'] } });
    expect(await call(savePersonnelProfileDef, actor, profileInput(small.id))).toMatchObject({ ok: false, fieldErrors: { photoDocumentId: ['照片像素过小（120×160），至少需要 215×300 像素，拍照时请调整分辨率'] } });
    // A newer upload replaces the old one: the replaced file is no longer the current photo.
    const good = await uploadPhoto(h.db, s.storage, actor);
    expect(await call(savePersonnelProfileDef, actor, profileInput(small.id))).toMatchObject({ ok: false, fieldErrors: { photoDocumentId: ['请上传照片'] } });
    expect(await h.db.select().from(personnelProfiles).where(eq(personnelProfiles.userId, user.id))).toEqual([]);
    expect(await call(savePersonnelProfileDef, actor, profileInput(good.id))).toMatchObject({ ok: true });
  });

  it('the photo slot takes only real JPG or PNG files of at most 5 MB; anything else is refused and nothing is stored', async () => {
    const { actor, user } = await person();
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
    await expect(uploadPhoto(h.db, s.storage, actor, pdf)).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE' });
    await expect(requestUpload(h.db, s.storage, actor, { slot: 'personnel_photo', fileName: '照片.jpg', size: 6 * 1024 * 1024, contentType: 'image/jpeg' })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect((await loadPersonnelProfile(h.db, user.id)).photo).toBeNull();
  });

  it('every bad field gets its message and nothing is written', async () => {
    const { actor, user } = await person();
    const photo = await uploadPhoto(h.db, s.storage, actor);
    const r = await call(savePersonnelProfileDef, actor, { ...profileInput(photo.id), name: ' ', education: '99', employer: '', yearsOfWork: '61', title: 'x'.repeat(31) });
    expect(r).toMatchObject({
      ok: false,
      code: 'BAD_INPUT',
      fieldErrors: { name: ['请输入姓名'], education: ['请选择学历'], employer: ['请输入工作单位'], yearsOfWork: ['请输入工作年限（0–60 的整数）'], title: ['职称不能超过30个字'] },
    });
    expect(await h.db.select().from(personnelProfiles).where(eq(personnelProfiles.userId, user.id))).toEqual([]);
  });

  it('organizations and staff cannot keep a personnel profile (the module is for individuals)', async () => {
    const { user } = await createOrgAccount(h.db);
    const org = await actorOf(h.db, user.id);
    expect(await call(savePersonnelProfileDef, org, profileInput('00000000-0000-4000-8000-000000000000'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});
