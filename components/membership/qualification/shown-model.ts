import { shownSlot, type Translator } from '@/components/forms/shown-slot';
import type { QualificationFormModel } from '@/lib/modules/membership/qualification/form';
import type { ShownSlot } from '@/lib/platform/documents/slots';

/** The wizard's model with its upload slots' labels translated on the server (shownSlot). */
export type ShownQualificationModel = Omit<QualificationFormModel, 'staffSlot' | 'materials'> & {
  staffSlot: ShownSlot;
  materials: Array<{ slot: ShownSlot; documents: QualificationFormModel['materials'][number]['documents'] }>;
};

export function showQualificationModel(t: Translator, model: QualificationFormModel): ShownQualificationModel {
  return {
    ...model,
    staffSlot: shownSlot(t, model.staffSlot),
    materials: model.materials.map((m) => ({ slot: shownSlot(t, m.slot), documents: m.documents })),
  };
}
