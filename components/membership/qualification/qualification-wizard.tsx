'use client';
import * as React from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Trash2, UserPlus } from 'lucide-react';
import { Field, FormAlert } from '@/components/forms/field';
import { UploadField } from '@/components/forms/upload-field';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Select } from '@/components/ui/input';
import { Table, Td, Th } from '@/components/ui/table';
import { qualificationEditPath } from '@/lib/modules/membership/qualification/constants';
import type { ShownQualificationModel } from './shown-model';
import type { QualificationFormInput } from '@/lib/modules/membership/qualification/schemas';
import type { DocumentSummary } from '@/lib/platform/documents/schemas';
import { createApplicationAction } from '@/lib/platform/workflow/actions/create-application';
import { fireTransitionAction } from '@/lib/platform/workflow/actions/fire-transition';
import { saveDraftAction } from '@/lib/platform/workflow/actions/save-draft';
import { cn } from '@/lib/utils';
import { RequirementHints } from './requirement-hints';

type Step = 1 | 2 | 3;

/**
 * The qualification form of every variant (资质申请, 年审, 晋级, 降级, 到期换证),
 * in the seed's three steps: 1 the company's basic data (read-only; changed
 * through 信息变更) and the level; 2 technical staff from the roster, each with
 * their documents, under the level's live staff hints; 3 the review materials,
 * then submit. A new application becomes a draft at the first 下一步 (files
 * belong to an application); drafts and returned ones are saved at every step;
 * a submitted one (before 接收) is changed by 提交修改 at the end.
 */
export function QualificationWizard({ model, initialStep, infoChangeHref }: { model: ShownQualificationModel; initialStep: Step; infoChangeHref: string }) {
  const t = useTranslations('qualification');
  const tGrade = useTranslations('membership.staffGrades');
  const router = useRouter();
  const app = model.app;
  const [step, setStep] = React.useState<Step>(app ? initialStep : 1);
  const [version, setVersion] = React.useState(app?.version);
  const [busy, setBusy] = React.useState(false);
  const [alert, setAlert] = React.useState<{ tone: 'danger' | 'success' | 'info'; message: string }>();
  const [staffDocs, setStaffDocs] = React.useState<DocumentSummary[]>(model.staffDocuments);
  const [pick, setPick] = React.useState('');
  const form = useZodForm(() => import('@/lib/modules/membership/qualification/schemas').then((m) => m.qualificationFormSchema), { defaultValues: model.values as QualificationFormInput });
  const levelId = form.watch('levelId');
  const staff = form.watch('staff') ?? [];
  const level = model.levels.find((l) => l.id === levelId) ?? null;
  const people = staff.map((p) => ({ ...p, person: model.roster.find((r) => r.id === p.staffId) }));
  const available = model.roster.filter((r) => !staff.some((p) => p.staffId === r.id));
  const savesDrafts = !app || app.status === 'draft' || app.status === 'returned';

  const setStaff = (next: (list: QualificationFormInput['staff']) => QualificationFormInput['staff']) =>
    form.setValue('staff', next(form.getValues('staff') ?? []), { shouldDirty: true });

  /** Stores the form as it is (drafts, returned); a submitted application keeps it here until 提交修改. */
  const persist = async (): Promise<string | null> => {
    const data = form.getValues() as unknown as Record<string, unknown>;
    if (!app) {
      const r = await createApplicationAction({ kind: model.kind, data: { levelId: data.levelId, staff: [] }, mode: 'draft' });
      if (!r.ok) {
        setAlert({ tone: 'danger', message: r.message });
        return null;
      }
      router.push(qualificationEditPath(r.data.id, 2));
      return r.data.id;
    }
    if (!savesDrafts) return app.id;
    const r = await saveDraftAction({ applicationId: app.id, data, version });
    if (!r.ok) {
      setAlert({ tone: 'danger', message: r.message });
      return null;
    }
    setVersion(r.data.version);
    return app.id;
  };

  const go = async (to: Step) => {
    setAlert(undefined);
    if (to > step && step === 1 && !(await form.trigger('levelId'))) return;
    setBusy(true);
    const id = await persist();
    setBusy(false);
    if (!id || !app) return;
    setStep(to);
    // A reload (or a refresh after an upload) comes back to this step.
    window.history.replaceState(null, '', qualificationEditPath(app.id, to));
    window.scrollTo({ top: 0 });
  };

  const save = async () => {
    setAlert(undefined);
    setBusy(true);
    const id = await persist();
    setBusy(false);
    if (id) setAlert({ tone: 'success', message: t('form.saved') });
  };

  const submit = form.handleSubmit(
    async (values) => {
      if (!app) return;
      setAlert(undefined);
      setBusy(true);
      const r = await fireTransitionAction({ applicationId: app.id, event: model.submitEvent, data: values as unknown as Record<string, unknown>, version });
      setBusy(false);
      if (!r.ok) return setAlert({ tone: 'danger', message: applyServerErrors(form, r) });
      router.push(`/portal/applications/${app.id}`);
    },
    // Invalid in the browser: say what, whichever step holds the field.
    (errors) => {
      const first = errors.levelId?.message ?? errors.staff?.message ?? errors.staff?.root?.message ?? (errors.staff ? t('form.staffInvalid') : undefined);
      setAlert({ tone: 'danger', message: String(first ?? t('form.invalid')) });
    },
  );

  // A person's files: the field shows only theirs; a new upload is recorded as theirs, a replaced one swapped.
  const onUploaded = (staffId: string) => (doc: DocumentSummary, replacedId: string | null) =>
    setStaff((list) => list.map((p) => (p.staffId === staffId ? { ...p, documentIds: [...(p.documentIds ?? []).filter((id) => id !== replacedId), doc.id] } : p)));
  // After any change of the slot, files no longer current (deleted, replaced) leave their owner.
  const onStaffDocs = (docs: DocumentSummary[]) => {
    setStaffDocs(docs);
    const current = new Set(docs.filter((d) => d.status === 'current').map((d) => d.id));
    setStaff((list) => list.map((p) => ({ ...p, documentIds: (p.documentIds ?? []).filter((id) => current.has(id)) })));
  };

  const addPerson = () => {
    if (!pick) return;
    setStaff((list) => [...list, { staffId: pick, documentIds: [] }]);
    setPick('');
  };

  const stepNames = [t('form.steps.basic'), t('form.steps.staff'), t('form.steps.materials')];
  const submitLabel = model.submitEvent === 'amend' ? t('form.amend') : model.submitEvent === 'resubmit' ? t('form.resubmit') : t('form.submit');
  const staffError = (i: number) => {
    const e = form.formState.errors.staff?.[i];
    return (e?.staffId?.message ?? e?.documentIds?.message) as string | undefined;
  };

  return (
    <form method="post" {...form.preloadProps} noValidate onSubmit={(e) => void submit(e)} className="flex flex-col gap-5" data-testid="qualification-form">
      <ol className="flex flex-wrap gap-2" aria-label={t('form.stepOf', { step })}>
        {stepNames.map((name, i) => (
          <li
            key={name}
            aria-current={step === i + 1 ? 'step' : undefined}
            className={cn('rounded-full border px-3 py-1 text-sm', step === i + 1 ? 'border-primary bg-primary text-white' : step > i + 1 ? 'border-primary text-primary' : 'border-slate-300 text-slate-500')}
          >
            {i + 1}. {name}
          </li>
        ))}
      </ol>

      {model.refusal && <FormAlert tone="danger" message={t('form.refused', { reason: t(`errors.${model.refusal.key}`, model.refusal.params ?? {}) })} />}
      {model.returnOpinion && <FormAlert tone="info" message={t('form.returnedNote', { opinion: model.returnOpinion })} />}
      {app?.status === 'submitted' && <FormAlert tone="info" message={t('form.amendNote')} />}

      {step === 1 && (
        <section className="flex flex-col gap-4" aria-label={stepNames[0]}>
          <div className="rounded-md border border-border p-4">
            <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
              <h2 className="border-l-4 border-primary pl-2 text-sm font-semibold">{t('form.companyTitle')}</h2>
              <Link href={infoChangeHref} className="text-sm text-primary hover:underline">
                {t('form.infoChange')}
              </Link>
            </div>
            <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2" data-testid="company-basic">
              {(
                [
                  ['companyName', model.company?.name],
                  ['creditCode', model.company?.creditCode],
                  ['legalRepresentative', model.company?.legalRepresentative],
                  ['contact', [model.company?.contactName, model.company?.contactPhone].filter(Boolean).join(' ')],
                  ['address', model.company?.address],
                ] as const
              ).map(([k, v]) => (
                <div key={k} className={cn('flex flex-col', k === 'address' && 'sm:col-span-2')}>
                  <dt className="text-xs text-muted-foreground">{t(`summary.${k}`)}</dt>
                  <dd>{v || '—'}</dd>
                </div>
              ))}
            </dl>
            <p className="mt-3 text-xs text-muted-foreground">{t('form.companyReadonly')}</p>
          </div>

          {model.current && (
            <div className="rounded-md border border-border p-4 text-sm" data-testid="current-qualification">
              <h2 className="mb-2 border-l-4 border-primary pl-2 font-semibold">{t('form.currentTitle')}</h2>
              <p>
                {t('portal.level')}：{model.current.levelName} · {t('portal.certificate')}：{model.current.certificateNumber ?? '—'} · {t('portal.validUntil')}：{model.current.validUntil} · {t('portal.reviewDue')}：{model.current.reviewDueOn}
              </p>
            </div>
          )}

          {model.levels.length === 0 ? (
            <FormAlert tone="info" message={t('form.noLevels')} />
          ) : (
            <Field id="levelId" label={t('form.level')} required hint={model.variant === 'annualReview' || model.variant === 'renewal' ? t('form.levelFixed') : undefined} error={form.formState.errors.levelId?.message as string | undefined}>
              <Select {...form.register('levelId')}>
                <option value="">{t('form.levelPlaceholder')}</option>
                {model.levels.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          {level?.description && (
            <p className="text-sm text-muted-foreground">
              {t('form.levelDescription')}：{level.description}
            </p>
          )}
          {level && <RequirementHints level={level} grades={people.flatMap((p) => (p.person ? [p.person.grade] : []))} />}
        </section>
      )}

      {step === 2 && app && (
        <section className="flex flex-col gap-4" aria-label={stepNames[1]}>
          <RequirementHints level={level} grades={people.flatMap((p) => (p.person ? [p.person.grade] : []))} />
          <div className="flex flex-wrap items-end gap-2">
            {available.length > 0 ? (
              <>
                <Field id="pick-staff" label={t('form.pick')}>
                  <Select value={pick} onChange={(e) => setPick(e.target.value)} className="min-w-72">
                    <option value="">{t('form.pickPlaceholder')}</option>
                    {available.map((r) => (
                      <option key={r.id} value={r.id}>
                        {`${r.name}（${tGrade(r.grade)}${r.title ? ` · ${r.title}` : ''}）`}
                      </option>
                    ))}
                  </Select>
                </Field>
                <HydratedButton type="button" variant="outline" disabled={!pick} onClick={addPerson}>
                  <UserPlus className="h-4 w-4" aria-hidden />
                  {t('form.add')}
                </HydratedButton>
              </>
            ) : (
              <p className="text-sm text-muted-foreground">{model.roster.length ? t('form.allAdded') : t('form.emptyRoster')}</p>
            )}
          </div>

          {people.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t('form.noStaff')}</p>
          ) : (
            <Table stack data-testid="attached-staff">
              <thead>
                <tr>
                  <Th>{t('form.name')}</Th>
                  <Th>{t('form.grade')}</Th>
                  <Th>{t('form.certificates')}</Th>
                  <Th>{t('form.documents')}</Th>
                  <Th>
                    <span className="sr-only">{t('form.remove')}</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {people.map((p, i) => (
                  <tr key={p.staffId} data-person={p.person?.name ?? p.staffId} className="align-top">
                    <Td label={t('form.name')}>
                      <div className="font-medium">{p.person?.name ?? '—'}</div>
                      <div className="font-mono text-xs text-muted-foreground">{p.person?.idMasked}</div>
                    </Td>
                    <Td label={t('form.grade')} className="whitespace-nowrap">
                      {p.person ? tGrade(p.person.grade) : '—'}
                      {p.person?.title && <div className="text-xs text-muted-foreground">{p.person.title}</div>}
                    </Td>
                    <Td label={t('form.certificates')} className="text-xs">{p.person?.certificates.map((c) => `${c.name}${c.number ? ` ${c.number}` : ''}`).join('；') || '—'}</Td>
                    <Td label={t('form.documents')} className="min-w-72">
                      <UploadField
                        slot={{ ...model.staffSlot, label: t('form.documentsOf', { name: p.person?.name ?? '' }), required: true }}
                        applicationId={app.id}
                        initialDocuments={staffDocs}
                        only={p.documentIds ?? []}
                        onUploaded={onUploaded(p.staffId)}
                        onDocumentsChange={onStaffDocs}
                        phone={false}
                      />
                      {staffError(i) && <p className="mt-1 text-sm text-danger">{staffError(i)}</p>}
                    </Td>
                    <Td>
                      <ConfirmDialog
                        trigger={
                          <Button type="button" variant="ghost" size="sm" aria-label={`${t('form.remove')} ${p.person?.name ?? ''}`}>
                            <Trash2 className="h-4 w-4" aria-hidden />
                            {t('form.remove')}
                          </Button>
                        }
                        title={t('form.removeTitle')}
                        description={t('form.removeConfirm', { name: p.person?.name ?? '' })}
                        confirmLabel={t('form.remove')}
                        cancelLabel={t('form.cancel')}
                        onConfirm={() => setStaff((list) => list.filter((x) => x.staffId !== p.staffId))}
                      />
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </section>
      )}

      {step === 3 && app && (
        <section className="flex flex-col gap-4" aria-label={stepNames[2]}>
          <p className="text-sm text-muted-foreground">{t('form.materialsIntro')}</p>
          {level && (
            <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-700" data-testid="required-materials">
              {level.materials.length
                ? t('form.requiredMaterials', { level: level.name, materials: level.materials.map((m) => t(`slots.${m}`)).join('、') })
                : t('form.noRequiredMaterials', { level: level.name })}
            </p>
          )}
          {model.materials.map(({ slot, documents }) => (
            <UploadField key={slot.key} slot={{ ...slot, required: !!(level?.materials as readonly string[] | undefined)?.includes(slot.key) }} applicationId={app.id} initialDocuments={documents} />
          ))}
        </section>
      )}

      <FormAlert tone={alert?.tone} message={alert?.message} />
      <div className="flex flex-wrap gap-2">
        {step > 1 && (
          <HydratedButton type="button" variant="outline" disabled={busy} onClick={() => void go((step - 1) as Step)}>
            {t('form.previous')}
          </HydratedButton>
        )}
        {app && savesDrafts && (
          <HydratedButton type="button" variant="outline" disabled={busy} onClick={() => void save()}>
            {t('form.save')}
          </HydratedButton>
        )}
        {step < 3 ? (
          <HydratedButton type="button" disabled={busy || model.levels.length === 0} onClick={() => void go((step + 1) as Step)}>
            {t('form.next')}
          </HydratedButton>
        ) : (
          <ConfirmDialog
            trigger={
              <HydratedButton type="button" disabled={busy}>
                {submitLabel}
              </HydratedButton>
            }
            title={t('form.submitTitle')}
            description={t('form.submitConfirm')}
            confirmLabel={t('form.confirm')}
            cancelLabel={t('form.cancel')}
            danger={false}
            onConfirm={() => submit()}
          />
        )}
      </div>
    </form>
  );
}
