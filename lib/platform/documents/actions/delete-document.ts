'use server';
import { bindAction } from '../../auth/actions';
import { deleteDocumentDef } from '../services/delete-document';

export async function deleteDocumentAction(input: { id: string }) {
  return bindAction(deleteDocumentDef)(input);
}
