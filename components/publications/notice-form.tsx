'use client';
import * as React from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { ExternalLink, Send, Trash2, Undo2 } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Input, Select } from '@/components/ui/input';
import { Field, FormAlert } from '@/components/forms/field';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { createNoticeAction } from '@/lib/modules/publications/actions/create-notice';
import { deleteNoticeAction } from '@/lib/modules/publications/actions/delete-notice';
import { publishNoticeAction } from '@/lib/modules/publications/actions/publish-notice';
import { unpublishNoticeAction } from '@/lib/modules/publications/actions/unpublish-notice';
import { updateNoticeAction } from '@/lib/modules/publications/actions/update-notice';
import { BODY_MAX, NOTICE_CATEGORIES, TITLE_MAX, type NoticeCategory } from '@/lib/modules/publications/notice-fields';
import type { NoticeFieldsInput } from '@/lib/modules/publications/schemas';
import type { NoticeEditorData } from '@/lib/modules/publications/services/list-notices';
import { NoticeAttachments } from './notice-attachments';

export type ModuleOption = { value: string; label: string };

type Alert = { tone: 'success' | 'danger'; message: string } | null;

const statusTone = { draft: 'neutral', scheduled: 'warning', published: 'success' } as const;

/**
 * The one notice form (新建 / 编辑): title, module, category, plain-text body,
 * publish time in Beijing time (empty = draft). On a saved notice also the
 * attachments and the publishing steps (立即发布 / 撤回发布 / 删除), each
 * confirmed first. The server decides who may do what; the form only offers
 * the modules the page passed in.
 */
export function NoticeForm({ notice, moduleOptions, created = false }: { notice?: NoticeEditorData; moduleOptions: ModuleOption[]; created?: boolean }) {
  const t = useTranslations('publications');
  const format = useFormatter();
  const router = useRouter();
  const [current, setCurrent] = React.useState<NoticeEditorData | undefined>(notice);
  const [alert, setAlert] = React.useState<Alert>(created ? { tone: 'success', message: t('staff.created') } : null);
  const [busy, setBusy] = React.useState(false);

  const valuesOf = React.useCallback(
    (n?: NoticeEditorData): NoticeFieldsInput => ({
      title: n?.title ?? '',
      module: n?.module ?? moduleOptions[0]?.value ?? '',
      category: (n?.category ?? 'news') as NoticeCategory,
      body: n?.body ?? '',
      publishAt: n?.publishAt ?? '',
    }),
    [moduleOptions],
  );
  const form = useZodForm(() => import('@/lib/modules/publications/schemas').then((m) => m.noticeFieldsSchema), { defaultValues: valuesOf(notice) });
  const { register, formState, handleSubmit } = form;
  const e = formState.errors;
  const dirty = formState.isDirty;

  const onSubmit = handleSubmit(async () => {
    setAlert(null);
    const values = form.getValues();
    if (current) {
      const r = await updateNoticeAction({ ...values, id: current.id });
      if (!r.ok) return setAlert({ tone: 'danger', message: applyServerErrors(form, r) });
      setCurrent(r.data);
      form.reset(valuesOf(r.data));
      setAlert({ tone: 'success', message: t('form.saved') });
      router.refresh();
    } else {
      const r = await createNoticeAction(values);
      if (!r.ok) return setAlert({ tone: 'danger', message: applyServerErrors(form, r) });
      router.push(`/staff/notices/${r.data.id}/edit?created=1`);
    }
  });

  async function step(kind: 'publish' | 'unpublish') {
    if (!current) return;
    setAlert(null);
    setBusy(true);
    try {
      const r = kind === 'publish' ? await publishNoticeAction({ id: current.id }) : await unpublishNoticeAction({ id: current.id });
      if (!r.ok) return setAlert({ tone: 'danger', message: r.message });
      setCurrent(r.data);
      form.reset(valuesOf(r.data));
      setAlert({ tone: 'success', message: t(kind === 'publish' ? 'actions.published' : 'actions.unpublished') });
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!current) return;
    setAlert(null);
    setBusy(true);
    const r = await deleteNoticeAction({ id: current.id });
    if (!r.ok) {
      setBusy(false);
      return setAlert({ tone: 'danger', message: r.message });
    }
    router.push('/staff/notices?deleted=1');
  }

  const when = current?.publishedAt ? format.dateTime(new Date(current.publishedAt), 'datetime') : null;
  const title = current?.title ?? '';

  return (
    <div className="flex flex-col gap-5">
      {current && (
        <section aria-label={t('form.statusLabel')} className="flex flex-wrap items-center gap-3 rounded-md border border-border bg-muted/40 px-3 py-2" data-testid="notice-status">
          <Badge tone={statusTone[current.status]}>{t(`status.${current.status}`)}</Badge>
          <span className="text-sm text-muted-foreground">
            {current.status === 'published' && when ? t('form.publishedOn', { time: when }) : current.status === 'scheduled' && when ? t('form.scheduledFor', { time: when }) : t('form.draftNote')}
          </span>
          <span className="ml-auto flex flex-wrap gap-2">
            {current.status !== 'published' && (
              <ConfirmDialog
                danger={false}
                trigger={
                  <HydratedButton type="button" size="sm" disabled={busy || dirty}>
                    <Send className="h-4 w-4" aria-hidden />
                    {t('actions.publishNow')}
                  </HydratedButton>
                }
                title={t('actions.publishTitle', { title })}
                description={t('actions.publishBody')}
                confirmLabel={t('actions.publishNow')}
                cancelLabel={t('actions.cancel')}
                onConfirm={() => step('publish')}
              />
            )}
            {current.status !== 'draft' && (
              <ConfirmDialog
                trigger={
                  <HydratedButton type="button" size="sm" variant="outline" disabled={busy || dirty}>
                    <Undo2 className="h-4 w-4" aria-hidden />
                    {t('actions.unpublish')}
                  </HydratedButton>
                }
                title={t('actions.unpublishTitle', { title })}
                description={t('actions.unpublishBody')}
                confirmLabel={t('actions.unpublish')}
                cancelLabel={t('actions.cancel')}
                onConfirm={() => step('unpublish')}
              />
            )}
            {current.status === 'published' && (
              <Button asChild size="sm" variant="outline">
                <Link href={`/notices/${current.id}`} target="_blank">
                  <ExternalLink className="h-4 w-4" aria-hidden />
                  {t('actions.viewPublic')}
                </Link>
              </Button>
            )}
            <ConfirmDialog
              trigger={
                <HydratedButton type="button" size="sm" variant="outline" className="text-danger" disabled={busy}>
                  <Trash2 className="h-4 w-4" aria-hidden />
                  {t('actions.delete')}
                </HydratedButton>
              }
              title={t('actions.deleteTitle', { title })}
              description={t('actions.deleteBody')}
              confirmLabel={t('actions.delete')}
              cancelLabel={t('actions.cancel')}
              onConfirm={remove}
            />
          </span>
          {dirty && current.status !== 'published' && <p className="w-full text-xs text-muted-foreground">{t('actions.saveFirst')}</p>}
        </section>
      )}

      {alert && <FormAlert tone={alert.tone} message={alert.message} />}

      <form method="post" {...form.preloadProps} onSubmit={onSubmit} noValidate className="flex flex-col gap-4" data-testid="notice-form">
        <Field id="notice-title" label={t('form.title')} required error={e.title?.message}>
          <Input maxLength={TITLE_MAX} {...register('title')} />
        </Field>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field id="notice-module" label={t('form.module')} error={e.module?.message}>
            <Select {...register('module')}>
              {moduleOptions.map((o) => (
                <option key={o.value || 'platform'} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="notice-category" label={t('form.category')} error={e.category?.message}>
            <Select {...register('category')}>
              {NOTICE_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`category.${c}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="notice-publish-at" label={t('form.publishAt')} hint={t('form.publishAtHint')} error={e.publishAt?.message}>
            <Input type="datetime-local" {...register('publishAt')} />
          </Field>
        </div>
        <Field id="notice-body" label={t('form.body')} hint={t('form.bodyHint')} error={e.body?.message}>
          <textarea
            rows={14}
            maxLength={BODY_MAX}
            className="w-full rounded-md border border-border bg-white px-3 py-2 text-sm leading-6 focus-visible:outline-2 focus-visible:outline-primary aria-[invalid=true]:border-danger"
            {...register('body')}
          />
        </Field>
        <div className="flex gap-2">
          <HydratedButton type="submit" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? t('form.saving') : t('form.save')}
          </HydratedButton>
        </div>
      </form>

      {current ? (
        <NoticeAttachments noticeId={current.id} initial={current.attachments} />
      ) : (
        <p className="text-sm text-muted-foreground" data-testid="attachments-after-save">
          {t('attachments.saveFirst')}
        </p>
      )}
    </div>
  );
}
