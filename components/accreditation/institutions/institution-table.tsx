'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Pencil } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Input } from '@/components/ui/input';
import { Table, Td, Th } from '@/components/ui/table';
import { FormAlert } from '@/components/forms/field';
import { changeInstitutionEmailAction } from '@/lib/modules/accreditation/institutions/actions/change-institution-email';
import { contactEmailSchema } from '@/lib/modules/accreditation/institutions/schemas';
import type { InstitutionAccountState } from '@/lib/modules/accreditation/institutions/services/registry';

export type InstitutionTableRow = {
  id: string;
  certificateNumber: string;
  name: string;
  contactEmail: string;
  username: string | null;
  accountState: InstitutionAccountState;
  /** Already formatted on the server (Asia/Shanghai). */
  updated: string;
};

const STATE_TONE: Record<InstitutionAccountState, 'neutral' | 'warning' | 'success' | 'danger'> = { none: 'neutral', pending: 'warning', active: 'success', disabled: 'danger' };

/** The contact email of one row, edited in place; saving asks for confirmation first. */
function EmailEditor({ row, onDone, onCancel }: { row: InstitutionTableRow; onDone: (email: string) => void; onCancel: () => void }) {
  const t = useTranslations('accreditedInstitutions.list');
  const [draft, setDraft] = useState(row.contactEmail);
  const [serverError, setServerError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const parsed = contactEmailSchema.safeParse(draft);
  const unchanged = parsed.success && parsed.data === row.contactEmail;
  const error = serverError ?? (!parsed.success && draft !== row.contactEmail ? parsed.error.issues[0]?.message : undefined);
  const inputId = `email-${row.id}`;

  const save = async () => {
    if (!parsed.success) return;
    setSaving(true);
    const r = await changeInstitutionEmailAction({ id: row.id, email: parsed.data });
    setSaving(false);
    if (!r.ok) return setServerError(r.fieldErrors?.email?.[0] ?? r.message);
    onDone(r.data.contactEmail);
  };

  return (
    <div className="flex min-w-64 flex-col gap-1">
      <label htmlFor={inputId} className="sr-only">
        {t('newEmailFor', { name: row.name })}
      </label>
      <Input
        id={inputId}
        type="email"
        className="h-8"
        value={draft}
        autoFocus
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${inputId}-error` : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          setServerError(undefined);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel();
        }}
      />
      {error && (
        <p id={`${inputId}-error`} className="text-xs text-danger">
          {error}
        </p>
      )}
      <div className="flex gap-2">
        <ConfirmDialog
          trigger={
            <Button type="button" size="sm" disabled={!parsed.success || unchanged || saving}>
              {saving ? t('saving') : t('save')}
            </Button>
          }
          title={t('confirmTitle')}
          description={t('confirmBody', { name: row.name, certificateNumber: row.certificateNumber, from: row.contactEmail, to: parsed.success ? parsed.data : draft })}
          confirmLabel={t('confirm')}
          cancelLabel={t('cancel')}
          danger={false}
          onConfirm={save}
        />
        <Button type="button" size="sm" variant="outline" onClick={onCancel} disabled={saving}>
          {t('cancel')}
        </Button>
      </div>
    </div>
  );
}

/** The registry as staff see it: whole emails (they need them), the account and its state, and the email correction. */
export function InstitutionTable({ rows }: { rows: InstitutionTableRow[] }) {
  const t = useTranslations('accreditedInstitutions.list');
  const router = useRouter();
  const [editing, setEditing] = useState<string>();
  const [notice, setNotice] = useState<string>();

  if (!rows.length) return <p className="py-6 text-center text-sm text-muted-foreground">{t('empty')}</p>;
  return (
    <div className="flex flex-col gap-3">
      {notice && <FormAlert tone="success" message={notice} />}
      <Table stack data-testid="institution-table">
        <caption className="sr-only">{t('caption')}</caption>
        <thead>
          <tr>
            <Th>{t('certificateNumber')}</Th>
            <Th>{t('name')}</Th>
            <Th>{t('contactEmail')}</Th>
            <Th>{t('username')}</Th>
            <Th>{t('accountState')}</Th>
            <Th>{t('updated')}</Th>
            <Th>
              <span className="sr-only">{t('actions')}</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-certificate={r.certificateNumber}>
              <Td label={t('certificateNumber')} className="whitespace-nowrap font-medium">{r.certificateNumber}</Td>
              <Td label={t('name')}>{r.name}</Td>
              <Td label={t('contactEmail')}>
                {editing === r.id ? (
                  <EmailEditor
                    row={r}
                    onCancel={() => setEditing(undefined)}
                    onDone={(email) => {
                      setEditing(undefined);
                      setNotice(t('changed', { name: r.name, email }));
                      router.refresh();
                    }}
                  />
                ) : (
                  <span className="break-all">{r.contactEmail}</span>
                )}
              </Td>
              <Td label={t('username')} className="whitespace-nowrap">{r.username ?? '—'}</Td>
              <Td label={t('accountState')} className="whitespace-nowrap">
                <Badge tone={STATE_TONE[r.accountState]}>{t(`states.${r.accountState}`)}</Badge>
              </Td>
              <Td label={t('updated')} className="whitespace-nowrap text-muted-foreground">{r.updated}</Td>
              <Td className="whitespace-nowrap">
                {editing !== r.id && (
                  <Button
                    type="button"
                    size="sm"
                    variant="outline"
                    aria-label={t('editEmailFor', { name: r.name })}
                    onClick={() => {
                      setNotice(undefined);
                      setEditing(r.id);
                    }}
                  >
                    <Pencil className="h-3.5 w-3.5" aria-hidden />
                    {t('editEmail')}
                  </Button>
                )}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
