import { Award, BadgeCheck, Banknote, Building2, CalendarClock, ClipboardList, CreditCard, FileStack, FlaskConical, FolderOpen, GraduationCap, IdCard, Inbox, Megaphone, Scale, ScrollText, Settings2, UsersRound, type LucideIcon } from 'lucide-react';
import type { NavIcon } from '@/lib/platform/manifest';

/** The icons manifests name (lib/platform/manifest.ts NavIcon), for the portal and staff shells. */
export const NAV_ICONS: Record<NavIcon, LucideIcon> = {
  award: Award,
  badgeCheck: BadgeCheck,
  banknote: Banknote,
  building: Building2,
  calendar: CalendarClock,
  clipboard: ClipboardList,
  creditCard: CreditCard,
  fileStack: FileStack,
  flask: FlaskConical,
  folder: FolderOpen,
  graduation: GraduationCap,
  idCard: IdCard,
  inbox: Inbox,
  megaphone: Megaphone,
  scale: Scale,
  scroll: ScrollText,
  settings: Settings2,
  users: UsersRound,
};
