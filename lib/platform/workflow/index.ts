export * from './define';
export * from './engine';
export * from './queries';
export { applicantScope, staffScope, viewScope, isApplicantOf, staffKinds, staffMayView, kindStaffRoles } from './access';
export { getKind, findKind, allKinds, editableStates, slotWritableStates, kindMessageKey } from './registry';
export { APPLICATION_ORDER, applicationOrder } from './payment-step';
