import { MB, type SlotSpec } from '@/lib/platform/documents/slots';

/** The personal slot of the personnel photo (pure data: the upload field imports it). See photo.ts. */
export const PERSONNEL_PHOTO_SLOT = 'personnel_photo';

export const personnelPhotoSlot: SlotSpec = {
  key: PERSONNEL_PHOTO_SLOT,
  label: 'personnel.profile.photoSlot',
  help: 'personnel.profile.photoHelp',
  types: ['jpg', 'png'],
  maxBytes: 5 * MB,
  required: true,
};
