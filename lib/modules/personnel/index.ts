import type { ModuleManifest } from '@/lib/platform/manifest';
import { personnelHome } from './home';
import { personnelPhotoSlot } from './photo-slot';

/**
 * Module C · inspection and testing personnel (SPEC §4, seed 002): the
 * personnel profile (photo, education, major from the catalog of majors
 * with old and new names, employer, title, years of work).
 */
export const personnelModule: ModuleManifest = {
  key: 'personnel',
  personalSlots: [personnelPhotoSlot],
  portal: { home: personnelHome },
  messages: ['personnel'],
};
