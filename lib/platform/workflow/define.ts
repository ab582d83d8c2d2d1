import type { z } from 'zod';
import type { DbOrTx } from '@/db';
import type { Application } from '@/db/schema';
import type { Actor, StaffRole } from '../auth/actor';
import type { ModuleKey } from '../modules';

/**
 * An application kind is declared once: its form schema, states, the progress
 * rail, transitions (who may fire each, guards, required documents, effects)
 * and due dates. The engine (engine.ts) is the only code that moves states.
 *
 * Labels are message keys under `workflow.kinds.<kind key>` (states, steps,
 * actions), so a definition holds no display text.
 */
export type Tone = 'neutral' | 'info' | 'warning' | 'success' | 'danger';

export type StateDef = {
  tone: Tone;
  /** The applicant may edit the form data in this state (draft, returned for changes …). */
  applicantEditable?: boolean;
  /** No transition leaves this state. */
  final?: boolean;
  /** Someone must act within this many days of entering the state. */
  due?: { days: number };
  /** Staff do not see applications in this state (e.g. a pre-application before its email is verified). */
  hiddenFromStaff?: boolean;
  /** Whose to-do this state is (my tasks). Omitted: nobody's. */
  waitingFor?: 'applicant' | { staff: readonly StaffRole[] };
};

/** Who may fire a transition. `system` transitions are fired by domain code (token links, jobs), never by a request. */
export type Firer = 'applicant' | 'system' | { staff: readonly StaffRole[] };

export type TransitionCtx<D> = {
  tx: DbOrTx;
  /** The application after the state change (status = to). */
  app: Application & { data: D };
  from: string;
  actor: Actor;
  opinion: string | null;
  locale: 'zh-CN' | 'en';
};

export type TransitionDef<S extends string, D> = {
  from: readonly S[];
  to: S;
  by: Firer;
  /** Whether the actor must (or may) give an opinion (审核意见 / reason). */
  opinion?: 'required' | 'optional';
  /** The transition carries new form data (submit, resubmit), validated with the kind's schema. */
  takesData?: boolean;
  /** Extra checks before the state moves (dates, counts, windows): throw an AppError to refuse. */
  guard?: (ctx: { tx: DbOrTx; app: Application & { data: D }; actor: Actor }) => Promise<void> | void;
  /** Document slots that must hold a current file before this transition. */
  requiredSlots?: readonly string[];
  /** Shown to staff as a dangerous (red) action with a confirmation. */
  destructive?: boolean;
  /**
   * Side effects, inside the same transaction as the state change: outbox
   * emails/SMS, accounts, profile updates. A throw rolls everything back.
   */
  effects?: (ctx: TransitionCtx<D>) => Promise<void>;
};

export type StepDef<S extends string> = { key: string; states: readonly S[] };

/** A labelled value of the submitted data, for review pages, lists and exports. */
export type SummaryField = { label: string; value: string | string[] | null | undefined; wide?: boolean };
export type SummarySection = { title: string; fields: SummaryField[] };

export type KindDef<K extends string, S extends string, T extends string, D> = {
  key: K;
  module: ModuleKey;
  /** Application numbers: prefix + 4-digit year + 6-digit sequence. */
  numberPrefix: string;
  schema: z.ZodType<D>;
  states: Record<S, StateDef>;
  initial: S;
  /** The progress rail: each step lights up once the application reaches one of its states. */
  steps: readonly StepDef<S>[];
  transitions: Record<T, TransitionDef<S, D>>;
  /** The applicant's display name and contact email from the form data. */
  applicantOf: (data: D) => { name: string; email?: string | null };
  /** The submitted data as labelled sections (labels are already translated by the caller's `t`). */
  summary: (data: D, t: (key: string) => string) => SummarySection[];
  /**
   * Checks and completes parsed form data against the database (configured
   * lists, what the applicant already holds) before it is stored by a submit;
   * throw an AppError with fieldErrors to refuse.
   */
  prepareData?: (ctx: { tx: DbOrTx; data: D; actor: Actor; app?: Application }) => Promise<D>;
  /** Transitions after which the application form is stored with the application as a PDF (the issued record). */
  issueFormOn?: readonly NoInfer<T>[];
  /** Where the applicant edits the form in an applicant-editable state. */
  editPath?: (app: Application) => string;
  /** Who starts an application: a signed-in applicant of the module, or anyone (public forms). */
  createdBy: 'applicant' | 'public';
  /** Where the applicant (or the public token holder) views the application. */
  applicantPath?: (app: Application) => string;
};

// Distributes over a union so `AnyKind` keeps each kind's own types.
export type AnyKind = KindDef<string, string, string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Declares a kind. The type parameters are inferred from the literal, so a
 * transition naming an unknown state (`to: 'aproved'`) is a compile error.
 */
export function defineKind<const K extends string, const S extends string, const T extends string, D>(def: KindDef<K, S, T, D>): KindDef<K, S, T, D> {
  for (const [name, t] of Object.entries<TransitionDef<S, D>>(def.transitions)) {
    if (def.states[t.to] === undefined) throw new Error(`${def.key}.${name}: unknown target state ${t.to}`);
    for (const s of t.from) {
      if (def.states[s] === undefined) throw new Error(`${def.key}.${name}: unknown source state ${s}`);
      if (def.states[s].final) throw new Error(`${def.key}.${name}: leaves the final state ${s}`);
    }
  }
  return def;
}

export type StateOf<Kd> = Kd extends KindDef<string, infer S, string, unknown> ? S : never;
export type EventOf<Kd> = Kd extends KindDef<string, string, infer T, unknown> ? T : never;
export type DataOf<Kd> = Kd extends KindDef<string, string, string, infer D> ? D : never;
