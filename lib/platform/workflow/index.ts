export * from './define';
export * from './engine';
export * from './queries';
export { applicantScope, staffScope, viewScope, isApplicantOf, staffKinds, staffMayView, kindStaffRoles } from './access';
export { getKind, findKind, allKinds, editableStates, slotWritableStates, kindMessageKey, applicantHref, staffHref } from './registry';
export { APPLICATION_ORDER, applicationOrder } from './payment-step';
