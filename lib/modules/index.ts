import { registerModules } from '@/lib/platform/core';
import type { ModuleManifest } from '@/lib/platform/manifest';
import { accountModule } from './account';
import { accreditationModule } from './accreditation';
import { examModule } from './exam';
import { membershipModule } from './membership';
import { personnelModule } from './personnel';
import { publicationsModule } from './publications';
import { reviewModule } from './review';
import { staffAdminModule } from './staff-admin';

/**
 * The composition root: every module's manifest, registered with the platform
 * once per process (importing this file registers them). Adding a module is
 * one folder with an `index.ts` manifest and one line here.
 */
export const MODULE_MANIFESTS: readonly ModuleManifest[] = [accountModule, accreditationModule, membershipModule, personnelModule, examModule, reviewModule, publicationsModule, staffAdminModule];

registerModules(MODULE_MANIFESTS);
