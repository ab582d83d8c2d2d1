'use server';
import { bindAction } from '../../auth/actions';
import type { SlotTargetInput } from '../schemas';
import { listSlotDocumentsDef } from '../services/list-documents';

// A read, not a mutation: lets the upload field refresh its list after a change without reloading the page.
export async function listSlotDocumentsAction(input: SlotTargetInput) {
  return bindAction(listSlotDocumentsDef)(input);
}
