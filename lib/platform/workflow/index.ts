import '@/lib/modules/kinds';

export * from './define';
export * from './engine';
export * from './queries';
export { applicantScope, staffScope, viewScope, isApplicantOf, staffKinds, staffMayView, kindStaffRoles } from './access';
export { getKind, findKind, allKinds } from './registry';
