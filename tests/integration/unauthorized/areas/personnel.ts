import { expect } from 'vitest';
import { completeUpload } from '@/lib/platform/documents/services/complete-upload';
import { requestUpload } from '@/lib/platform/documents/services/request-upload';
import { getStorage } from '@/lib/platform/storage';
import { PERSONNEL_PHOTO_SLOT } from '@/lib/modules/personnel/photo-slot';
import { jpegPhoto } from '../../../helpers/photos';
import { actor, ctx, defineArea, forbidden, SIGNED_OUT, STAFF, type ActorKey, type Coverage } from '../context';

/**
 * Module C, inspection and testing personnel (lib/modules/personnel): the
 * person's own profile (individuals with the module, each on their own
 * account).
 */

const ORGANIZATIONS: ActorKey[] = ['targetOrgMain', 'otherOrgMain', 'subNoModules', 'subAllModules'];

/** Module C is for individuals: organizations (every kind of account) and staff are refused by the gate. */
const PERSONNEL_PERSON: Omit<Coverage, 'input'> = {
  access: { kind: 'applicant', module: 'personnel' },
  refused: { ...SIGNED_OUT, ...forbidden(...ORGANIZATIONS, ...STAFF) },
  allowed: ['individual'],
  probe: 'individual',
};

/** A photo of `who` in the personnel photo slot (uploaded as the browser does). */
async function personnelPhoto(who: ActorKey = 'individual'): Promise<string> {
  const storage = await getStorage();
  const me = await actor(who);
  const bytes = await jpegPhoto({ width: 300, height: 400 });
  const grant = await requestUpload(ctx.h.db, storage, me, { slot: PERSONNEL_PHOTO_SLOT, fileName: '照片.jpg', size: bytes.byteLength, contentType: 'image/jpeg' });
  expect((await fetch(grant.url, { method: 'PUT', body: new Uint8Array(bytes), headers: grant.headers })).status).toBe(200);
  return (await completeUpload(ctx.h.db, storage, me, { ticket: grant.ticket })).id;
}

const profile = (photoDocumentId: string, over: Record<string, unknown> = {}) => ({
  name: '个人用户',
  photoDocumentId,
  education: '21',
  majorType: 'science',
  majorCode: '080206',
  employer: '某特种设备检验机构',
  title: '工程师',
  yearsOfWork: '6',
  ...over,
});

const coverage: Record<string, Coverage> = {
  // --- module C, the person's own profile: individuals with the module, always on their own account (the input names no account)
  savePersonnelProfileDef: {
    ...PERSONNEL_PERSON,
    input: async () => profile(await personnelPhoto(), { employer: `某特种设备检验机构${Date.now()}` }),
  },
};

export const area = defineArea({
  owns: ['lib/modules/personnel'],
  coverage,
});
