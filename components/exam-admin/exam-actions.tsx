'use client';
import * as React from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Pencil, Send, Ticket, Trash2, Undo2, Users } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FormAlert } from '@/components/forms/field';
import { useHydrated } from '@/components/forms/use-hydrated';
import { deleteExamAction } from '@/lib/modules/exam/admin/actions/delete-exam';
import { publishExamAction } from '@/lib/modules/exam/admin/actions/publish-exam';
import { releaseTicketsAction } from '@/lib/modules/exam/admin/actions/release-tickets';
import { unpublishExamAction } from '@/lib/modules/exam/admin/actions/unpublish-exam';

export type ExamActionsProps = {
  id: string;
  name: string;
  status: 'draft' | 'published';
  registrations: number;
  /** Message texts of what publishing still needs (empty: ready). */
  publishNeeds: string[];
  ticketsReleased: boolean;
  registrationClosed: boolean;
};

type Alert = { tone: 'success' | 'danger'; message: string } | null;

/**
 * The exam's steps, each confirmed first: 发布 / 撤回发布, 发放准考证 (once, after
 * registration closes), 删除 (a draft nobody registered for). The server
 * refuses whatever the buttons allow regardless.
 */
export function ExamActions(p: ExamActionsProps) {
  const t = useTranslations('examAdmin.actions');
  const router = useRouter();
  const hydrated = useHydrated();
  const [busy, setBusy] = React.useState(false);
  // The reload after a change runs in a transition: the controls stay off until the new rows are in, so a click
  // cannot land on a list that is about to shift (or act on rows the server has already changed).
  const [refreshing, startRefresh] = React.useTransition();
  const [alert, setAlert] = React.useState<Alert>(null);

  async function run(step: 'publish' | 'unpublish' | 'release' | 'delete') {
    setAlert(null);
    setBusy(true);
    try {
      const input = { id: p.id };
      const r =
        step === 'publish'
          ? await publishExamAction(input)
          : step === 'unpublish'
            ? await unpublishExamAction(input)
            : step === 'release'
              ? await releaseTicketsAction(input)
              : await deleteExamAction(input);
      if (!r.ok) return setAlert({ tone: 'danger', message: r.message });
      if (step === 'delete') return router.push('/staff/exams?deleted=1');
      setAlert({ tone: 'success', message: t(step === 'publish' ? 'published' : step === 'unpublish' ? 'unpublished' : 'released') });
      startRefresh(() => router.refresh());
    } finally {
      setBusy(false);
    }
  }

  const disabled = busy || refreshing || !hydrated;
  const canDelete = p.status === 'draft' && p.registrations === 0;

  return (
    <div className="flex flex-col gap-2" data-testid="exam-actions">
      <div className="flex flex-wrap gap-2">
        <Button asChild size="sm" variant="outline">
          <Link href={`/staff/exams/${p.id}/edit`}>
            <Pencil className="h-4 w-4" aria-hidden />
            {t('edit')}
          </Link>
        </Button>
        <Button asChild size="sm" variant="outline">
          <Link href={`/staff/exams/${p.id}/registrations`}>
            <Users className="h-4 w-4" aria-hidden />
            {t('registrations')}
          </Link>
        </Button>
        {p.status === 'draft' ? (
          <ConfirmDialog
            danger={false}
            trigger={
              <Button type="button" size="sm" disabled={disabled || p.publishNeeds.length > 0}>
                <Send className="h-4 w-4" aria-hidden />
                {t('publish')}
              </Button>
            }
            title={t('publishTitle', { name: p.name })}
            description={t('publishBody')}
            confirmLabel={t('publish')}
            cancelLabel={t('cancel')}
            onConfirm={() => run('publish')}
          />
        ) : (
          <ConfirmDialog
            trigger={
              <Button type="button" size="sm" variant="outline" disabled={disabled}>
                <Undo2 className="h-4 w-4" aria-hidden />
                {t('unpublish')}
              </Button>
            }
            title={t('unpublishTitle', { name: p.name })}
            description={t('unpublishBody', { count: p.registrations })}
            confirmLabel={t('unpublish')}
            cancelLabel={t('cancel')}
            onConfirm={() => run('unpublish')}
          />
        )}
        {p.status === 'published' && !p.ticketsReleased && (
          <ConfirmDialog
            danger={false}
            trigger={
              <Button type="button" size="sm" variant="outline" disabled={disabled || !p.registrationClosed}>
                <Ticket className="h-4 w-4" aria-hidden />
                {t('release')}
              </Button>
            }
            title={t('releaseTitle', { name: p.name })}
            description={t('releaseBody')}
            confirmLabel={t('release')}
            cancelLabel={t('cancel')}
            onConfirm={() => run('release')}
          />
        )}
        {p.status === 'draft' && (
          <ConfirmDialog
            trigger={
              <Button type="button" size="sm" variant="outline" className="text-danger" disabled={disabled || !canDelete}>
                <Trash2 className="h-4 w-4" aria-hidden />
                {t('delete')}
              </Button>
            }
            title={t('deleteTitle', { name: p.name })}
            description={t('deleteBody')}
            confirmLabel={t('delete')}
            cancelLabel={t('cancel')}
            onConfirm={() => run('delete')}
          />
        )}
      </div>
      {p.status === 'draft' && p.publishNeeds.length > 0 && (
        <p className="text-xs text-muted-foreground" data-testid="publish-needs">
          {t('publishNeeds')}
          {p.publishNeeds.join('；')}
        </p>
      )}
      {p.status === 'published' && !p.ticketsReleased && !p.registrationClosed && <p className="text-xs text-muted-foreground">{t('releaseAfterClose')}</p>}
      {p.status === 'draft' && p.registrations > 0 && <p className="text-xs text-muted-foreground">{t('deleteHasRegistrations')}</p>}
      {alert && <FormAlert tone={alert.tone} message={alert.message} />}
    </div>
  );
}
