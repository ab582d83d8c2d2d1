import type { z } from 'zod';
import type { DbOrTx } from '@/db';
import type { Application } from '@/db/schema';
import type { Actor, StaffRole } from '../auth/actor';
import { defineSlots, type SlotSpec } from '../documents/slots';
import type { ModuleKey } from '../modules';

/**
 * An application kind is declared once: its form schema, states, the progress
 * rail, transitions (who may fire each, guards, required documents, effects)
 * and due dates. The engine (engine.ts) is the only code that moves states.
 *
 * Labels are message keys under the kind's own `messages` namespace (its
 * module's catalog: `<ns>.name`, `<ns>.states.<s>`, `<ns>.steps.<k>`,
 * `<ns>.actions.<t>`, `<ns>.slots.<slot>`), so a definition holds no display text.
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
  /**
   * The state waits for a payment: entering it creates an order for the
   * applicant (fee from configuration); the order's outcome fires the named
   * system transition of this application, in the payment's transaction.
   */
  payment?: PaymentStepDef;
};

/** A state that waits for a payment (see StateDef.payment). */
export type PaymentStepDef = {
  /** The fee in fen: a site setting key holding a number of fen, or a function of the application. */
  fee: { setting: string } | ((ctx: { tx: DbOrTx; app: Application }) => Promise<number> | number);
  /** The order's line (a message key of the kind, resolved like labels, or plain text). */
  item: string;
  /** How long the order stays payable. Default 7 days. */
  ttlMinutes?: number;
  /** Which checkout the applicant is sent to: an online cashier or a bank transfer with a screenshot. */
  method: 'online' | 'bank_transfer';
  /** System transitions fired by the order's outcome. `paid` is required; the others are optional. */
  on: { paid: string; cancelled?: string; expired?: string; refunded?: string };
};

/** Who may fire a transition. `system` transitions are fired by domain code (token links, jobs, payments), never by a request. */
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
  /**
   * The transition takes its own input (a delivery choice, a transfer phone,
   * an invitation date): validated with this schema and merged into the data
   * (under `inputKey` when given, else at the top level).
   */
  input?: z.ZodType<Record<string, unknown>>;
  inputKey?: string;
  /** Where the applicant fills this transition's input (the generic pages link there instead of showing a button). */
  formPath?: (app: Application) => string;
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
export type SummaryField = {
  label: string;
  value: string | string[] | null | undefined;
  wide?: boolean;
  /** A value that is a verdict (a requirement met or not) is shown in its colour. */
  tone?: 'success' | 'danger';
};
export type SummarySection = { title: string; fields: SummaryField[] };

export type KindDef<K extends string, S extends string, T extends string, D> = {
  key: K;
  module: ModuleKey;
  /** The message namespace of the kind's labels (e.g. `accreditation.kinds.preApplication`). */
  messages: string;
  /**
   * A namespace the kind's labels fall back to when its own lacks a key:
   * kinds built by one factory share their states, steps and actions there
   * and keep only their name (and what differs) in `messages`.
   */
  sharedMessages?: string;
  /**
   * The kind's document slots. A slot's `applicantStates` names the states in
   * which the applicant may upload, replace or delete its files (default: the
   * kind's applicant-editable states).
   */
  slots?: readonly KindSlot<S>[];
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

/** A slot of a kind: a document slot plus the states in which the applicant may change its files. */
export type KindSlot<S extends string> = SlotSpec & {
  applicantStates?: readonly S[];
  /**
   * Files of this slot are attached through the kind's own form (e.g. per
   * person, the form recording which file is whose): the generic pages list
   * them with the application's documents but offer no upload field for it.
   */
  formOnly?: boolean;
};

// Distributes over a union so `AnyKind` keeps each kind's own types.
export type AnyKind = KindDef<string, string, string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Declares a kind. The type parameters are inferred from the literal, so a
 * transition naming an unknown state (`to: 'aproved'`) is a compile error.
 */
export function defineKind<const K extends string, const S extends string, const T extends string, D>(def: KindDef<K, S, T, D>): KindDef<K, S, T, D> {
  defineSlots(def.slots ?? []);
  for (const slot of def.slots ?? []) for (const s of slot.applicantStates ?? []) if (def.states[s] === undefined) throw new Error(`${def.key}: slot ${slot.key} names the unknown state ${s}`);
  for (const [name, st] of Object.entries<StateDef>(def.states)) {
    if (!st.payment) continue;
    for (const [outcome, event] of Object.entries(st.payment.on)) {
      const t = (def.transitions as Record<string, TransitionDef<S, D> | undefined>)[event!];
      if (!t) throw new Error(`${def.key}: payment state ${name} fires the unknown transition ${event} on ${outcome}`);
      if (t.by !== 'system' || !t.from.includes(name as S)) throw new Error(`${def.key}: ${event} must be a system transition from ${name}`);
    }
  }
  for (const [name, t] of Object.entries<TransitionDef<S, D>>(def.transitions)) {
    if (t.input && t.takesData) throw new Error(`${def.key}.${name}: takes either form data or its own input, not both`);
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
