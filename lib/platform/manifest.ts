import type { Db } from '@/db';
import type { Actor } from './auth/actor';
import { registerCertificateType, type CertificateTypeDef } from './certificates/registry';
import type { DashboardPanelCtx, DashboardPanels, DashboardSection } from './dashboard-panels';
import { can } from './auth/permissions';
import type { SlotSpec } from './documents/slots';
import { registerPersonalSlots } from './documents/slots';
import { registerEmailPreviews, type EmailPreview } from './email/previews';
import { registerJob, type JobDef } from './jobs';
import { isModuleKey, type ModuleKey } from './modules';
import { onOrderCancelled, onOrderPaid, onOrderRefunded, type OrderCancelledInfo, type OrderHandler, type OrderPaidInfo, type OrderRefundedInfo } from './payments/hooks';
import { registerPdfTemplate, type AnyPdfTemplate } from './pdf/registry';
import { registerSettingDefaults } from './settings';
import { registerVerifier, type Verifier } from './verify';
import type { AnyKind } from './workflow/define';
import { registerKind } from './workflow/registry';

/**
 * What a module contributes to the platform, declared once in its folder
 * (`lib/modules/<m>/index.ts`) and registered at boot by the composition root
 * (`lib/modules/index.ts`). The platform never imports a module: it only reads
 * what was registered here.
 */

/** Icons the shells know by name (components/layout/icons.ts maps them to lucide icons). */
export type NavIcon =
  | 'award'
  | 'building'
  | 'calendar'
  | 'clipboard'
  | 'creditCard'
  | 'fileStack'
  | 'flask'
  | 'folder'
  | 'graduation'
  | 'idCard'
  | 'inbox'
  | 'megaphone'
  | 'scale'
  | 'scroll'
  | 'settings'
  | 'users'
  | 'badgeCheck'
  | 'banknote';

/** One navigation entry of the portal or the staff console. `label` is a message key. */
export type NavEntry = {
  href: string;
  label: string;
  icon: NavIcon;
  /** Shown only when this holds (the server refuses regardless). Omitted: always. */
  visible?: (actor: Actor) => boolean;
  /** Lower first; entries without an order keep their registration order after ordered ones. */
  order?: number;
};

/** What a payment subject's orders mean to its module (run inside the payment layer's transaction). */
export type PaymentSubject = {
  type: string;
  onPaid?: OrderHandler<OrderPaidInfo>;
  onCancelled?: OrderHandler<OrderCancelledInfo>;
  onRefunded?: OrderHandler<OrderRefundedInfo>;
};

/**
 * A panel of a module's portal home, as data (the generic page renders it).
 * Labels are already translated by the module's `t`.
 */
export type HomePanel = {
  title: string;
  /** Main call to action (e.g. 新建申请). */
  action?: { href: string; label: string };
  /**
   * Something the account must see first (a warning, a suspension, a deadline),
   * shown above the rest of the panel in its tone, with what to do about it.
   */
  alert?: { tone: 'info' | 'warning' | 'danger'; title: string; body?: string; details?: Array<{ label: string; value: string }>; action?: { href: string; label: string }; testId?: string };
  /** What the account holds (business fields, membership, certificates …), each a badge. */
  holdings?: { title: string; empty: string; items: Array<{ label: string; detail?: string; tone?: 'neutral' | 'info' | 'warning' | 'success' | 'danger' }> };
  /** Applications in flight or decided, linked to their pages. */
  applications?: { title: string; items: Array<{ id: string; number: string; kind: string; status: string; href?: string }> };
  /** Further entries (each flow the module offers). */
  links?: Array<{ href: string; label: string; description?: string }>;
  testId?: string;
};

export type PortalCtx = { db: Db; actor: Actor; t: (key: string, values?: Record<string, string | number>) => string };
export type PortalHome = (ctx: PortalCtx) => Promise<HomePanel[]>;

/**
 * Something the applicant has in flight that is not an engine application (an
 * exam registration …), for 我的申请 and 我的任务 beside the engine's.
 * Labels are already translated.
 */
export type ApplicantItem = {
  key: string;
  kindLabel: string;
  number: string;
  statusLabel: string;
  tone: 'neutral' | 'info' | 'warning' | 'success' | 'danger';
  updatedAt: Date;
  dueAt: Date | null;
  href: string;
  /** The applicant must act (a to-do in 我的任务); `nextStep` says what. */
  todo: boolean;
  nextStep?: string;
};

/**
 * Work a module wants done on a schedule (module B's overdue annual reviews …).
 * Every app instance runs every task (boot, `startPeriodic`): a task must be
 * safe to run concurrently and repeatedly — claim each piece of work with a
 * conditional write (INSERT … ON CONFLICT DO NOTHING, UPDATE … WHERE), never
 * a leader election.
 */
export type PeriodicTask = {
  /** Unique across modules (logged, and the key of the loop). */
  name: string;
  /** Seconds between runs on one instance. */
  intervalSeconds: number;
  /** First run after start (default 30 s). */
  firstDelayMs?: number;
  run: (db: Db, now: Date) => Promise<unknown>;
};

export type ModuleManifest = {
  /** A business module key (lib/platform/modules.ts) or a cross-module area ('account', 'publications' …). */
  key: string;
  kinds?: readonly AnyKind[];
  /** Slots of a person's own files (ID photos …). */
  personalSlots?: readonly SlotSpec[];
  paymentSubjects?: readonly PaymentSubject[];
  pdfTemplates?: readonly AnyPdfTemplate[];
  /** Certificate types the module issues (member certificate, personnel certificate …) into the platform's registry. */
  certificateTypes?: readonly CertificateTypeDef[];
  /** Outbox jobs, each with its typed payload (`defineJob(jobType(type, schema), handler)`). */
  jobs?: readonly JobDef[];
  /** The module's email templates, listed on the staff preview page (`emailPreview(...)`). */
  emailTemplates?: readonly EmailPreview[];
  /** Tasks run periodically on every instance (see PeriodicTask). */
  periodic?: readonly PeriodicTask[];
  /** Public /verify/<number or token> lookups for the documents this module prints. */
  verifiers?: readonly Verifier[];
  /** Shipped values of the module's site settings (the seed writes them; getSetting falls back to them). */
  defaultSettings?: Readonly<Record<string, unknown>>;
  portal?: { home?: PortalHome; nav?: readonly NavEntry[]; items?: (ctx: PortalCtx) => Promise<ApplicantItem[]> };
  staff?: { nav?: readonly NavEntry[] };
  /** The top-level message namespaces (messages/<locale>/*.json) this module owns. */
  messages?: readonly string[];
  /**
   * Forced-reading notices the module shows (keys of the `notice.<key>` site
   * settings, e.g. 'membership.apply'): staff of the module edit their text and
   * reading time at /staff/reading-notices.
   */
  readingNotices?: readonly { key: string; module: ModuleKey }[];
  /**
   * The module's figures on the staff dashboard (/staff): a section of panels
   * from its own read model, each rendered as an accessible chart with its data
   * table, linked to the lists behind it and exported through the audited
   * dashboard export. Return null when the actor may not see them.
   */
  dashboardPanels?: DashboardPanels;
};

type Registry = { modules: Map<string, ModuleManifest> };
const g = globalThis as unknown as { __accreditModules?: Registry };
const registry: Registry = (g.__accreditModules ??= { modules: new Map() });

/**
 * Registers a module's contributions with every platform registry. Idempotent
 * by key: registering a module again (another bundle of the same process, a
 * hot reload) replaces what it registered before.
 */
export function registerModule(m: ModuleManifest): void {
  for (const kind of m.kinds ?? []) registerKind(kind);
  if (m.personalSlots?.length) registerPersonalSlots(m.personalSlots);
  for (const s of m.paymentSubjects ?? []) {
    if (s.onPaid) onOrderPaid(s.type, s.onPaid);
    if (s.onCancelled) onOrderCancelled(s.type, s.onCancelled);
    if (s.onRefunded) onOrderRefunded(s.type, s.onRefunded);
  }
  for (const t of m.pdfTemplates ?? []) registerPdfTemplate(t);
  for (const c of m.certificateTypes ?? []) registerCertificateType(c);
  for (const job of m.jobs ?? []) registerJob(job);
  for (const v of m.verifiers ?? []) registerVerifier(v);
  if (m.emailTemplates?.length) registerEmailPreviews(m.emailTemplates);
  if (m.defaultSettings) registerSettingDefaults(m.key, m.defaultSettings);
  registry.modules.set(m.key, m);
}

export function registeredModules(): ModuleManifest[] {
  return [...registry.modules.values()];
}

export function moduleManifest(key: string): ModuleManifest | undefined {
  return registry.modules.get(key);
}

function navOf(entries: Array<NavEntry>, actor: Actor): NavEntry[] {
  const visible = entries.filter((e) => !e.visible || e.visible(actor));
  return visible.map((e, i) => ({ e, i })).sort((a, b) => (a.e.order ?? 1000) - (b.e.order ?? 1000) || a.i - b.i).map((x) => x.e);
}

/** The staff console's module entries this actor may see. */
export function staffNav(actor: Actor): NavEntry[] {
  return navOf(registeredModules().flatMap((m) => [...(m.staff?.nav ?? [])]), actor);
}

/** The portal's module entries (besides each module's home) this actor may see. */
export function portalNav(actor: Actor): NavEntry[] {
  return navOf(registeredModules().flatMap((m) => [...(m.portal?.nav ?? [])]), actor);
}

/** The applicant's items of every module that contributes some (and that this account may use), newest first. */
export async function applicantItems(ctx: PortalCtx): Promise<ApplicantItem[]> {
  const lists = await Promise.all(
    registeredModules()
      .filter((m) => m.portal?.items && (!isModuleKey(m.key) || can(ctx.actor, { action: 'module.use', module: m.key })))
      .map((m) => m.portal!.items!(ctx)),
  );
  return lists.flat().sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
}

/** Every registered module's periodic tasks; a name declared twice is a start error. */
export function periodicTasks(): PeriodicTask[] {
  const tasks = registeredModules().flatMap((m) => [...(m.periodic ?? [])]);
  const names = tasks.map((t) => t.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new Error(`periodic task ${twice} is declared twice`);
  return tasks;
}

/** A module's portal home panels for this actor (none when the module declares no home). */
export async function portalHomePanels(moduleKey: string, ctx: Parameters<PortalHome>[0]): Promise<HomePanel[]> {
  const home = registry.modules.get(moduleKey)?.portal?.home;
  return home ? home(ctx) : [];
}

/**
 * The dashboard sections of every module that contributes some (the module
 * filter keeps one), each with its module key. Panels are computed for this
 * actor by the module, which returns null for an actor it shows nothing.
 */
export async function dashboardSections(ctx: DashboardPanelCtx, module?: string): Promise<Array<DashboardSection & { module: string }>> {
  const mods = registeredModules().filter((m) => m.dashboardPanels && (!module || m.key === module));
  const out = await Promise.all(mods.map(async (m) => ({ module: m.key, section: await m.dashboardPanels!(ctx) })));
  return out.filter((o) => o.section).map((o) => ({ ...o.section!, module: o.module }));
}

